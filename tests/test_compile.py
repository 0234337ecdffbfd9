"""Faults in the engine run: clear messages, and the last good PDF always survives."""

import contextlib
import errno
import hashlib
import os
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES, pdf_text
from resumetex import compile
from resumetex.compile import (
    Engine,
    cannot_write,
    compile_pdf,
    exit_signal,
    first_error,
    missing_glyphs,
    printed_until,
    wait_for,
)
from resumetex.errors import CompileError, MissingGlyphsError, SetupError
from resumetex.themes import theme_files

DOC = "\\documentclass{article}\n\\begin{document}\n%s\n\\end{document}\n"
# 200 kB of messages, more than a pipe holds
CHATTY = "\\count1=0 \\loop\\typeout{%s}\\advance\\count1 1 \\ifnum\\count1<2000 \\repeat" % ("x" * 100)
ARTICLE = "\\documentclass{article}\n"


@contextlib.contextmanager
def waiting_engine() -> Iterator[Engine]:
    """An engine started on a bare article's first line, waiting for the rest; closed after."""
    engine = Engine(ARTICLE, ARTICLE, {}, None, timeout=30, build_date=None)
    try:
        yield engine
    finally:
        engine.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good_pdf(tmp_path: Path) -> Path:
    """An output path that already holds a good PDF."""
    output = tmp_path / "out" / "cv.pdf"
    compile_pdf(DOC % "good", {}, output)
    return output


def test_compiles_and_creates_the_output_folder(tmp_path: Path) -> None:
    output = tmp_path / "a" / "b" / "cv.pdf"
    compile_pdf(DOC % "hello", {}, output)
    assert output.read_bytes().startswith(b"%PDF")
    assert [p.name for p in output.parent.iterdir()] == ["cv.pdf"]  # no partial or aux files


def test_broken_template_reports_file_and_line(good_pdf: Path) -> None:
    before = digest(good_pdf)
    broken = {"resumetex.sty": b"% theme\n\\newcommand\\x{1}\n\\undefinedthing\n"}
    with pytest.raises(CompileError) as caught:
        compile_pdf(
            "\\documentclass{article}\\usepackage{resumetex}\\begin{document}x\\end{document}", broken, good_pdf
        )
    assert str(caught.value).startswith("xelatex failed:\nresumetex.sty:3: Undefined control sequence")
    assert digest(good_pdf) == before


def test_hung_engine_is_stopped(good_pdf: Path) -> None:
    before = digest(good_pdf)
    with pytest.raises(CompileError, match=r"did not finish within 2 s and was stopped"):
        compile_pdf(DOC % "\\loop\\iftrue\\repeat", {}, good_pdf, timeout=2)
    assert digest(good_pdf) == before


def test_missing_engine_names_the_packages(good_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(good_pdf)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SetupError, match="apt-get install texlive-xetex texlive-lang-chinese"):
        compile_pdf(DOC % "x", {}, good_pdf)
    assert digest(good_pdf) == before


def test_missing_font_names_the_packages(good_pdf: Path) -> None:
    before = digest(good_pdf)
    latex = (
        "\\documentclass{article}\\usepackage{fontspec}\\setmainfont{NoSuchFont.otf}\\begin{document}x\\end{document}"
    )
    with pytest.raises(
        SetupError, match='the font "NoSuchFont" is not installed; to install TeX and the fonts, Debian/Ubuntu: '
    ):
        compile_pdf(latex, {}, good_pdf)
    assert digest(good_pdf) == before


def test_a_missing_face_of_the_theme_names_its_file(good_pdf: Path) -> None:
    """The theme declares its Latin faces without loading them: one missing is found when first used."""
    before = digest(good_pdf)
    latex = (
        "\\documentclass{article}\\usepackage{resumetex}\\makeatletter\\cv@latinshape{cvserif}{m}{it}{NoSuchFace.ttf}"
        "\\begin{document}x \\textit{y}\\end{document}"
    )
    with pytest.raises(SetupError, match=r'the font "NoSuchFace\.ttf" is not installed; to install TeX and the fonts'):
        compile_pdf(latex, theme_files("default"), good_pdf)
    assert digest(good_pdf) == before


