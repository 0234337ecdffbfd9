"""The one library call behind `resumetex render`: load → select → render → compile."""

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from resumetex.compile import TIMEOUT_SECONDS, compile_pdf, write_sources
from resumetex.errors import MissingGlyphsError
from resumetex.load import load_cv
from resumetex.locales import get_locale
from resumetex.markup import Emphasis
from resumetex.model import CV
from resumetex.render import render_cv
from resumetex.selection import override_design, select_sections

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


def default_source(lang: str) -> Path:
    return Path("data") / f"cv.{lang}.yaml"


def default_output(lang: str) -> Path:
    return Path("build") / f"cv.{lang}.pdf"


def templates_dir() -> Path:
    """Where the themes are: inside the installed package, or `templates/` of a checkout."""
    packaged = Path(str(resources.files("resumetex"))) / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def theme_files(theme: str) -> dict[str, bytes]:
    folder = templates_dir() / theme
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def build_latex(request: RenderRequest) -> tuple[CV, str]:
    """Return the validated CV and the LaTeX source the request asks for."""
    cv = load_cv(request.source)
    locale = get_locale(request.lang)
    view = override_design(select_sections(cv, request.order, request.hide), dict(request.design))
    emphasis = Emphasis(tuple(request.emphasize), request.file_emphasis)
    return view, render_cv(view, locale, emphasis)


def render_pdf(request: RenderRequest) -> Path:
    """Render `request.source` to `request.output`; return the PDF's path."""
    cv, latex = build_latex(request)
    support = theme_files(request.theme)
    if request.tex:
        write_sources(request.tex.parent, latex, support, main=request.tex.name)
    try:
        compile_pdf(latex, support, request.output, timeout=request.timeout)
    except MissingGlyphsError as error:
        raise MissingGlyphsError(error.glyphs, f"{request.source}: {error}\n{where_used(cv, error.glyphs)}") from None
    return request.output


def where_used(cv: CV, glyphs: list[str]) -> str:
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
