"""The one library call behind `resumetex render`: load → select → lay out → render → compile."""

import contextlib
import hashlib
import os
import re
import subprocess
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from resumetex import cache, glyphs
from resumetex.compile import (
    STOPPING,
    TIMEOUT_SECONDS,
    Engine,
    TrialEngine,
    compile_pdf,
    link,
    overfull_lines,
    page_count,
    page_fill,
    pdf_of,
    publish,
    scratch,
    trial_pages,
    write_sources,
)
from resumetex.errors import DataError, MissingGlyphsError, ResumeError, UsageError
from resumetex.outputs.pages import page_name, write_pages
from resumetex.source import cv_files, photo_of, read_source, stem
from resumetex.themes import DEFAULT_THEME, theme_accent, theme_files

if TYPE_CHECKING:
    from resumetex.document import Document
    from resumetex.fit import Trial
    from resumetex.locales import Locale
    from resumetex.model import CV, Design
    from resumetex.photo import Picture
    from resumetex.selection import Cut

# What needs pydantic, pylatex or markdown-it (load, layout, render, ...), and what only a render
# that typesets needs (the locales, the photo, the format, the fonts' maps), is imported in the
# functions that use it: an unchanged re-render is answered from the cache without them.
# RenderRequest fields that leave the PDF alone (the CV's bytes are in the key themselves).
NOT_IN_KEY = ("source", "output", "tex", "timeout", "use_cache", "data")


