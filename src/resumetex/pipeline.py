"""The one library call behind `resumetex render`: load → tailor → render → compile."""

import contextlib
import hashlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from resumetex import cache
from resumetex.compile import (
    TIMEOUT_SECONDS,
    Engine,
    page_count,
    page_fill,
    prepare_output,
    publish,
    to_pdf,
    write_sources,
)
from resumetex.errors import DataError, MissingGlyphsError, ResumeError
from resumetex.locales import DEFAULT_LANG, Locale, get_locale
from resumetex.themes import DEFAULT_THEME, theme_files

if TYPE_CHECKING:
    from resumetex.fit import Trial
    from resumetex.markup import Emphasis
    from resumetex.model import CV, Design

# load, render and the rest (pydantic, pylatex, yaml) are imported inside the functions that
# use them: `render_pdf` starts XeLaTeX first, so TeX's start-up overlaps those imports,
# and a cache hit never pays for them. (locales and themes are light: no third-party imports.)


@dataclass(frozen=True)
class RenderRequest:
    """Everything one render needs; the CLI fills it from its options.

    For order, hide, tags, exclude_tags and emphasize, None means "not given": the
    variant's value (or nothing) holds."""

    source: Path
    output: Path
    lang: str = DEFAULT_LANG
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

    def options(self) -> tuple[object, ...]:
        """What, besides the files, decides the PDF (the cache key)."""
        return (
            self.lang,
            self.order,
            self.hide,
            self.tags,
            self.exclude_tags,
            self.emphasize,
            self.file_emphasis,
            self.design,
            self.max_pages,
            self.variant,
            self.theme,
        )


@dataclass(frozen=True)
class RenderResult:
    pdf: Path
    cached: bool  # True: an identical earlier render was reused and no engine ran
    fitted: "Design | None" = None  # the layout --max-pages chose, when it had to tighten


@dataclass(frozen=True)
class Prepared:
    """A validated, tailored CV with what it is rendered with."""

    cv: "CV"
    locale: Locale
    emphasis: "Emphasis"


def default_source(lang: str) -> Path:
    return Path("data") / f"cv.{lang}.yaml"


def default_output(lang: str, variant: str | None = None) -> Path:
    return Path("build") / (f"cv.{lang}.{variant}.pdf" if variant else f"cv.{lang}.pdf")


def prepare(request: RenderRequest) -> Prepared:
    """Load and validate the CV, then cut it as the request (and its variant) asks."""
    from resumetex.load import load_cv
    from resumetex.markup import Emphasis
    from resumetex.selection import Cut, tailor

    cv = load_cv(request.source)
    locale = get_locale(request.lang)
    cut = Cut(
        order=request.order,
        hide=request.hide,
        tags=request.tags,
        exclude_tags=request.exclude_tags,
        emphasize=request.emphasize,
        max_pages=request.max_pages,
        design=request.design,
        variant=request.variant,
    )
    view, terms = tailor(cv, cut)
    return Prepared(view, locale, Emphasis(terms, request.file_emphasis))


def design_at(prepared: Prepared, density: float) -> "Design":
    """The prepared CV's design, tightened to `density` (see fit.py)."""
    from resumetex.fit import densify

    design, locale = prepared.cv.design, prepared.locale
    return densify(design, density, design.line_spacing or locale.line_spacing, locale.tight_line_spacing)


def latex_at(prepared: Prepared, density: float = 0.0) -> str:
    """The LaTeX source of the prepared CV, its layout tightened to `density`."""
    from resumetex.render import render_cv

    cv = prepared.cv
    if density > 0:
        cv = cv.model_copy(update={"design": design_at(prepared, density)})
    return render_cv(cv, prepared.locale, prepared.emphasis)


def render_pdf(request: RenderRequest) -> RenderResult:
    """Render `request.source` to `request.output`, or reuse an identical earlier render."""
    head = get_locale(request.lang).document_head
    support = theme_files(request.theme)
    date = build_date(request.source)
    key = cache.render_key(request.source, request.options(), support, date) if request.use_cache else None
    prepare_output(request.output)
    if key and not request.tex and cache.restore(key, request.output):
        return RenderResult(request.output, cached=True)
    with contextlib.ExitStack() as running:
        engines = [running.enter_context(Engine.start(head, support, timeout=request.timeout))]
        if request.max_pages:  # a fit typesets two layouts at once from the start
            engines.append(running.enter_context(Engine(head, support, timeout=request.timeout)))
        prepared = prepare(request)  # while TeX loads its format, the theme and the fonts
        try:
            density, latex = typeset(prepared, engines, request, date)
        except MissingGlyphsError as error:
            message = f"{request.source}: {error}\n{where_used(prepared.cv, error.glyphs)}"
            raise MissingGlyphsError(error.glyphs, message) from None
    if request.tex:
        write_sources(request.tex.parent, latex, support, main=request.tex.name)
    if key:
        cache.store(key, request.output)
    fitted = design_at(prepared, density) if density > 0 else None
    return RenderResult(request.output, cached=False, fitted=fitted)


