"""Which characters a face draws: its ranges, joined across faces, answer as the points would."""

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumetex import glyphs
from resumetex.glyphs import covered, joined, parse_ranges

ranges = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)).map(lambda r: (r[0], r[0] + r[1])), max_size=12)


@given(st.lists(ranges, max_size=4), st.integers(-2, 345))
def test_faces_joined_hold_a_point_when_one_face_does(faces: list[list[tuple[int, int]]], point: int) -> None:
    charset = joined(tuple(sorted(r for face in faces for r in face)))
    assert (point in charset) == any(low <= point <= high for face in faces for low, high in face)


def test_fontconfig_ranges_include_both_ends() -> None:
    assert parse_ranges("20-7e a0 4e00-9fff") == ((0x20, 0x7E), (0xA0, 0xA0), (0x4E00, 0x9FFF))


def test_the_installed_faces_draw_what_they_should() -> None:
    chinese = covered((("NotoSerifCJK-Regular.ttc", 2),))
    latin = covered((("lmroman10-regular.otf", 0),))
    assert chinese is not None and latin is not None
    assert ord("简") in chinese and ord("A") in chinese
    assert ord("é") in latin and ord("简") not in latin and ord("\U0001f600") not in latin


def test_a_face_read_without_fc_query_is_not_kept_as_having_every_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without fc-query a face's characters cannot be told (TeX reports what is missing), and
    that is not kept: a later command with fc-query reads the face's real ones."""
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path))
    which = shutil.which
    with monkeypatch.context() as without:
        without.setattr(shutil, "which", lambda name: None if name == "fc-query" else which(name))
        glyphs.charset_of.cache_clear()
        assert glyphs.charset_of("lmroman10-regular.otf", 0) == ((0, 0x10FFFF),)
    glyphs.charset_of.cache_clear()  # as a new command would
    latin = glyphs.charset_of("lmroman10-regular.otf", 0)
    assert latin is not None and not any(low <= ord("简") <= high for low, high in latin)
    glyphs.charset_of.cache_clear()
