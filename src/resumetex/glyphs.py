"""Which characters the theme's fonts can draw, read from the font files with fontconfig's
fc-query, so `validate` finds a character no font has before TeX runs."""

import shutil
import subprocess
from functools import cache
from pathlib import Path

# The faces user text is set in (icons aside): (file name, face index in a collection).
CJK_FACES = (("NotoSerifCJK-Regular.ttc", 2), ("NotoSansCJK-Regular.ttc", 2))
LATIN_FACES = {
    True: (("NotoSerif-Regular.ttf", 0), ("NotoSans-Regular.ttf", 0)),  # beside Noto CJK in Chinese documents
    False: (("lmroman10-regular.otf", 0), ("lmsans10-regular.otf", 0)),  # English documents
}
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/texmf/fonts", "/usr/share/texlive")


def faces(cjk: bool) -> tuple[tuple[str, int], ...]:
    """The faces a document is set in: Chinese ones and their Latin companions, or Latin ones
    with Noto CJK for the Chinese names an English résumé may hold."""
    return LATIN_FACES[cjk] + CJK_FACES


def missing(text: str, cjk: bool) -> list[str]:
    """The characters of `text` (in order, once each) that none of the faces has; [] when the
    fonts cannot be read here (TeX then reports what it misses)."""
    covered: set[int] = set()
    for name, index in faces(cjk):
        path = font_file(name)
        if path is None:
            return []
        covered |= charset(path, index)
    return list(dict.fromkeys(c for c in text if ord(c) not in covered and not c.isspace()))


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


@cache
def charset(path: str, index: int) -> frozenset[int]:
    """The code points face `index` of the font at `path` has."""
    if shutil.which("fc-query") is None:
        return frozenset(range(0x110000))  # cannot tell: let TeX report
    ranges = subprocess.run(
        ["fc-query", "-i", str(index), "--format=%{charset}", path], capture_output=True, text=True
    ).stdout.split()
    points: set[int] = set()
    for item in ranges:
        low, _, high = item.partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return frozenset(points)