def test_without_xecjks_family_binding_the_theme_sets_chinese_through_fontspec(tmp_path: Path) -> None:
    """The theme binds its Chinese NFSS families with an xeCJK function; an xeCJK without it gets
    \\setCJKmainfont and \\setCJKsansfont, and the page is the same."""
    head = "\\documentclass[fontset=none]{ctexart}\\def\\cvformat{}\\usepackage{resumetex}\\makeatletter"
    body = "\\begin{document}中文，\\textbf{粗体}与 Latin，\\textsf{黑体\\textbf{粗黑}}。\\end{document}"
    images = []
    for name, unbind in (("bound", ""), ("unbound", "\\let\\cv@bindcjk\\@undefined")):
        pdf = tmp_path / f"{name}.pdf"
        log = compile_pdf(head + unbind + "\\cvfonts" + body, theme_files("default"), pdf)
        assert ("Font family 'NotoSerifCJK-Regular.ttc(0)' created" in log) == bool(unbind)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / name)], check=True)
        images.append((tmp_path / f"{name}-1.png").read_bytes())
    assert images[0] == images[1]


def test_missing_glyph_is_an_error(good_pdf: Path) -> None:
    before = digest(good_pdf)
    latex = "\\documentclass{article}\\usepackage{resumetex}\\begin{document}smile \U0001f600\\end{document}"
    with pytest.raises(MissingGlyphsError) as caught:
        compile_pdf(latex, theme_files("default"), good_pdf)
    assert caught.value.glyphs == ["\U0001f600"]
    assert digest(good_pdf) == before


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CompileError, match="cannot write the PDF"):
        compile_pdf(DOC % "x", {}, blocker / "cv.pdf")


def test_reads_missing_characters_from_the_log() -> None:
    log = "Missing character: There is no \u4e00 (U+4E00) in font [lmroman10-regular]:mapping=tex-text;!\n"
    assert missing_glyphs(log) == ["\u4e00"]


