"""resumetex: structured CV data in YAML, typeset by XeLaTeX into a PDF résumé."""

import sys

__version__ = "0.1.0"


def run() -> None:
    """The console script. Ctrl-C at any moment, even while Python is still importing, ends it
    with one line and exit code 130, never a traceback; so do `kill` and a closed terminal."""
    try:
        import signal

        def stop(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt  # killed or hung up: the same clean-up as Ctrl-C

        for name in ("SIGTERM", "SIGHUP"):  # SIGHUP: not on Windows
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), stop)
        from resumetex.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        raise SystemExit(130) from None