@dataclass(frozen=True)
class RenderRequest:
    """Everything one render needs; the CLI fills it from its options.

    For order, hide, tags, exclude_tags and emphasize, None means "not given": the
    variant's value (or nothing) holds."""

    source: Path
    output: Path | None = None  # default: build/<source name>[.variant].pdf
    lang: str | None = None  # default: the file's `lang:`
    order: tuple[str, ...] | None = None
    hide: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    exclude_tags: tuple[str, ...] | None = None
    emphasize: tuple[str, ...] | None = None
    file_emphasis: bool = True  # the file's own **bold** and author_names
    design: tuple[tuple[str, str], ...] = ()  # (setting, value) overrides for this run
    max_pages: int | None = None
    variant: str | None = None
    tex: Path | None = None  # also write the LaTeX source here
    theme: str = DEFAULT_THEME
    timeout: float = TIMEOUT_SECONDS
    use_cache: bool = True
    data: bytes | None = None  # the CV's bytes when already read (standard input is read once)

    def cut(self) -> "Cut":
        from resumetex.selection import Cut

        return Cut(
            order=self.order,
            hide=self.hide,
            tags=self.tags,
            exclude_tags=self.exclude_tags,
            emphasize=self.emphasize,
            max_pages=self.max_pages,
            design=self.design,
            variant=self.variant,
        )

    def options(self) -> tuple[tuple[str, object], ...]:
        """What, besides the files, decides the PDF (the cache key): every field but those
        that leave it alone, so an option added later is in the key unless said otherwise."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self) if f.name not in NOT_IN_KEY)

    def output_path(self) -> Path:
        return self.output or default_output(self.source, self.variant)


@dataclass(frozen=True)
class RenderResult:
    pdf: Path
    cached: bool  # True: an identical earlier render was reused and no engine ran
    fitted: "Design | None" = None  # the layout --max-pages chose, when it had to tighten
    fonts: str | None = None  # which fonts stood in for Noto, and how to get it (glyphs.font_note)
    warnings: tuple[str, ...] = ()  # lines set past the margin (compile.overfull_lines)
    documents: tuple[Path, ...] = ()  # the other formats written with it (--format html,...)

    def lines(self) -> list[str]:
        """What `render` and each save of `render --watch` say about it: the other formats
        written, the PDF (reused, or the layout --max-pages chose), the fonts note, then each warning."""
        note = " (unchanged input: reused the last render)" if self.cached else ""
        if self.fitted:
            fitted = self.fitted
            note = f" (fitted: {fitted.font_size:g} pt type, {fitted.margin:g} cm margins, spacing {fitted.spacing:g})"
        return [
            *(f"wrote {path}" for path in self.documents),
            f"wrote {self.pdf}{note}",
            *([self.fonts] if self.fonts else []),
            *(f"warning: {self.pdf}: {warning}" for warning in self.warnings),
        ]


@dataclass(frozen=True)
class Prepared:
    """A validated, tailored CV, laid out, with what it is typeset with."""

    cv: "CV"
    locale: "Locale"
    document: "Document"
    support: dict[str, bytes]  # the theme's files and the photo, by their names beside the .tex


def default_output(source: Path, variant: str | None = None, suffix: str = ".pdf") -> Path:
    """build/NAME.pdf for NAME.yaml (build/NAME.VARIANT.pdf for a variant)."""
    name = "stdin" if str(source) == "-" else stem(source.name)
    return Path("build") / (f"{name}.{variant}{suffix}" if variant else f"{name}{suffix}")


def prepare(request: RenderRequest, raw: bytes | None = None) -> Prepared:
    """Load and validate the CV, cut it as the request (and its variant) asks, and lay it out."""
    from resumetex.layout import Emphasis, lay_out, printed
    from resumetex.load import parse_cv
    from resumetex.locales import locale_for
    from resumetex.selection import tailor

    raw = source_bytes(request) if raw is None else raw
    cv = parse_cv(raw, request.source, request.lang)
    if not request.file_emphasis:  # (the file's own: its **bold**, its author names, its `emphasize:`)
        cv = cv.model_copy(update={"emphasize": []})
    locale = locale_for(cv, request.lang)
    view, terms = tailor(cv, request.cut())
    folder = Path(".") if str(request.source) == "-" else request.source.parent
    document = lay_out(view, locale, Emphasis(terms, request.file_emphasis), folder)
    text = "".join(printed(view, locale))  # (what lay_out chose the CJK faces by, too)
    if not document.cjk and glyphs.latin_needs_noto(text):
        document = replace(document, scripts=document.scripts | {"latin-noto"})  # Greek, Cyrillic, ...
    if document.cjk:
        document = replace(document, chinese_faced=tuple(glyphs.chinese_faced(text)))  # → ①
    stand_ins = glyphs.fallbacks(text, document.cjk)  # Devanagari, Georgian, symbols: other fonts
    if stand_ins:
        document = replace(document, fallbacks=tuple(stand_ins.items()))
    support = theme_files(request.theme)
    if document.header.photo:
        picture = picture_placed(document.header.photo, raw, request.source)
        document = replace(document, header=replace(document.header, picture=picture))
        support[picture.name] = picture.data
    return Prepared(view, locale, document, support)


def picture_placed(photo: Path, raw: bytes, source: Path) -> "Picture":
    """What the outputs place of `photo`, the file named in the CV `raw` read from `source`
    (see photo.placed)."""
    from resumetex.photo import PictureError, image_kind, placed

    try:
        data = photo.read_bytes()
    except OSError as error:
        raise DataError([f"{photo}: cannot be read ({error.strerror})"]) from None
    try:
        return placed(data)
    except PictureError:  # whole by its headers (load checks them), damaged in its picture data
        from resumetex.load import damaged, photo_located

        raise photo_located(damaged(photo.name, str(image_kind(data))), raw, source) from None


def design_at(prepared: Prepared, density: float) -> "Design":
    """The prepared CV's design, tightened to `density` (see fit.py)."""
    from resumetex.fit import densify

    design, locale = prepared.cv.design, prepared.locale
    if density <= 0:
        return design
    return densify(design, density, design.line_spacing or locale.line_spacing, locale.tight_line_spacing)


def latex_at(prepared: Prepared, density: float = 0.0) -> str:
    """The LaTeX source of the prepared CV, its layout tightened to `density`."""
    from resumetex.render import render_latex

    return render_latex(prepared.document, design_at(prepared, density), prepared.locale.line_spacing)


