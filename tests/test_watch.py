"""`render --watch`: a save re-renders, a bad edit keeps the last good PDF, Ctrl-C leaves nothing."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import pdf_text
from test_texformat import engines

CV = "lang: en\nheader: {name: Watch Test}\nsections:\n  - {key: s, kind: bullets, title: Notes, entries: [%s]}\n"


def lines_of(process: subprocess.Popen[str]) -> "queue.Queue[str]":
    found: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            found.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return found


def next_line(found: "queue.Queue[str]", seconds: float = 30) -> str:
    return found.get(timeout=seconds)


def test_watch_renders_each_save_survives_a_bad_edit_and_stops_clean(tmp_path: Path) -> None:
    source, pdf = tmp_path / "cv.yaml", tmp_path / "cv.pdf"
    source.write_text(CV % "first version")
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    before = set(engines())
    process = subprocess.Popen(
        [sys.executable, "-m", "resumetex", "render", str(source), "-o", str(pdf), "--watch"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        found = lines_of(process)
        assert next_line(found) == f"watching {source} (Ctrl-C to stop)"
        assert next_line(found) == f"wrote {pdf}"
        assert "first version" in pdf_text(pdf)
        time.sleep(0.5)
        assert len(set(engines()) - before) == 1  # one engine waits for the next save

        source.write_text(CV % "second version")
        assert next_line(found) == f"wrote {pdf}"
        assert "second version" in pdf_text(pdf)

        good = pdf.read_bytes()
        source.write_text(CV % "[unclosed")
        assert next_line(found).startswith(f"error: {source}:4:")
        assert pdf.read_bytes() == good  # the last good PDF stays

        source.write_text(CV % "third version")
        assert next_line(found) == f"wrote {pdf}"
        assert "third version" in pdf_text(pdf)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=10)
    assert code == 0
    deadline = time.monotonic() + 5
    while set(engines()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not set(engines()) - before
    assert not list(tmp_path.glob("resumetex-*"))  # its folders are gone too


def started_watch(tmp_path: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """A --watch over a small CV, after its first render; and the engines that ran before it."""
    source = tmp_path / "cv.yaml"
    source.write_text(CV % "x")
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    before = set(engines())
    process = subprocess.Popen(
        [sys.executable, "-m", "resumetex", "render", str(source), "-o", str(tmp_path / "cv.pdf"), "--watch"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    found = lines_of(process)
    next_line(found)
    assert next_line(found).startswith("wrote")
    deadline = time.monotonic() + 10
    while not set(engines()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(engines()) - before  # the waiting engine
    return process, before


def test_a_killed_watch_leaves_no_waiting_engine(tmp_path: Path) -> None:
    process, before = started_watch(tmp_path)
    process.kill()  # SIGKILL: no clean-up runs
    process.wait()
    deadline = time.monotonic() + 5
    while set(engines()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not set(engines()) - before  # its pipe closed, so it stopped


def test_a_terminated_watch_cleans_up(tmp_path: Path) -> None:
    process, before = started_watch(tmp_path)
    process.terminate()
    assert process.wait(timeout=10) == 0
    assert not set(engines()) - before and not list(tmp_path.glob("resumetex-*"))


def test_watch_writes_every_format_asked_for(tmp_path: Path) -> None:
    source, pdf = tmp_path / "cv.yaml", tmp_path / "cv.pdf"
    source.write_text(CV % "first version")
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "resumetex", "render", str(source), "-o", str(pdf), "--watch", "--format"]
    process = subprocess.Popen(
        [*command, "html,pdf,md"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        found = lines_of(process)
        next_line(found)
        assert {next_line(found) for _ in range(3)} == {
            f"wrote {tmp_path / name}" for name in ("cv.html", "cv.md", "cv.pdf")
        }
        source.write_text(CV % "second version")
        assert {next_line(found) for _ in range(3)} == {
            f"wrote {tmp_path / name}" for name in ("cv.html", "cv.md", "cv.pdf")
        }
        assert "second version" in (tmp_path / "cv.html").read_text() and "second version" in pdf_text(pdf)
        assert "second version" in (tmp_path / "cv.md").read_text()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_watch_fits_the_variant_to_max_pages_on_every_save(tmp_path: Path) -> None:
    """--variant and --max-pages hold for every save, and each save says how it was fitted."""
    from test_fit import pages

    def cv(notes: int) -> str:
        entries = ", ".join(f'"note {i} on version {notes}"' for i in range(notes))
        return (
            "lang: en\nheader: {name: Watch Test}\ndesign: {font_size: 12}\n"
            "variants: {short: {hide: [extra]}}\nsections:\n"
            f"  - {{key: notes, kind: bullets, title: Notes, entries: [{entries}]}}\n"
            "  - {key: extra, kind: bullets, title: Extra, entries: [left out of the short cut]}\n"
        )

    source, pdf = tmp_path / "cv.yaml", tmp_path / "cv.pdf"
    source.write_text(cv(55))  # two pages as written
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "resumetex", "render", str(source), "-o", str(pdf), "--watch"]
    process = subprocess.Popen(
        [*command, "--variant", "short", "--max-pages", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        found = lines_of(process)
        next_line(found)
        assert next_line(found).startswith(f"wrote {pdf} (fitted: 12 pt type, 1.5 cm margins, spacing 0.")
        text = pdf_text(pdf)
        assert pages(pdf) == 1 and "note 54 on version 55" in text and "left out" not in text

        source.write_text(cv(45))  # fits as written
        assert next_line(found) == f"wrote {pdf}"
        text = pdf_text(pdf)
        assert pages(pdf) == 1 and "note 44 on version 45" in text and "left out" not in text
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
