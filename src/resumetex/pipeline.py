"""The one library call behind `resumetex render`: load → select → render → compile."""

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from resumetex import cache
from resumetex.compile import TIMEOUT_SECONDS, Engine, write_sources
from resumetex.errors import DataError, MissingGlyphsError, ResumeError

if TYPE_CHECKING:
    from resumetex.model import CV

# load, render and the rest (pydantic, pylatex, yaml) are imported inside the functions that
# use them: `render_pdf` starts XeLaTeX first, so TeX's start-up overlaps those imports,
# and a cache hit never pays for them.

DEFAULT_THEME = "default"


@dataclass(frozen=True)
class RenderRequest:
    """Everything one render needs; the CLI fills it from its options."""

    source: Path
    output: Path
    lang: str = "zh"
    order: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    emphasize: tuple[str, ...] = ()
    file_emphasis: bool = True  # the file's own **bold** and author_names
    design: tuple[tuple[str, str], ...] = ()  # (setting, value) overrides for this run
    tex: Path | None = None  # also write the LaTeX source here
    theme: str = DEFAULT_THEME
    timeout: float = TIMEOUT_SECONDS
    use_cache: bool = True

    def options(self) -> tuple[object, ...]:
        """What, besides the files, decides the PDF (the cache key)."""
        return (self.lang, self.order, self.hide, self.emphasize, self.file_emphasis, self.design, self.theme)


@dataclass(frozen=True)
class RenderResult:
    pdf: Path
    cached: bool  # True: an identical earlier render was reused and no engine ran


def default_source(lang: str) -> Path:
    return Path("data") / f"cv.{lang}.yaml"


def default_output(lang: str) -> Path:
    return Path("build") / f"cv.{lang}.pdf"


def templates_dir() -> Path:
    """Where the themes are: inside the installed package, or `templates/` of a checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def theme_files(theme: str) -> dict[str, bytes]:
    folder = templates_dir() / theme
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def build_latex(request: RenderRequest) -> "tuple[CV, str]":
    """Return the validated CV and the LaTeX source the request asks for."""
    from resumetex.load import load_cv
    from resumetex.locales import get_locale
    from resumetex.markup import Emphasis
    from resumetex.render import render_cv
    from resumetex.selection import override_design, select_sections

    cv = load_cv(request.source)
    locale = get_locale(request.lang)
    view = override_design(select_sections(cv, request.order, request.hide), dict(request.design))
    emphasis = Emphasis(tuple(request.emphasize), request.file_emphasis)
    return view, render_cv(view, locale, emphasis)


def render_pdf(request: RenderRequest) -> RenderResult:
    """Render `request.source` to `request.output`, or reuse an identical earlier render."""
    support = theme_files(request.theme)
    date = build_date(request.source)
    key = cache.render_key(request.source, request.options(), support, date) if request.use_cache else None
    if key and not request.tex and cache.restore(key, request.output):
        return RenderResult(request.output, cached=True)
    with Engine(request.output, timeout=request.timeout, build_date=date) as engine:
        cv, latex = build_latex(request)  # while TeX loads its format
        if request.tex:
            write_sources(request.tex.parent, latex, support, main=request.tex.name)
        try:
            engine.finish(latex, support)
        except MissingGlyphsError as error:
            message = f"{request.source}: {error}\n{where_used(cv, error.glyphs)}"
            raise MissingGlyphsError(error.glyphs, message) from None
    if key:
        cache.store(key, request.output)
    return RenderResult(request.output, cached=False)


@dataclass(frozen=True)
class BuildResult:
    """What `build_all` made: the PDFs, and the messages of those that failed."""

    pdfs: list[Path]
    failures: list[str]


def build_all(
    data_dir: Path = Path("data"), out_dir: Path = Path("build"), dist: Path | None = None, use_cache: bool = True
) -> BuildResult:
    """Render every data/cv.LANG.yaml at once (one engine per core).

    Into `out_dir` as cv.LANG.pdf; or, with `dist`, as release files named for the owner
    (Ziyi-Yang-CV-zh.pdf) with a SHA256SUMS file beside them."""
    from concurrent.futures import ThreadPoolExecutor

    from resumetex.load import load_cv

    sources = sorted(data_dir.glob("cv.*.yaml"))
    if not sources:
        raise DataError([f"{data_dir}: no cv.LANG.yaml files to build"])
    requests = []
    for source in sources:
        lang = source.name.split(".")[1]
        output = out_dir / f"cv.{lang}.pdf"
        if dist is not None:
            output = dist / f"{owner_slug(load_cv(source))}-CV-{lang}.pdf"
        requests.append(RenderRequest(source=source, output=output, lang=lang, use_cache=use_cache))
    pdfs, failures = [], []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for request, future in [(r, pool.submit(render_pdf, r)) for r in requests]:
            try:
                pdfs.append(future.result().pdf)
            except ResumeError as error:
                failures.append(f"{request.source}: {error}")
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
    return int(committed) if committed.isdigit() else int(source.stat().st_mtime)


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
