"""resumetex: structured CV data in YAML, typeset by XeLaTeX into a PDF résumé."""

import gc
import os
import sys

__version__ = "0.1.0"


def run() -> None:
    """The console script. Ctrl-C at any moment, even while Python is still importing, ends it
    with one line and exit code 130, never a traceback; so do `kill` and a closed terminal.
    Every error, click's own (a bad option) included, is one `error: ...` line."""
    # A command's memory is freed at once when it ends; meanwhile the cycle collector's passes
    # over the modules just imported (pydantic's models above all) took a tenth of Python's time.
    # `render --watch` and `build`, which run on, turn it back on.
    gc.disable()
    # pydantic looks for plugins (hooks that watch validation) by reading the metadata of every
    # installed distribution as the first model is built; a command has no use for them, and the
    # look-up grows with the environment. A setting of the user's own wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        command()
    except SystemExit as stop:
        code = stop.code
    else:
        code = 0
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        code = code or 1
    # Every file is closed and every engine stopped by now. Python's own teardown, freeing the
    # validators and modules one by one, took a tenth of a second; the system frees a process at once.
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


def command() -> None:
    """The command line's work; ends in SystemExit with its exit code."""
    try:
        import signal

        def stop(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt  # killed or hung up: the same clean-up as Ctrl-C

        for name in ("SIGTERM", "SIGHUP"):  # SIGHUP: not on Windows
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), stop)
        import click

        from resumetex.cli import main

        try:
            code = main(prog_name="resumetex", standalone_mode=False)  # click's errors come to us
        except click.ClickException as error:
            if isinstance(error, getattr(click.exceptions, "NoArgsIsHelpError", ())):  # `resumetex` alone
                error.show()
                raise SystemExit(error.exit_code) from None
            if isinstance(error, click.UsageError) and error.ctx is not None:
                sys.stderr.write(f"{error.ctx.get_usage()}\nTry '{error.ctx.command_path} --help' for help.\n\n")
            sys.stderr.write(f"error: {error.format_message()}\n")
            raise SystemExit(error.exit_code) from None
        except click.Abort:
            raise KeyboardInterrupt from None
        raise SystemExit(code if isinstance(code, int) else 0)
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        raise SystemExit(130) from None
