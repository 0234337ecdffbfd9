"""The CV file's bytes, read once (the render cache's key and the CV come from the same bytes),
and the image files they name, for the key. Stdlib only: a cache hit needs nothing more."""

import re
import sys
from pathlib import Path

from resumetex.errors import DataError

MAX_BYTES = 1_000_000
# A photo's path as it can stand in YAML: a run of path characters ending in an image suffix.
# A name starts where a YAML token does (the look-behind), so a long run of text without
# spaces is scanned once, not once from each of its characters.
IMAGE_NAME = re.compile(rb"""(?<![^\s"'{},\[\]#])[^\s"'{},\[\]#]{1,255}\.(?:jpe?g|png)\b""", re.IGNORECASE)


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


def named_images(raw: bytes, folder: Path) -> dict[str, bytes]:
    """Every image file the CV's text names (its photo among them), by name, with its bytes:
    a changed photo changes the render cache's key without the CV being parsed."""
    found = {}
    for match in IMAGE_NAME.finditer(raw):
        name = match.group(0).decode("utf-8", "replace").removeprefix("photo:")
        try:
            found[name] = (folder / name).read_bytes()
        except OSError:
            found[name] = b"(none)"
    return found
