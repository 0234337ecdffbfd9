"""A cached TeX format per document head: the class and the theme's packages, loaded once and
dumped, so a render starts typesetting at once. Most of a XeLaTeX pass is loading package code.

XeTeX cannot dump native fonts, so the format holds no fonts: while dumping, the class's Latin
Modern is Computer Modern from TFM files, and the theme (seeing \\cvformat) leaves its fonts out;
each document then replays what the head's packages put on the first page while loading
(\\cvheadspecials, which a dump would lose), reloads Latin Modern's declarations and calls \\cvfonts.
So a document has the same bytes with the format and without it."""

import contextlib
import functools
import gzip
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import resumetex
from resumetex import cache, glyphs, tounicode
from resumetex.compile import (
    ENGINE,
    FORMAT_NAME,
    STOPPING,
    atomic_copy,
    engine_environment,
    full_disk,
    scratch,
    wait_for,
)
from resumetex.errors import CompileError

KEEP = 6  # formats kept (about 30 MiB each); one per language and theme in use
# The class measures text while it loads; the fonts it measures with must be TFM ones. What the
# head's packages put on the first page while loading (hyperref's PDF version and destination
# settings, the colour stack's first push) is lost in a dump: it is kept in \cvheadspecials too.
DUMP_PREAMBLE = r"""\DeclareFontFamily{TU}{lmr}{}
\DeclareFontShape{TU}{lmr}{m}{n}{<->cmr10}{}
\DeclareFontShape{TU}{lmr}{bx}{n}{<->cmbx10}{}
\DeclareFontShape{TU}{lmr}{m}{it}{<->cmti10}{}
\DeclareFontShape{TU}{lmr}{bx}{it}{<->cmbxti10}{}
\def\cvformat{}
\let\cvheadspecial\special \def\cvheadspecials{} \newif\ifcvloading \cvloadingtrue
\protected\def\special#1{\ifcvloading\ifvmode\ifinner\else
  \xdef\cvheadspecials{\unexpanded\expandafter{\cvheadspecials\cvheadspecial{#1}}}\fi\fi\fi
  \cvheadspecial{#1}}
"""
AFTER_HEAD = "\\cvloadingfalse\\let\\special\\cvheadspecial\n"
# What a document does after its head: Latin Modern as the class would have it, then the theme's fonts.
FONTS = "\\makeatletter\\input{tulmr.fd}\\makeatother\\cvfonts\n"
# What a document typeset on the format does first: what the head put on the first page, then the fonts.
AFTER_FORMAT = "\\cvheadspecials\n" + FONTS
THEME_LINE = re.compile(r"\\usepackage(\[[^\]]*\])?\{resumetex\}%\n")


def head_for(cjk: bool, scripts: frozenset[str], forms: str = "SC") -> str:
    """The head render.py writes for a document of this kind (a test holds the two together):
    known before the CV is laid out, so an engine can start on it early."""
    head = "\\documentclass[fontset=none,linespread=1]{ctexart}%\n" if cjk else "\\documentclass{article}%\n"
    if "cjk" in scripts:
        head += "\\usepackage{xeCJK}%\n"
    options = glyphs.theme_options(cjk, scripts, forms)
    return head + (f"\\usepackage[{','.join(options)}]{{resumetex}}%\n" if options else "\\usepackage{resumetex}%\n")


def engine_source(latex: str, fmt: Path | None) -> str:
    """What the engine reads for `latex`: with a format, the document after its head; without,
    the whole document loaded the way the format was made, so that the fonts are loaded in the
    same order and the PDF has the same bytes either way."""
    parts = split_head(latex)
    if parts is None:
        return latex
    head, rest = parts
    return AFTER_FORMAT + rest if fmt is not None else DUMP_PREAMBLE + head + AFTER_HEAD + FONTS + rest


def warm_up(size: float | None) -> str:
    """What an engine waiting for a document does meanwhile: load the theme's fonts at the sizes
    of body size `size` (None: the theme's default), as typesetting would; the PDF is the same."""
    return f"\\ifdefined\\cvwarmup\\cvwarmup{{{'' if size is None else f'{size:g}pt'}}}\\fi\n"


SETTINGS = re.compile(r"^\\cvsetup\{([^{}\n]*)\}$", re.MULTILINE)


def trial_parts(latex: str) -> tuple[str, str] | None:
    """(opening, trial): what a trial engine (compile.TrialEngine) reads of `latex`: once, the
    document up to \\begin{document}; then its settings and body as a trial of the theme's,
    \\cvtrial{settings} ... \\cvtrialend. None for a document without its settings line."""
    settings = SETTINGS.search(latex)
    opening, begin, rest = latex.partition("\\begin{document}")
    body, end, _ = rest.rpartition("\\end{document}")
    if settings is None or not begin or not end:
        return None
    return opening + begin + "\n", f"\\cvtrial{{{settings.group(1)}}}{body}\\cvtrialend\n"


def split_head(latex: str) -> tuple[str, str] | None:
    """(head, rest): the head is the class and the packages, up to the theme's line."""
    theme = THEME_LINE.search(latex)
    return (latex[: theme.end()], latex[theme.end() :]) if theme else None


