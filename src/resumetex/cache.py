"""A content-addressed store of rendered PDFs: an unchanged input is never typeset twice.

The key covers everything that shapes the PDF: the data file's bytes, every option, the theme's
files, the build date, the resumetex version and its own files' content (a newer checkout installed
under the same version is another resumetex), and fingerprints of the installed TeX and fonts and
of the Python libraries beside it.
Entries are checked against their own hash before they are served."""

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import resumetex
from resumetex.compile import atomic_copy, publish, scratch

KEEP = 64  # PDFs kept; older ones are removed when a new one is stored
STALE_SECONDS = 600

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
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password entry (some containers): a folder of our own
            return Path(tempfile.gettempdir()) / f"resumetex-cache-{os.getuid()}"
    return Path(base) / "resumetex"


def keep(path: Path, content: bytes) -> bool:
    """Write `content` to `path`, a file beside the render cache (a font's character set, its
    map, where the fonts are), whole or not at all: staged under a name of this process, then
    renamed. False when it cannot be written (the caller then works it out again next time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_suffix(f".{os.getpid()}.partial")
        staged.write_bytes(content)
        os.replace(staged, path)
    except OSError:
        return False
    return True


def kept(name: str, stamp: object) -> Any:
    """The value `keep_stamped` last kept as `name` beside the render cache, if it was kept with
    `stamp` (what it was worked out from: a font file's size and time, TeX's installation ...);
    else None."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        found = json.loads((cache_dir() / name).read_text(encoding="utf-8"))
        if found["stamp"] == stamp:
            return found["value"]
    return None


def keep_stamped(name: str, stamp: object, value: object) -> None:
    """Keep `value` (JSON) as `name` beside the render cache, for `kept` to find with `stamp`."""
    keep(cache_dir() / name, json.dumps({"stamp": stamp, "value": value}).encode("utf-8"))


def render_key(data: bytes, options: Iterable[object], support: dict[str, bytes], build_date: int) -> str:
    """The key of one render: the CV file's bytes, the options, the theme and photo, the date."""
    digest = hashlib.sha256()
    code = (resumetex.__version__, code_digest())
    for part in (*code, repr(list(options)), str(build_date), toolchain_fingerprint(), libraries_fingerprint()):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(data + b"\0")
    for name, content in sorted(support.items()):
        digest.update(name.encode("utf-8") + b"\0" + content + b"\0")
    return digest.hexdigest()


@functools.cache  # once per process: the code a process runs is the code it imported
def code_digest() -> str:
    return package_digest(os.path.dirname(resumetex.__file__))


def package_digest(root: str) -> str:
    """The content of resumetex's own files (code, locales, shipped themes; not compiled modules):
    about 40 files and 340 KiB, read in a millisecond or two."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if name != "__pycache__")  # (walked in this order)
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, root).encode("utf-8") + b"\0")
            with contextlib.suppress(OSError), open(path, "rb") as stream:  # (an editor's lock link)
                digest.update(stream.read() + b"\0")
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


def libraries_fingerprint() -> str:
    """When the folders of installed libraries last changed: installing, upgrading or removing a
    package (markdown-it-py, Pillow ...) adds or removes its metadata folder there, and a newer
    library may set the same CV otherwise. (Read from the folders, not the libraries: a cached
    render imports none of them.)"""
    stamps = []
    for folder in sys.path:
        if os.path.basename(folder) in ("site-packages", "dist-packages"):
            with contextlib.suppress(OSError):
                stamps.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
    return "|".join(stamps)


def restore(key: str, output: Path) -> bool:
    """Copy the cached PDF for `key` to `output` (atomically); False when there is none, or
    when the entry is not the PDF that was stored (its name carries its content's hash)."""
    for entry in cache_dir().glob(f"{key}-*.pdf"):
        try:
            content = entry.read_bytes()
        except OSError:
            continue
        if entry.name != entry_name(key, content):
            entry.unlink(missing_ok=True)  # damaged: drop it, and typeset
            continue
        with scratch() as folder:
            verified = Path(folder) / "cv.pdf"
            verified.write_bytes(content)  # what was checked is what is published
            publish(verified, output)
        return True
    return False


def entry_name(key: str, content: bytes) -> str:
    return f"{key}-{hashlib.sha256(content).hexdigest()[:16]}.pdf"


def store(key: str, pdf: Path) -> None:
    """Keep a copy of `pdf` under `key`; a cache that cannot be written is skipped silently."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_copy(pdf, folder / entry_name(key, pdf.read_bytes()))
        prune(folder)
    except OSError:
        pass


def prune(folder: Path) -> None:
    """Keep the newest KEEP PDFs; remove the rest, and staging files a stop or a full disk left
    behind (old enough that no render is still writing them)."""
    for old in sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
        old.unlink(missing_ok=True)
    for staged in folder.glob("*.partial"):
        if time.time() - staged.stat().st_mtime > STALE_SECONDS:
            staged.unlink(missing_ok=True)
