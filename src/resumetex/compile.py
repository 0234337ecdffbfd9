"""LaTeX → PDF: one hardened XeLaTeX run in a fresh folder; the PDF is moved into place
only when the run succeeded, so a failure never touches the last good PDF."""

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from resumetex.errors import CompileError, MissingGlyphsError, SetupError

ENGINE = "xelatex"
TEX_PACKAGES = "texlive-xetex texlive-lang-chinese texlive-fonts-recommended fonts-noto-cjk fonts-font-awesome"
MAIN = "cv.tex"
BODY = "cv-body.tex"  # the named pipe the rest of the document comes through
BOM = b"\xef\xbb\xbf"
TIMEOUT_SECONDS = 60.0
UMASK = os.umask(0o022)  # read once, while the process has a single thread
os.umask(UMASK)

MISSING_CHAR = re.compile(r"Missing character: There is no .+? \((U\+[0-9A-F]+)\) in font")
FILE_LINE_ERROR = re.compile(r"^(\./)?([^\s:]+\.(?:tex|sty|cls)):(\d+): (.*)$", re.MULTILINE)
FONT_NOT_FOUND = re.compile(r'The font "([^"]+)" cannot be found')


def compile_pdf(
    latex: str,
    support: dict[str, bytes],
    output: Path,
    *,
    timeout: float = TIMEOUT_SECONDS,
    build_date: int | None = None,
) -> str:
    """Typeset `latex` (with `support` files such as the theme beside it) into `output`.

    `build_date` (seconds since the epoch) fixes the PDF's dates, so equal inputs give equal bytes.
    Returns the engine's log, for callers that check it for warnings.
    Raises SetupError when TeX or a font is missing, CompileError on any failure;
    in both cases `output` is left exactly as it was."""
    prepare_output(output)
    with Engine(support=support, timeout=timeout) as engine:
        return engine.finish(latex, output, build_date=build_date)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP (for this thread) until the block ends, then let them in: the
    handlers then see all or nothing of what the block made. (Python runs signal handlers
    only in the main thread, so that is where it matters.)"""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class Engine:
    """One XeLaTeX run in a fresh folder, started before its document is known.

    cv.tex holds the document's `head` (class and theme, known from the language alone) and
    then reads the rest from a named pipe, cv-body.tex. So TeX loads its format, the theme and
    the fonts while resumetex is still validating and rendering; `finish` writes the rest, with
    the build date, and turns XeTeX's .xdv into the PDF."""

    # Started by the command before it parsed its options (see launch.py), for `start` to hand out.
    early: ClassVar["Engine | None"] = None
    # Every engine started and not yet closed, for `close_all` at exit.
    running: ClassVar[set["Engine"]] = set()

    @classmethod
    def start(cls, head: str, support: dict[str, bytes], *, timeout: float = TIMEOUT_SECONDS) -> "Engine":
        """An engine for a document that begins with `head`: the early one if it was started
        for this head and these files, else a new one."""
        early, cls.early = cls.early, None
        if early is not None:
            if early.head == head and early.support == support and early.process.poll() is None:
                early.deadline = early.started + timeout
                early.timeout = timeout
                return early
            early.close()
        return cls(head, support, timeout=timeout)

    def __init__(self, head: str = "", support: dict[str, bytes] | None = None, *, timeout: float = TIMEOUT_SECONDS):
        if shutil.which(ENGINE) is None:
            raise SetupError(f"{ENGINE} is not installed; install it with: apt-get install {TEX_PACKAGES}")
        self.head = head
        self.support = support or {}
        self.started = time.monotonic()
        self.deadline = self.started + timeout
        self.timeout = timeout
        with held_signals():  # a stop finds the engine in `running`, or finds nothing made
            self.folder = Path(tempfile.mkdtemp(prefix="resumetex-"))
            try:
                self.process = self.spawn()
            except BaseException:
                shutil.rmtree(self.folder, ignore_errors=True)
                raise
            Engine.running.add(self)

    def spawn(self) -> "subprocess.Popen[bytes]":
        """Write the head and the theme into the folder and start XeLaTeX on them."""
        for name, content in self.support.items():
            (self.folder / name).write_bytes(content)
        # The primitive \input: LaTeX's own would open the pipe once more to test that it exists.
        (self.folder / MAIN).write_text(self.head + f"\\csname @@input\\endcsname {BODY} ", encoding="utf-8")
        os.mkfifo(self.folder / BODY)
        command = [
            ENGINE,
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
            "-no-shell-escape",
            "-no-pdf",  # the .xdv: `finish` converts it, with the build date, once that is known
            MAIN,
        ]
        return subprocess.Popen(
            command,
            cwd=self.folder,
            env=engine_environment(self.folder),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so a timeout kills all of it
        )

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """End the run if it is still going (a failed validation, say) and remove its folder."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
        Engine.running.discard(self)

    @classmethod
    def close_all(cls) -> None:
        """Close every engine not closed yet: at exit, whatever stopped the command."""
        for engine in list(cls.running):
            engine.close()

    def finish(self, latex: str, output: Path, *, build_date: int | None = None, draft: bool = False) -> str:
        """Give the engine the rest of `latex`, wait, and write the PDF to `output`; return the log.

        `latex` must begin with the engine's head. `build_date` sets TeX's clock and the PDF's
        dates. A `draft` keeps XeTeX's .xdv instead of a PDF: enough to count pages, and
        `to_pdf` converts the one worth keeping."""
        if not latex.startswith(self.head):
            raise ValueError("the document does not begin with the head the engine has read")
        self.feed(clock(build_date) + latex[len(self.head) :])
        try:
            code = self.process.wait(timeout=self.remaining())
        except subprocess.TimeoutExpired:
            self.close()
            raise CompileError(f"{ENGINE} did not finish within {self.timeout:g} s and was stopped") from None
        log_path = self.folder / "cv.log"
        log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
        if code != 0:
            font = FONT_NOT_FOUND.search(log)
            if font:
                raise SetupError(
                    f'the font "{font.group(1)}" is not installed; install it with: apt-get install {TEX_PACKAGES}'
                )
            raise CompileError(f"{ENGINE} failed:\n{first_error(log)}")
        missing = missing_glyphs(log)
        if missing:
            shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in missing)
            raise MissingGlyphsError(missing, f"no installed font has these characters: {shown}")
        xdv = self.folder / "cv.xdv"
        if not xdv.exists():
            raise CompileError(f"{ENGINE} wrote no pages:\n{first_error(log)}")
        if draft:
            publish(xdv, output)
        else:
            pdf = xdv.with_suffix(".pdf")
            to_pdf(xdv, pdf, build_date, timeout=self.remaining())
            publish(pdf, output)
        return log

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def feed(self, body: str) -> None:
        """Write `body` into the pipe once the engine opens it."""
        pipe = self.folder / BODY
        while True:
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError as error:
                if error.errno != errno.ENXIO:  # ENXIO: the engine has not opened it yet
                    raise
            if self.process.poll() is not None or time.monotonic() > self.deadline:
                return  # it ended (or hung) before reading; finish() reports why
            time.sleep(0.002)
        os.set_blocking(fd, True)
        # A leading BOM: XeTeX peeks at the first bytes for one and, finding none, would
        # rewind, which a pipe cannot do.
        with contextlib.suppress(BrokenPipeError), os.fdopen(fd, "wb") as stream:
            stream.write(BOM + body.encode("utf-8"))


def clock(build_date: int | None) -> str:
    """TeX's date and time (\\today, the .xdv's stamp) set to `build_date`, in UTC."""
    if build_date is None:
        return ""
    moment = time.gmtime(build_date)
    minutes = moment.tm_hour * 60 + moment.tm_min
    return f"\\year={moment.tm_year} \\month={moment.tm_mon} \\day={moment.tm_mday} \\time={minutes} "


def to_pdf(xdv: Path, pdf: Path, build_date: int | None = None, *, timeout: float = TIMEOUT_SECONDS) -> None:
    """Convert XeTeX's .xdv into `pdf` (beside it) as xelatex itself would, dated `build_date`."""
    command = ["xdvipdfmx", "-q", "-E", "-o", pdf.name, xdv.name]
    try:
        env = engine_environment(xdv.parent, build_date)
        done = subprocess.run(command, cwd=xdv.parent, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CompileError(f"xdvipdfmx did not finish within {timeout:g} s and was stopped") from None
    except FileNotFoundError:
        raise SetupError(f"xdvipdfmx is not installed; install it with: apt-get install {TEX_PACKAGES}") from None
    if done.returncode != 0 or not pdf.exists():
        raise CompileError(f"xdvipdfmx failed: {done.stderr.decode(errors='replace').strip()}")


def publish(pdf: Path, output: Path) -> None:
    """Put the new PDF at `output`; the old one stays whole if this fails."""
    try:
        atomic_copy(pdf, output)
    except OSError as error:
        raise CompileError(f"{output}: cannot write the PDF ({error.strerror})") from None


def atomic_copy(source: Path, target: Path) -> None:
    """Copy to a unique file beside `target`, then rename: readers never see half a file,
    and two writers never share a staging file."""
    fd, staged = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, staged)
        os.chmod(staged, 0o666 & ~UMASK)  # as any new file, not mkstemp's private 0600
        os.replace(staged, target)
    except OSError:
        Path(staged).unlink(missing_ok=True)
        raise


