"""The `resumetex` command: options in, one library call, errors out."""

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from resumetex import __version__
from resumetex.errors import ResumeError
from resumetex.themes import DEFAULT_THEME

# The design settings --design takes: every field of the model's Design (a test keeps them equal;
# the model itself is not imported here, so the command starts without pydantic).
DESIGN_SETTINGS = (
    "accent",
    "font_size",
    "line_spacing",
    "margin",
    "paper",
    "links",
    "date_format",
    "spacing",
    "max_pages",
)


def split_settings(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        key, equals, setting = value.partition("=")
        if not equals:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE, e.g. accent=#8A1B1B")
        pairs.append((key.strip(), setting.strip()))
    return tuple(pairs)


def the_file(ctx: click.Context) -> "dict[str, object]":
    """The CV named on the command line being completed (or data/cv.LANG.yaml), read as plain
    YAML; {} when there is none or it does not read."""
    import shlex

    import yaml

    from resumetex.source import default_source

    # While an option's value is completed, click has not parsed the line (the option lacks its
    # value): the shell's words (COMP_WORDS, which click's bash, zsh and fish scripts set) say.
    typed = [word for word in shlex.split(os.environ.get("COMP_WORDS", "")) if word.endswith((".yaml", ".yml"))]
    source = ctx.params.get("source") or (typed[0] if typed else default_source(ctx.params.get("lang")))
    try:
        data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def complete_variant(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    variants = the_file(ctx).get("variants")
    return [name for name in variants or {} if str(name).startswith(incomplete)] if isinstance(variants, dict) else []


def complete_keys(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """Section keys of the file, after those already typed (`--order a,b,` completes the third)."""
    sections = the_file(ctx).get("sections")
    keys = [str(s.get("key")) for s in sections if isinstance(s, dict)] if isinstance(sections, list) else []
    done, _, last = incomplete.rpartition(",")
    head = done + "," if done else ""
    return [head + key for key in keys if key.startswith(last) and key not in done.split(",")]


def complete_theme(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from resumetex.themes import themes

    return [name for name in themes() if name.startswith(incomplete)]


def complete_lang(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from resumetex.locales import LOCALES

    return [code for code in sorted(LOCALES) if code.startswith(incomplete)]


def report(line: str) -> None:
    """A line of render's progress: errors and warnings to standard error."""
    click.echo(line, err=line.startswith(("error:", "warning:")))


def language_code(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--lang takes what a file's `lang:` takes: any language code (zh, en-GB, ja); one resumetex
    has no words for takes them from the file's `locale:`, else English's."""
    from resumetex.source import language_code as bcp47  # (not the locales: a reused render needs none)

    if value is None:
        return None
    try:
        return bcp47(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def split_formats(value: str) -> tuple[str, ...]:
    from resumetex.pipeline import FORMATS

    if value.strip() == "all":
        return FORMATS
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}: choose from {', '.join(FORMATS)}")
    return chosen


def split_keys(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """`a,b` → ('a', 'b'); not given → None, so a variant's value holds."""
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def into(given: str, name: str) -> Path:
    """-o as given: a file, or a folder (`out/`, or one that exists) that gets the file `name`."""
    path = Path(given)
    return path / name if given.endswith(("/", os.sep)) or path.is_dir() else path


def a_file(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An output path as given; `-`, which names standard output to most tools, is refused (it
    wrote a file named `-`, and `render -` reads standard input)."""
    if value == "-":
        raise click.BadParameter("this command writes files, not standard output; give a file or a folder")
    return value


def tex_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """`build/tex/` or an existing folder → build/tex/cv.tex; anything else is the file itself."""
    given = a_file(ctx, param, value)
    return into(given, "cv.tex") if given is not None else None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="resumetex")
def main() -> None:
    """resumetex: a YAML résumé typeset by XeLaTeX into a Chinese or English PDF.

    \b
    Example:
      resumetex render --lang zh        # data/cv.zh.yaml -> build/cv.zh.pdf
    """


@main.command()
@click.argument("source", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--lang",
    callback=language_code,
    shell_complete=complete_lang,
    help="Language of the words around the data (zh, zh-TW, zh-HK, en, ja, ko, fr, de, es, it, pt, nl; another with "
    "the words of the file's `locale:`).  [default: the file's `lang:`; without a SOURCE, picks data/cv.LANG.yaml]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    callback=a_file,
    help="Where to write the PDF: a file, or a folder (out/) for NAME.pdf.  [default: build/NAME.pdf for NAME.yaml]",
)
@click.option(
    "--order",
    callback=split_keys,
    shell_complete=complete_keys,
    metavar="KEY,...",
    help="Put these sections first, in this order.",
)
@click.option(
    "--hide", callback=split_keys, shell_complete=complete_keys, metavar="KEY,...", help="Leave these sections out."
)
@click.option(
    "--tags",
    callback=split_keys,
    metavar="TAG,...",
    help="Keep untagged entries and bullets, and those with these tags.",
)
@click.option(
    "--exclude-tags", callback=split_keys, metavar="TAG,...", help="Drop entries and bullets with these tags."
)
@click.option(
    "--variant",
    metavar="NAME",
    shell_complete=complete_variant,
    help="Apply a named cut from the file's `variants:`; other flags override it.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    metavar="N",
    help="Fit in N pages by tightening spacing, then margins, then type (not below 9 pt or 1 cm).",
)
@click.option(
    "--emphasize",
    multiple=True,
    metavar="TERM",
    help="Set every occurrence of TERM in bold (repeatable), in place of the file's emphasize: terms.",
)
@click.option(
    "--file-emphasis/--no-file-emphasis",
    default=True,
    show_default=True,
    help="Keep the file's own **bold**, its emphasize: terms and the owner's name in bold in author lists.",
)
@click.option(
    "--design",
    multiple=True,
    callback=split_settings,
    metavar="KEY=VALUE",
    help="Override a design setting for this run (repeatable): " + ", ".join(DESIGN_SETTINGS) + ".",
)
@click.option(
    "--tex",
    callback=tex_path,
    metavar="PATH",
    help="Also write the LaTeX source (and the theme beside it) here: a .tex file, or a folder for cv.tex.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse the PDF of an identical earlier render (same data, options, theme, version, TeX).",
)
@click.option(
    "--theme",
    default=DEFAULT_THEME,
    shell_complete=complete_theme,
    show_default=True,
    help="default, classic, or a folder of your own (./mytheme; start one with `resumetex theme new`).",
)
@click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    callback=lambda _c, _p, value: split_formats(value),
    metavar="FORMAT,...",
    help="What to write: pdf, html (one self-contained web page), docx (Word), md (Markdown, for a GitHub "
    "profile), txt (plain text for forms), json (JSON Resume), png (a picture of each page, with the PDF); "
    "several with commas, or all. The others go beside the PDF's path.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Render again on every save of the file, its photo or the theme, until Ctrl-C; a bad edit "
    "prints its error and keeps the last good PDF.",
)
def render(
    source: Path | None,
    lang: str | None,
    output: str | None,
    order: tuple[str, ...] | None,
    hide: tuple[str, ...] | None,
    tags: tuple[str, ...] | None,
    exclude_tags: tuple[str, ...] | None,
    variant: str | None,
    max_pages: int | None,
    emphasize: tuple[str, ...],
    file_emphasis: bool,
    design: tuple[tuple[str, str], ...],
    tex: Path | None,
    cache: bool,
    theme: str,
    formats: tuple[str, ...],
    watch: bool,
) -> None:
    """Typeset SOURCE (default: data/cv.LANG.yaml; - reads standard input) into a PDF.

    \b
    Example:
      resumetex render --lang zh                 # data/cv.zh.yaml -> build/cv.zh.pdf
      resumetex render my-cv.yaml                # -> build/my-cv.pdf
      resumetex render other.yaml -o out/me.pdf
      resumetex render --order publications,research --hide education --emphasize DAPO
      resumetex render --variant onepage         # -> build/cv.zh.onepage.pdf
      resumetex render --max-pages 1 --exclude-tags detail
      resumetex render --theme classic
      resumetex render --design accent=#8A1B1B --design font_size=10.5 --design paper=letter
      resumetex render --tex build/tex/cv.tex    # then: cd build/tex && xelatex cv.tex
      resumetex render my-cv.yaml --watch        # keep build/my-cv.pdf up to date while you edit
      resumetex render my-cv.yaml --format pdf,html,md,txt   # build/my-cv.pdf, .html, .md and .txt
    """
    from resumetex import pipeline
    from resumetex.source import read_source

    if watch and source is not None and str(source) == "-":
        raise click.BadParameter("standard input is read once: watch a CV file", param_hint="--watch")
    source = source or find_default_source(lang, "render")
    request = pipeline.RenderRequest(
        source=source,
        output=into(output, pipeline.default_output(source, variant).name) if output else None,
        lang=lang,
        order=order,
        hide=hide,
        tags=tags,
        exclude_tags=exclude_tags,
        variant=variant,
        max_pages=max_pages,
        emphasize=emphasize or None,
        file_emphasis=file_emphasis,
        design=design,
        tex=tex,
        use_cache=cache,
        theme=theme,
        data=run(lambda: read_source(source)) if str(source) == "-" else None,
    )
    run(lambda: pipeline.check_formats(request, formats))
    if watch:
        from resumetex.watch import watch as watch_files

        gc.enable()  # a watch may run for hours
        run(lambda: pipeline.check_outputs(request, request.output_path()))  # refused now, not on each save
        click.echo(f"watching {request.source} (Ctrl-C to stop)")
        # Ctrl-C or `kill` ask the watch to stop: a render under way finishes, then the watch
        # ends and closes the waiting engine. (An exception raised at any point could lose an
        # engine being started.)
        stopping = threading.Event()
        for name in ("SIGINT", "SIGTERM"):
            signal.signal(getattr(signal, name), lambda *_: stopping.set())
        watch_files(request, report, stop=stopping.is_set, formats=formats)
        return
    others = tuple(name for name in formats if name != "pdf")
    if not pipeline.typesets(formats):
        for path in run(lambda: pipeline.render_documents(request, others)):
            click.echo(f"wrote {path}")
        return
    for line in run(lambda: pipeline.render_pdf(request, others)).lines():
        report(line)


T = TypeVar("T")


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--lang", callback=language_code, help="Without SOURCES, picks data/cv.LANG.yaml.")
@click.option(
    "--fix",
    is_flag=True,
    help="Make the half-width , ; : ! ? ( ) in Chinese text full-width, in the file itself "
    "(Chinese CVs; English text, publication titles and comments stay as they are).",
)
def validate(sources: tuple[Path, ...], lang: str | None, fix: bool) -> None:
    """Check each SOURCE (a folder: each .yaml in it) against the CV format without typesetting it.

    Prints one line for each valid file; otherwise every problem as
    file:line:col: field: message, in file order, and exits 1. In a Chinese
    CV, half-width punctuation in Chinese text is a warning (--fix fixes it).

    \b
    Example:
      resumetex validate data/cv.zh.yaml data/cv.en.yaml
      resumetex validate data/
    """
    from resumetex import punctuation
    from resumetex.load import decode, parse_cv
    from resumetex.selection import empty_headings
    from resumetex.source import cv_files, read_source

    failed = False
    files = [found for source in sources for found in (cv_files(source) if source.is_dir() else [source])]
    if sources and not files:
        click.echo(f"error: {', '.join(map(str, sources))}: no CV files (*.yaml, *.yml) to check", err=True)
        sys.exit(1)
    for path in files or (find_default_source(lang, "validate"),):
        try:
            raw = read_source(path)  # (read once: standard input can be read only once)
            cv = parse_cv(raw, path)
            fixed = punctuation.fix_file(path, cv) if fix else 0
        except ResumeError as error:
            click.echo(f"error: {error}", err=True)
            failed = True
            continue
        except OSError as error:
            click.echo(f"error: {path}: cannot write it ({error.strerror})", err=True)
            failed = True
            continue
        text = decode(raw, path)
        for warning in [] if fix else [*punctuation.check(text, path, cv), *empty_headings(text, path, cv)]:
            click.echo(f"warning: {warning}", err=True)
        entries = sum(len(section.entries) for section in cv.sections)
        made = f"; made {fixed} mark{'s' if fixed > 1 else ''} full-width" if fixed else ""
        sections = len(cv.sections)
        counted = f"{sections} section{'s' * (sections != 1)}, {entries} entr{'y' if entries == 1 else 'ies'}"
        click.echo(f"{path}: valid ({counted}){made}")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--data",
    "data_dir",
    default="data",
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder with cv.LANG.yaml files.",
)
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Where cv.LANG.pdf go.",
)
@click.option(
    "--dist",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write release files here instead: PDFs named for the owner, and SHA256SUMS.",
)
@click.option("--cache/--no-cache", default=True, show_default=True, help="Reuse PDFs of identical earlier renders.")
@click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    callback=lambda _c, _p, value: split_formats(value),
    metavar="FORMAT,...",
    help="What to write for each CV and variant, as render --format; `all` for every format.",
)
def build(
    files: tuple[Path, ...], data_dir: Path, out_dir: Path, dist: Path | None, cache: bool, formats: tuple[str, ...]
) -> None:
    """Render every cv.LANG.yaml in DATA (or the FILES given), and each of its variants, at once,
    one engine per core.

    \b
    Example:
      resumetex build                 # build/cv.zh.pdf, build/cv.en.pdf
      resumetex build --format all    # and .html, .docx, .md, .txt and .json beside them
      resumetex build --dist dist     # dist/Ziyi-Yang-CV-zh.pdf ... and dist/SHA256SUMS
      resumetex build me.yaml --out out   # out/me.pdf and a PDF per variant of me.yaml
    """
    from resumetex.pipeline import build_all

    gc.enable()  # a build may render many files
    result = run(lambda: build_all(data_dir, out_dir, dist, use_cache=cache, formats=formats, files=files))
    for path in result.written:
        click.echo(f"wrote {path}")
    for line in result.notes:
        click.echo(line)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in result.failures:
        click.echo(f"error: {failure}", err=True)
    if result.failures:
        sys.exit(1)


@main.command()
@click.argument("name", required=False)
@click.option(
    "--lang",
    callback=language_code,
    shell_complete=complete_lang,
    help="Language of the starter: zh, zh-TW, zh-HK (Traditional Chinese, as Taiwan and Hong Kong write it), "
    "ja, ko, en, fr, de, es, it, pt, nl, he, ar, or a region's code of one (pt-BR, fr-CA).  [default: the NAME's: "
    "ko in Hangul, ja with kana, zh in Chinese characters (zh-TW in traditional ones); else en]",
)
@click.option(
    "-o",
    "--output",
    default="cv.yaml",
    show_default=True,
    type=click.Path(),
    callback=a_file,
    help="Where to write the CV: a file, or a folder (out/) for cv.yaml (an existing file is never replaced).",
)
def new(name: str | None, lang: str | None, output: str) -> None:
    """Write a starter CV showing every kind of section, ready to render.

    Without NAME (or with one of spaces alone) it says "Your Name" (in Chinese,
    你的名字; in Japanese and Korean, the names their forms show: 山田 太郎,
    홍길동). The JSON Schema is written beside it (resumetex.schema.json), so
    editors with a YAML language server complete and check the file wherever it lives.

    \b
    Example:
      resumetex new "Jane Doe" -o jane.yaml && resumetex render jane.yaml
      resumetex new 李明 --lang zh -o cv.zh.yaml
    """
    from resumetex.starter import write_starter

    target = into(output, "cv.yaml")
    for path in run(lambda: write_starter(target, name, lang)):
        click.echo(f"wrote {path}")
    click.echo(f"next: edit {target}, then run: resumetex render {target}")


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    callback=a_file,
    help="Where to write the resumetex YAML: a file, or a folder (out/) for NAME.resumetex.yaml (an existing file "
    "is never replaced).  [default: NAME.resumetex.yaml beside SOURCE]",
)
def import_(source: Path, output: str | None) -> None:
    """Convert a JSON Resume (.json), RenderCV or YAMLResume (.yaml) file, or a LinkedIn data
    export (its .zip, or the folder it unpacks to), into a resumetex CV.

    Every string is kept as written and each section gets a kind; anything with no place
    in resumetex is listed in a comment at the top of the result. The JSON Schema is
    written beside it. A value the format cannot take (a list where text goes, say) is
    kept too: the result is checked, and each such value named at its line (exit 1).

    \b
    Example:
      resumetex import resume.json -o cv.yaml && resumetex render cv.yaml
      resumetex import John_Doe_CV.yaml -o john.yaml
      resumetex import Basic_LinkedInDataExport_11-27-2026.zip -o cv.yaml
    """
    from resumetex.importer import import_file
    from resumetex.load import parse_cv
    from resumetex.starter import write_beside

    named = source.stem.removesuffix("_CV") + ".resumetex.yaml"
    target = into(output, named) if output else source.with_name(named)
    text = run(lambda: import_file(source, target))
    for path in run(lambda: write_beside(target, text)):
        click.echo(f"wrote {path}")
    try:
        parse_cv(text.encode("utf-8"), target)
    except ResumeError as error:  # the source's own mistakes, carried over: said where they now are
        click.echo(f"error: {error}", err=True)
        click.echo(f"next: mend {target} where these say, then: resumetex render {target}", err=True)
        sys.exit(1)
    click.echo(f"next: resumetex render {target}")


@main.group()
def theme() -> None:
    """Themes of your own."""


@theme.command("new")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def theme_new(folder: Path) -> None:
    """Start a theme in FOLDER from the classic one; render with --theme FOLDER.

    \b
    Example:
      resumetex theme new ./mytheme
      resumetex render my-cv.yaml --theme ./mytheme
    """
    from resumetex.themes import new_theme

    written = run(lambda: new_theme(folder))
    click.echo(f"wrote {written}")
    click.echo(f"next: resumetex render --theme {folder if '/' in str(folder) else './' + str(folder)}")


@main.command()
def doctor() -> None:
    """Check what this machine has for resumetex: TeX, every font the themes use, the cache.

    Exits 1 when a PDF cannot be made here, naming the packages to install."""
    from resumetex.doctor import report

    lines, healthy = report()
    for line in lines:
        click.echo(line)
    if not healthy:
        sys.exit(1)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write it here instead: a file, or a folder (out/) for resumetex.schema.json (-: standard output).",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of the CV format (or write it to a file).

    Editors with a YAML language server use it to complete and check fields as you
    type; data/cv.*.yaml point at the committed copy in schema/cv.schema.json.

    \b
    Example:
      resumetex schema > schema/cv.schema.json
      resumetex schema -o ~/cv/resumetex.schema.json
    """
    from resumetex.model import cv_json_schema
    from resumetex.starter import SCHEMA_NAME, write_schema

    if output is None or output == "-":
        click.echo(cv_json_schema())
        return
    target = into(output, SCHEMA_NAME)
    try:
        run(lambda: write_schema(target))
    except OSError as error:
        click.echo(f"error: {target}: cannot write the schema ({error.strerror})", err=True)
        sys.exit(1)
    click.echo(f"wrote {target}")


def find_default_source(lang: str | None, command: str) -> Path:
    """data/cv.LANG.yaml; with no such file and no data/ folder, the CV files here to give
    `command` (`new` writes cv.yaml here), or how to start; with a data/ folder that has none for
    --lang, the languages it has."""
    from resumetex.source import cv_files, default_source

    source = default_source(lang)
    if not source.exists() and not source.parent.is_dir():
        here = sorted((path.name for path in cv_files(Path("."))), key=lambda name: name != "cv.yaml")
        if here:
            listed = f" (or {', '.join(here[1:4])}{', ...' if len(here) > 4 else ''})" if len(here) > 1 else ""
            click.echo(
                f"error: no CV file given, and no data/ folder here; give one:  resumetex {command} {here[0]}{listed}",
                err=True,
            )
            sys.exit(2)
        click.echo(
            "error: no CV file given, and no data/ folder here.\n"
            '  start one:   resumetex new "Your Name" -o cv.yaml\n'
            "  then:        resumetex render cv.yaml",
            err=True,
        )
        sys.exit(2)
    if lang is not None and not source.exists():
        langs = sorted(path.name.removeprefix("cv.").removesuffix(".yaml") for path in source.parent.glob("cv.*.yaml"))
        click.echo(f"error: --lang {lang}: no {source}; {source.parent} has: {', '.join(langs) or 'none'}", err=True)
        sys.exit(2)
    return source


def run(action: Callable[[], T]) -> T:
    """Run `action`; turn a user error into its message and exit code, never a traceback."""
    try:
        return action()
    except ResumeError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
