"""--order and --hide choose and arrange sections; unknown names are usage errors."""

import pytest

from resumetex.errors import UsageError
from resumetex.model import CV, Design, Variant, all_bullets
from resumetex.selection import Cut, override_design, select_sections, select_tags, tailor


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


def titles(cv: CV) -> list[str]:
    return [getattr(e, "title", "") for s in cv.sections for e in s.entries if hasattr(e, "title")]


def bullet_count(cv: CV) -> int:
    return sum(len(all_bullets(e)) for s in cv.sections for e in s.entries)


def test_exclude_tags_drops_tagged_entries_and_bullets(seed_cv: CV) -> None:
    view = select_tags(seed_cv, drop=["detail"])
    assert "策略与奖励模型协同适应的互教学习" not in titles(view)
    assert bullet_count(view) == bullet_count(seed_cv) - 10  # the method bullets
    assert all("detail" not in b.tags for s in view.sections for e in s.entries for b in all_bullets(e))


def test_tags_keep_untagged_items_and_the_selected_ones(seed_cv: CV) -> None:
    view = select_tags(seed_cv, keep=["industry"])
    assert "策略与奖励模型协同适应的互教学习" not in titles(view)  # tagged detail only
    assert any("industry" in b.tags for s in view.sections for e in s.entries for b in all_bullets(e))
    assert "基于加权奖励偏好优化的隐式模型融合" in titles(view)  # untagged entry stays


def test_unknown_tag_lists_the_known_ones(seed_cv: CV) -> None:
    with pytest.raises(UsageError, match=r"--tags: unknown tag 'rl'; this CV has: detail, industry"):
        select_tags(seed_cv, keep=["rl"])


def test_a_cv_without_tags_or_sections_says_so(seed_cv: CV) -> None:
    """Not `this CV has: ` and nothing after it."""
    bare = seed_cv.model_copy(update={"sections": []})
    with pytest.raises(
        UsageError, match=r"tag 'rl'; this CV has: none \(an entry or a bullet takes `tags: \[...\]`\)$"
    ):
        select_tags(bare, drop=["rl"])
    with pytest.raises(UsageError, match=r"--hide: unknown section 'work'; this CV has: none$"):
        select_sections(bare, hide=["work"])


def test_variant_applies_and_flags_override_it(seed_cv: CV) -> None:
    view, _ = tailor(seed_cv, Cut(variant="research"))
    assert keys(view)[:2] == ["research", "publications"]
    assert view.design.max_pages == 2
    view, _ = tailor(seed_cv, Cut(variant="research", order=("education",), max_pages=3))
    assert keys(view)[0] == "education" and view.design.max_pages == 3
    view, _ = tailor(seed_cv, Cut(variant="onepage", exclude_tags=()))
    assert bullet_count(view) == bullet_count(seed_cv)  # the flag's empty list replaced the variant's


def test_a_variants_design_is_over_the_files_and_flags_over_it(seed_cv: CV) -> None:
    """A variant sets only what it names (the file's accent stays); --design wins over it."""
    files = seed_cv.model_copy(update={"design": seed_cv.design.model_copy(update={"accent": "#123456"})})
    letter = Variant(design=Design.model_validate({"paper": "letter", "font_size": 11}))
    cv = files.model_copy(update={"variants": {**files.variants, "us": letter}})
    view, _ = tailor(cv, Cut(variant="us"))
    assert (view.design.paper, view.design.font_size, view.design.accent) == ("letter", 11, "#123456")
    view, _ = tailor(cv, Cut(variant="us", design=(("paper", "a4"),)))
    assert (view.design.paper, view.design.font_size) == ("a4", 11)
    assert tailor(cv, Cut())[0].design.paper == "a4"


def test_unknown_variant_lists_the_known_ones(seed_cv: CV) -> None:
    with pytest.raises(UsageError, match=r"--variant: unknown variant 'short'; this CV has: onepage, research"):
        tailor(seed_cv, Cut(variant="short"))


def test_a_bad_design_setting_is_said_as_the_files_would_be(seed_cv: CV) -> None:
    with pytest.raises(UsageError) as caught:
        override_design(seed_cv, {"paper": "A4", "accent": "red"})
    assert str(caught.value).splitlines() == [
        '--design accent: "red" is not a colour; write it as #RRGGBB, e.g. #1B4F8A',
        "--design paper: unknown paper `A4`; did you mean `a4`?",
    ]
