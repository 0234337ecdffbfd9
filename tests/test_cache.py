"""The render cache: any change to what shapes the PDF re-renders; nothing else does."""

import shutil
from pathlib import Path

import pytest

import resumetex
from conftest import SEED_ZH, pdf_text
from resumetex import pipeline
from resumetex.pipeline import RenderRequest, render_pdf


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "cv.zh.yaml"
    shutil.copyfile(SEED_ZH, copy)
    return copy


def cached(source: Path, output: Path, **options: object) -> bool:
    """Render and say whether the engine was skipped."""
    return render_pdf(RenderRequest(source=source, output=output, **options)).cached  # type: ignore[arg-type]


def test_unchanged_input_does_not_run_the_engine(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert cached(source, first) is False
    assert cached(source, second) is True
    assert first.read_bytes() == second.read_bytes()
    assert len(list(cache_dir.glob("*.pdf"))) == 1


def test_changed_data_re_renders(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    cached(source, tmp_path / "a.pdf")
    source.write_text(source.read_text(encoding="utf-8").replace("杨子诡", "杨子"), encoding="utf-8")
    assert cached(source, tmp_path / "b.pdf") is False
    assert "杨子诡" not in pdf_text(tmp_path / "b.pdf")


@pytest.mark.parametrize(
    "options",
    [
        {"order": ("publications",)},
        {"hide": ("education",)},
        {"emphasize": ("DAPO",)},
        {"file_emphasis": False},
        {"design": (("accent", "#CC0000"),)},
    ],
    ids=["order", "hide", "emphasize", "file_emphasis", "design"],
)
def test_changed_options_re_render(options: dict, source: Path, tmp_path: Path, cache_dir: Path) -> None:  # type: ignore[type-arg]
    cached(source, tmp_path / "a.pdf")
    assert cached(source, tmp_path / "b.pdf", **options) is False
    assert cached(source, tmp_path / "c.pdf", **options) is True


def test_changed_template_re_renders(
    source: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached(source, tmp_path / "a.pdf")
    original = pipeline.theme_files

    def edited(theme: str) -> dict[str, bytes]:
        files = original(theme)
        files["resumetex.sty"] = files["resumetex.sty"].replace(b"1B4F8A", b"8A1B1B")
        return files

    monkeypatch.setattr(pipeline, "theme_files", edited)
    assert cached(source, tmp_path / "b.pdf") is False


def test_new_version_re_renders(source: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached(source, tmp_path / "a.pdf")
    monkeypatch.setattr(resumetex, "__version__", "99.0.0")
    assert cached(source, tmp_path / "b.pdf") is False


def test_new_build_date_re_renders(
    source: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cached(source, tmp_path / "a.pdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert cached(source, tmp_path / "b.pdf") is False


def test_no_cache_always_runs_the_engine(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    cached(source, tmp_path / "a.pdf")
    assert cached(source, tmp_path / "b.pdf", use_cache=False) is False


def test_a_failed_render_is_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("lang: en\nheader: {name: x α}\nsections: []\n")  # Latin Modern has no Greek: TeX fails
    for _ in range(2):
        with pytest.raises(resumetex.errors.MissingGlyphsError):
            cached(bad, tmp_path / "x.pdf")
    assert not list(cache_dir.glob("*.pdf"))


def test_a_cache_hit_creates_the_output_folder(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    cached(source, tmp_path / "a.pdf")
    assert cached(source, tmp_path / "new" / "folder" / "b.pdf") is True
    assert (tmp_path / "new" / "folder" / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
