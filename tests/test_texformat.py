"""The cached format: reused, rebuilt when its theme or its file changes, never changing the PDF."""

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED_EN, SEED_ZH, SHAPES, pdf_text, render
from resumetex import texformat
from resumetex.compile import compile_pdf
from resumetex.locales import glyph_forms
from resumetex.pipeline import RenderRequest, fit_likely, guess_head, guess_size, latex_at, prepare
from resumetex.themes import theme_files


@pytest.fixture
def format_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own, so each test builds its formats from nothing."""
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path / "cache" / "formats"


def test_the_format_is_built_once_and_the_engine_runs_on_it(format_dir: Path, tmp_path: Path) -> None:
    first = render(tmp_path / "a", SEED_ZH)
    built = list(format_dir.glob("*.fmt"))
    assert len(built) == 1
    assert built[0].read_bytes()[:2] != b"\x1f\x8b"  # kept inflated: not gzipped, as TeX writes it
    stamp = built[0].stat().st_mtime_ns
    second = render(tmp_path / "b", SEED_ZH)
    assert list(format_dir.glob("*.fmt")) == built and built[0].stat().st_mtime_ns == stamp  # reused
    assert first.read_bytes() == second.read_bytes()
    render(tmp_path / "c", SEED_EN)  # another head (the English class): a format of its own
    assert len(list(format_dir.glob("*.fmt"))) == 2


def test_the_engine_log_names_the_format(format_dir: Path, tmp_path: Path) -> None:
    support = theme_files("default")
    head = "\\documentclass{article}%\n\\usepackage{resumetex}%\n"
    fmt = texformat.format_for(head, support, timeout=60)
    assert fmt is not None and fmt.parent == format_dir
    latex = texformat.AFTER_FORMAT + "\\cvsetup{fontsize=10pt}\\begin{document}on the format\\end{document}\n"
    log = compile_pdf(latex, support, tmp_path / "x.pdf", fmt=fmt)
    assert "(preloaded format=resumetex-format" in log.splitlines()[0]
    assert pdf_text(tmp_path / "x.pdf").strip() == "on the format"


def pages(pdf: Path) -> list[bytes]:
    """The PDF's pages as PNG images."""
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    return [png.read_bytes() for png in sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))]


