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
from pathlib import Path

from resumetex.errors import CompileError, MissingGlyphsError, SetupError

ENGINE = "xelatex"
TEX_PACKAGES = "texlive-xetex texlive-lang-chinese texlive-fonts-recommended fonts-noto-cjk fonts-font-awesome"
MAIN = "cv.tex"
BOM = b"\xef\xbb\xbf"
TIMEOUT_SECONDS = 60.0

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
    with Engine(timeout=timeout, build_date=build_date) as engine:
        return engine.finish(latex, support, output)


class Engine:
    """One XeLaTeX run in a fresh folder, started before its document exists.

    The engine reads cv.tex from a named pipe, so TeX loads its format while resumetex is
    still validating and rendering; `finish` then writes the document into the pipe."""

    def __init__(self, *, timeout: float = TIMEOUT_SECONDS, build_date: int | None = None, draft: bool = False) -> None:
        """With `draft`, the engine writes only XeTeX's .xdv (no PDF step): enough to count
        pages, and `to_pdf` converts the one worth keeping."""
        if shutil.which(ENGINE) is None:
            raise SetupError(f"{ENGINE} is not installed; install it with: apt-get install {TEX_PACKAGES}")
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout
        self.build_date = build_date
        self.result = "cv.xdv" if draft else "cv.pdf"
        self.folder = Path(tempfile.mkdtemp(prefix="resumetex-"))
        os.mkfifo(self.folder / MAIN)
        command = [
            ENGINE,
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
            "-no-shell-escape",
            "-no-parse-first-line",  # TeX would otherwise open the pipe twice
            *(["-no-pdf"] if draft else []),
            MAIN,
        ]
        self.process = subprocess.Popen(
            command,
            cwd=self.folder,
            env=engine_environment(build_date),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so a timeout kills xdvipdfmx too
        )

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        """End the run if it is still going (a failed validation, say)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def finish(self, latex: str, support: dict[str, bytes], output: Path) -> str:
        """Give the engine its document, wait for the PDF and move it to `output`; return the log."""
        for name, content in support.items():
            (self.folder / name).write_bytes(content)
        self.feed(latex)
        try:
            code = self.process.wait(timeout=max(0.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.stop()
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
        result = self.folder / self.result
        if not result.exists():
            raise CompileError(f"{ENGINE} wrote no PDF:\n{first_error(log)}")
        publish(result, output)
        return log

    def feed(self, latex: str) -> None:
        """Write the document into the pipe once the engine opens it."""
        pipe = self.folder / MAIN
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
            stream.write(BOM + latex.encode("utf-8"))


def to_pdf(xdv: Path, output: Path, build_date: int | None = None) -> None:
    """Convert a draft's .xdv into the PDF the engine would have written."""
    command = ["xdvipdfmx", "-q", "-o", output.name, xdv.name]
    done = subprocess.run(command, cwd=xdv.parent, env=engine_environment(build_date), capture_output=True)
    if done.returncode != 0 or not (xdv.parent / output.name).exists():
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


def engine_environment(build_date: int | None = None) -> dict[str, str]:
    """The environment of an engine run: TeX may read and write only inside its folder,
    and may run nothing, whatever the document asks. Dates come from `build_date`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXMF", "TEXINPUTS"))}
    env.update(openin_any="p", openout_any="p", shell_escape="f", LC_ALL="C.UTF-8")
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
