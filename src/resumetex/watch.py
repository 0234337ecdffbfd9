"""`resumetex render --watch`: render again on every save of the CV, its photo or the theme.

Between saves an engine waits with the format and the fonts already loaded (compile.Engine),
so a save costs typesetting and PDF writing only."""

from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

from resumetex.compile import Engine, overfull_lines
from resumetex.errors import ResumeError
from resumetex.pipeline import (
    RenderRequest,
    RenderResult,
    fonts_note,
    latex_at,
    prepare,
    render_documents,
    render_pdf,
    source_bytes,
    start_engine,
    typeset_with,
)
from resumetex.texformat import split_head
from resumetex.themes import theme_files, theme_paths


def watch(
    request: RenderRequest,
    say: Callable[[str], None],
    stop: Callable[[], bool] = lambda: False,
    formats: tuple[str, ...] = ("pdf",),
) -> None:
    """Render `request` in `formats` now and after every change to its inputs, until interrupted
    (or `stop`)."""
    engine: Engine | None = None
    try:
        for _ in changes(request, stop):
            engine = render_once(request, engine, say, formats)
    finally:
        if engine is not None:
            engine.close()


def render_once(
    request: RenderRequest, engine: Engine | None, say: Callable[[str], None], formats: tuple[str, ...] = ("pdf",)
) -> Engine | None:
    """One render in `formats`, the PDF on `engine` if it waits on this document's head; returns
    the engine that waits for the next save."""
    try:
        for path in render_documents(request, tuple(name for name in formats if name != "pdf")):
            say(f"wrote {path}")
        if "pdf" not in formats:
            return engine
        prepared = prepare(request)
        latex = latex_at(prepared)
        head = split_head(latex)
        if prepared.cv.design.max_pages or head is None:  # a fit's trials run on the cached format
            report(render_pdf(request), say)
            return engine
        size = prepared.cv.design.font_size
        if engine is None or engine.head != head[0]:
            if engine is not None:
                engine.close()
            engine = start_engine(head[0], theme_files(request.theme), request.timeout, None, size)
        if engine is None:
            report(render_pdf(request), say)
            return None
        try:
            log = typeset_with(engine, latex, prepared, request.output_path())
            fonts = fonts_note(source_bytes(request))
            report(RenderResult(request.output_path(), False, fonts=fonts, warnings=tuple(overfull_lines(log))), say)
        finally:  # used up: the next one loads the format and fonts while the user types
            engine.close()
            engine = start_engine(head[0], theme_files(request.theme), request.timeout, None, size)
    except ResumeError as error:  # a bad edit: say where, keep the last good PDF
        say(f"error: {error}")
    return engine


def report(result: RenderResult, say: Callable[[str], None]) -> None:
    for line in result.lines():
        say(line)


def changes(request: RenderRequest, stop: Callable[[], bool]) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """Each batch of changes to the CV file, its photo or the theme's files; first an empty one
    as soon as the watch is set up, for the first render (a save during it is then not missed)."""
    wanted = {str(request.source.resolve()), *(str(p.resolve()) for p in theme_paths(request.theme))}
    folders = {str(Path(p).parent) for p in wanted}
    photos = (".jpg", ".jpeg", ".png")

    def relevant(_: watchfiles.Change, path: str) -> bool:
        # Editors often save by writing a new file and renaming it: watch folders, not files.
        return path in wanted or Path(path).suffix.lower() in photos

    batches = watchfiles.watch(
        *folders, watch_filter=relevant, debounce=100, step=20, rust_timeout=200, yield_on_timeout=True
    )
    first = True
    for batch in batches:
        if stop():
            return
        if batch or first:
            first = False
            yield batch