def test_the_format_never_changes_what_the_reader_gets(
    format_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bytes with and without the format: what the packages put on the first page while
    loading (hyperref's PDF settings, the colour stack), which a dump loses, is put back."""
    asked: list[object] = []
    for source in (SEED_ZH, SEED_EN, FIXTURES / "photo.zh.yaml"):
        with_format = render(tmp_path / "on" / source.stem, source)
        asked.clear()
        with monkeypatch.context() as patched:
            patched.setattr("resumetex.texformat.format_for", lambda *head: asked.append(head))  # None: no format
            without = render(tmp_path / "off" / source.stem, source)
        assert asked  # (the render did go without)
        assert with_format.read_bytes() == without.read_bytes(), source.name
        assert pdf_text(with_format) and len(pages(with_format)) >= 1


def test_a_damaged_format_is_built_again(format_dir: Path, tmp_path: Path) -> None:
    good = render(tmp_path / "a", SEED_ZH).read_bytes()
    [fmt] = format_dir.glob("*.fmt")
    fmt.write_bytes(fmt.read_bytes()[:1000])  # truncated
    assert render(tmp_path / "b", SEED_ZH).read_bytes() == good
    [rebuilt] = format_dir.glob("*.fmt")
    assert rebuilt.stat().st_size > 1_000_000


def test_a_format_changed_behind_its_back_is_hashed_again(format_dir: Path, tmp_path: Path) -> None:
    """The note that spares the hash holds the file's change time, which a write moves even when
    the modification time is put back."""
    render(tmp_path / "a", SEED_ZH)
    [fmt] = format_dir.glob("*.fmt")
    assert fmt.with_suffix(".checked").exists()
    content, stamp = fmt.read_bytes(), fmt.stat()
    damaged = content[:-1] + bytes([content[-1] ^ 1])
    fmt.write_bytes(damaged)
    os.utime(fmt, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    texformat.intact.cache_clear()  # as a new command would
    head = texformat.split_head(latex_at(prepare(RenderRequest(source=SEED_ZH))))
    assert head is not None
    rebuilt = texformat.format_for(head[0], theme_files("default"), timeout=60)
    assert rebuilt is not None and rebuilt.read_bytes() != damaged
    assert texformat.entry_name(rebuilt.name.split("-")[0], rebuilt) == rebuilt.name


def test_a_theme_edit_gets_a_new_format(monkeypatch: pytest.MonkeyPatch) -> None:
    head = "\\documentclass{article}%\n\\usepackage{resumetex}%\n"
    support = theme_files("default")
    edited = {**support, "resumetex.sty": support["resumetex.sty"] + b"\n% edited\n"}
    assert texformat.format_key(head, support) != texformat.format_key(head, edited)
    before = texformat.format_key(head, support)
    monkeypatch.setattr(texformat, "AFTER_HEAD", texformat.AFTER_HEAD + "% dumped another way\n")
    assert texformat.format_key(head, support) != before  # a format made by other code is not used
    assert texformat.format_key(head, support) == texformat.format_key(head, {**support, "photo.png": b"x"})
    made_by = texformat.format_key(head, support)
    monkeypatch.setattr(texformat.cache, "code_digest", lambda: "a newer checkout, the same version")
    assert texformat.format_key(head, support) != made_by


def test_a_theme_that_cannot_be_dumped_renders_without_a_format(format_dir: Path, tmp_path: Path) -> None:
    head = "\\documentclass{article}%\n\\usepackage{resumetex}%\n"
    support = {"resumetex.sty": b"\\font\\x=[lmroman10-regular]\\x\n"}  # a native font at load time
    assert texformat.format_for(head, support, timeout=60) is None
    assert list(format_dir.glob("*.failed"))  # not tried again on every render


def engines(temp: Path) -> list[int]:
    """The engines whose temporary folder is in `temp` (a render gives each engine a folder inside
    its own): those a test started, and not those of a test running beside it."""
    marker = f"TMPDIR={temp}/".encode()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                command = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
                environment = Path(f"/proc/{entry}/environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if command and command[0].endswith(b"xelatex") and any(v.startswith(marker) for v in environment):
                found.append(int(entry))
    return found


def test_a_killed_render_leaves_no_engine_and_its_folder_is_swept(tmp_path: Path) -> None:
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "resumetex", "render", "--no-cache", str(SEED_ZH), "-o", str(tmp_path / "x.pdf")]
    for _ in range(3):
        render_process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not engines(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert engines(tmp_path), "no engine started"
        render_process.send_signal(signal.SIGKILL)
        render_process.wait()
        deadline = time.monotonic() + 5
        while engines(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not engines(tmp_path)  # the engine did not outlive the command by more than 5 s
    assert list(tmp_path.glob("resumetex-*"))  # the killed renders' folders are left ...
    subprocess.run(command, env=env, check=True, capture_output=True)
    assert not list(tmp_path.glob("resumetex-*"))  # ... until the next render sweeps them


@pytest.mark.parametrize("name", SHAPES)
def test_the_guessed_head_is_the_documents_head(name: str) -> None:
    """The engine starts on the head guessed from the file's text before the CV is laid out."""
    source = FIXTURES / f"{name}.yaml"
    latex = latex_at(prepare(RenderRequest(source=source)))
    assert latex.startswith(guess_head(source.read_bytes(), None))


@pytest.mark.parametrize(
    ("head", "text"),
    [
        ("header: {name: 김민준}", "검색 시스템"),
        ("header: {name: 山田 太郎}", "検索基盤の設計と運用を担当しました"),
        ("header: {name: 李伟}", "检索系统的设计"),
        ("lang: ko\nheader: {name: Jane Doe}", "Search"),  # Korean's words (현재) are in Hangul
        ("lang: zh_TW\nheader: {name: 林怡君}", "負責訂單服務"),  # a code as POSIX writes it: Taiwan's forms
        ("lang: ZH\nheader: {name: Jane Doe}", "Search"),
    ],
)
def test_the_guessed_head_of_a_file_is_its_documents_head(head: str, text: str, tmp_path: Path) -> None:
    """A Korean or Japanese name is not guessed to be a Chinese document (a wrong guess costs a start)."""
    source = tmp_path / "cv.yaml"
    source.write_text(f"{head}\nsections: [{{key: s, kind: text, title: T, entries: [{text}]}}]\n")
    latex = latex_at(prepare(RenderRequest(source=source)))
    assert latex.startswith(guess_head(source.read_bytes(), None))


def test_head_for_is_what_render_writes() -> None:
    for name in ("seed.zh", "seed.en", "academic.en", "taiwan.zh-TW"):
        prepared = prepare(RenderRequest(source=FIXTURES / f"{name}.yaml"))
        document = prepared.document
        forms = glyph_forms(document.metadata.lang)
        for scripts in (frozenset(), frozenset({"cjk"}), frozenset({"latin-noto"})):
            mixed = replace(prepared, document=replace(document, scripts=scripts))
            assert latex_at(mixed).startswith(texformat.head_for(document.cjk, scripts, forms))


def test_a_wrong_guess_costs_only_time(format_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    right = render(tmp_path / "right", SEED_EN)
    monkeypatch.setattr("resumetex.pipeline.guess_head", lambda *_: texformat.head_for(True, frozenset()))
    wrong = render(tmp_path / "wrong", SEED_EN)
    assert right.read_bytes() == wrong.read_bytes()


def test_the_fonts_loaded_while_waiting_change_nothing(
    format_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The waiting engine loads the theme's fonts at the guessed body size; right or wrong, or
    with no engine waiting at all, the PDF has the same bytes."""
    for source, theme in ((SEED_ZH, "default"), (SEED_EN, "default"), (SEED_ZH, "classic")):
        made = []
        for guess in (10.0, 12.0, None):
            with monkeypatch.context() as patched:
                patched.setattr("resumetex.pipeline.guess_size", lambda *_, size=guess: size)
                made.append(render(tmp_path / f"{source.stem}-{theme}-{guess}", source, theme=theme).read_bytes())
        with monkeypatch.context() as patched:
            patched.setattr("resumetex.pipeline.start_engine", lambda *_: None)
            made.append(render(tmp_path / f"{source.stem}-{theme}-none", source, theme=theme).read_bytes())
        assert all(pdf == made[0] for pdf in made), (source.name, theme)


@pytest.mark.parametrize("theme", ["default", "classic"])
@pytest.mark.parametrize("source", [SEED_ZH, SEED_EN], ids=["zh", "en"])
def test_the_warm_up_loads_the_fonts_the_theme_sets_text_in(
    format_dir: Path, tmp_path: Path, source: Path, theme: str
) -> None:
    """After \\cvwarmup the résumé itself loads at most half the fonts it loads without it (the
    rest are sizes NFSS passes through): the warm-up follows the theme's macros."""
    prepared = prepare(RenderRequest(source=source, theme=theme))
    head, rest = texformat.split_head(latex_at(prepared)) or ("", "")
    fmt = texformat.format_for(head, prepared.support, timeout=60)
    setup = f"\\makeatletter\\cvsetup{{fontsize={prepared.cv.design.font_size:g}pt}}\\makeatother"
    empty = setup + "\\begin{document}x\\end{document}\n"
    warm = texformat.warm_up(prepared.cv.design.font_size)

    def fonts_loaded(body: str) -> int:
        log = compile_pdf(texformat.AFTER_FORMAT + body, prepared.support, tmp_path / "x.xdv", fmt=fmt, draft=True)
        return int(re.search(r"font info for (\d+) fonts", log).group(1))  # type: ignore[union-attr]

    without = fonts_loaded(rest) - fonts_loaded(empty)
    after_warm_up = fonts_loaded(warm + rest) - fonts_loaded(warm + empty)
    assert without >= 10 and after_warm_up <= without / 2, (without, after_warm_up)


def test_a_fit_measures_on_a_trial_engine_and_picks_what_drafts_pick(
    format_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --max-pages, while the CV is read, an engine waits for the roomiest layout and a
    trial engine for the others, which it measures without making pages; the fit's winner is
    then typeset on an engine started when the roomiest did not fit. No engine starts later,
    and the fit and its PDF are those of a search by drafts alone."""
    import resumetex.pipeline
    from resumetex.compile import TrialEngine

    runs: list[str] = []
    real, measure = resumetex.pipeline.compile_pdf, TrialEngine.measure

    def counted(*arguments: object, **options: object) -> str:
        runs.append("engine started")
        return real(*arguments, **options)  # type: ignore[arg-type]

    def measured(engine: TrialEngine, trial: str) -> str | None:
        runs.append("measured")
        return measure(engine, trial)

    monkeypatch.setattr("resumetex.pipeline.compile_pdf", counted)
    monkeypatch.setattr(TrialEngine, "measure", measured)
    design = (("font_size", "12"), ("spacing", "2"))
    waited = render(tmp_path / "waited", SEED_ZH, max_pages=2, design=design).read_bytes()
    assert runs.count("engine started") == 0 and runs.count("measured") >= 3
    runs.clear()
    monkeypatch.setattr("resumetex.pipeline.start_engine", lambda *_: None)
    alone = render(tmp_path / "alone", SEED_ZH, max_pages=2, design=design).read_bytes()
    assert runs.count("measured") == 0 and runs.count("engine started") >= 4
    assert waited == alone


@pytest.mark.parametrize(
    ("text", "options", "likely"),
    [
        (b"name: x\n", {"max_pages": 2}, True),
        (b"design:\n  max_pages: 1\n", {}, True),
        (b"variants:\n  onepage:\n    max_pages: 1\n", {}, False),  # the variant is not asked for
        (b"variants:\n  onepage:\n    max_pages: 1\n", {"variant": "onepage"}, True),
        (b"name: x\n", {}, False),
    ],
)
def test_whether_a_fit_is_likely_is_read_from_the_request_and_the_text(
    text: bytes, options: dict[str, object], likely: bool
) -> None:
    assert fit_likely(text, RenderRequest(source=Path("cv.yaml"), **options)) is likely  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "design", "size"),
    [
        (b"design:\n  font_size: 11\n", (), 11.0),
        (b'{"design": {"font_size": "10.5"}}', (), 10.5),
        (b"design:\n  font_size: 11\n", (("font_size", "9"),), 9.0),
        (b"name: x\n", (), None),
        (b"design:\n  font_size: big\n", (), None),
    ],
)
def test_the_body_size_is_guessed_from_the_text(text: bytes, design: tuple[tuple[str, str], ...], size: object) -> None:
    assert guess_size(text, design) == size


def test_an_interrupted_build_stops_at_once_and_writes_nothing_more(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    for name in ("seed.zh", "seed.en", "academic.en", "engineer.en"):
        (data / f"{name}.yaml").write_bytes((FIXTURES / f"{name}.yaml").read_bytes())
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    build = subprocess.Popen(
        [sys.executable, "-m", "resumetex", "build", "--no-cache", "--data", str(data), "--out", str(out)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # even if this run ignores it
    )
    deadline = time.monotonic() + 60
    while not engines(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # the renders are under way
    build.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    written = sorted(out.glob("*.pdf")) if out.exists() else []
    output, _ = build.communicate(timeout=30)
    assert time.monotonic() - stopped < 3, "the build waited for its renders"
    assert build.returncode != 0 and "Traceback" not in output
    assert (sorted(out.glob("*.pdf")) if out.exists() else []) == written  # nothing written after the stop
    time.sleep(0.5)
    assert not engines(tmp_path)
