"""A content-addressed store of rendered PDFs: an unchanged input is never typeset twice.

The key covers everything that shapes the PDF: the data file's bytes, every option, the theme's
files, the build date, the resumetex version, and a fingerprint of the installed TeX and fonts.
Stdlib only, so a cache hit costs no more than reading the inputs. It also remembers each
command line's last render, so the command knows not to start XeLaTeX for a re-render."""

import hashlib
import json
import os
import shutil
import zlib
from collections.abc import Iterable
from pathlib import Path

import resumetex
from resumetex.compile import atomic_copy, publish

KEEP = 64  # PDFs kept; older ones are removed when a new one is stored

# Files that change whenever TeX packages or fonts are installed, upgraded or removed:
# kpathsea's file databases (rebuilt by mktexlsr), the format, and fontconfig's cache.
TOOLCHAIN_MARKERS = (
    "/var/lib/texmf/ls-R",
    "/usr/share/texlive/texmf-dist/ls-R",
    "/usr/share/texmf/ls-R",
    "/var/lib/texmf/web2c/xetex/xelatex.fmt",
    "/var/cache/fontconfig",
)


def cache_dir() -> Path:
    """$RESUMETEX_CACHE_DIR, else $XDG_CACHE_HOME/resumetex, else ~/.cache/resumetex."""
    if os.environ.get("RESUMETEX_CACHE_DIR"):
        return Path(os.environ["RESUMETEX_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "resumetex"


def render_key(source: Path, options: Iterable[object], support: dict[str, bytes], build_date: int) -> str | None:
    """The key of one render, or None when the source cannot be read (the loader says why)."""
    try:
        data = source.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (resumetex.__version__, repr(list(options)), str(build_date), toolchain_fingerprint()):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(data + b"\0")
    for name, content in sorted(support.items()):
        digest.update(name.encode("utf-8") + b"\0" + content + b"\0")
    return digest.hexdigest()


def toolchain_fingerprint() -> str:
    engine = shutil.which("xelatex")
    paths = [os.path.realpath(engine)] if engine else []
    stamps = []
    for path in [*paths, *TOOLCHAIN_MARKERS]:
        try:
            info = os.stat(path)
        except OSError:
            continue
        stamps.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(stamps)


def restore(key: str, output: Path) -> bool:
    """Copy the cached PDF for `key` to `output` (atomically); False when there is none."""
    cached = cache_dir() / f"{key}.pdf"
    if not cached.is_file():
        return False
    publish(cached, output)
    return True


def store(key: str, pdf: Path) -> None:
    """Keep a copy of `pdf` under `key`; a cache that cannot be written is skipped silently."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_copy(pdf, folder / f"{key}.pdf")
        prune(folder, "*.pdf")
    except OSError:
        pass


def prune(folder: Path, pattern: str) -> None:
    """Keep the newest KEEP files of `folder` that match `pattern`; remove the rest."""
    for old in sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)[:-KEEP]:
        old.unlink(missing_ok=True)


# The last render of each command line, with the stat of every file it read. It lets the
# command tell an unchanged re-render (the cache will answer: no engine needed) from a
# render worth starting XeLaTeX early for (see launch.py). A wrong guess costs only speed.


def note_command(args: list[str], files: list[Path]) -> None:
    """After a render: remember `args` (the command line) and the files it read, as they are now."""
    try:
        record = command_record(args, files)
        path = command_path(args)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_suffix(f".{os.getpid()}.partial")
        staged.write_text(json.dumps(record), encoding="utf-8")
        os.replace(staged, path)
        prune(path.parent, "*.json")
    except OSError:
        pass


def command_unchanged(args: list[str]) -> bool:
    """Whether `args` rendered before here and no file it read has changed since."""
    try:
        record = json.loads(command_path(args).read_text(encoding="utf-8"))
        return bool(record == command_record(args, [Path(f[0]) for f in record["files"]]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False


def command_path(args: list[str]) -> Path:
    """The record of `args` run in this folder (a clash of names only costs speed: see command_record)."""
    return cache_dir() / "commands" / f"{zlib.crc32(repr([os.getcwd(), *args]).encode()):08x}.json"


def command_record(args: list[str], files: list[Path]) -> dict[str, object]:
    """What must be the same for the same command to give the same PDF, short of the TeX
    installation and the data file's commit date (the cache key checks those)."""
    stats = []
    for path in files:
        info = path.stat()
        stats.append([str(path.absolute()), info.st_size, info.st_mtime_ns])
    return {
        "cwd": os.getcwd(),
        "args": args,
        "version": resumetex.__version__,
        "date": os.environ.get("SOURCE_DATE_EPOCH"),
        "files": stats,
    }