def render_pdf(request: RenderRequest, others: tuple[str, ...] = ()) -> RenderResult:
    """Render `request.source` to its output, or reuse an identical earlier render; and write it
    in the `others` formats (see render_documents), from the CV read once, while the engine loads,
    and, with png among them, each page of the PDF as a picture."""
    output = request.output_path()
    raw = source_bytes(request)
    check_outputs(request, output)
    pictures = "png" in others
    if pictures:
        check_outputs(replace(request, output=page_name(output, 1), tex=None), page_name(output, 1))
    others = tuple(name for name in others if name in DOCUMENT_FORMATS)
    date = build_date(request.source)
    theme = theme_files(request.theme)
    key = None
    beside = Path(".") if str(request.source) == "-" else request.source.parent
    photo = photo_of(raw, beside) if request.use_cache else None  # None: no cache
    if photo is not None:
        key = cache.render_key(raw, (*request.options(), glyphs.font_choice()), {**theme, **photo}, date)
        if not request.tex and cache.restore(key, output):
            documents = (
                *render_documents(request, others, date=date),
                *(write_pages(output, output) if pictures else ()),
            )
            return RenderResult(output, cached=True, fonts=fonts_note(raw), documents=documents)
    head, size = guess_head(raw, request.lang), guess_size(raw, request.design)
    # A fit also measures layouts (on a trial engine, where one can run; else it typesets two).
    kinds = [Engine, TrialEngine if TrialEngine.USABLE else Engine] if fit_likely(raw, request) else [Engine]
    started = [start_engine(head, theme, request.timeout, date, size, kind) for kind in kinds]
    early = [engine for engine in started if engine is not None]
    try:
        prepared = prepare(request, raw)  # while the engine loads the format and the fonts
        documents = tuple(render_documents(request, others, prepared, date))
        if request.tex:  # before the engine: when it fails, the source is there to look into
            write_sources(request.tex.parent, latex_at(prepared), prepared.support, main=request.tex.name)
        with scratch() as folder:
            made = Path(folder) / "cv.pdf"
            try:
                density, latex, log = typeset(prepared, made, request.timeout, date, early)
            except MissingGlyphsError as error:  # the theme's own text, or fonts fc-query could not read
                raise located(error, raw, request.source) from None
            warnings = tuple(overfull_lines(log))
            if key and not warnings:  # (a render with warnings typesets again, and says them again)
                cache.store(key, made)  # what this render made, never what is at the output now
            publish(made, output)
            documents += tuple(write_pages(made, output) if pictures else ())
    finally:
        for engine in early:
            engine.close()
    if request.tex and density > 0:  # the layout --max-pages chose
        write_sources(request.tex.parent, latex, prepared.support, main=request.tex.name)
    fitted = design_at(prepared, density) if density > 0 else None
    return RenderResult(
        output, cached=False, fitted=fitted, fonts=fonts_note(raw), warnings=warnings, documents=documents
    )


def located(error: MissingGlyphsError, raw: bytes, source: Path) -> MissingGlyphsError:
    """`error`, which TeX reported by character alone, with where each character is in the file."""
    from resumetex.load import compose, decode, where_characters

    places = where_characters(compose(decode(raw, source), source), source, error.glyphs)
    return MissingGlyphsError(error.glyphs, "\n".join([*places, str(error)]))


def fonts_note(raw: bytes) -> str | None:
    """glyphs.font_note for a CV with Chinese in it."""
    text = raw.decode("utf-8", "replace")
    return glyphs.font_note() if any(unicodedata.east_asian_width(c) in "WF" for c in text) else None


