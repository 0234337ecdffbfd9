"""LaTeX → PDF: one hardened XeLaTeX run in a fresh folder; the PDF is moved into place
only when the run succeeded, so a failure never touches the last good PDF."""

import contextlib
import errno
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from resumetex.errors import CompileError, MissingGlyphsError, ResumeError, SetupError
from resumetex.platforms import install_steps

ENGINE = "xelatex"
MAIN = "cv.tex"
FORMAT_NAME = "resumetex-format"
# Set when the command is interrupted: renders in other threads stop their engines and publish nothing.
STOPPING = threading.Event()  # the engine's log names it: "preloaded format=resumetex-format"
TIMEOUT_SECONDS = 60.0
POLL_SECONDS = 0.1
PIPES_SELECTABLE = os.name == "posix"  # select() takes pipes; Windows' takes sockets only
HASH_EXTRA = 100_000  # see engine_environment
FULL_DISK_BYTES = 1024 * 1024  # a run that failed with less room than this ran out of it
UMASK = os.umask(0o022)  # read once, while the process has a single thread
os.umask(UMASK)

MISSING_CHAR = re.compile(r"Missing character: There is no .+? \((U\+[0-9A-F]+)\) in font")
FILE_LINE_ERROR = re.compile(r"^(\./)?([^\s:]+\.(?:tex|sty|cls)):(\d+): (.*)$", re.MULTILINE)
# fontspec's message for a font it cannot find, and XeTeX's for a declared face missing when first used
FONT_NOT_FOUND = re.compile(
    r'The font "([^"]+)" cannot be found'
    r"|=\[([^\]]+)\]\S* at \S+ not loadable: Metric \(TFM\) file or installed font not found"
)


def scratch() -> "tempfile.TemporaryDirectory[str]":
    """A fresh folder for one step of a render, named for this process, so that the next render
    can tell a folder left by a killed one (its process is gone) and remove it."""
    sweep()
    return tempfile.TemporaryDirectory(prefix=f"resumetex-{os.getpid()}-")


def sweep() -> None:
    """Remove the scratch folders of resumetex processes that no longer run."""
    for folder in Path(tempfile.gettempdir()).glob("resumetex-*-*"):
        owner = folder.name.split("-")[1]
        if owner.isdigit() and int(owner) != os.getpid() and not alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its folders alone
    return True


def compile_pdf(
    latex: str,
    support: dict[str, bytes],
    output: Path,
    *,
    timeout: float = TIMEOUT_SECONDS,
    build_date: int | None = None,
    draft: bool = False,
    fmt: Path | None = None,
    links: dict[str, str] | None = None,
) -> str:
    """Typeset `latex` (with `support` files such as the theme beside it) into `output`.

    `build_date` (seconds since the epoch) fixes the PDF's dates, so equal inputs give equal bytes.
    A `draft` writes XeTeX's .xdv instead of a PDF: enough to count pages (see `pdf_of`).
    With `fmt` (see texformat.py) the engine starts from that format instead of LaTeX's own.
    `links` (name → path) are linked into the engine's folder: fonts and their maps (tounicode.py).
    Returns the engine's log, for callers that check it for warnings.
    Raises SetupError when TeX or a font is missing, CompileError on any failure;
    in both cases `output` is left exactly as it was."""
    if shutil.which(ENGINE) is None:
        raise SetupError(f"{ENGINE} is not installed; to install TeX and the fonts, {install_steps()}")
    with scratch() as work:
        folder = Path(work)
        try:
            prepare_folder(folder, latex, support, fmt, links or {})
        except OSError as error:
            raise CompileError(cannot_write(folder, error)) from None
        code = run(engine_command(fmt), folder, engine_environment(folder, build_date), timeout, ENGINE)
        return finish(folder, code, output, build_date=build_date, draft=draft, timeout=timeout)


