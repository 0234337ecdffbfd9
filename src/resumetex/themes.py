"""The themes: folders of templates/, each layered on the default one."""

import re
from pathlib import Path

from resumetex.errors import UsageError

DEFAULT_THEME = "default"
THEME_FILE = "resumetex-theme.sty"  # a theme's own macros, loaded last by the default theme
# A theme that draws in a colour of its own, whatever the design says (classic: black).
FIXED_ACCENT = re.compile(rb"\\definecolor\{cvaccent\}\{HTML\}\{([0-9A-Fa-f]{6})\}")


def templates_dir() -> Path:
    """Where the themes are: inside the installed package, or `templates/` of a checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def themes() -> list[str]:
    """The themes there are: the folders of templates/."""
    return sorted(path.name for path in templates_dir().iterdir() if path.is_dir())


def theme_folder(theme: str) -> Path:
    """Where `theme` is: a folder of templates/ by name, or a folder of your own by path
    (`./mytheme`, holding resumetex-theme.sty)."""
    if "/" in theme or theme.startswith("."):
        folder = Path(theme).expanduser()
        if not (folder / THEME_FILE).is_file():
            raise UsageError(f"--theme {theme}: no {THEME_FILE} there; start one with: resumetex theme new {theme}")
        return folder
    if theme not in themes():
        if (Path(theme) / THEME_FILE).is_file():  # a theme folder here, named without its ./
            raise UsageError(f"--theme: unknown theme {theme!r}; for the theme in the folder {theme}, write ./{theme}")
        raise UsageError(f"--theme: unknown theme {theme!r}; known: {', '.join(themes())}, or a folder ./NAME")
    return templates_dir() / theme


def theme_paths(theme: str) -> list[Path]:
    """The files a theme typesets with: the default theme's, then the theme's own, which win."""
    folders = dict.fromkeys([templates_dir() / DEFAULT_THEME, theme_folder(theme)])
    return [path for folder in folders for path in sorted(folder.iterdir()) if path.is_file()]


def theme_files(theme: str) -> dict[str, bytes]:
    """The theme's files by name, as the engine finds them beside the document."""
    return {path.name: path.read_bytes() for path in theme_paths(theme)}


def theme_accent(theme: str, chosen: str) -> str:
    """The accent colour `theme` draws with: its own when it fixes one, else `chosen` (the design's);
    the HTML page and the Word file use it too."""
    for path in reversed(theme_paths(theme)):
        fixed = FIXED_ACCENT.search(path.read_bytes())
        if fixed:
            return "#" + fixed.group(1).decode().upper()
    return chosen


def new_theme(folder: Path) -> Path:
    """Start a theme of your own in `folder`: the classic theme's file, to change as you like."""
    target = folder / THEME_FILE
    if target.exists():
        raise UsageError(f"{target}: already exists; edit it, or give another folder")
    folder.mkdir(parents=True, exist_ok=True)
    starter = (templates_dir() / "classic" / THEME_FILE).read_text(encoding="utf-8")
    note = (
        f"% A theme of your own, started from the classic theme: use it with --theme {folder}.\n"
        "% Every macro of templates/default/resumetex.sty can be redefined here with \\renewcommand.\n"
    )
    target.write_text(note + starter, encoding="utf-8")
    return target