def guess_head(raw: bytes, lang: str | None) -> str:
    """The head the CV's document will most likely have, from its text alone (a `lang:` line,
    the name, Chinese anywhere): a wrong guess costs only the early engine."""
    from resumetex.locales import LOCALES, glyph_forms, has_cjk, kana_or_hangul, words_of
    from resumetex.texformat import head_for

    text = raw.decode("utf-8", "replace")
    declared = re.search(r"[\"']?\blang[\"']?\s*:\s*[\"']?([A-Za-z_-]+)", text)  # YAML, or JSON; zh_TW too
    name = re.search(r"[\"']?\bname[\"']?\s*:\s*[\"']?([^\"'\n,}]+)", text)
    code = lang or (declared.group(1) if declared else None)
    if code is None and name and has_cjk(name.group(1)):
        code = kana_or_hangul(text) or "zh"
    cjk = bool(code and code.lower().startswith("zh"))
    words = LOCALES[words_of(code)].present if code else ""  # (現在: Japanese's words are in its letters)
    wide = any(unicodedata.east_asian_width(c) in "WF" for c in text + words)
    return head_for(cjk, frozenset({"cjk"}) if wide and not cjk else frozenset(), glyph_forms(code or "zh"))


def fit_likely(raw: bytes, request: RenderRequest) -> bool:
    """Whether the CV will be fitted to a page count: --max-pages, or a `max_pages` in the file
    that the design or the variant asked for most likely holds. Two engines then wait, for the
    fit's first two trials; a wrong guess costs only time."""
    asked = b"max_pages" in raw and (request.variant is not None or b"variants" not in raw)
    return request.max_pages is not None or asked


def guess_size(raw: bytes, design: tuple[tuple[str, str], ...]) -> float | None:
    """The body size the CV will most likely be set in (--design's, else the file's first
    `font_size`; None: the default), for the early engine's fonts: a wrong guess costs only time."""
    found = re.search(rb"\bfont_size[\"']?\s*:\s*[\"']?([0-9.]+)", raw)
    size = dict(design).get("font_size") or (found.group(1).decode() if found else None)
    try:
        return float(size) if size else None
    except ValueError:
        return None


def start_engine(
    head: str,
    theme: dict[str, bytes],
    timeout: float,
    date: int | None,
    size: float | None,
    kind: type[Engine] = Engine,
) -> Engine | None:
    """An engine (of `kind`) on `head` (on its cached format, built now if need be), its fonts
    loaded at the sizes of body size `size`, waiting for the rest; None where none can start (the
    render then reports why)."""
    from resumetex import tounicode
    from resumetex.texformat import engine_source, format_for, warm_up

    try:
        fmt = format_for(head, theme, timeout)
        prelude = engine_source(head, fmt) + warm_up(size)
        return kind(head, prelude, theme, fmt, timeout=timeout, build_date=date, links=tounicode.links(head))
    except (ResumeError, OSError):
        return None


def typeset_with(
    engine: Engine, latex: str, prepared: Prepared, output: Path, draft: bool = False, build_date: int | None = None
) -> str:
    """Finish `latex` on a waiting engine (see Engine.finish); the photo joins the theme's files beside it."""
    more = {name: content for name, content in prepared.support.items() if name not in engine.support}
    return str(engine.finish(latex, output, more, draft, build_date))


# Written from the document, with no TeX run.
DOCUMENT_FORMATS = {"html": ".html", "docx": ".docx", "md": ".md", "txt": ".txt", "json": ".json"}
FORMATS = ("pdf", *DOCUMENT_FORMATS, "png")  # png: the PDF's pages as pictures (the PDF is written too)


def typesets(formats: tuple[str, ...]) -> bool:
    """Whether `formats` need the PDF: itself, or the pictures of its pages."""
    return "pdf" in formats or "png" in formats


def check_formats(request: RenderRequest, formats: tuple[str, ...]) -> None:
    """Refuse two of the files asked for on one path, the second written over the first:
    -o cv.html --format pdf,html, or --tex cv.md --format md."""
    output = request.output_path()
    named = {"the PDF": output} if typesets(formats) else {}
    named |= {
        f"the {name} file": output.with_suffix(DOCUMENT_FORMATS[name]) for name in formats if name in DOCUMENT_FORMATS
    }
    named |= {"the LaTeX source (--tex)": request.tex} if request.tex else {}
    taken: dict[Path, str] = {}
    for what, path in named.items():
        if path.resolve() in taken:
            pdf = output.with_suffix(".pdf")
            hint = f"-o {pdf}" if taken[path.resolve()] == "the PDF" and pdf != output else "each its own path"
            raise UsageError(f"{path}: {taken[path.resolve()]} and {what} would be one file; give {hint}")
        taken[path.resolve()] = what


