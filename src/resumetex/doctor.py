"""`resumetex doctor`: what this machine has for resumetex, and what it lacks.

Each check is a line: the thing, where it was found (or that it is missing), and for what is
missing, how to get it. Only what a PDF needs makes the command fail."""

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

from resumetex import glyphs
from resumetex.cache import cache_dir
from resumetex.compile import ENGINE
from resumetex.platforms import install_steps, noto_steps, system

FONTS = (  # faces every document loads, by file name (see templates/default/resumetex.sty)
    ("lmroman10-regular.otf", "fonts-lmodern"),
    ("lmroman10-bold.otf", "fonts-lmodern"),
    ("lmsans10-regular.otf", "fonts-lmodern"),
)
NOTO = (  # the faces the themes are drawn for; where they are missing, others stand in
    ("NotoSerifCJK-Regular.ttc", "fonts-noto-cjk"),
    ("NotoSerifCJK-Bold.ttc", "fonts-noto-cjk"),
    ("NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    ("NotoSansCJK-Bold.ttc", "fonts-noto-cjk"),
    ("NotoSerif-Regular.ttf", "fonts-noto-core"),
    ("NotoSerif-Bold.ttf", "fonts-noto-core"),
    ("NotoSerif-Italic.ttf", "fonts-noto-core"),
    ("NotoSans-Regular.ttf", "fonts-noto-core"),
    ("NotoSans-Bold.ttf", "fonts-noto-core"),
)
ICONS = (glyphs.ICON_FONT, "fonts-font-awesome")  # without it, contacts stand without icons
EMOJI = ("Symbola_hint.ttf", "fonts-symbola")  # without it, an emoji is an error (XeTeX draws no colour font)
PROGRAMS = ((ENGINE, "texlive-xetex"), ("xdvipdfmx", "texlive-xetex"), ("kpsewhich", "texlive-xetex"))
HELPERS = (
    ("fc-list", "fontconfig", "finds fonts for other scripts"),
    ("pdftoppm", "poppler-utils", "--format png"),
    ("pdftotext", "poppler-utils", "make preview"),
)


@dataclass(frozen=True)
class Check:
    name: str
    found: str | None  # where, or the version; None when missing
    package: str  # the Debian package that has it
    needed: bool = True  # a PDF cannot be made without it

    def line(self) -> str:
        if self.found is not None:
            return f"ok       {self.name}: {self.found}"
        word = "missing " if self.needed else "optional"
        debian = f" (Debian/Ubuntu: apt-get install {self.package})" if system() == "debian" else ""
        return f"{word} {self.name}: not found{debian}"


def checks() -> Iterator[Check]:
    for program, package in PROGRAMS:
        yield Check(program, version(program), package)
    chinese = glyphs.cjk_fonts()  # "noto" also when no set is complete: then its files are missing
    chosen = tuple(dict.fromkeys(file for file, _ in glyphs.CJK_FONT_SETS[chinese]))
    found = glyphs.font_files(tuple(name for name, _ in (*FONTS, *NOTO, ICONS, EMOJI)) + chosen)  # one look-up
    for name, package in FONTS:
        yield Check(name, found.get(name), package)
    complete = all(file in found for file in chosen)
    where = ", ".join(found[file] for file in chosen) if complete else ""
    yield Check("Chinese fonts", f"{chinese} ({where})" if complete else None, "fonts-noto-cjk")
    for name, package in NOTO:
        yield Check(name, found.get(name), package, needed=False)
    yield Check(f"{ICONS[0]} (the contact icons)", found.get(ICONS[0]), ICONS[1], needed=False)
    yield Check(f"{EMOJI[0]} (emoji, in one colour)", found.get(EMOJI[0]), EMOJI[1], needed=False)
    for program, package, purpose in HELPERS:
        yield Check(f"{program} ({purpose})", shutil.which(program), package, needed=False)


def version(program: str) -> str | None:
    """`program`'s path and the first line of its --version; None when it is not installed."""
    path = shutil.which(program)
    if path is None:
        return None
    try:
        first = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return path
    return f"{path} ({first.splitlines()[0].strip()})" if first.strip() else path


def cache_summary() -> str:
    """Where the cache is, and what it holds."""
    folder = cache_dir()
    pdfs = list(folder.glob("*.pdf")) if folder.is_dir() else []
    formats = list(folder.glob("formats/*.fmt")) if folder.is_dir() else []
    size = sum(p.stat().st_size for p in [*pdfs, *formats]) / 1e6
    return f"cache    {folder}: {len(pdfs)} PDFs, {len(formats)} TeX formats, {size:.1f} MB"


def report() -> tuple[list[str], bool]:
    """The doctor's lines, and whether a PDF can be made here."""
    found = list(checks())
    lines = [check.line() for check in found] + [cache_summary()]
    healthy = all(check.found is not None for check in found if check.needed)
    if not healthy:
        lines.append(f"to install TeX and the fonts: {install_steps()}")
    elif any(check.found is None for check in found if check.name.startswith("Noto")):
        lines.append(f"for the fonts the themes are drawn for (Noto): {noto_steps()}")
    return lines, healthy