class Engine:
    """XeLaTeX started on a document's first part (`prelude`), waiting for the rest.

    The engine reads the name of the rest from its standard input, an anonymous pipe: if this
    process dies, the pipe closes and the engine stops at once. So it can start as early as the
    document's head is known and load the class, the theme and the fonts meanwhile."""

    WAIT = "\\endlinechar=-1 \\read16 to \\cvbody \\endlinechar=13 \\input{\\cvbody}\n"
    BODY = "body.tex"
    # What XeTeX prints last, once its .xdv and log are closed. Exiting then takes the system about
    # 20 ms (it frees the engine's Unicode-sized tables): the PDF is made meanwhile.
    WRITTEN = f"\nTranscript written on {MAIN.removesuffix('.tex')}.log.\n".encode()

    def __init__(
        self,
        head: str,
        prelude: str,
        support: dict[str, bytes],
        fmt: Path | None,
        *,
        timeout: float,
        build_date: int | None,
        links: dict[str, str] | None = None,
    ) -> None:
        """`head`: the document's first lines, which `prelude` (what the engine reads) stands for;
        `links` as compile_pdf's."""
        if shutil.which(ENGINE) is None:
            raise SetupError(f"{ENGINE} is not installed; to install TeX and the fonts, {install_steps()}")
        self.head, self.support, self.timeout, self.build_date = head, support, timeout, build_date
        self.scratch = scratch()
        self.folder = Path(self.scratch.name)
        prepare_folder(self.folder, prelude + self.WAIT, support, fmt, links or {})
        self.process = subprocess.Popen(
            engine_command(fmt, interaction="scrollmode"),  # scrollmode: \read from the pipe is allowed
            cwd=self.folder,
            env=engine_environment(self.folder, build_date),
            stdin=subprocess.PIPE,
            # Read for WRITTEN, and by a trial engine for what each trial measured; where no
            # pipe can be waited on, not read at all.
            stdout=subprocess.PIPE if PIPES_SELECTABLE else subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def finish(
        self, latex: str, output: Path, more: dict[str, bytes], draft: bool = False, build_date: int | None = None
    ) -> str:
        """Typeset `latex`, which begins with the engine's head, into `output` (with the `more`
        files beside it, a photo; a `draft` writes the .xdv, see compile_pdf); return the
        engine's log. The engine is used up. `build_date`: the PDF's date when it is known only
        now (a watch's engine starts before the save it typesets); else the one it started with."""
        rest = self.rest_of(latex)
        try:
            self.add(more)
            (self.folder / self.BODY).write_text(rest, encoding="utf-8")
        except OSError as error:
            self.stop()
            raise CompileError(cannot_write(self.folder, error)) from None
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(f"{self.BODY}\n".encode())
            self.process.stdin.close()
        date = self.build_date if build_date is None else build_date
        made: Path | ResumeError | None = None
        try:
            # (read for a draft too: a full pipe would stop the engine)
            if PIPES_SELECTABLE and printed_until(self.process, self.WRITTEN, self.timeout) and not draft:
                try:
                    made = pdf_of(self.folder, date, self.timeout)
                except ResumeError as error:  # raised by `finish` after the engine's own errors
                    made = error
            wait_for(self.process, self.timeout, ENGINE)
            code = self.process.returncode
        finally:
            self.stop()
        return finish(self.folder, code, output, build_date=date, draft=draft, timeout=self.timeout, made=made)

    def rest_of(self, latex: str) -> str:
        """`latex` after the head this engine has read."""
        rest = latex.removeprefix(self.head)
        if len(rest) == len(latex):
            raise ValueError("the document does not begin with the head the engine has read")
        return rest

    def add(self, files: dict[str, bytes]) -> None:
        """Put `files` (name → content) beside the document."""
        for name, content in files.items():
            (self.folder / name).write_bytes(content)

    def kill(self) -> None:
        """Stop the engine at once. The system takes about 20 ms to free one (its Unicode-sized
        tables); `stop` and `close` wait for that, this does not."""
        if self.process.poll() is None:
            kill_group(self.process)

    def stop(self) -> None:
        self.kill()
        self.process.wait()

    def close(self) -> None:
        self.stop()
        self.scratch.cleanup()


class TrialEngine(Engine):
    """An engine that sets the résumé again and again at other settings and measures each
    (--max-pages): it reads the document up to \\begin{document} once (`opening`), then each
    `trial`: the theme's \\cvtrial{settings}, the résumé, \\cvtrialend, whose pages are dropped.
    What the engine prints after each one (how full and how many the pages were, lines past the
    margin) is read from its output, a pipe; so it never finishes a document (see Engine)."""

    USABLE = PIPES_SELECTABLE  # its output is waited on with select()
    DONE = "resumetex-trial-done"
    # After the opening, read and typeset one trial file after another; \tracingonline: the
    # listing of a line past the margin is printed too, not only logged.
    LOOP = (
        "\\tracingonline=1 \\typeout{resumetex-trials: \\ifdefined\\cvtrial yes\\else no\\fi}\\typeout{%s}\n"
        "\\def\\cvnext{\\endlinechar=-1 \\read16 to \\cvbody \\endlinechar=13 \\input{\\cvbody}\\cvnext}\\cvnext\n"
    )
    count = 0

    def open(self, opening: str, more: dict[str, bytes]) -> bool:
        """Read `opening`, the document up to \\begin{document} (which begins with the engine's
        head), with the `more` files beside it (a photo); False when this engine cannot measure
        (a theme without \\cvtrial, an error, no time left)."""
        rest = self.rest_of(opening)
        try:
            self.add(more)
        except OSError:
            return False
        said = self.send(rest + self.LOOP % self.DONE)
        return said is not None and "resumetex-trials: yes" in said

    def measure(self, trial: str) -> str | None:
        """What the engine printed while setting `trial`; None when it failed or took too long."""
        return self.send(trial + f"\\typeout{{{self.DONE}}}\n")

    def send(self, text: str) -> str | None:
        """Have the engine read `text` as a file; what it printed until it was done, or None."""
        self.count += 1
        name = f"trial-{self.count}.tex"
        assert self.process.stdin is not None
        try:
            (self.folder / name).write_text(text, encoding="utf-8")
            self.process.stdin.write(f"{name}\n".encode())
            self.process.stdin.flush()
            said = printed_until(self.process, f"\n{self.DONE}".encode(), self.timeout)
        except (OSError, CompileError):
            return None
        return None if said is None or re.search(r"^! ", said, re.M) else said


def engine_command(fmt: Path | None, interaction: str = "nonstopmode") -> list[str]:
    return [
        ENGINE,
        *([f"-fmt={FORMAT_NAME}"] if fmt is not None else []),
        f"-interaction={interaction}",
        "-halt-on-error",
        "-file-line-error",
        "-no-shell-escape",
        "-no-pdf",  # the .xdv: xdvipdfmx makes the PDF, only when it is wanted
        MAIN,
    ]


def prepare_folder(
    folder: Path, latex: str, support: dict[str, bytes], fmt: Path | None, links: dict[str, str]
) -> None:
    """Write the document and its support files into the engine's `folder`, and link `links`."""
    for name, content in support.items():
        (folder / name).write_bytes(content)
    link(folder, links)
    (folder / MAIN).write_text(latex, encoding="utf-8")
    if fmt is not None:
        os.symlink(fmt, folder / f"{FORMAT_NAME}.fmt")  # found there by the engine, as `-fmt` names it


def link(folder: Path, links: dict[str, str]) -> None:
    """Link each file of `links` (name → path) into `folder`, where the engine finds it first."""
    for name, target in links.items():
        if not (folder / name).exists():
            os.symlink(target, folder / name)


def finish(
    folder: Path,
    code: int,
    output: Path,
    *,
    build_date: int | None,
    draft: bool,
    timeout: float,
    made: "Path | ResumeError | None" = None,
) -> str:
    """After the engine ran in `folder` and exited with `code`: check its log, write the PDF
    (or with `draft` the .xdv) to `output`, and return the log. `made`: the PDF already made
    while the engine exited, or why it could not be."""
    log_path = folder / "cv.log"
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    if code != 0:
        font = FONT_NOT_FOUND.search(log)
        if font:
            name = font.group(1) or font.group(2)
            raise SetupError(f'the font "{name}" is not installed; to install TeX and the fonts, {install_steps()}')
        raise CompileError(f"{ENGINE} failed:\n{full_disk(folder) or first_error(log)}")
    missing = missing_glyphs(log)
    if missing:
        shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in missing)
        raise MissingGlyphsError(missing, f"no font of the document has these characters: {shown}")
    xdv = folder / "cv.xdv"
    if not xdv.exists():
        raise CompileError(f"{ENGINE} wrote no pages:\n{first_error(log)}")
    if draft:
        publish(xdv, output)
        return log
    if made is None:
        made = pdf_of(folder, build_date, timeout)
    if isinstance(made, ResumeError):
        raise made
    publish(made, output)
    return log


