"""The CV file's bytes, read once (the render cache's key and the CV come from the same bytes),
the photo they name, for the key, and what a photo's bytes hold."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from resumetex.errors import DataError

MAX_BYTES = 1_000_000


def read_source(path: Path) -> bytes:
    """The bytes of the CV file (`-` is standard input); refuse missing and huge files."""
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with path.open("rb") as stream:
                raw = stream.read(MAX_BYTES + 1)  # a huge or endless file is not read whole
    except FileNotFoundError:
        raise DataError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise DataError([f"{path}: is a folder, not a CV file"]) from None
    except OSError as error:
        raise DataError([f"{path}: cannot be read ({error.strerror})"]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([f"{path}: too large for a CV file (the limit is {MAX_BYTES:,} bytes)"])
    return raw


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
# (degrees, counterclockwise) that stands it upright, as a browser shows it. Mirrored ones are rare.
TURNS = {3: 180, 6: -90, 8: 90}


def upright_turn(data: bytes) -> int:
    """The turn a JPEG's EXIF orientation asks for; 0 for none (a PNG, or no EXIF)."""
    if image_kind(data) != "JPEG":
        return 0
    for marker, start, end in segments(data):
        if marker == 0xE1 and data[start : start + 6] == b"Exif\0\0":
            return TURNS.get(exif_orientation(data[start + 6 : end]), 0)
    return 0


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


def photo_of(raw: bytes, folder: Path) -> dict[str, bytes] | None:
    """The photo the CV's header names, by its name, with its bytes ({} for none): a changed
    photo changes the render cache's key. Read from the YAML's nodes as they stand (nothing
    validated, no alias expanded), so a name with spaces or quotes is the name the CV loads.
    None when the text cannot be read that far: the render then skips the cache, and loading
    the CV says what is wrong."""
    if b"photo" not in raw:
        return {}
    import yaml  # (only for a CV with a photo: an unchanged one is served without it otherwise)

    try:
        node = yaml.compose(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return None
    for key in ("header", "photo"):
        if not isinstance(node, yaml.MappingNode):
            return {}
        node = next((value for name, value in node.value if name.value == key), None)
    if not isinstance(node, yaml.ScalarNode):
        return {}
    try:
        return {node.value: (folder / node.value).read_bytes()}
    except OSError:
        return {node.value: b"(none)"}
