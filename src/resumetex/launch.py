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
from resumetex.compile import Engine, held_signals
from resumetex.errors import ResumeError
from resumetex.locales import DEFAULT_LANG, LOCALES
from resumetex.themes import DEFAULT_THEME, theme_files


def main() -> None:
    # Terminated, the command still stops its engines and removes their folders: an engine
    # waiting on its pipe would otherwise wait for ever.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        start_early(sys.argv[1:])
        from resumetex.cli import main as command

        command(args=sys.argv[1:], obj=sys.argv[1:])  # obj: the command line, for cache.note_command
    finally:
        if Engine.early is not None:  # not taken: a cache hit, an error, or another command
            Engine.early.close()
        # What is left lives until the process ends: freezing it spares the interpreter's
        # final collection of pydantic's and pylatex's objects (20 ms after a render).
        gc.freeze()


def start_early(args: list[str]) -> None:
    """Start the engine for `resumetex render` as its arguments seem to ask."""
    lang, theme = render_settings(args) or (None, None)
    if lang not in LOCALES or theme is None:
        return
    if "--no-cache" not in args and cache.command_unchanged(args):
        return  # the same command, the same files: the cache will answer, no engine needed
    # An unknown theme, no TeX, no room: the command itself meets and reports it.
    with contextlib.suppress(ResumeError, OSError), held_signals():  # a stop then finds it in Engine.early
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