def test_output_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cv.pdf").mkdir()
    with pytest.raises(CompileError, match="cannot write the PDF"):
        compile_pdf(DOC % "x", {}, tmp_path / "cv.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["cv.pdf"]  # no partial file left behind


def test_build_date_is_texs_date_and_the_pdfs(tmp_path: Path) -> None:
    output = tmp_path / "cv.pdf"
    compile_pdf(DOC % "\\pagestyle{empty}\\today", {}, output, build_date=1700000000)  # 2023-11-14 22:13 UTC
    assert pdf_text(output).strip() == "November 14, 2023"
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
    assert "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" in info


def test_theme_takes_settings_as_package_options_too(tmp_path: Path) -> None:
    """A hand-written .tex may pass the design settings to \\usepackage instead of \\cvsetup."""
    sizes = {}
    for name, options in [("plain", ""), ("options", "[fontsize=14pt]"), ("setup", "")]:
        setup = "\\cvsetup{fontsize=14pt}" if name == "setup" else ""
        latex = (
            f"\\documentclass{{article}}\\usepackage{options}{{resumetex}}{setup}\\begin{{document}}x\\end{{document}}"
        )
        compile_pdf(latex, theme_files("default"), tmp_path / f"{name}.pdf")
        with pdfplumber.open(tmp_path / f"{name}.pdf") as document:
            sizes[name] = round(document.pages[0].chars[0]["size"] * 72.27 / 72, 1)  # in TeX points
    assert sizes == {"plain": 10.0, "options": 14.0, "setup": 14.0}


def test_missing_pdf_driver_names_the_packages(good_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "xelatex").symlink_to(shutil.which("xelatex"))  # and no xdvipdfmx beside it
    before = digest(good_pdf)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(
        SetupError, match="xdvipdfmx is not installed; to install TeX and the fonts, Debian/Ubuntu: sudo apt-get"
    ):
        compile_pdf(DOC % "x", {}, good_pdf)
    assert digest(good_pdf) == before


def test_the_pdf_gets_the_usual_permissions(tmp_path: Path) -> None:
    """Readable by others as any new file is (the umask decides), not private like a temp file."""
    umask = os.umask(0o022)
    os.umask(umask)
    output = tmp_path / "cv.pdf"
    compile_pdf(DOC % "x", {}, output)
    assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~umask


def test_a_staging_file_a_killed_writer_left_is_removed(tmp_path: Path) -> None:
    """A stop between the copy and the rename leaves `.cv.pdf.PID.xxxx.partial`; the next
    writer removes it when that process is gone, and leaves a live writer's alone."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = tmp_path / f".cv.pdf.{dead.pid}.abc123.partial"
    left.write_bytes(b"half a PDF")
    live = tmp_path / f".cv.pdf.{os.getppid()}.def456.partial"
    live.write_bytes(b"being written")
    compile_pdf(DOC % "x", {}, tmp_path / "cv.pdf")
    assert not left.exists() and live.exists()


@pytest.mark.parametrize("room_kb", [8, 40, 120])  # full when writing the folder, while TeX runs, at the PDF
def test_a_full_temporary_disk_is_named_as_the_cause(room_kb: int, tmp_path: Path) -> None:
    """The render runs with TMPDIR on a tiny disk of its own (a tmpfs in a private mount namespace),
    and an empty cache: the format cannot be built there either, and is not marked unbuildable."""
    tiny, cache, output = tmp_path / "tiny", tmp_path / "cache", tmp_path / "out" / "cv.pdf"
    tiny.mkdir()
    output.parent.mkdir()
    output.write_bytes(b"%PDF- the last good one")
    render = f"{sys.executable} -m resumetex render {FIXTURES / 'engineer.en.yaml'} -o {output} --no-cache"
    places = f"TMPDIR={tiny} RESUMETEX_CACHE_DIR={cache}"
    script = f"mount -t tmpfs -o size={room_kb}k tmpfs {tiny} && {places} exec {render}"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"the disk of the temporary folder {tiny} is full" in done.stderr
    assert "set TMPDIR to another folder" in done.stderr
    assert output.read_bytes() == b"%PDF- the last good one"
    assert list(cache.glob("formats/*.failed")) == []


def test_a_log_without_an_error_shows_its_end_and_how_to_look_further() -> None:
    message = first_error("This is XeTeX\n(./cv.tex\nLaTeX2e <2023>\n\nsomething odd happened\n")
    assert (
        "no error message in the log, which ends:\n  (./cv.tex\n  LaTeX2e <2023>\n  something odd happened" in message
    )
    assert "resumetex render --tex build/tex/cv.tex" in message
    assert first_error("! TeX capacity exceeded, sorry [main memory size=5000000].\n") == (
        "TeX capacity exceeded, sorry [main memory size=5000000]."
    )


@pytest.mark.parametrize(
    "wait",
    ["wait_for(child, 2.0, 'sleep')", "assert printed_until(child, b'done', 2.0) is not None"],
    ids=["for its end", "for what it prints"],
)
def test_time_while_suspended_does_not_count_against_the_engine(wait: str) -> None:
    """Ctrl-Z stops resumetex, not the engine (it runs in a session of its own): after a stop
    longer than the timeout, an engine that is nearly done may finish."""
    script = (
        "import subprocess, sys\n"
        "from resumetex.compile import printed_until, wait_for\n"
        "child = subprocess.Popen(['sh', '-c', 'sleep 3; echo done'], stdout=subprocess.PIPE)\n"
        "print('started', flush=True)\n"
        f"{wait}\n"
        "print('finished')\n"
    )
    waiter = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert waiter.stdout is not None and waiter.stdout.readline() == "started\n"
    time.sleep(0.2)
    waiter.send_signal(signal.SIGSTOP)
    time.sleep(2.5)  # the child keeps running: 0.3 s of its 3 s are left
    waiter.send_signal(signal.SIGCONT)
    out, errors = waiter.communicate(timeout=30)
    assert waiter.returncode == 0 and out == "finished\n", errors


def test_an_engine_that_fails_after_writing_its_pages_publishes_nothing(good_pdf: Path) -> None:
    """A waiting engine's PDF is made while the engine exits (see Engine.WRITTEN), before its exit
    code is known: an engine that stopped at an error had written two pages, and still the error
    is said and the last good PDF stays."""
    before = digest(good_pdf)
    failing = "\\begin{document}one\\newpage two\\newpage\\undefinedthing\n\\end{document}\n"
    with waiting_engine() as engine, pytest.raises(CompileError, match="Undefined control sequence"):
        engine.finish(ARTICLE + failing, good_pdf, {})
    assert digest(good_pdf) == before


def test_an_engine_says_it_is_done_once_its_pages_and_log_are_whole() -> None:
    """What a waiting engine's finish waits for before it writes the PDF, while the engine exits:
    XeTeX's last line, printed once the .xdv and the log are closed."""
    with waiting_engine() as engine:
        assert engine.process.stdin is not None
        (engine.folder / Engine.BODY).write_text("\\begin{document}one\\end{document}\n", encoding="utf-8")
        engine.process.stdin.write(f"{Engine.BODY}\n".encode())
        engine.process.stdin.close()
        assert printed_until(engine.process, Engine.WRITTEN, 60) is not None
        assert "Output written on cv.xdv (1 page" in (engine.folder / "cv.log").read_text()
        assert (engine.folder / "cv.xdv").read_bytes().endswith(b"\xdf" * 4)  # DVI's closing padding


def test_where_select_takes_no_pipe_a_waiting_engine_still_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Windows, whose select() takes sockets only.) The engine's output is not read there, nor
    kept (200 kB of messages would fill a pipe): the PDF is written once the engine has exited."""
    real = select.select

    def sockets_only(readers: list[object], *rest: object) -> object:
        if not all(isinstance(reader, int) for reader in readers):  # (a Linux pidfd is let through)
            raise OSError("An operation was attempted on something that is not a socket")
        return real(readers, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(select, "select", sockets_only)
    monkeypatch.setattr(compile, "PIPES_SELECTABLE", False)
    with waiting_engine() as engine:
        engine.finish(ARTICLE + f"\\begin{{document}}one{CHATTY}\n\\end{{document}}\n", tmp_path / "cv.pdf", {})
    assert (tmp_path / "cv.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("draft", [False, True], ids=["pdf", "draft"])
def test_an_engine_that_prints_a_lot_does_not_stall(tmp_path: Path, draft: bool) -> None:
    """A waiting engine prints to a pipe, read for what it says last: 200 kB of messages, more than
    a pipe holds, must not leave it waiting for a reader until the time runs out."""
    output = tmp_path / "cv.out"
    with waiting_engine() as engine:
        engine.finish(ARTICLE + f"\\begin{{document}}one{CHATTY}\n\\end{{document}}\n", output, {}, draft=draft)
    assert output.read_bytes().startswith(b"\xf7" if draft else b"%PDF")  # the .xdv begins with DVI's `pre`


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="a Linux call; elsewhere the wait polls")
def test_the_wait_wakes_when_the_process_ends() -> None:
    """On Linux the wait sleeps on the process's pidfd, which turns readable the moment it ends:
    Popen.wait(timeout) alone only looks now and then."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    with exit_signal(child) as ended:
        assert ended is not None
        assert select.select([ended], [], [], 0.2)[0] == []  # still running
        assert child.stdin is not None
        child.stdin.close()
        assert select.select([ended], [], [], 30)[0] == [ended]
    wait_for(child, 5, "python")
    assert child.returncode == 0


