"""`render --watch`: a save re-renders, a bad edit keeps the last good PDF, Ctrl-C leaves nothing."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import pdf_text
from resumetex.pipeline import RenderRequest, render_pdf
from test_pages import shows_the_pages_of
from test_texformat import engines

CV = "lang: en\nheader: {name: Watch Test}\nsections:\n  - {key: s, kind: bullets, title: Notes, entries: [%s]}\n"


def watching(
    tmp_path: Path, source: Path, pdf: Path, *options: str, temp: Path | None = None
) -> tuple[subprocess.Popen[str], "queue.Queue[str]"]:
    """`render SOURCE -o PDF --watch OPTIONS` started with a cache and temporary folder of its own
    (`temp`, else `tmp_path`), and the lines it says, as they come."""
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(temp or tmp_path)}
    command = [sys.executable, "-m", "resumetex", "render", str(source), "-o", str(pdf), "--watch", *options]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    found: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            found.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return process, found


def next_line(found: "queue.Queue[str]", seconds: float = 30) -> str:
    return found.get(timeout=seconds)


def test_watch_renders_each_save_survives_a_bad_edit_and_stops_clean(tmp_path: Path) -> None:
    source, pdf = tmp_path / "cv.yaml", tmp_path / "cv.pdf"
    source.write_text(CV % "first version")
    tex = tmp_path / "tex" / "cv.tex"
    process, found = watching(tmp_path, source, pdf, "--tex", str(tex))
    try:
        assert next_line(found) == f"watching {source} (Ctrl-C to stop)"
        assert next_line(found) == f"wrote {pdf}"
        assert "first version" in pdf_text(pdf) and "first version" in tex.read_text()
        time.sleep(0.5)
        assert len(engines(tmp_path)) == 1  # one engine waits for the next save

        source.write_text(CV % "second version")
        os.utime(source, (1600000000, 1600000000))  # a file outside git is dated by its time
        assert next_line(found) == f"wrote {pdf}"
        assert "second version" in pdf_text(pdf) and "second version" in tex.read_text()  # --tex too
        rendered = tmp_path / "rendered.pdf"
        render_pdf(RenderRequest(source=source, output=rendered, use_cache=False))
        assert pdf.read_bytes() == rendered.read_bytes()  # what render makes of it, its date too

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
    while engines(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not engines(tmp_path)
    assert not list(tmp_path.glob("resumetex-*"))  # its folders are gone too


def started_watch(tmp_path: Path) -> subprocess.Popen[str]:
    """A --watch over a small CV, after its first render."""
    source = tmp_path / "cv.yaml"
    source.write_text(CV % "x")
    process, found = watching(tmp_path, source, tmp_path / "cv.pdf")
    next_line(found)
    assert next_line(found).startswith("wrote")
    deadline = time.monotonic() + 10
    while not engines(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engines(tmp_path)  # the waiting engine
    return process


def test_a_killed_watch_leaves_no_waiting_engine(tmp_path: Path) -> None:
    process = started_watch(tmp_path)
    process.kill()  # SIGKILL: no clean-up runs
    process.wait()
    deadline = time.monotonic() + 5
    while engines(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not engines(tmp_path)  # its pipe closed, so it stopped


def test_a_terminated_watch_cleans_up(tmp_path: Path) -> None:
    process = started_watch(tmp_path)
    process.terminate()
    assert process.wait(timeout=10) == 0
    assert not engines(tmp_path) and not list(tmp_path.glob("resumetex-*"))


def test_watch_writes_every_format_asked_for(tmp_path: Path) -> None:
    source, pdf = tmp_path / "cv.yaml", tmp_path / "cv.pdf"
    source.write_text(CV % "first version")
    process, found = watching(tmp_path, source, pdf, "--format", "html,pdf,md,png")
    try:
        next_line(found)
        assert {next_line(found) for _ in range(4)} == {
            f"wrote {tmp_path / name}" for name in ("cv.html", "cv.md", "cv-1.png", "cv.pdf")
        }
        source.write_text(CV % "second version")
        assert {next_line(found) for _ in range(4)} == {
            f"wrote {tmp_path / name}" for name in ("cv.html", "cv.md", "cv-1.png", "cv.pdf")
        }
        assert "second version" in (tmp_path / "cv.html").read_text() and "second version" in pdf_text(pdf)
        assert "second version" in (tmp_path / "cv.md").read_text()
        assert shows_the_pages_of([tmp_path / "cv-1.png"], pdf)  # the page of the second version
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
    process, found = watching(tmp_path, source, pdf, "--variant", "short", "--max-pages", "1")
    try:
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


def png(colour: tuple[int, int, int], side: int = 64) -> bytes:
    """A square picture of one colour."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(colour) * side for _ in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def photo_colour(pdf: Path) -> tuple[int, ...]:
    import pymupdf

    with pymupdf.open(pdf) as document:
        xref = document[0].get_images()[0][0]
        picture = pymupdf.Pixmap(document, xref)
        return tuple(picture.pixel(picture.width // 2, picture.height // 2))


def test_watch_renders_again_when_the_photo_or_the_theme_changes(tmp_path: Path) -> None:
    from resumetex.themes import new_theme

    theme = new_theme(tmp_path / "mytheme")
    (tmp_path / "cv").mkdir()
    (tmp_path / "pictures").mkdir()
    source, pdf, photo = tmp_path / "cv" / "cv.yaml", tmp_path / "cv" / "cv.pdf", tmp_path / "cv" / "photo.png"
    photo.write_bytes(png((200, 30, 30)))
    cv = "lang: en\nheader: {name: Watch Test, photo: %s}\n" + CV.split("\n", 2)[2] % "x"
    source.write_text(cv % "photo.png")
    # The engines' folders (TMPDIR) lie below the CV's: their copies of the photo must not count.
    process, found = watching(tmp_path, source, pdf, "--theme", str(theme.parent), temp=tmp_path / "cv")
    try:
        next_line(found)
        assert next_line(found) == f"wrote {pdf}"
        assert photo_colour(pdf) == (200, 30, 30)

        photo.write_bytes(png((30, 30, 200)))
        assert next_line(found) == f"wrote {pdf}"
        assert photo_colour(pdf) == (30, 30, 200)

        sty = theme.read_text()
        theme.write_text(sty.replace(r"\bfseries #1\par}\cv@skip{0.45}", r"\bfseries Dr.~#1\par}\cv@skip{0.45}", 1))
        assert next_line(found) == f"wrote {pdf}"
        assert "Dr. Watch Test" in pdf_text(pdf)  # the theme as it is now, not as the engine had it

        elsewhere = tmp_path / "pictures" / "me.png"  # a folder the watch did not watch
        elsewhere.write_bytes(png((30, 160, 30)))
        source.write_text(cv % "../pictures/me.png")
        assert [next_line(found), next_line(found)] == [f"wrote {pdf}"] * 2  # (and again, once watched)
        assert photo_colour(pdf) == (30, 160, 30)
        elsewhere.write_bytes(png((220, 200, 20)))
        assert next_line(found) == f"wrote {pdf}"
        assert photo_colour(pdf) == (220, 200, 20)
        time.sleep(1)
        assert found.empty()  # nothing else: no render set off by its own files
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_a_watch_never_writes_over_the_cv(tmp_path: Path) -> None:
    """-o naming the CV itself is refused at once, as render refuses it, and on a save too."""
    from resumetex.watch import render_once

    source = tmp_path / "cv.yaml"
    source.write_text(CV % "x")
    process, found = watching(tmp_path, source, source)
    try:
        assert process.wait(timeout=30) == 2
    finally:
        process.kill()
    assert next_line(found) == f"error: -o {source}: that is the CV file itself; write the output elsewhere"
    said: list[str] = []
    engine, _ = render_once(RenderRequest(source=source, output=source), None, said.append)
    assert engine is None and said == [f"error: -o {source}: that is the CV file itself; write the output elsewhere"]
    assert source.read_text() == CV % "x"


def test_a_glyph_only_tex_misses_is_located_on_a_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As render says it (test_hostile): with the fonts' character sets unreadable, TeX's report
    of a character no face has names its place in the file."""
    from resumetex.watch import render_once

    monkeypatch.setattr("resumetex.glyphs.missing", lambda *_: [])
    source = tmp_path / "cv.yaml"
    source.write_text(CV % "rocket \U0001fae0")
    said: list[str] = []
    engine, _ = render_once(RenderRequest(source=source, output=tmp_path / "cv.pdf"), None, said.append)
    if engine is not None:
        engine.close()
    assert said[0].startswith(f"error: {source}:4:")
    assert "no font for '\U0001fae0' (U+1FAE0)" in said[0] and not (tmp_path / "cv.pdf").exists()
