"""Which characters the theme's fonts can draw, read from the font files with fontconfig's
fc-query, so `validate` finds a character no font has before TeX runs."""

import contextlib
import json
import os
import shutil
import subprocess
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resumetex.cache import cache_dir, keep, keep_stamped, kept, toolchain_fingerprint
from resumetex.platforms import noto_steps

# The faces user text is set in (icons aside): (file name, face index in a collection).
NOTO = (("NotoSerif-Regular.ttf", 0), ("NotoSans-Regular.ttf", 0))  # Latin text in Chinese documents
LATIN_MODERN = (("lmroman10-regular.otf", 0), ("lmsans10-regular.otf", 0))  # Latin text in English ones
# Noto CJK's collections (serif, serif bold, sans, sans bold), and the face in each that draws the
# characters in each reader's forms (see locales.glyph_forms): the mainland's, Taiwan's, Hong
# Kong's, Japan's, Korea's.
NOTO_CJK = ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
NOTO_CJK_FACES = {"SC": 2, "TC": 3, "HK": 4, "JP": 0, "KR": 1}


def noto_set(forms: str) -> str:
    """The name of Noto CJK's set for `forms` (the theme's `cjk` option): noto, notoTC, ..."""
    return "noto" if forms == "SC" else f"noto{forms}"


# Chinese text: the first of these sets whose files TeX finds (the theme's `cjk` option loads it):
# (serif, serif bold, sans, sans bold). Noto CJK; else the system's own, as ctex's `macnew` and
# `windows` font sets name them; else Fandol, which every TeX Live has.
CJK_FONT_SETS = {
    **{noto_set(forms): tuple((file, face) for file in NOTO_CJK) for forms, face in NOTO_CJK_FACES.items()},
    "mac": (("Songti.ttc", 3), ("Songti.ttc", 1), ("PingFang.ttc", 2), ("PingFang.ttc", 8)),
    "windows": (("simsun.ttc", 0), ("simhei.ttf", 0), ("msyh.ttc", 0), ("msyhbd.ttc", 0)),
    "fandol": (
        ("FandolSong-Regular.otf", 0),
        ("FandolSong-Bold.otf", 0),
        ("FandolHei-Regular.otf", 0),
        ("FandolHei-Bold.otf", 0),
    ),
}
ICON_FONT = "FontAwesome.otf"  # the contact icons' outlines (icons.py)
# Words of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, ..., and Arabic's
# presentation forms), with their marks and digits; not Arabic's comma, which is a comma's kind of
# mark: it stands with the word before it, whichever way that one runs (Python، تستخدمه).
RTL_LETTERS = "[\u0590-\u060b\u060d-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]"


def right_to_left(marks: str) -> str:
    """A run of right-to-left words, as Unicode's bidirectional algorithm reads one in a
    left-to-right line: from a right-to-left letter to the last such letter or number before
    anything else, so a quote mark inside a word (בע"מ, ד"ר) and the spaces, dashes, numbers and
    Arabic commas between its words (בשנת 2019 עד 2021) are read in its order. `marks` are what
    else may stand between its words as the output writes them: a quote mark, an unbreakable
    space, the start or end of bold. A Latin comma ends a run: "محمد علي, דוד כהן" is two names of
    a list; and so does a bracket, which a run would show reversed."""
    return f"{RTL_LETTERS}+(?:(?: |[-–—،]|{marks})*(?:{RTL_LETTERS}+|[0-9]+))*"


# Chinese characters; and, adding kana and full-width marks, the scripts that put no spaces between
# words. A render tests characters against them by comparison: a regex class over these ranges
# takes Python 4 ms to compile, in every run. HAN and CLOSED spell the same ranges for a regex
# class (f"[{HAN}]"), where a pattern needs one: validate's punctuation check, an overfull line.
HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))
CLOSED_RANGES = (("\u2e80", "\u2fdf"), ("\u3000", "\u30ff"), *HAN_RANGES, ("\uff00", "\uffef"))
HAN = "".join(f"{low}-{high}" for low, high in HAN_RANGES)
CLOSED = "".join(f"{low}-{high}" for low, high in CLOSED_RANGES)


