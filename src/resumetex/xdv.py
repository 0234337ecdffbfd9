"""The glyphs an .xdv file (XeTeX's pages, before xdvipdfmx makes them a PDF) sets in each of its
fonts: what the PDF will hold of them. The format is DVI's, with XeTeX's opcodes for its fonts
(defined by file and face) and for runs of glyphs (by glyph id)."""

import struct

FONT_DEF, GLYPHS, TEXT_AND_GLYPHS = 252, 253, 254
# The flags of a font definition that each add 4 bytes to it: colour, extend, slant, embolden.
FONT_FLAGS = (0x0200, 0x1000, 0x2000, 0x4000)
# DVI opcode → the bytes that follow it, for those that set nothing here (moves, rules, boxes).
SKIP = {
    **{op: op - 127 for op in range(128, 132)},  # set1-4
    **{op: op - 132 for op in range(133, 137)},  # put1-4
    132: 8, 137: 8, 138: 0, 139: 44, 140: 0, 141: 0, 142: 0,  # rules, nop, bop, eop, push, pop
    **{op: op - 142 for op in range(143, 147)},  # right1-4
    147: 0, **{op: op - 147 for op in range(148, 152)},  # w
    152: 0, **{op: op - 152 for op in range(153, 157)},  # x
    **{op: op - 156 for op in range(157, 161)},  # down1-4
    161: 0, **{op: op - 161 for op in range(162, 166)},  # y
    166: 0, **{op: op - 166 for op in range(167, 171)},  # z
}  # fmt: skip
POST = 248  # after the last page


def glyphs_set(data: bytes) -> dict[tuple[str, int], set[int]]:
    """(font file as the .xdv names it, face index) → the ids of the glyphs set in it.
    ValueError for what is not an .xdv."""
    fonts: dict[int, tuple[str, int]] = {}
    found: dict[tuple[str, int], set[int]] = {}
    current = -1
    at = 0
    try:
        while True:
            op = data[at]
            at += 1
            if op < 128:  # a character of a TFM font
                continue
            if 171 <= op <= 234:
                current = op - 171
            elif op in SKIP:
                at += SKIP[op]
            elif 235 <= op <= 238:  # fnt1-4
                size = op - 234
                current = int.from_bytes(data[at : at + size], "big")
                at += size
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
            elif op in (GLYPHS, TEXT_AND_GLYPHS):
                if op == TEXT_AND_GLYPHS:
                    at += 2 + 2 * struct.unpack_from(">H", data, at)[0]
                (count,) = struct.unpack_from(">H", data, at + 4)
                at += 6 + 8 * count  # the run's width, its count, each glyph's position
                found.setdefault(fonts[current], set()).update(struct.unpack_from(f">{count}H", data, at))
                at += 2 * count
            elif op == POST:
                return found
            else:
                raise ValueError(f"opcode {op} at byte {at - 1}")
    except (IndexError, KeyError, struct.error, UnicodeDecodeError) as error:
        raise ValueError(f"not an .xdv file: {error}") from None