def source_bytes(request: RenderRequest) -> bytes:
    return request.data if request.data is not None else read_source(request.source)


def render_documents(
    request: RenderRequest, formats: tuple[str, ...], prepared: Prepared | None = None, date: int | None = None
) -> list[Path]:
    """Write the CV as HTML, Word, Markdown, plain text and/or JSON Resume beside where its PDF
    goes (build/NAME.html, .docx, .md, .txt, .json; with -o, the PDF's path with the suffix),
    from `prepared` when the caller has it; the Word file dated `date`, the render's, when given
    (else the CV's build date is worked out: git is asked once a render)."""
    if not formats:
        return []  # (before the imports: a cached PDF is served without them)
    from resumetex.outputs import html, jsonresume, markdown, text, word

    targets = [(name, request.output_path().with_suffix(DOCUMENT_FORMATS[name])) for name in formats]
    for _, target in targets:
        check_outputs(replace(request, output=target, tex=None), target)
    prepared = prepared or prepare(request)
    design = prepared.cv.design
    look = (prepared.document, theme_accent(request.theme, design.accent), design.font_size, design.paper + "paper")

    def image_from(target: Path) -> str | None:
        """The photo's path from `target`'s folder, where a reader of the file looks for it."""
        photo = prepared.document.header.photo
        if photo is None:
            return None
        try:
            return Path(os.path.relpath(photo, target.parent)).as_posix()
        except ValueError:  # another drive (Windows)
            return photo.as_posix()

    emitters: dict[str, Callable[[], str | bytes]] = {
        "html": lambda: html.emit(*look),
        "docx": lambda: word.emit(*look, date=build_date(request.source) if date is None else date),
        "md": lambda: markdown.emit(prepared.document),
        "txt": lambda: text.emit(prepared.document),
        "json": lambda: jsonresume.emit(
            prepared.cv, request.lang or prepared.cv.lang or prepared.locale.lang[:2], image_from(dict(targets)["json"])
        ),
    }

    written = []
    with scratch() as folder:
        for name, target in targets:
            made = Path(folder) / f"cv{DOCUMENT_FORMATS[name]}"
            content = emitters[name]()
            made.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            publish(made, target)
            written.append(target)
    return written


def check_outputs(request: RenderRequest, output: Path) -> None:
    """Refuse outputs that would replace the source, or something not a file (outputs on one path:
    check_formats)."""
    targets = [("-o", output)] + ([("--tex", request.tex)] if request.tex else [])
    source = request.source.resolve() if str(request.source) != "-" else None
    for option, target in targets:
        if source is not None and target.resolve() == source:
            raise UsageError(f"{option} {target}: that is the CV file itself; write the output elsewhere")
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise UsageError(f"{option} {target}: not a regular file; give a file path")


