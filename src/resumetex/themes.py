"""The themes: folders of templates/, each layered on the default one."""

from pathlib import Path

from resumetex.errors import UsageError

DEFAULT_THEME = "default"


def templates_dir() -> Path:
    """Where the themes are: inside the installed package, or `templates/` of a checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def themes() -> list[str]:
    """The themes there are: the folders of templates/."""
    return sorted(path.name for path in templates_dir().iterdir() if path.is_dir())


def theme_files(theme: str) -> dict[str, bytes]:
    """The files a theme typesets with: the default theme's, overlaid with the theme's own."""
    if theme not in themes():
        raise UsageError(f"--theme: unknown theme {theme!r}; known: {', '.join(themes())}")
    files = {}
    for folder in dict.fromkeys([DEFAULT_THEME, theme]):
        files.update({path.name: path.read_bytes() for path in sorted((templates_dir() / folder).iterdir())})
    return files
