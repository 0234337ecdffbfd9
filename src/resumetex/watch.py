"""`resumetex render --watch`: render again on every save of the CV, its photo or the theme.

Between saves an engine waits with the format and the fonts already loaded (compile.Engine),
so a save costs typesetting and PDF writing only."""

from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

from resumetex.compile import Engine, overfull_lines, write_sources
from resumetex.errors import MissingGlyphsError, ResumeError
from resumetex.outputs.pages import write_pages
from resumetex.pipeline import (
    DOCUMENT_FORMATS,
    Prepared,
    RenderRequest,
    RenderResult,
    build_date,
    check_outputs,
    fonts_note,
    latex_at,
    located,
    prepare,
    render_documents,
    render_pdf,
    source_bytes,
    start_engine,
    typeset_with,
    typesets,
)
from resumetex.texformat import split_head
from resumetex.themes import theme_paths


def watch(
    request: RenderRequest,
    say: Callable[[str], None],
    stop: Callable[[], bool] = lambda: False,
    formats: tuple[str, ...] = ("pdf",),
) -> None:
    """Render `request` in `formats` now and after every change to its inputs, until interrupted
    (or `stop`)."""
    engine: Engine | None = None
    photo: set[str] = set()  # the photo the CV names, as last read
    try:
        for _ in changes(request, stop, photo):
            engine, prepared = render_once(request, engine, say, formats)
            if prepared is not None:
                used = prepared.document.header.photo
                photo.clear()
                photo.update([str(used.resolve())] if used else [])
    finally:
        if engine is not None:
            engine.close()


def render_once(
    request: RenderRequest, engine: Engine | None, say: Callable[[str], None], formats: tuple[str, ...] = ("pdf",)
) -> tuple[Engine | None, Prepared | None]:
    """One render in `formats`, the PDF on `engine` if it waits on this document's head; returns
    the engine that waits for the next save, and the CV as it was read (None after a bad edit)."""
    try:
        raw = source_bytes(request)  # read once: the messages speak of what was typeset
        prepared = prepare(request, raw)
        for path in render_documents(request, tuple(name for name in formats if name in DOCUMENT_FORMATS), prepared):
            say(f"wrote {path}")
        if not typesets(formats):
            return engine, prepared
        pages = ("png",) if "png" in formats else ()  # each page as a picture, after the PDF
        check_outputs(request, request.output_path())  # as render_pdf does: never over the CV
        latex = latex_at(prepared)
        head = split_head(latex)
        if prepared.cv.design.max_pages or head is None:  # a fit's trials run on the cached format
            report(render_pdf(request, pages), say)
            return engine, prepared
        size = prepared.cv.design.font_size
        picture = prepared.document.header.picture
        photo = picture.name if picture else None
        theme = {name: content for name, content in prepared.support.items() if name != photo}  # as prepared read it
        if engine is None or engine.head != head[0] or engine.support != theme:  # (the theme loads with the head)
            if engine is not None:
                engine.close()
            engine = start_engine(head[0], theme, request.timeout, None, size)
        if engine is None:
            report(render_pdf(request, pages), say)
            return None, prepared
        try:
            if request.tex:  # as a render writes it, before the engine: there to look into if it fails
                write_sources(request.tex.parent, latex, prepared.support, main=request.tex.name)
            date = build_date(request.source)  # as a render dates it: the same input, the same bytes
            try:
                log = typeset_with(engine, latex, prepared, request.output_path(), build_date=date)
            except MissingGlyphsError as error:  # as a render says it: where in the file
                raise located(error, raw, request.source) from None
            warnings = tuple(overfull_lines(log))
            output = request.output_path()
            pictures = tuple(write_pages(output, output) if pages else ())
            report(RenderResult(output, False, fonts=fonts_note(raw), warnings=warnings, documents=pictures), say)
        finally:  # used up: the next one loads the format and fonts while the user types
            engine.close()
            engine = start_engine(head[0], theme, request.timeout, None, size)
    except ResumeError as error:  # a bad edit: say where, keep the last good PDF
        say(f"error: {error}")
        return engine, None
    return engine, prepared


def report(result: RenderResult, say: Callable[[str], None]) -> None:
    for line in result.lines():
        say(line)


def changes(
    request: RenderRequest, stop: Callable[[], bool], photo: set[str]
) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """Each batch of changes to the CV file, the theme's files or `photo` (kept up to date by the
    caller); first an empty one as soon as the watch is set up, for the first render (a save
    during it is then not missed). Other files do not count: the engine's own copy of the photo,
    in a temporary folder that may lie below, would start the next render, and that one the next."""
    wanted = {str(request.source.resolve()), *(str(p.resolve()) for p in theme_paths(request.theme))}

    def relevant(_: watchfiles.Change, path: str) -> bool:
        return path in wanted or path in photo

    def folders() -> set[str]:
        # Editors often save by writing a new file and renaming it: watch folders, not files.
        return {str(Path(p).parent) for p in wanted | photo}

    first = True
    while True:
        watching = folders()
        # A save is reported once no more changes came for `step` ms (an editor's write and rename
        # take well under 1 ms), after at most `step` ms more: 10 to 20 ms after it.
        batches = watchfiles.watch(
            *watching, watch_filter=relevant, debounce=100, step=10, rust_timeout=200, yield_on_timeout=True
        )
        try:
            for batch in batches:
                if stop():
                    return
                if batch or first:
                    first = False
                    yield batch
                    if not all(any(Path(f).is_relative_to(w) for w in watching) for f in folders()):
                        first = True  # the CV now names a photo in a folder not watched: watch it
                        break  # too, and render once more (a save meanwhile is not missed)
            else:
                return
        finally:
            batches.close()