def run(command: list[str], folder: Path, env: dict[str, str], timeout: float, name: str) -> int:
    """Run `command` in `folder` in a process group of its own; stop all of it on a timeout or
    when this process is interrupted, so nothing outlives the render."""
    errors_path = folder / f"{name}.stderr"
    with errors_path.open("wb") as errors_file:
        process = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors_file,
            start_new_session=True,
        )
    try:
        wait_for(process, timeout, name)
    finally:
        if process.poll() is None:
            kill_group(process)
            process.wait()
    if process.returncode != 0 and name != ENGINE:
        raise CompileError(f"{name} failed: {full_disk(folder) or errors_path.read_text(errors='replace').strip()}")
    return process.returncode


def kill_group(process: "subprocess.Popen[bytes]") -> None:
    """Kill `process` and what it started (xelatex runs xdvipdfmx): its process group, made by
    start_new_session; on Windows, which has no groups, the process itself."""
    with contextlib.suppress(ProcessLookupError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


def wait_for(process: "subprocess.Popen[bytes]", timeout: float, name: str) -> None:
    """Wait for `process`; stop waiting when `timeout` runs out or the command is being stopped
    (see Deadline). The caller ends the process either way."""
    deadline = Deadline(name, timeout)
    with exit_signal(process) as ended:
        while True:
            if ended is not None:  # wake the moment it exits; Popen.wait(timeout) looks only
                select.select([ended], [], [], POLL_SECONDS)  # now and then (up to 50 ms late)
            try:
                process.wait(timeout=0 if ended is not None else POLL_SECONDS)
                return
            except subprocess.TimeoutExpired:
                pass
            deadline.check()


def printed_until(process: "subprocess.Popen[bytes]", done: bytes, timeout: float) -> str | None:
    """What `process` printed until `done`; None when it ended first. CompileError when `timeout`
    runs out or the command is being stopped (see Deadline; the caller ends the process)."""
    assert process.stdout is not None
    said = bytearray()
    deadline = Deadline(ENGINE, timeout)
    while done not in said[-len(done) - (1 << 16) :]:
        deadline.check()
        if not select.select([process.stdout], [], [], POLL_SECONDS)[0]:
            continue
        chunk = os.read(process.stdout.fileno(), 1 << 16)
        if not chunk:  # it ended
            return None
        said += chunk
    return said.decode("utf-8", "replace")


class Deadline:
    """`timeout` seconds for `name`, counted in time this process was running: a gap between two
    looks much longer than POLL_SECONDS is a suspension (Ctrl-Z, a stopped job), during which the
    engine went on."""

    def __init__(self, name: str, timeout: float) -> None:
        self.name, self.timeout = name, timeout
        self.waited, self.last = 0.0, time.monotonic()

    def check(self) -> None:
        """CompileError when the time has run out, or the command is being stopped (STOPPING)."""
        if STOPPING.is_set():
            raise CompileError("stopped")
        now = time.monotonic()
        self.waited += min(now - self.last, 10 * POLL_SECONDS)
        self.last = now
        if self.waited > self.timeout:
            raise CompileError(f"{self.name} did not finish within {self.timeout:g} s and was stopped")


@contextlib.contextmanager
def exit_signal(process: "subprocess.Popen[bytes]") -> Iterator[int | None]:
    """A file descriptor that becomes readable when `process` ends (a Linux pidfd); None where
    there is none (other systems, old kernels): the wait then polls."""
    try:
        descriptor = os.pidfd_open(process.pid)
    except (AttributeError, OSError):
        yield None
        return
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def pdf_of(folder: Path, build_date: int | None, timeout: float) -> Path:
    """The PDF of the pages an engine wrote in `folder` (cv.xdv → cv.pdf, the names xdvipdfmx
    works the PDF's /ID out from, so a PDF made from the same pages is the same bytes), made as
    xelatex itself would, dated `build_date`."""
    if shutil.which("xdvipdfmx") is None:
        raise SetupError(f"xdvipdfmx is not installed; to install TeX and the fonts, {install_steps()}")
    from resumetex.tounicode import cut  # (it reads the cache, which needs this module)

    cut(folder / "cv.xdv")  # the Chinese fonts' maps, cut to the glyphs the pages set
    command = ["xdvipdfmx", "-q", "-E", "-o", "cv.pdf", "cv.xdv"]
    run(command, folder, engine_environment(folder, build_date), timeout, "xdvipdfmx")
    if not (folder / "cv.pdf").exists():
        raise CompileError("xdvipdfmx wrote no PDF")
    return folder / "cv.pdf"


def publish(pdf: Path, output: Path) -> None:
    """Put the new PDF at `output` (its folder made now, so a failed render makes none);
    the old one stays whole if this fails. Once the command is being stopped, nothing more is put."""
    if STOPPING.is_set():
        raise CompileError("stopped")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_copy(pdf, output)
    except OSError as error:
        raise CompileError(cannot_write(output.parent, error, f"{output}: cannot write the PDF")) from None


def atomic_copy(source: Path, target: Path) -> None:
    """Copy to a unique file beside `target`, then rename: readers never see half a file,
    and two writers never share a staging file. The staging file is named for this process, so
    one a killed writer left is removed here (its process is gone)."""
    for left in target.parent.glob(f".{target.name}.*.partial"):
        owner = left.name.removeprefix(f".{target.name}.").split(".")[0]
        if owner.isdigit() and int(owner) != os.getpid() and not alive(int(owner)):
            left.unlink(missing_ok=True)
    fd, staged = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".partial", dir=target.parent)
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