def typeset(
    prepared: Prepared, output: Path, timeout: float, date: int, early: list[Engine] | None = None
) -> tuple[float, str, str]:
    """Write the PDF, on an `early` engine if one has the document's head; with max_pages,
    search for the roomiest layout that fits (the roomiest typeset on the early engine, the
    others measured on the early trial engine). Returns the density chosen, the LaTeX typeset
    at it and the engine's log. Kills the engines it leaves unused (the caller closes them all)."""
    from resumetex import tounicode
    from resumetex.fit import Trial, fit_pages
    from resumetex.texformat import engine_source, format_for, split_head

    max_pages = prepared.cv.design.max_pages
    latex = latex_at(prepared)
    head = split_head(latex)  # the same at every density
    links = tounicode.links(head[0]) if head else {}
    fitting = [engine for engine in early or () if latex.startswith(engine.head)]
    waiting = [engine for engine in fitting if not isinstance(engine, TrialEngine)][: 2 if max_pages else 1]
    measurer = next((engine for engine in fitting if isinstance(engine, TrialEngine)), None) if max_pages else None
    for unused in early or ():
        if unused not in waiting and unused is not measurer:
            unused.kill()  # a wrong guess, or one more than needed: free the core now (closed by the caller)

    def take() -> Engine | None:
        """A waiting engine, if one is left (both ends of a search run in two threads; list.pop is atomic)."""
        try:
            return waiting.pop(0)
        except IndexError:
            return None

    def run(latex: str, target: Path, draft: bool = False) -> str:
        """Typeset `latex` on the cached format of its head (built on first need), if there is one."""
        parts = split_head(latex)
        fmt = format_for(parts[0], prepared.support, timeout) if parts else None
        engine_latex = engine_source(latex, fmt)
        return compile_pdf(
            engine_latex, prepared.support, target, timeout=timeout, build_date=date, draft=draft, fmt=fmt, links=links
        )

    if not max_pages:
        engine = take()
        log = typeset_with(engine, latex, prepared, output) if engine is not None else run(latex, output)
        return 0.0, latex, log
    sources: dict[float, str] = {}
    logs: dict[float, str] = {}
    measuring = Measuring(measurer, prepared)
    spared: list[Engine | None] = []
    sparing = threading.Lock()

    def spare() -> None:
        """Start an engine to set the search's winner, once, if it can start."""
        with sparing:
            if not spared and head:
                spared.append(start_engine(head[0], prepared.support, timeout, date, prepared.cv.design.font_size))
                waiting.extend(engine for engine in spared if engine is not None)

    with scratch() as fit_folder:

        def trial(density: float) -> "Trial":
            """The layout at `density`, measured on the trial engine; where it cannot measure, a
            draft whose pages are counted from the .xdv. The roomiest layout, often the one
            printed, is a draft on the waiting engine; when it does not fit, the search goes on,
            and an engine to set its winner loads meanwhile."""
            latex = sources[density] = latex_at(prepared, density)
            said = None if density == 0 and waiting else measuring.measure(latex)
            if said is None:
                result = draft(density)
            else:
                result = Trial(density, trial_pages(said), page_fill(said), None, tuple(overfull_lines(said)))
            if density == 0 and not result.fits(max_pages) and measuring.engine is not None:
                spare()
            return result

        def draft(density: float, pdf: bool = False) -> "Trial":
            """`density`'s layout typeset, on a waiting engine if one is left: its .xdv, or with
            `pdf` the PDF (the measured winner: made while its engine exits, see Engine.finish)."""
            made = Path(fit_folder) / f"trial-{density:.3f}.{'pdf' if pdf else 'xdv'}"
            engine = take()
            if engine is not None:
                log = logs[density] = typeset_with(engine, sources[density], prepared, made, draft=not pdf)
            else:
                log = logs[density] = run(sources[density], made, draft=not pdf)
            return Trial(density, page_count(log), page_fill(log), made, tuple(overfull_lines(log)))

        try:
            best = fit_pages(max_pages, trial)
            if best.output is None:  # measured: typeset it now, on the engine kept waiting for it
                measuring.stop()
                drafted = draft(best.density, pdf=True)
                # Held to what was measured; should a theme's trials set it otherwise, search
                # again by drafts alone.
                same = (drafted.pages, drafted.overfull) == (best.pages, best.overfull)
                best = drafted if same else fit_pages(max_pages, trial)
        finally:
            measuring.close()
            for engine in spared:
                if engine is not None:
                    engine.close()
        assert best.output is not None  # typeset, as only typeset layouts are printed
        pdf = best.output
        if pdf.suffix == ".xdv":  # the roomiest layout, or one of a search made by typesetting each
            link(Path(fit_folder), links)  # the fonts the draft names
            for name, content in prepared.support.items():  # and its photo, which xdvipdfmx places
                (Path(fit_folder) / name).write_bytes(content)
            best.output.replace(Path(fit_folder) / "cv.xdv")  # named as an engine names its own
            pdf = pdf_of(Path(fit_folder), date, timeout)
        publish(pdf, output)
        return best.density, sources[best.density], logs[best.density]


