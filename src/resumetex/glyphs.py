"""Which characters the theme's fonts can draw, read from the font files with fontconfig's
fc-query, so `validate` finds a character no font has before TeX runs."""

import contextlib
import json
import os
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

from resumetex.cache import cache_dir

# The faces user text is set in (icons aside): (file name, face index in a collection).
CJK_FACES = (("NotoSerifCJK-Regular.ttc", 2), ("NotoSansCJK-Regular.ttc", 2))
NOTO = (("NotoSerif-Regular.ttf", 0), ("NotoSans-Regular.ttf", 0))  # Latin text in Chinese documents
LATIN_MODERN = (("lmroman10-regular.otf", 0), ("lmsans10-regular.otf", 0))  # Latin text in English ones
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/texmf/fonts", "/usr/share/texlive")


def faces(cjk: bool) -> tuple[tuple[str, int], ...]:
    """The faces a document may be set in."""
    return NOTO + CJK_FACES if cjk else LATIN_MODERN + NOTO + CJK_FACES


def covered(chosen: tuple[tuple[str, int], ...]) -> frozenset[int] | None:
    """The code points any of `chosen` has; None when one of them cannot be read here."""
    sets = [charset_of(*face) for face in chosen]
    return None if any(s is None for s in sets) else frozenset().union(*(s or () for s in sets))


def wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def latin_needs_noto(text: str) -> bool:
    """Whether an English document's Latin text has characters that Latin Modern lacks and Noto
    Serif has (Greek, Cyrillic, rarer Latin letters): the document is then set in Noto Serif."""
    latin_modern, noto = covered(LATIN_MODERN), covered(NOTO)
    if latin_modern is None or noto is None:
        return False
    return any(not wide(c) and ord(c) not in latin_modern and ord(c) in noto for c in text)


def undrawn(text: str, cjk: bool) -> list[str]:
    """The characters of `text` (in order, once each) that no face of the theme would draw:
    wide (CJK) characters are Noto CJK's in an English document, Latin ones Latin Modern's or
    Noto Serif's; in a Chinese document either kind of face may draw any character.
    [] when the fonts cannot be read here (TeX then reports what it misses)."""
    cjk_faces, latin_faces = covered(CJK_FACES), covered(NOTO if cjk else LATIN_MODERN + NOTO)
    if cjk_faces is None or latin_faces is None:
        return []

    def drawn(char: str) -> bool:
        if cjk:
            return ord(char) in latin_faces or ord(char) in cjk_faces
        return ord(char) in (cjk_faces if wide(char) else latin_faces)

    return list(dict.fromkeys(c for c in text if not c.isspace() and not drawn(c)))


def missing(text: str, cjk: bool) -> list[str]:
    """The characters of `text` that no installed font has: the theme's faces lack them and no
    other font can stand in (see fallbacks)."""
    return [char for char in undrawn(text, cjk) if fallback_font(char) is None]


def fallbacks(text: str, cjk: bool) -> dict[str, str]:
    """For each character of `text` the theme's faces lack (Devanagari, Georgian, a symbol), an
    installed font file that has it, which the document sets that character in."""
    found = {char: fallback_font(char) for char in undrawn(text, cjk)}
    return {char: font for char, font in found.items() if font is not None}


@cache
def fallback_font(char: str) -> str | None:
    """The font file fontconfig knows with `char`: a regular serif face first, Noto first, so
    the stand-in looks like the text around it. Colour fonts are left out: XeTeX cannot draw them."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "--format=%{file}\t%{style}\n"], capture_output=True, text=True
    ).stdout
    usable = []
    for line in listed.splitlines():
        path, _, style = line.partition("\t")
        name = Path(path).name
        plain = not any(mark in path for mark in "{}\\%#$&~^")  # a path the LaTeX can name as it is
        if name.lower().endswith((".ttf", ".otf")) and "color" not in name.lower() and plain:
            usable.append(
                (("Regular" not in style and "Book" not in style), "Serif" not in name, "Noto" not in name, path)
            )
    return min(usable)[-1] if usable else None


@cache  # once per process: the store is read, and fc-query run, at most once per face
def charset_of(name: str, index: int) -> frozenset[int] | None:
    """The code points of face `index` of the font file `name`; None when it is not found.
    Kept on disk beside the render cache, checked against the font file's size and time."""
    store = cache_dir() / "charsets.json"
    try:
        known = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    entry = known.get(f"{name}@{index}")
    if entry:
        with contextlib.suppress(OSError):
            info = os.stat(entry["path"])
            if [info.st_size, info.st_mtime_ns] == entry["stamp"]:
                return parse_ranges(entry["ranges"])
    path = font_file(name)
    if path is None:
        return None
    ranges = query_ranges(path, index)
    info = os.stat(path)
    known[f"{name}@{index}"] = {"path": path, "stamp": [info.st_size, info.st_mtime_ns], "ranges": ranges}
    with contextlib.suppress(OSError):
        store.parent.mkdir(parents=True, exist_ok=True)
        staged = store.with_suffix(f".{os.getpid()}.partial")
        staged.write_text(json.dumps(known), encoding="utf-8")
        os.replace(staged, store)
    return parse_ranges(ranges)


def font_file(name: str) -> str | None:
    """Where the font file `name` is: TeX's own search first, then the system's font folders."""
    if shutil.which("kpsewhich"):
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip()
        if found:
            return found
    for folder in FONT_FOLDERS:
        for path in Path(folder).rglob(name) if Path(folder).is_dir() else ():
            return str(path)
    return None


def query_ranges(path: str, index: int) -> str:
    """fontconfig's list of the code point ranges a face has, e.g. `20-7e a0-17f`."""
    if shutil.which("fc-query") is None:
        return "0-10ffff"  # cannot tell: let TeX report
    command = ["fc-query", "-i", str(index), "--format=%{charset}", path]
    return subprocess.run(command, capture_output=True, text=True).stdout


@cache
def parse_ranges(ranges: str) -> frozenset[int]:
    points: set[int] = set()
    for item in ranges.split():
        low, _, high = item.partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return frozenset(points)
