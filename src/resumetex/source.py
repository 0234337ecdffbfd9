"""The CV file's bytes, read once (the render cache's key and the CV come from the same bytes),
and the photo they name, for the key."""

import sys
from pathlib import Path

from resumetex.errors import DataError

MAX_BYTES = 1_000_000


def default_source(lang: str | None) -> Path:
    """The owner's file for `lang`: data/cv.LANG.yaml (Chinese when none is given)."""
    return Path("data") / f"cv.{lang or 'zh'}.yaml"


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
