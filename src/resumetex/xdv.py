"""The glyphs an .xdv file (XeTeX's pages, before xdvipdfmx makes them a PDF) sets in each of its
fonts: what the PDF will hold of them. The format is DVI's, with XeTeX's opcodes for its fonts
(defined by file and face) and for runs of glyphs (by glyph id)."""

import struct
import sys
from array import array

FONT_DEF, GLYPHS, TEXT_AND_GLYPHS = 252, 253, 254
# The flags of a font definition that each add 4 bytes to it: colour, extend, slant, embolden.
FONT_FLAGS = (0x0200, 0x1000, 0x2000, 0x4000)
# For each DVI opcode that sets nothing here (characters of TFM fonts, moves, rules, boxes), the
# bytes that follow it; None for the others. A list, read once per opcode: a ten-page résumé's
# .xdv has about 25,000 of them, half of them runs of glyphs.
SKIP: list[int | None] = [0] * 128 + [None] * 128
for first in (128, 133, 143, 148, 153, 157, 162, 167):  # set, put, right, w, x, down, y, z
    for extra in range(4):
        SKIP[first + extra] = 1 + extra  # the 1- to 4-byte forms
for op, size in {132: 8, 137: 8, 138: 0, 139: 44, 140: 0, 141: 0, 142: 0, 147: 0, 152: 0, 161: 0, 166: 0}.items():
    SKIP[op] = size  # rules, nop, bop, eop, push, pop; w0, x0, y0, z0
POST = 248  # after the last page


def glyphs_set(data: bytes) -> dict[tuple[str, int], set[int]]:
    """(font file as the .xdv names it, face index) → the ids of the glyphs set in it.
    ValueError for what is not an .xdv."""
    fonts: dict[int, tuple[str, int]] = {}
    runs: dict[tuple[str, int] | None, list[bytes]] = {}  # each font's glyph ids, as the .xdv has them
    current: list[bytes] = []
    at = 0
    try:
        while True:
            op = data[at]
            size = SKIP[op]
            if size is not None:
                at += 1 + size
                continue
            at += 1
            if op in (GLYPHS, TEXT_AND_GLYPHS):
                if op == TEXT_AND_GLYPHS:
                    at += 2 + 2 * (data[at] << 8 | data[at + 1])
                count = data[at + 4] << 8 | data[at + 5]
                at += 6 + 8 * count  # the run's width, its count, each glyph's position
                current.append(data[at : at + 2 * count])
                at += 2 * count
            elif 171 <= op <= 238:  # fnt_num_0-63, fnt1-4
                size = op - 234 if op >= 235 else 0
                number = int.from_bytes(data[at : at + size], "big") if size else op - 171
                at += size
                current = runs.setdefault(fonts.get(number), [])
            elif 239 <= op <= 242:  # a special
                size = op - 238
                at += size + int.from_bytes(data[at : at + size], "big")
            elif 243 <= op <= 246:  # a TFM font's definition
                at += op - 242 + 12
                at += 2 + data[at] + data[at + 1]
            elif op == 247:  # the preamble
                at += 13
                at += 1 + data[at]
            elif op == FONT_DEF:
                number, _size, flags, length = struct.unpack_from(">IIHB", data, at)
                at += 11
                name = data[at : at + length].decode("utf-8")
                (index,) = struct.unpack_from(">I", data, at + length)
                at += length + 4 + 4 * sum(bool(flags & flag) for flag in FONT_FLAGS)
                fonts[number] = (name, index)
            elif op == POST:
                break
            else:
                raise ValueError(f"opcode {op} at byte {at - 1}")
    except (IndexError, struct.error, UnicodeDecodeError) as error:
        raise ValueError(f"not an .xdv file: {error}") from None
    found = {}
    for font, chunks in runs.items():
        ids = array("H", b"".join(chunks))
        if sys.byteorder == "little":
            ids.byteswap()  # the .xdv's are big-endian
        if font is not None and ids:
            found[font] = set(ids)
    return found