def is_han(char: str) -> bool:
    return within(char, HAN_RANGES)


def is_closed(char: str) -> bool:
    return within(char, CLOSED_RANGES)


def within(char: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    """Whether `char` is in one of `ranges` (in order): most text is below the first, and done at once."""
    return char >= ranges[0][0] and any(low <= char <= high for low, high in ranges)


# What else decides where kpsewhich finds a font (besides TEXMF* and TeX's own files).
FONT_SEARCH = ("OSFONTDIR", "TEXFONTS", "OPENTYPEFONTS", "TTFONTS", "FONTCONFIG_FILE", "FONTCONFIG_PATH", "PATH")
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/texmf/fonts", "/usr/share/texlive")


@cache
def found_fonts() -> dict[str, str]:
    """Where TeX finds each font file a render looks for (the text faces it chooses between and
    the icons' font). The look-up (kpsewhich, about 20 ms on the way to starting the engine) is
    kept beside the render cache for as long as TeX, the fonts (fontconfig's cache) and the
    settings TeX searches them by stay the same, and every file it found is still there."""
    files = [file for chosen in (NOTO, *CJK_FONT_SETS.values()) for file, _ in chosen]
    names = (*dict.fromkeys(files), ICON_FONT)
    searched = [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("TEXMF") or k in FONT_SEARCH]
    stamp = [toolchain_fingerprint(), *searched, *names]
    found = kept("fonts.json", stamp)
    if isinstance(found, dict) and all(os.path.exists(path) for path in found.values()):
        return found
    found = font_files(names)
    keep_stamped("fonts.json", stamp, found)
    return found


def cjk_fonts(forms: str = "SC") -> str:
    """The Chinese font set this machine has for characters drawn in `forms` (SC, TC, HK, JP or KR; see
    locales.glyph_forms), a key of CJK_FONT_SETS: Noto's face of those forms, else the system's
    fonts or Fandol (simplified forms only); Noto's when none is complete, so that TeX names the
    file it misses."""
    found = found_fonts()
    for name in (noto_set(forms), "mac", "windows", "fandol"):
        if all(file in found for file, _ in CJK_FONT_SETS[name]):
            return name
    return noto_set(forms)


def cjk_faces() -> tuple[tuple[str, int], ...]:
    serif, _, sans, _ = CJK_FONT_SETS[cjk_fonts()]
    return serif, sans


def latin_companion() -> str:
    """The Latin face of Chinese documents: Noto Serif, drawn to match Noto CJK, where it is
    installed; else Latin Modern, which every TeX Live has. A theme option, like `cjk`."""
    return "noto" if all(file in found_fonts() for file, _ in NOTO) else "lm"


def theme_options(cjk: bool, scripts: frozenset[str], forms: str = "SC") -> list[str]:
    """The theme package's font options for a document (see \\cvfonts in the theme): the
    Chinese fonts where they are not Noto's simplified faces (`forms`: see cjk_fonts), and the
    Latin face where it is not the usual one."""
    options = []
    if "latin-noto" in scripts:  # Greek, Cyrillic, ... in an English document
        options.append("latin=noto")
    elif cjk and latin_companion() != "noto":
        options.append(f"latin={latin_companion()}")
    if (cjk or "cjk" in scripts) and cjk_fonts(forms) != "noto":
        options.append(f"cjk={cjk_fonts(forms)}")
    return options


def font_choice() -> tuple[str, str]:
    """What the fonts found here decide in a PDF (part of the render cache's key)."""
    return cjk_fonts(), latin_companion()


def font_note() -> str | None:
    """One line for a Chinese document set in fonts other than Noto's: which, and how to get
    Noto. None when the usual fonts are there."""
    if cjk_fonts() == "noto" and latin_companion() == "noto":
        return None
    used = ", ".join(dict.fromkeys(file for file, _ in CJK_FONT_SETS[cjk_fonts()]))
    latin = "Noto Serif" if latin_companion() == "noto" else "Latin Modern"
    return (
        f"note: Noto is not installed, so Chinese text is set in {used} and Latin text in {latin}; "
        f"for the usual look: {noto_steps()}"
    )


def faces(cjk: bool) -> tuple[tuple[str, int], ...]:
    """The faces a document may be set in."""
    return (latin_faces(True) if cjk else LATIN_MODERN + NOTO) + cjk_faces()


def latin_faces(cjk: bool, noto: bool = False) -> tuple[tuple[str, int], ...]:
    """The Latin faces (serif, sans) of a document: a Chinese one's companion to Noto CJK; an
    English one's Latin Modern, or Noto where its text needs it (`noto`, see latin_needs_noto)."""
    if cjk:
        return NOTO if latin_companion() == "noto" else LATIN_MODERN
    return NOTO if noto else LATIN_MODERN


@dataclass(frozen=True)
class Charset:
    """Code points as sorted, disjoint ranges: a CJK face's 45,000 characters are a few hundred
    ranges, which take far less time to read and join than a set of 45,000 numbers."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, point: object) -> bool:
        if not isinstance(point, int):
            return False
        at = bisect_right(self.starts, point) - 1
        return at >= 0 and point <= self.ends[at]


def covered(chosen: tuple[tuple[str, int], ...]) -> Charset | None:
    """The code points any of `chosen` has; None when one of them cannot be read here."""
    ranges = [charset_of(*face) for face in chosen]
    return None if any(r is None for r in ranges) else joined(tuple(sorted(sum((r or () for r in ranges), ()))))


@cache  # the same faces are joined for every value checked
def joined(ranges: tuple[tuple[int, int], ...]) -> Charset:
    """One Charset of sorted, possibly overlapping (low, high) ranges."""
    merged: list[list[int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return Charset(tuple(low for low, _ in merged), tuple(high for _, high in merged))


def wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def latin_needs_noto(text: str) -> bool:
    """Whether an English document's text has letters that Latin Modern lacks and Noto Serif has
    (Greek, Cyrillic, rarer Latin letters): the document is then set in Noto Serif. A symbol
    (₹, ⅓) takes a stand-in face of its own (see fallbacks) and leaves the rest as it was."""
    latin_modern, noto = covered(LATIN_MODERN), covered(NOTO)
    if latin_modern is None or noto is None:
        return False
    letters = (c for c in set(text) if unicodedata.category(c)[0] in "LM" and not wide(c))
    return any(ord(c) not in latin_modern and ord(c) in noto for c in letters)


def undrawn(text: str, cjk: bool) -> list[str]:
    """The characters of `text` (in order, once each) that no face of the document would draw:
    wide (CJK) characters are Noto CJK's in an English document, the others its Latin face's
    (Latin Modern's, or Noto Serif's where the text needs it: Latin Modern's arrows are not
    Noto's); in a Chinese document either kind of face may draw any character (see chinese_faced).
    [] when the fonts cannot be read here (TeX then reports what it misses)."""
    latin_set = covered(latin_faces(cjk, not cjk and latin_needs_noto(text)))
    wide_set = covered(cjk_faces())
    if wide_set is None or latin_set is None:
        return []

    def drawn(char: str) -> bool:
        if cjk:
            return ord(char) in latin_set or ord(char) in wide_set
        return ord(char) in (wide_set if wide(char) else latin_set)

    return [c for c in dict.fromkeys(text) if not c.isspace() and not drawn(c)]  # each character once


def chinese_faced(text: str) -> list[str]:
    """The characters of a Chinese document's `text` that xeCJK gives the Latin face (those not
    wide: an arrow →, a circled ①) where that face lacks them and the Chinese face has them: the
    document sets them in the Chinese face (undrawn counts on it), as Chinese text prints them."""
    wide_set, latin_set = covered(cjk_faces()), covered(latin_faces(True))
    if wide_set is None or latin_set is None:
        return []
    return [c for c in dict.fromkeys(text) if not wide(c) and ord(c) not in latin_set and ord(c) in wide_set]


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
def faces_with(char: str) -> tuple[tuple[str, str, str], ...]:
    """The font files fontconfig knows with `char`, as (file, style, family): those XeTeX can
    draw (no colour fonts) and the LaTeX can name as they are."""
    if shutil.which("fc-list") is None:
        return ()
    listed = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "--format=%{file}\t%{style}\t%{family[0]}\n"],
        capture_output=True,
        text=True,
    ).stdout
    faces = []
    for line in listed.splitlines():
        path, style, family = [*line.split("\t"), "", ""][:3]
        name = Path(path).name.lower()
        plain = not any(mark in path for mark in "{}\\%#$&~^")
        if name.endswith((".ttf", ".otf")) and "color" not in name and plain:
            faces.append((path, style, family))
    return tuple(faces)


def fallback_font(char: str) -> str | None:
    """The font file fontconfig knows with `char`: a regular serif face first (Arabic's serif is
    Naskh, its text style; Kufi is for display), Noto first, so the stand-in looks like the text
    around it."""
    ranked = [
        (
            ("Regular" not in style and "Book" not in style),
            "Serif" not in Path(path).name and "Naskh" not in Path(path).name,
            "Noto" not in Path(path).name,
            path,
        )
        for path, style, _ in faces_with(char)
    ]
    return min(ranked)[-1] if ranked else None


def bold_face(char: str) -> str | None:
    """The bold face of the family fallback_font(char) is, in its folder (fontspec takes a
    family's faces from one Path): a Hebrew or Devanagari title or label is then bold, as the
    Latin ones are. None when the family has none there."""
    font = fallback_font(char)
    if font is None:
        return None
    family = next(family for path, _, family in faces_with(char) if path == font)
    bold = [
        path
        for path, style, named in faces_with(char)
        if named == family and "Bold" in style.split(",") and Path(path).parent == Path(font).parent
    ]
    return min(bold) if bold else None


@cache  # once per process: the store is read, and fc-query run, at most once per face
def charset_of(name: str, index: int) -> tuple[tuple[int, int], ...] | None:
    """The code point ranges of face `index` of the font file `name`; None when it is not found.
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
    if ranges is None:  # cannot tell: TeX will report what is missing; nothing is kept
        return parse_ranges("0-10ffff")
    info = os.stat(path)
    known[f"{name}@{index}"] = {"path": path, "stamp": [info.st_size, info.st_mtime_ns], "ranges": ranges}
    keep(store, json.dumps(known).encode("utf-8"))
    return parse_ranges(ranges)


def font_file(name: str) -> str | None:
    return font_files((name,)).get(name)


def font_files(names: tuple[str, ...]) -> dict[str, str]:
    """Where each font file of `names` is, as TeX looks for it (kpathsea, whose OSFONTDIR holds
    the system's font folders), in one look-up; without TeX, in the usual font folders."""
    if shutil.which("kpsewhich"):
        listed = subprocess.run(["kpsewhich", *names], capture_output=True, text=True).stdout
        found = {Path(line).name: line for line in listed.splitlines() if line}
        return {name: found[name] for name in names if name in found}
    paths: dict[str, str] = {}
    for name in names:
        for folder in FONT_FOLDERS:
            for path in Path(folder).rglob(name) if Path(folder).is_dir() else ():
                paths.setdefault(name, str(path))
    return paths


def query_ranges(path: str, index: int) -> str | None:
    """fontconfig's list of the code point ranges a face has, e.g. `20-7e a0-17f`; None without
    fc-query, or when it cannot read the face."""
    if shutil.which("fc-query") is None:
        return None
    command = ["fc-query", "-i", str(index), "--format=%{charset}", path]
    done = subprocess.run(command, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 and done.stdout.strip() else None


@cache
def parse_ranges(ranges: str) -> tuple[tuple[int, int], ...]:
    """fontconfig's `20-7e a0-17f` as ((0x20, 0x7e), (0xa0, 0x17f))."""
    pairs = (item.partition("-") for item in ranges.split())
    return tuple((int(low, 16), int(high or low, 16)) for low, _, high in pairs)
