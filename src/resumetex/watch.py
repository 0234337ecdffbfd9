"""`resumetex render --watch`: render again on every save of the CV, its photo or the theme.

Between saves an engine waits with the format and the fonts already loaded, reading the name
of the rest of the document from its standard input, an anonymous pipe: a save then costs
typesetting and PDF writing only, and if this process dies the pipe closes and the engine
stops at once."""

import contextlib
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

from resumetex.compile import (
    ENGINE,
    engine_command,
    engine_environment,
    finish,
    prepare_folder,
    scratch,
)
from resumetex.errors import CompileError, ResumeError
from resumetex.formats import engine_source, format_for, split_head
from resumetex.pipeline import RenderRequest, latex_at, prepare, render_pdf
from resumetex.themes import theme_paths

BODY = "body.tex"
# The engine stops here until it is told where the rest of the document is.
WAIT = "\\endlinechar=-1 \\read16 to \\cvbody \\endlinechar=13 \\input{\\cvbody}\n"


class WaitingEngine:
    """XeLaTeX started on a document's head, waiting for the rest."""

    def __init__(self, head: str, support: dict[str, bytes], timeout: float) -> None:
        self.head, self.support, self.timeout = head, support, timeout
        self.scratch = scratch()
        self.folder = Path(self.scratch.name)
        fmt = format_for(head, support, timeout)
        prepare_folder(self.folder, engine_source(head, fmt) + WAIT, support, fmt)
        self.process = subprocess.Popen(
            engine_command(fmt, interaction="scrollmode"),  # scrollmode: \read from the pipe is allowed
            cwd=self.folder,
            env=engine_environment(self.folder),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def finish(self, rest: str, output: Path) -> str:
        """Typeset the rest of the document into `output`; return the engine's log."""
        (self.folder / BODY).write_text(rest, encoding="utf-8")
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(f"{BODY}\n".encode())
            self.process.stdin.close()
        try:
            code = self.process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise CompileError(f"{ENGINE} did not finish within {self.timeout:g} s and was stopped") from None
        finally:
            self.stop()
        return finish(self.folder, code, output, build_date=None, draft=False, timeout=self.timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def close(self) -> None:
        self.stop()
        self.scratch.cleanup()


def watch(request: RenderRequest, say: Callable[[str], None], stop: Callable[[], bool] = lambda: False) -> None:
    """Render `request` now and after every change to its inputs, until interrupted (or `stop`)."""
    engine: WaitingEngine | None = None
    try:
        engine = render_once(request, None, say)
        for _ in changes(request, stop):
            engine = render_once(request, engine, say)
    finally:
        if engine is not None:
            engine.close()


def render_once(
    request: RenderRequest, engine: WaitingEngine | None, say: Callable[[str], None]
) -> WaitingEngine | None:
    """One render; returns an engine started and waiting for the next."""
    try:
        prepared = prepare(request)
        latex = latex_at(prepared)
        parts = split_head(latex)
        if prepared.cv.design.max_pages or parts is None:  # a fit's trials typeset on the cached format
            say(f"wrote {render_pdf(request).pdf}")
            return engine
        head, rest = parts
        if engine is None or engine.head != head or engine.support != prepared.support:
            if engine is not None:
                engine.close()
            engine = WaitingEngine(head, prepared.support, request.timeout)
        try:
            engine.finish(rest, request.output_path())
            say(f"wrote {request.output_path()}")
        finally:
            engine.close()
            engine = WaitingEngine(head, prepared.support, request.timeout)  # ready for the next save
    except ResumeError as error:  # a bad edit: say where, keep the last good PDF
        say(f"error: {error}")
    return engine


def changes(request: RenderRequest, stop: Callable[[], bool]) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """Each batch of changes to the CV file, its photo or the theme's files."""
    wanted = {str(request.source.resolve()), *(str(p.resolve()) for p in theme_paths(request.theme))}
    folders = {str(Path(p).parent) for p in wanted}
    photos = (".jpg", ".jpeg", ".png")

    def relevant(_: watchfiles.Change, path: str) -> bool:
        # Editors often save by writing a new file and renaming it: watch folders, not files.
        return path in wanted or Path(path).suffix.lower() in photos

    for batch in watchfiles.watch(
        *folders, watch_filter=relevant, debounce=100, step=20, rust_timeout=200, yield_on_timeout=True
    ):
        if stop():
            return
        if batch:
            yield batch
