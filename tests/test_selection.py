"""--order and --hide choose and arrange sections; unknown names are usage errors."""

import pytest

from resumetex.errors import UsageError
from resumetex.model import CV
from resumetex.selection import select_sections


def keys(cv: CV) -> list[str]:
    return [section.key for section in cv.sections]


def test_named_sections_come_first_the_rest_in_file_order(seed_cv: CV) -> None:
    view = select_sections(seed_cv, order=["publications", "research"])
    assert keys(view) == ["publications", "research", "education", "experience", "projects"]


def test_hide_leaves_sections_out(seed_cv: CV) -> None:
    assert keys(select_sections(seed_cv, hide=["education", "projects"])) == ["experience", "research", "publications"]


def test_nothing_asked_changes_nothing(seed_cv: CV) -> None:
    assert select_sections(seed_cv) == seed_cv


def test_unknown_key_lists_the_valid_ones(seed_cv: CV) -> None:
    with pytest.raises(UsageError) as caught:
        select_sections(seed_cv, order=["awards"])
    assert str(caught.value) == (
        "--order: unknown section 'awards'; this CV has: education, experience, research, projects, publications"
    )
    assert caught.value.exit_code == 2