class Measuring:
    """The trial engine of a fit, shared by the threads of its ends: it reads the document's preamble on
    first use; once it fails (a theme without trials, an error, no time left) it is closed, and
    the trials after it are drafts."""

    def __init__(self, engine: TrialEngine | None, prepared: Prepared) -> None:
        self.engine, self.prepared = engine, prepared
        self.opened = False
        self.lock = threading.Lock()

    def measure(self, latex: str) -> str | None:
        """What the engine printed while setting `latex` as a trial; None when it cannot."""
        from resumetex.texformat import trial_parts

        parts = trial_parts(latex)
        with self.lock:
            if self.engine is None or parts is None:
                return None
            opening, trial = parts
            if not self.opened:
                more = {name: data for name, data in self.prepared.support.items() if name not in self.engine.support}
                self.opened = self.engine.open(opening, more)
            said = self.engine.measure(trial) if self.opened else None
        if said is None:
            self.close()
        return said

    def stop(self) -> None:
        """End the trials: the engine is killed now, and freed while the winner is typeset (`close`
        waits for it)."""
        with self.lock:
            if self.engine is not None:
                self.engine.kill()

    def close(self) -> None:
        with self.lock:
            if self.engine is not None:
                self.engine.close()
                self.engine = None


@dataclass(frozen=True)
class BuildResult:
    """What `build_all` made: the files, and the messages of those that failed."""

    written: list[Path]
    failures: list[str]
    notes: list[str] = field(default_factory=list)  # e.g. which fonts stood in for Noto
    warnings: list[str] = field(default_factory=list)  # lines past the margin, by PDF


def build_all(
    data_dir: Path = Path("data"),
    out_dir: Path = Path("build"),
    dist: Path | None = None,
    use_cache: bool = True,
    formats: tuple[str, ...] = ("pdf",),
    files: tuple[Path, ...] = (),
) -> BuildResult:
    """Render every CV file in `data_dir` (or the `files` given), and each of its variants, at once
    (one engine per core), in each of `formats`.

    Into `out_dir` as NAME.pdf and NAME.VARIANT.pdf (.html, ...); or, with `dist`, as release files
    named for the owner and language (Ziyi-Yang-CV-zh.pdf, Ziyi-Yang-CV-zh-onepage.html) with SHA256SUMS."""
    from concurrent.futures import ThreadPoolExecutor

    from resumetex.load import parse_cv
    from resumetex.locales import glyph_forms, locale_for

    sources = list(files) or cv_files(data_dir)  # the files given, else every one in data_dir
    if not sources:
        found = "no CV files (*.yaml, *.yml) to build" if data_dir.is_dir() else "no such folder"
        raise DataError([f"{data_dir}: {found}"])
    requests, failures = [], []
    for source in sources:
        try:
            cv = parse_cv(read_source(source), source)
        except ResumeError as error:  # (named once: a located error begins with its file)
            failures.append(str(error) if str(error).startswith(f"{source}:") else f"{source}: {error}")
            continue
        code = locale_for(cv).lang
        lang = code if glyph_forms(code) != "SC" else code.split("-")[0]  # zh-TW's files apart from zh's
        for variant in [None, *cv.variants]:
            if dist is None:
                output = out_dir / default_output(source, variant).name
            else:
                output = dist / f"{owner_slug(cv)}-CV-{lang}{'-' + variant if variant else ''}.pdf"
            requests.append(RenderRequest(source=source, output=output, variant=variant, use_cache=use_cache))
    outputs = [r.output_path() for r in requests]
    clashes = sorted({str(o) for o in outputs if outputs.count(o) > 1})
    if clashes:
        where = "the files given" if files else str(data_dir)
        raise DataError([f"{where}: two CV files would write {', '.join(clashes)}; give them different names"])
    others = tuple(name for name in formats if name != "pdf")

    notes: set[str] = set()
    warnings: list[str] = []

    def render(request: RenderRequest) -> list[Path]:
        if not typesets(formats):
            return render_documents(request, others)
        result = render_pdf(request, others)
        notes.update([result.fonts] if result.fonts else [])
        warnings.extend(f"{result.pdf}: {warning}" for warning in result.warnings)
        return [result.pdf, *result.documents]

    written = []
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    try:
        for request, future in [(r, pool.submit(render, r)) for r in requests]:
            try:
                written += future.result()
            except ResumeError as error:
                failures.append(
                    f"{request.source}{' --variant ' + request.variant if request.variant else ''}: {error}"
                )
    except BaseException:  # Ctrl-C: the running renders stop their engines and write nothing more
        STOPPING.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if dist is not None and not failures:
        sums = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in sorted(written)]
        (dist / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")
    return BuildResult(written, failures, sorted(notes), warnings)


def owner_slug(cv: "CV") -> str:
    """A file-name-safe form of the owner's (Latin) name, as release pages keep file names:
    `Ziyi Yang` → `Ziyi-Yang`, `José Núñez` → `Jose-Nunez`, `Søren Łukasz` → `Soren-Lukasz`."""
    for name in [*cv.header.author_names, cv.header.name]:
        letters = unicodedata.normalize("NFKD", name.translate(UNACCENTED)).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^A-Za-z0-9]+", "-", letters).strip("-")
        if slug:
            return slug
    return "cv"


