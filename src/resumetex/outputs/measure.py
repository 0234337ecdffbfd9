"""How wide Word sets a row of the Word file, so that a date or a place that would not fit beside
its text goes whole to the right of the next line, as in the PDF. python-docx cannot ask Word.

Latin, Greek and Cyrillic text is measured with Times New Roman's advance widths (the body face
the Word file names), kept in times.json from Liberation Serif, which is made to its metrics
(tests/test_word.py checks the table against that font). An accented letter not in the table
takes its base letter's width; a wide character (Chinese, kana, full-width forms) takes an em, as
in every East Asian face Word picks for them; anything else takes three quarters of one."""

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from resumetex.glyphs import is_closed

RANGES = ((0x20, 0xFF), (0x370, 0x3FF), (0x400, 0x45F), (0x2010, 0x2044))  # as times.json holds them
FACES = ("regular", "bold", "italic", "bold italic")
UNITS = 2048  # per em
UNKNOWN = 0.75  # em: a character not in the table (wider than all but a few Latin capitals)
GAP = 1.0  # em: the least room left between a row's text and its date or place
EMU_PER_POINT = 12700

Text = list[tuple[str, str]]  # (character, the name of its face: "regular", "bold italic", ...)


@dataclass(frozen=True)
class Rows:
    """The rows of the Word file: their length (in EMU, Word's unit; their right tab stop is
    there), their type size, and whether the document is Chinese, Japanese or Korean."""

    width: int
    size: float
    east_asian: bool

    def fits(self, text: Text, aside: Text) -> bool:
        """Whether `aside` (a date, a place) fits at the right of the last line of `text`."""
        ems = self.width / EMU_PER_POINT / self.size
        room = ems - last_line(text, ems, self.east_asian)
        return sum(em_width(char, style, self.east_asian) for char, style in aside) + GAP <= room


def styled(text: str, bold: bool = False, italic: bool = False) -> Text:
    name = " ".join(part for part, on in (("bold", bold), ("italic", italic)) if on) or "regular"
    return [(char, name) for char in text]


@cache
def advances() -> dict[str, dict[int, int]]:
    """Each face's advance widths (in UNITS) by code point."""
    table = json.loads(resources.files("resumetex.outputs").joinpath("times.json").read_text(encoding="utf-8"))
    points = [point for low, high in RANGES for point in range(low, high + 1)]
    return {face: {p: w for p, w in zip(points, table[face], strict=True) if w} for face in FACES}


def em_width(char: str, style: str, east_asian: bool) -> float:
    """`char`'s width in ems, in `style` (a face's name). In an East Asian document Word sets the
    marks whose width follows the script around them (quotes, dashes, the middle dot) in the East
    Asian face, an em wide."""
    wide = unicodedata.east_asian_width(char)
    if wide in "WF" or is_closed(char) or (east_asian and wide == "A"):
        return 1.0
    widths = advances()[style]
    point = ord(char)
    if point not in widths:
        point = ord(unicodedata.normalize("NFD", char)[0])  # é as e
    return widths[point] / UNITS if point in widths else UNKNOWN


def last_line(text: Text, line: float, east_asian: bool) -> float:
    """How far into its last line `text` ends, in ems, once Word has broken it into lines `line`
    ems long, first fit."""
    at = spaces = 0.0
    for word, after in words(text, east_asian):
        if at > 0 and at + spaces + word > line:
            at = spaces = 0.0  # the word starts the next line; the spaces before it hang
        at += spaces + word
        while at > line:  # a word longer than a line is cut where it reaches the end
            at -= line
        spaces = after
    return at


def words(text: Text, east_asian: bool) -> Iterator[tuple[float, float]]:
    """The widths of what Word keeps on one line (up to a space, a hyphen, or a wide character,
    which may end a line on either side), each with the spaces after it."""
    word = spaces = 0.0
    for char, style in text:
        width = em_width(char, style, east_asian)
        wide = unicodedata.east_asian_width(char) in "WF"
        if char == " ":
            spaces += width
            continue
        if spaces or (wide and word):
            yield word, spaces
            word = spaces = 0.0
        word += width
        if char == "-" or wide:
            yield word, 0.0
            word = 0.0
    yield word, spaces
