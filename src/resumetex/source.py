"""The CV file's bytes, read once (the render cache's key and the CV come from the same bytes),
and the photo they name, for the key."""

import codecs
import re
import sys
from pathlib import Path

from resumetex.errors import DataError

MAX_BYTES = 1_000_000
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # a language code, as in data/cv.LANG.yaml: zh, en-GB, ja
LANG_MESSAGE = "not a language code; e.g. zh, zh-TW, en, ja or de"
# A language's name where its code belongs (`lang: English`, RenderCV's `language: turkish`).
LANGUAGE_NAMES = {
    "english": "en",
    "chinese": "zh",
    "mandarin": "zh",
    "mandarin_chinese": "zh",
    "中文": "zh",
    "简体中文": "zh",
    "繁體中文": "zh-TW",
    "英文": "en",
    "japanese": "ja",
    "日本語": "ja",
    "korean": "ko",
    "한국어": "ko",
    "spanish": "es",
    "español": "es",
    "french": "fr",
    "français": "fr",
    "german": "de",
    "deutsch": "de",
    "arabic": "ar",
    "danish": "da",
    "dutch": "nl",
    "nederlands": "nl",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "indonesian": "id",
    "indonesia": "id",
    "italian": "it",
    "norwegian_bokmål": "nb",
    "norwegian_nynorsk": "nn",
    "persian": "fa",
    "portuguese": "pt",
    "russian": "ru",
    "turkish": "tr",
    "vietnamese": "vi",
}


def language_code(value: str) -> str:
    """`value` as BCP 47 writes a language code: EN → en, zh_tw → zh-TW, zh-hant → zh-Hant. A
    ValueError, naming the code when `value` is a language's name, when it is no code."""
    first, *rest = value.strip().replace("_", "-").split("-")
    parts = [first.lower(), *(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in rest)]
    code = "-".join(parts)
    if re.match(LANG_PATTERN, code):
        return code
    named = LANGUAGE_NAMES.get(value.strip().lower().replace(" ", "_"))
    hint = f"not a language code; for {value.strip()} write {named}" if named else LANG_MESSAGE
    raise ValueError(f"{value!r} is {hint}")


# Windows tools save "Unicode" as UTF-16 with a byte-order mark (Notepad, PowerShell 5's Out-File),
# which YAML allows; UTF-32's marks begin with UTF-16's, so they are tried first.
MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)


def default_source(lang: str | None) -> Path:
    """The owner's file for `lang`: data/cv.LANG.yaml (Chinese when none is given)."""
    return Path("data") / f"cv.{lang or 'zh'}.yaml"


def nearest(path: Path) -> str:
    """ "; did you mean cv.en.yaml?" for the CV file of its folder whose name is nearest, if one is near."""
    import difflib  # (only for a file that is not there: not on a render's way)

    try:
        names = {stem(p.name): p.name for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()}
    except OSError:
        return ""
    # Stems are compared: a shared `.yaml` made any two names look near (nonexist.yaml, comment.yaml).
    close = difflib.get_close_matches(stem(path.name), list(names), n=1, cutoff=0.6)
    return f"; did you mean {path.with_name(names[close[0]])}?" if close else ""


def cv_files(folder: Path) -> list[Path]:
    """The CV files in `folder` (.yaml, or .yml), by name: what `build` renders and `validate`
    checks of it."""
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def stem(name: str) -> str:
    """A CV file's name without its .yaml (or .yml)."""
    return name.removesuffix(".yaml").removesuffix(".yml")


def read_source(path: Path) -> bytes:
    """The bytes of the CV file (`-` is standard input); refuse missing and huge files."""
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with path.open("rb") as stream:
                raw = stream.read(MAX_BYTES + 1)  # a huge or endless file is not read whole
    except FileNotFoundError:
        raise DataError([f"{path}: no such file{nearest(path)}"]) from None
    except IsADirectoryError:
        raise DataError([f"{path}: is a folder, not a CV file"]) from None
    except OSError as error:
        raise DataError([f"{path}: cannot be read ({error.strerror})"]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([f"{path}: too large for a CV file (the limit is {MAX_BYTES:,} bytes)"])
    return as_utf8(raw, path)


def written_as(raw: bytes) -> tuple[bytes, str]:
    """The file's byte-order mark (b"" for none) and the encoding of the text after it."""
    return next(((mark, name) for mark, name in MARKS if raw.startswith(mark)), (b"", "utf-8"))


def as_utf8(raw: bytes, path: Path) -> bytes:
    """`raw` in UTF-8: a file marked as UTF-16 or UTF-32 is recoded here, so that everything after
    (the cache's key, the photo's name, the loader) reads one encoding."""
    mark, encoding = written_as(raw)
    if encoding == "utf-8":
        return raw
    try:
        return raw[len(mark) :].decode(encoding).encode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[len(mark) : len(mark) + error.start].decode(encoding, "replace").count("\n") + 1
        at = len(mark) + error.start
        raise DataError(
            [f"{path}:{line}: not valid {encoding[:6].upper()} (byte {at}); save the file as UTF-8"]
        ) from None


def photo_path(folder: Path, written: str) -> Path:
    """Where the photo a CV in `folder` names as `written` is: from that folder, or from the home
    folder (`~/Pictures/me.jpg`), as a shell reads it."""
    try:
        return folder / Path(written).expanduser()
    except RuntimeError:  # no home folder to be found
        return folder / written


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
        return {node.value: photo_path(folder, node.value).read_bytes()}
    except OSError:
        return {node.value: b"(none)"}
