"""The command starts a render's engine before parsing its options, and that never changes the PDF."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SEED_EN, pdf_text, render
from resumetex.compile import Engine
from resumetex.launch import render_settings, start_early

RESUMETEX = Path(sys.executable).parent / "resumetex"


@pytest.mark.parametrize(
    "args,settings",
    [
        (["render"], ("zh", "default")),
        (["render", "--lang", "en", "-o", "x.pdf"], ("en", "default")),
        (["render", "cv.yaml", "--theme=classic", "--lang=en"], ("en", "classic")),
        (["render", "--lang"], ("", "default")),
        (["render", "--help"], None),
        (["validate", "--lang", "en"], None),
        ([], None),
    ],
)
def test_render_settings_are_read_off_the_command_line(args: list[str], settings: tuple[str, str] | None) -> None:
    assert render_settings(args) == settings


@pytest.fixture
def new_engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Engine]]:
    """The engines started from now on; the early one is left to each test."""
    started: list[Engine] = []
    original = Engine.__init__

    def counted(self: Engine, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self)

    monkeypatch.setattr(Engine, "__init__", counted)
    yield started
    if Engine.early is not None:
        Engine.early.close()
        Engine.early = None


def test_a_render_takes_the_early_engine_started_for_it(tmp_path: Path, new_engines: list[Engine]) -> None:
    start_early(["render", "--lang", "en"])
    early = Engine.early
    assert early is not None and new_engines == [early]
    pdf = render(tmp_path, SEED_EN, lang="en")
    assert Engine.early is None and new_engines == [early]  # no second engine
    assert "Education" in pdf_text(pdf)
    assert early.process.poll() is not None and not early.folder.exists()


def test_an_early_engine_for_another_document_is_stopped(tmp_path: Path, new_engines: list[Engine]) -> None:
    start_early(["render", "--lang", "zh"])  # but the render below is English
    early = Engine.early
    assert early is not None
    pdf = render(tmp_path, SEED_EN, lang="en")
    assert len(new_engines) == 2 and new_engines[0] is early
    assert early.process.returncode is not None and not early.folder.exists()
    assert "Education" in pdf_text(pdf) and "教育背景" not in pdf_text(pdf)


def test_no_early_engine_for_an_unknown_theme_or_language(new_engines: list[Engine]) -> None:
    start_early(["render", "--theme", "nonesuch"])
    start_early(["render", "--lang", "xx"])
    assert Engine.early is None and new_engines == []


def run_command(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([RESUMETEX, *args], env=env, capture_output=True, text=True)


def test_the_command_renders_what_the_library_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same bytes through `resumetex render` (early engine) as through render_pdf."""
    (tmp_path / "tmp").mkdir()
    done = run_command(["render", str(SEED_EN), "--lang", "en", "--no-cache", "-o", str(tmp_path / "a.pdf")], tmp_path)
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert (tmp_path / "a.pdf").read_bytes() == render(tmp_path, SEED_EN, lang="en").read_bytes()


@pytest.mark.parametrize("case", ["cache hit", "bad data", "help"])
def test_an_unused_early_engine_leaves_nothing_behind(case: str, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    output = str(tmp_path / "cv.pdf")
    bad = tmp_path / "bad.yaml"
    bad.write_text("header: {}\n", encoding="utf-8")
    if case == "cache hit":
        assert run_command(["render", "-o", output], tmp).returncode == 0
        args, code = ["render", "-o", output], 0
    else:
        args, code = (["render", str(bad), "-o", output], 1) if case == "bad data" else (["render", "--help"], 0)
    done = run_command(args, tmp)
    assert done.returncode == code, done.stderr
    assert ("reused the last render" in done.stdout) == (case == "cache hit")
    assert list(tmp.iterdir()) == []


@pytest.mark.parametrize("moment", ["as the engine starts", "while it typesets"])
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_render_stops_its_engine(stop: signal.Signals, moment: str, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    command = subprocess.Popen(
        [RESUMETEX, "render", "--no-cache", "-o", str(tmp_path / "cv.pdf")], env=env, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    ready = "*" if moment == "as the engine starts" else "*/cv.log"  # its folder, or its log
    while not list(tmp.glob(ready)):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    command.send_signal(stop)
    code = command.wait(timeout=10)
    assert list(tmp.iterdir()) == []  # no engine folder left, so no engine either
    # It stops, or, rarely, when the signal lands where Python ignores exceptions (a __del__),
    # it finishes the render as usual: never half of either.
    assert (code, (tmp_path / "cv.pdf").exists()) in [(128 + stop, False), (0, True)]


def test_an_unchanged_re_render_starts_no_engine(
    tmp_path: Path, new_engines: list[Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache will answer the same command over the same files, so no XeLaTeX is started;
    a changed file, or --no-cache, starts one early again."""
    source = tmp_path / "cv.en.yaml"
    shutil.copyfile(SEED_EN, source)
    args = ["render", str(source), "--lang", "en", "-o", str(tmp_path / "cv.pdf")]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # as run_command sets it
    assert run_command(args, tmp_path).returncode == 0  # run as `resumetex`, which notes the command

    start_early(args)
    assert Engine.early is None and new_engines == []
    start_early([*args, "--no-cache"])
    assert Engine.early is not None
    Engine.early.close()
    Engine.early = None

    source.write_text(source.read_text(encoding="utf-8").replace("Ziyi Yang", "Ziyi  Yang", 1), encoding="utf-8")
    start_early(args)
    assert Engine.early is not None and len(new_engines) == 2