def cannot_write(folder: Path, error: OSError, what: str | None = None) -> str:
    """The message for a failed write in `folder` (a render's scratch folder unless `what` says
    what was written), naming a full disk as the cause when it is one: when the system says so,
    or says nothing (a place with no room left at all, like /proc, is not full for that)."""
    full = full_disk(folder) if error.errno in (None, errno.ENOSPC, errno.EDQUOT) else None
    if what is None:
        return full or f"cannot write in the temporary folder {folder.parent} ({error.strerror})"
    return f"{what}: {full}" if full else f"{what} ({error.strerror})"


def full_disk(folder: Path) -> str | None:
    """Why a run in `folder` failed when the disk it is on has (almost) no room left, else None.
    A full disk makes TeX stop without a word in its log, which it cannot write either."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if free >= FULL_DISK_BYTES:
        return None
    if folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("resumetex-"):  # see scratch()
        where = f"the temporary folder {folder.parent}"
        return f"the disk of {where} is full ({free // 1024} KB free); free some space or set TMPDIR to another folder"
    return f"the disk of {folder} is full ({free // 1024} KB free); free some space"


def engine_environment(folder: Path, build_date: int | None = None) -> dict[str, str]:
    """The environment of an engine run in `folder`: TeX may read and write only inside it,
    and may run nothing, whatever the document asks. Dates come from `build_date`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXMF", "TEXINPUTS"))}
    env.update(openin_any="p", openout_any="p", shell_escape="f", LC_ALL="C.UTF-8")
    env["TMPDIR"] = str(folder)  # xdvipdfmx's scratch files go where the folder's removal takes them
    env["max_print_line"] = "100000"  # unwrapped log lines, so messages are read whole
    # Room for control sequences beyond TeX's own 15,000. TeX Live reserves 600,000 and an engine
    # touches every slot as it starts (8 MiB of a render's memory); a résumé uses about 21,000 of
    # them, TikZ with pgfplots and all of tcolorbox's libraries about 53,000. A theme that needs
    # more can have it: TeX reads the variable from the environment.
    env.setdefault("hash_extra", str(HASH_EXTRA))
    # A file TeX looks for and does not find (XeTeX first tries each font's name with .otf added)
    # it looks for again under other letter cases, listing every folder of the search path: all of
    # /usr/share/fonts, 3,400 folder reads a render. The names resumetex writes are exact.
    env.setdefault("texmf_casefold_search", "0")
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
    if bang:
        return bang.group(1)
    tail = [line for line in log.strip().splitlines() if line.strip()][-3:]
    return "\n".join(
        [
            "no error message in the log" + (", which ends:" if tail else " (there is no log)"),
            *(f"  {line[:200]}" for line in tail),
            "to look into it: resumetex render --tex build/tex/cv.tex, then xelatex cv.tex in build/tex",
        ]
    )