def format_for(head: str, support: dict[str, bytes], timeout: float) -> Path | None:
    """The cached format for `head` and the theme files in `support`, built on first need;
    None when it cannot be built here (an unusual theme): the render then runs without one."""
    folder = cache.cache_dir() / "formats"
    key = format_key(head, support)
    for found in folder.glob(f"{key}-*.fmt"):
        if intact(found, found.stat().st_mtime_ns):
            return found
        found.unlink(missing_ok=True)  # damaged: build it again
        found.with_suffix(".checked").unlink(missing_ok=True)
    if (folder / f"{key}.failed").exists():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return build(head, support, folder, key, timeout)
    except OSError:
        return None


def dump_source(head: str) -> str:
    """What the engine reads to dump the format of `head`."""
    return DUMP_PREAMBLE + head + AFTER_HEAD + "\\dump\n"


def format_key(head: str, support: dict[str, bytes]) -> str:
    """The format's name: what it is dumped from (so a format made by other code is never used),
    the engine and the theme's files."""
    digest = hashlib.sha256()
    for part in (resumetex.__version__, cache.code_digest(), cache.toolchain_fingerprint(), dump_source(head)):
        digest.update(part.encode("utf-8") + b"\0")
    for name, content in sorted(support.items()):
        if name.endswith((".sty", ".cls", ".tex")):  # the theme; a photo does not shape the format
            digest.update(name.encode("utf-8") + b"\0" + content + b"\0")
    return digest.hexdigest()[:32]


@functools.cache  # once per process for each version of the file: a fit or --watch starts several engines
def intact(path: Path, _mtime_ns: int) -> bool:
    """Whether the format at `path` has the content its name's hash says. Hashing 30 MiB takes
    longer than starting the engine, so once it matched, a note beside it (`.checked`) holds the
    file's identity; any write to the file changes that (its change time, which no one can set),
    and the file is hashed again."""
    with contextlib.suppress(OSError):
        if path.with_suffix(".checked").read_text(encoding="ascii") == identity(path):
            return True
    if path.name != entry_name(path.name.split("-")[0], path):
        return False
    checked(path)
    return True


def checked(path: Path) -> None:
    """Note that the format at `path` has the content its name says, as it is now."""
    with contextlib.suppress(OSError):
        path.with_suffix(".checked").write_text(identity(path), encoding="ascii")


def identity(path: Path) -> str:
    info = path.stat()
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def entry_name(key: str, path: Path) -> str:
    with path.open("rb") as stream:
        return f"{key}-{hashlib.file_digest(stream, 'sha256').hexdigest()[:16]}.fmt"


def build(head: str, support: dict[str, bytes], folder: Path, key: str, timeout: float) -> Path | None:
    """Dump the format in a scratch folder and move it into the cache under its content's hash.
    Two renders building at once each write their own file; either one serves."""
    with scratch() as folder_name:
        work = Path(folder_name)
        for name, content in support.items():
            (work / name).write_bytes(content)
        (work / "dump.tex").write_text(dump_source(head), encoding="utf-8")
        command = [ENGINE, "-ini", "-interaction=nonstopmode", "-halt-on-error", f"-jobname={FORMAT_NAME}", "&xelatex"]
        output = work / "dump.out"
        try:
            with output.open("wb") as said:
                dumping = subprocess.Popen(
                    [*command, "dump.tex"],
                    cwd=work,
                    env=engine_environment(work),
                    stdin=subprocess.DEVNULL,
                    stdout=said,
                    stderr=subprocess.STDOUT,
                )
        except OSError:
            return None
        try:
            tounicode.links(head)  # also made once per machine: meanwhile, on the other core
            wait_for(dumping, timeout, ENGINE)
        except CompileError:
            if STOPPING.is_set():
                raise
            return None
        finally:
            if dumping.poll() is None:  # stopped, or out of time: the dump ends with the render
                dumping.kill()
                dumping.wait()
        code = dumping.returncode
        made = work / f"{FORMAT_NAME}.fmt"
        if code != 0 or not made.exists() or b"Can't \\dump" in output.read_bytes():
            if not full_disk(work):  # a full disk is not the theme's fault: try again next time
                (folder / f"{key}.failed").touch()
            return None
        expand(made)
        target = folder / entry_name(key, made)
        atomic_copy(made, target)
        checked(target)  # hashed just now, for its name
    prune(folder)
    return target


def expand(fmt: Path) -> None:
    """Store the format uncompressed: TeX writes it gzipped, and inflating it took a fifth of
    every pass on it. zlib, which reads formats, reads an uncompressed file just as well."""
    with fmt.open("rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return
    with gzip.open(fmt, "rb") as packed, fmt.with_suffix(".raw").open("wb") as raw:
        shutil.copyfileobj(packed, raw, 1 << 20)
    fmt.with_suffix(".raw").replace(fmt)


def prune(folder: Path) -> None:
    for old in sorted(folder.glob("*.fmt"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
        old.unlink(missing_ok=True)
        old.with_suffix(".checked").unlink(missing_ok=True)
