"""The themes: folders of templates/, each layered on the default one."""

import re
from pathlib import Path

from resumetex.errors import UsageError

DEFAULT_THEME = "default"
# A theme that draws in a colour of its own, whatever the design says (classic: black).
FIXED_ACCENT = re.compile(rb"\\definecolor\{cvaccent\}\{HTML\}\{([0-9A-Fa-f]{6})\}")


def templates_dir() -> Path:
    """Where the themes are: inside the installed package, or `templates/` of a checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def themes() -> list[str]:
    """The themes there are: the folders of templates/."""
    return sorted(path.name for path in templates_dir().iterdir() if path.is_dir())


def theme_paths(theme: str) -> list[Path]:
    """The files a theme typesets with: the default theme's, then the theme's own, which win."""
    if theme not in themes():
        raise UsageError(f"--theme: unknown theme {theme!r}; known: {', '.join(themes())}")
    return [
        path
        for folder in dict.fromkeys([DEFAULT_THEME, theme])
        for path in sorted((templates_dir() / folder).iterdir())
    ]


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