def missing_glyphs(log: str) -> list[str]:
    """Characters XeTeX could not find in any font, in order of first appearance."""
    found = (chr(int(match.group(1)[2:], 16)) for match in MISSING_CHAR.finditer(log))
    return list(dict.fromkeys(found))


def page_count(log: str) -> int:
    """How many pages the run wrote (to a .pdf or a draft .xdv), from the log's last line."""
    match = re.search(r"Output written on \S+ \((\d+) pages?", log)
    return int(match.group(1)) if match else 0


OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)[^\n]*\n((?:[^\n]+\n)*)\n?((?:[^\n]+\n)*)", re.M)
# A font in a box's listing: \TU/cvserif/m/n/12, or \TU/NotoSerif(0)/m/n/12 from fontspec
FONT_SWITCH = re.compile(r"\\[A-Z]+/[^/\s]+/\w+/\w+/[\d.]+ ?")
BOX_WORD = re.compile(r"^\.+\\[A-Z]+/[^/\s]+/\w+/\w+/[\d.]+ (.*)$|^\.+\\glue", re.M)  # the theme's \showbox...
OVERFULL_LIMIT = 1.0  # pt: less is invisible


def overfull_lines(log: str) -> list[str]:
    """A warning for each line the engine set past the margin by more than OVERFULL_LIMIT,
    naming its text (cut to 60 characters): from the box's listing in the log, which the theme
    asks for (\\showboxdepth), or else from the log's one-line summary of the line."""
    from resumetex.glyphs import CLOSED  # (glyphs reads the cache, which needs this module)

    warnings = []
    for match in OVERFULL.finditer(log):
        amount = float(match.group(1))
        if amount <= OVERFULL_LIMIT:
            continue
        listed = [word.group(1) or " " for word in BOX_WORD.finditer(match.group(3))]
        summary = FONT_SWITCH.sub("", match.group(2).replace("\n", "")).replace("[]", " ")
        text = " ".join(("".join(listed) if listed else summary).split())
        text = re.sub(f"(?<=[{CLOSED}]) (?=[{CLOSED}])", "", text)  # the log shows a gap as a space
        shown = text if len(text) <= 60 else text[:59] + "…"
        warnings.append(f"a line {amount:.1f} pt past the margin: “{shown}”")
    return warnings


def trial_pages(said: str) -> int:
    """How many pages a measured trial filled (what the theme's \\cvtrialend printed; see TrialEngine)."""
    match = re.search(r"resumetex-trial: (\d+) pages", said)
    return int(match.group(1)) if match else 0


def page_fill(log: str) -> float:
    """Pages used, the last one fractional (the theme reports its height), e.g. 1.62."""
    match = re.search(r"resumetex-fill: (\d+) ([\d.]+)pt ([\d.]+)pt", log)
    if not match:
        return float(page_count(log))
    page, used, height = int(match.group(1)), float(match.group(2)), float(match.group(3))
    return page - 1 + used / height
