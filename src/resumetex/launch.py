"""The `resumetex` command's entry point: for a render, XeLaTeX starts before anything else.

The engine's first 0.5 s (its format, the theme, the fonts) need only the language and the
theme, while importing click and the rest of resumetex costs some 50 ms before the command
line is even parsed. So a quick look at the arguments picks those two, the engine starts
(compile.Engine.early), and then the command runs as usual. The pipeline takes that engine
only if it was started for the very document it renders; otherwise it is stopped and a new
one started, so the look cannot change what is rendered. A command line that rendered before,
over files that have not changed since, starts no engine: the render cache will answer it."""

import contextlib
import gc
import signal
import sys

from resumetex import cache
from resumetex.compile import Engine
from resumetex.errors import ResumeError
from resumetex.locales import DEFAULT_LANG, LOCALES
from resumetex.themes import DEFAULT_THEME, theme_files


def main() -> None:
    for stopped in (signal.SIGTERM, signal.SIGHUP):  # killed, or its terminal closed
        signal.signal(stopped, stop)
    try:
        start_early(sys.argv[1:])
        from resumetex.cli import main as command

        command(args=sys.argv[1:], obj=sys.argv[1:])  # obj: the command line, for cache.note_command
    finally:
        # The early engine if nothing took it, and any other a stop caught before its owner did.
        Engine.close_all()
        # What is left lives until the process ends: freezing it spares the interpreter's
        # final collection of pydantic's and pylatex's objects (20 ms after a render).
        gc.freeze()


def stop(signum: int, _frame: object) -> None:
    """Terminated or hung up: leave as an error does, through every clean-up on the way (an engine
    waiting on its pipe would otherwise wait for ever)."""
    sys.exit(128 + signum)


def start_early(args: list[str]) -> None:
    """Start the engine for `resumetex render` as its arguments seem to ask."""
    lang, theme = render_settings(args) or (None, None)
    if lang not in LOCALES or theme is None:
        return
    if "--no-cache" not in args and cache.command_unchanged(args):
        return  # the same command, the same files: the cache will answer, no engine needed
    # An unknown theme, no TeX, no room: the command itself meets and reports it.
    with contextlib.suppress(ResumeError, OSError):
        Engine.early = Engine(LOCALES[lang].document_head, theme_files(theme))


def render_settings(args: list[str]) -> tuple[str, str] | None:
    """(--lang, --theme) of a render command line, with their defaults; None for any other command."""
    if not args or args[0] != "render" or "-h" in args or "--help" in args:
        return None
    found = {"--lang": DEFAULT_LANG, "--theme": DEFAULT_THEME}
    for option, value in zip(args, [*args[1:], ""], strict=True):
        name, equals, given = option.partition("=")
        if name in found:
            found[name] = given if equals else value
    return found["--lang"], found["--theme"]


if __name__ == "__main__":
    main()
