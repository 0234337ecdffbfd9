"""What a photo file holds, from its bytes: which kind of image, whether it is whole as far as
the outputs read it, and the turn that stands it upright. Stdlib only."""

from collections.abc import Iterator
from typing import Literal

PLACEABLE = ("JPEG", "PNG")  # what every output (PDF, HTML, Word) can place
# How other image files a photo often turns out to be begin, whatever its name says.
SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)


def image_kind(data: bytes) -> str | None:
    """The kind of image `data` holds, from its first bytes: JPEG, PNG, WebP, HEIC (a phone's),
    AVIF, GIF, PDF, TIFF or BMP; None when it is none of them."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp":
        return "AVIF" if data[8:12] in (b"avif", b"avis") else "HEIC"
    return next((kind for start, kind in SIGNATURES if data.startswith(start)), None)


def image_whole(data: bytes, kind: str) -> bool:
    """Whether a JPEG or PNG is there as far as the outputs read it (a file cut short fails in
    XeTeX, xdvipdfmx or python-docx): a PNG's chunks up to its end chunk; a JPEG's segments up
    to its picture data, a frame header (its size) among them."""
    if kind == "PNG":
        at = 8
        while at + 8 <= len(data):
            length, name = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
            at += 12 + length  # length, name, data, checksum
            if name == b"IEND":
                return at <= len(data)
        return False
    framed = False
    for marker, _, end in segments(data):
        if marker == 0xDA:  # start of scan: the picture data follows
            return framed and end <= len(data)
        framed = framed or (0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC))
    return False


def segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """A JPEG's segments, (marker, where its content starts, where it ends), up to the start of
    its picture data (0xDA) or the first byte that is not a marker."""
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before the marker
            at += 1
            continue
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        yield marker, at + 4, end
        if marker == 0xDA:
            return
        at = end


# A phone keeps a portrait photo's pixels sideways and says so in its EXIF orientation: the turn
# (degrees, counterclockwise) that stands it upright, as a browser shows it, and whether the turned
# picture is then mirrored left to right (orientations 2, 4, 5 and 7: a front camera's, say).
UPRIGHT = {
    2: (0, True),
    3: (180, False),
    4: (180, True),
    5: (-90, True),
    6: (-90, False),
    7: (90, True),
    8: (90, False),
}


def upright(data: bytes) -> tuple[int, bool]:
    """The turn and the mirroring a JPEG's EXIF orientation asks for; (0, False) for none (a
    PNG, or no EXIF)."""
    if image_kind(data) != "JPEG":
        return 0, False
    for marker, start, end in segments(data):
        if marker == 0xE1 and data[start : start + 6] == b"Exif\0\0":
            return UPRIGHT.get(exif_orientation(data[start + 6 : end]), (0, False))
    return 0, False


def exif_orientation(tiff: bytes) -> int:
    """Tag 0x0112 of EXIF's first directory (a TIFF header of either byte order); 1 without it."""
    order: Literal["little", "big"] = "little" if tiff[:2] == b"II" else "big"

    def number(at: int, size: int) -> int:
        return int.from_bytes(tiff[at : at + size], order)

    directory = number(4, 4)
    for entry in range(directory + 2, directory + 2 + 12 * number(directory, 2), 12):
        if number(entry, 2) == 0x0112 and entry + 10 <= len(tiff):
            return number(entry + 8, 2)
    return 1