def typeset(prepared: Prepared, engines: list[Engine], request: RenderRequest, date: int) -> tuple[float, str]:
    """Write the PDF with the engines already running; with max_pages, search for the roomiest
    layout that fits. Returns the density chosen and the LaTeX typeset at it."""
    max_pages = prepared.cv.design.max_pages
    if not max_pages:
        latex = latex_at(prepared)
        engines[0].finish(latex, request.output, build_date=date)
        return 0.0, latex
    from resumetex.fit import Trial, fit_pages

    unused = list(engines)  # the first trials take the engines running; later ones start alike
    head, support = engines[0].head, engines[0].support
    sources: dict[float, str] = {}
    with tempfile.TemporaryDirectory(prefix="resumetex-fit-") as scratch:

        def trial(density: float) -> "Trial":
            """A draft at `density`: pages are counted from the .xdv; only the winner becomes a PDF."""
            result = Path(scratch) / f"trial-{density:.3f}.xdv"
            with unused.pop() if unused else Engine(head, support, timeout=request.timeout) as run:
                latex = sources[density] = latex_at(prepared, density)  # while the engine loads the head
                log = run.finish(latex, result, build_date=date, draft=True)
            return Trial(density, page_count(log), page_fill(log), result)

        best = fit_pages(max_pages, trial)
        pdf = best.output.with_suffix(".pdf")
        to_pdf(best.output, pdf, date, timeout=request.timeout)
        publish(pdf, request.output)
        return best.density, sources[best.density]


@dataclass(frozen=True)
class BuildResult:
    """What `build_all` made: the PDFs, and the messages of those that failed."""

    pdfs: list[Path]
    failures: list[str]


def build_all(
    data_dir: Path = Path("data"), out_dir: Path = Path("build"), dist: Path | None = None, use_cache: bool = True
) -> BuildResult:
    """Render every data/cv.LANG.yaml, and each of its variants, at once (one engine per core).

    Into `out_dir` as cv.LANG.pdf and cv.LANG.VARIANT.pdf; or, with `dist`, as release files
    named for the owner (Ziyi-Yang-CV-zh.pdf, Ziyi-Yang-CV-zh-onepage.pdf) with SHA256SUMS."""
    from concurrent.futures import ThreadPoolExecutor

    from resumetex.load import load_cv

    sources = sorted(data_dir.glob("cv.*.yaml"))
    if not sources:
        raise DataError([f"{data_dir}: no cv.LANG.yaml files to build"])
    requests, failures = [], []
    for source in sources:
        lang = source.name.split(".")[1]
        try:
            cv = load_cv(source)
        except ResumeError as error:
            failures.append(f"{source}: {error}")
            continue
        for variant in [None, *cv.variants]:
            if dist is None:
                output = out_dir / default_output(lang, variant).name
            else:
                output = dist / f"{owner_slug(cv)}-CV-{lang}{'-' + variant if variant else ''}.pdf"
            requests.append(
                RenderRequest(source=source, output=output, lang=lang, variant=variant, use_cache=use_cache)
            )
    pdfs = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for request, future in [(r, pool.submit(render_pdf, r)) for r in requests]:
            try:
                pdfs.append(future.result().pdf)
            except ResumeError as error:
                failures.append(
                    f"{request.source}{' --variant ' + request.variant if request.variant else ''}: {error}"
                )
    if dist is not None and not failures:
        sums = [f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}  {pdf.name}\n" for pdf in sorted(pdfs)]
        (dist / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")
    return BuildResult(pdfs, failures)


def owner_slug(cv: "CV") -> str:
    """A file-name-safe form of the owner's (Latin) name: `Ziyi Yang` → `Ziyi-Yang`."""
    for name in [*cv.header.author_names, cv.header.name]:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
        if slug:
            return slug
    return "cv"


def build_date(source: Path) -> int:
    """The date stamped into the PDF: SOURCE_DATE_EPOCH if set, else the data file's last
    commit time, else its modification time. Equal inputs then give byte-identical PDFs."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        committed = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", source.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        committed = ""
    if committed.isdigit():
        return int(committed)
    try:
        return int(source.stat().st_mtime)
    except OSError:
        return 0  # no such file: loading it reports that


def where_used(cv: "CV", glyphs: list[str]) -> str:
    """Name the fields that hold each character, so the user can find and change it."""
    lines = []
    for char in glyphs:
        paths = [path for path, value in strings(cv.model_dump()) if char in value]
        shown = ", ".join(paths[:5]) + (" ..." if len(paths) > 5 else "")
        lines.append(f"  {char!r} is used in: {shown or 'the theme'}")
    lines.append("  replace or remove these characters (emoji and rare symbols have no font here)")
    return "\n".join(lines)


def strings(data: object, path: str = "") -> list[tuple[str, str]]:
    """Every string in `data` with its field path, e.g. ('sections[0].title', '教育背景')."""
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in strings(v, f"{path}.{k}" if path else str(k))]
    if isinstance(data, list):
        return [item for i, v in enumerate(data) for item in strings(v, f"{path}[{i}]")]
    return []
