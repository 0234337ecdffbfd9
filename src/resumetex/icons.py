"""The contact icons, drawn as shapes: FontAwesome 4.7's outlines turned into PDF paths, which the
theme paints with `\\cvdefineicon`. Set as glyphs of the icon font they would reach copied text
and résumé parsers as private-use characters (U+F10B before a phone number); as paths they are
pictures, and the text layer holds only the contact itself.

The outlines are read from the installed font (fontTools) once per font file and kept beside the
render cache."""

import os
from functools import cache

from resumetex.cache import code_digest, keep_stamped, kept
from resumetex.glyphs import ICON_FONT, found_fonts

# A contact's kind → its FontAwesome 4.7 code point; any other kind gets the link icon.
ICONS = {
    "phone": 0xF10B,
    "email": 0xF0E0,
    "homepage": 0xF015,
    "website": 0xF0AC,
    "location": 0xF041,
    "github": 0xF09B,
    "gitlab": 0xF296,
    "linkedin": 0xF0E1,
    "x": 0xF099,
    "google_scholar": 0xF19D,
    "orcid": 0xF2C3,
    "researchgate": 0xF0C3,
    "zhihu": 0xF27B,
    "dblp": 0xF1C0,  # a database
    "huggingface": 0xF118,  # a smiling face, as its own
    "stackoverflow": 0xF16C,
    "leetcode": 0xF121,  # code
    "youtube": 0xF16A,
    "instagram": 0xF16D,
    "telegram": 0xF2C6,
    "imdb": 0xF2D8,
    "bilibili": 0xF26C,  # a television, as its own
    "weibo": 0xF18A,
    "wechat": 0xF1D7,
    "reddit": 0xF1A1,
    "whatsapp": 0xF232,
    "xing": 0xF168,
    "medium": 0xF23A,
    "behance": 0xF1B4,
    "dribbble": 0xF17D,
    "link": 0xF0C1,
}


def definitions(kinds: list[str]) -> list[str]:
    r"""`\cvdefineicon{kind}{width}{path}` for each kind, in ems; none when the font is missing
    (the contacts then stand without icons)."""
    shapes = outlines()
    lines = []
    for kind in dict.fromkeys(kinds):
        shape = shapes.get(kind if kind in ICONS else "link")
        if shape is not None:
            width, path = shape
            lines.append(f"\\cvdefineicon{{{kind}}}{{{width}}}{{{path}}}")
    return lines


@cache
def outlines() -> dict[str, tuple[str, str]]:
    """Each icon's (width, PDF path), in ems with the baseline at 0."""
    path = found_fonts().get(ICON_FONT)  # (found with the text faces: one look-up)
    if path is None:
        return {}
    info = os.stat(path)
    stamp = [path, info.st_size, info.st_mtime_ns, code_digest()]  # (outlines worked out by this code)
    shapes = kept("icons.json", stamp)
    if isinstance(shapes, dict) and shapes.keys() == ICONS.keys():
        return {kind: (width, shape) for kind, (width, shape) in shapes.items()}
    shapes = read_outlines(path)
    keep_stamped("icons.json", stamp, shapes)
    return shapes


def read_outlines(path: str) -> dict[str, tuple[str, str]]:
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    em = font["head"].unitsPerEm
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()

    def number(value: float) -> str:
        return f"{value / em:.4f}".rstrip("0").rstrip(".") or "0"

    class PdfPen(BasePen):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(glyphs)
            self.ops: list[str] = []

        def point(self, *points: tuple[float, float]) -> str:
            return " ".join(number(v) for point in points for v in point)

        def _moveTo(self, pt: tuple[float, float]) -> None:
            self.ops.append(f"{self.point(pt)} m")

        def _lineTo(self, pt: tuple[float, float]) -> None:
            self.ops.append(f"{self.point(pt)} l")

        def _curveToOne(self, a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> None:
            self.ops.append(f"{self.point(a, b, c)} c")

        def _closePath(self) -> None:
            self.ops.append("h")

    shapes = {}
    for kind, code in ICONS.items():
        if code in cmap:
            pen = PdfPen()
            glyphs[cmap[code]].draw(pen)
            shapes[kind] = (number(glyphs[cmap[code]].width), " ".join(pen.ops))
    return shapes