def write_sources(folder: Path, latex: str, support: dict[str, bytes], main: str = MAIN) -> None:
    """Write the document and its support files into `folder` (for --tex)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in support.items():
            (folder / name).write_bytes(content)
        (folder / main).write_text(latex, encoding="utf-8")
    except OSError as error:
        raise CompileError(f"{folder / main}: cannot write the LaTeX source ({error.strerror})") from None


def prepare_output(output: Path) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CompileError(f"{output.parent}: cannot create the output folder ({error.strerror})") from None
    if not os.access(output.parent, os.W_OK):
        raise CompileError(f"{output.parent}: the output folder is not writable")


def engine_environment(folder: Path, build_date: int | None = None) -> dict[str, str]:
    """The environment of an engine run in `folder`: TeX may read and write only inside it,
    and may run nothing, whatever the document asks. Dates come from `build_date`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXMF", "TEXINPUTS"))}
    env.update(openin_any="p", openout_any="p", shell_escape="f", LC_ALL="C.UTF-8")
    env["TMPDIR"] = str(folder)  # xdvipdfmx's scratch files go where the folder's removal takes them
    env["max_print_line"] = "100000"  # unwrapped log lines, so messages are read whole
    if build_date is not None:
        env.update(SOURCE_DATE_EPOCH=str(build_date), FORCE_SOURCE_DATE="1")
    return env