# Latin letters that are not a letter and a mark (which NFKD parts): their plain forms.
UNACCENTED = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}
    | {"đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
)


def in_repository(folder: Path) -> bool:
    """Whether git may know files in `folder`: a .git (a folder, or a worktree's file) there or
    above, or $GIT_DIR."""
    folder = folder.resolve()
    return "GIT_DIR" in os.environ or any((above / ".git").exists() for above in (folder, *folder.parents))


def build_date(source: Path) -> int:
    """The date stamped into the PDF: SOURCE_DATE_EPOCH if set, else the data file's last
    commit time, else its modification time. Equal inputs then give byte-identical PDFs."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    if str(source) == "-":
        return 0
    committed = last_commit_time(source) if in_repository(source.parent) else ""  # (most CVs are in none)
    if committed.isdigit():
        return int(committed)
    try:
        return int(source.stat().st_mtime)
    except OSError:
        return 0  # no such file: loading it reports that


def last_commit_time(source: Path) -> str:
    """When the last commit that changed `source` was made ("" when none did). git's log walks
    the history back to that commit: 10 ms in a repository of 300 commits, most of an unchanged
    re-render. So its answer is kept with the commit checked out, which fixes the whole history,
    and the file's path; a shallow clone's history can still grow, and is asked each time."""
    checked_out = git(source.parent, "rev-parse", "--is-shallow-repository", "HEAD")
    stamp = [checked_out, str(source.resolve())]
    whole = checked_out.startswith("false\n")  # not a shallow clone
    if whole and (known := cache.kept("commit-time.json", stamp)) is not None:
        return str(known)
    committed = git(source.parent, "log", "-1", "--format=%ct", "--", source.name)
    if whole:
        cache.keep_stamped("commit-time.json", stamp, committed)
    return committed


def git(folder: Path, *command: str) -> str:
    """What git prints for `command` in `folder`, or "" when it fails. Nothing the repository's
    configuration names may run: no signature check (gpg.program), no fsmonitor hook, no pager.
    Replacement objects are not read, so one commit always stands for one history."""
    safe = ["-c", "core.fsmonitor=", "-c", "log.showSignature=false", "--no-replace-objects"]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(
            ["git", *safe, *command],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "cat"},
        ).stdout.strip()
    return ""
