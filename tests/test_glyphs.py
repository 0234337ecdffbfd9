"""Which characters a face draws: its ranges, joined across faces, answer as the points would."""

from hypothesis import given
from hypothesis import strategies as st

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