def first_error(log: str) -> str:
    """The first real error in a TeX log, as `file:line: message` plus its context line."""
    match = FILE_LINE_ERROR.search(log)
    if match:
        context = log[match.end() :].strip().splitlines()[:2]
        where = f"{match.group(2)}:{match.group(3)}"
        return f"{where}: {match.group(4).strip()}" + (f"\n  {context[0].strip()}" if context else "")
    bang = re.search(r"^! (.*)$", log, re.MULTILINE)
    return bang.group(1) if bang else "no error message in the log (see the TeX log with --tex)"


def missing_glyphs(log: str) -> list[str]:
    """Characters XeTeX could not find in any font, in order of first appearance."""
    found = (chr(int(match.group(1)[2:], 16)) for match in MISSING_CHAR.finditer(log))
    return list(dict.fromkeys(found))


def page_count(log: str) -> int:
    """How many pages the run wrote (to a .pdf or a draft .xdv), from the log's last line."""
    match = re.search(r"Output written on \S+ \((\d+) pages?", log)
    return int(match.group(1)) if match else 0


def page_fill(log: str) -> float:
    """Pages used, the last one fractional (the theme reports its height), e.g. 1.62."""
    match = re.search(r"resumetex-fill: (\d+) ([\d.]+)pt ([\d.]+)pt", log)
    if not match:
        return float(page_count(log))
    page, used, height = int(match.group(1)), float(match.group(2)), float(match.group(3))
    return page - 1 + used / height