def test_the_engine_reserves_room_for_a_heavy_preamble_and_no_more(tmp_path: Path) -> None:
    # 60,000 new control sequences: more than TikZ, pgfplots and tcolorbox define together.
    defined = (
        "\\newcount\\n \\loop\\expandafter\\def\\csname cv\\the\\n\\endcsname{}\\advance\\n 1 \\ifnum\\n<60000 \\repeat"
    )
    log = compile_pdf(DOC % (defined + " defined"), {}, tmp_path / "x.pdf")
    assert pdf_text(tmp_path / "x.pdf").split()[0] == "defined"
    used, room = re.search(r"(\d+) multiletter control sequences out of 15000\+(\d+)", log).groups()  # type: ignore[union-attr]
    assert int(used) > 60000
    assert int(room) < 200_000  # TeX Live's 600,000 slots cost every engine 8 MiB as it starts


def test_a_theme_that_needs_more_control_sequences_can_have_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("hash_extra", "300000")
    log = compile_pdf(DOC % "more", {}, tmp_path / "x.pdf")
    assert "control sequences out of 15000+300000" in log


def test_the_engine_finds_files_by_their_exact_names_only(tmp_path: Path) -> None:
    """TeX Live looks for a file it cannot find under other letter cases too, listing every
    folder of the search path (all of /usr/share/fonts for each font): the engine does not."""
    probe = "\\IfFileExists{extra.tex}{other case found}{exact names only}"
    compile_pdf(DOC % probe, {"Extra.tex": b"x"}, tmp_path / "x.pdf")
    assert pdf_text(tmp_path / "x.pdf").split()[:3] == ["exact", "names", "only"]


def test_a_write_refused_for_another_reason_is_not_called_a_full_disk() -> None:
    """/proc has no room at all: an output there was said to fail for a full disk."""
    refused = OSError(errno.EACCES, "Permission denied")
    assert cannot_write(Path("/proc"), refused, "/proc/cv.pdf: cannot write the PDF") == (
        "/proc/cv.pdf: cannot write the PDF (Permission denied)"
    )
    full = OSError(errno.ENOSPC, "No space left on device")
    assert "the disk of /proc is full" in cannot_write(Path("/proc"), full, "/proc/cv.pdf: cannot write the PDF")
