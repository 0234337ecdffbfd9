"""The render cache: any change to what shapes the PDF re-renders; nothing else does."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import resumetex
from conftest import FIXTURES, SEED_ZH, pdf_text
from resumetex import cache, pipeline
from resumetex.pipeline import RenderRequest, render_pdf
from resumetex.source import photo_of


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


def test_a_failed_render_is_not_cached(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    for _ in range(2):
        with pytest.raises(resumetex.errors.CompileError, match="did not finish"):
            cached(source, tmp_path / "x.pdf", timeout=0.05)
    assert not list(cache_dir.glob("*.pdf"))


def test_a_cache_hit_creates_the_output_folder(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    cached(source, tmp_path / "a.pdf")
    assert cached(source, tmp_path / "new" / "folder" / "b.pdf") is True
    assert (tmp_path / "new" / "folder" / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


KEY_OPTIONS = {
    "lang": "en",
    "order": ("publications",),
    "hide": ("education",),
    "tags": ("industry",),
    "exclude_tags": ("detail",),
    "emphasize": ("DAPO",),
    "file_emphasis": False,
    "design": (("accent", "#CC0000"),),
    "max_pages": 2,
    "variant": "onepage",
    "theme": "classic",
}


@pytest.mark.parametrize("name", sorted(KEY_OPTIONS))
def test_every_option_that_shapes_the_pdf_is_in_the_key(name: str) -> None:
    plain = RenderRequest(source=Path("cv.yaml"))
    changed = RenderRequest(source=Path("cv.yaml"), **{name: KEY_OPTIONS[name]})  # type: ignore[arg-type]
    assert plain.options() != changed.options()


def test_the_key_names_every_option_but_those_that_leave_the_pdf_alone() -> None:
    names = {name for name, _ in RenderRequest(source=Path("cv.yaml")).options()}
    assert names == set(KEY_OPTIONS)  # a new option is in the key unless NOT_IN_KEY says otherwise


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("photo: photo.png", "photo.png"),
        ("photo: my photo.png", "my photo.png"),  # a name with a space was keyed as photo.png
        ('photo: "my\\x20照片.png"', "my 照片.png"),  # as YAML reads it
        ("photo: 'a, b.png'", "a, b.png"),
    ],
)
def test_a_changed_photo_re_renders(tmp_path: Path, cache_dir: Path, line: str, name: str) -> None:
    folder = tmp_path / "cv"
    folder.mkdir()
    text = (FIXTURES / "photo.zh.yaml").read_text(encoding="utf-8")
    (folder / "cv.yaml").write_text(text.replace("photo: photo.png", line), encoding="utf-8")
    shutil.copyfile(FIXTURES / "photo.png", folder / name)
    assert cached(folder / "cv.yaml", tmp_path / "a.pdf") is False
    assert cached(folder / "cv.yaml", tmp_path / "b.pdf") is True
    png = (folder / name).read_bytes()
    (folder / name).write_bytes(png.replace(b"IEND", b"IEND", 1) + b"\0")  # another file, same picture
    assert cached(folder / "cv.yaml", tmp_path / "c.pdf") is False


def test_a_photo_is_keyed_as_the_cv_names_it() -> None:
    folder = FIXTURES
    png = (FIXTURES / "photo.png").read_bytes()
    assert photo_of(b"header: {name: x, photo: photo.png}\n", folder) == {"photo.png": png}
    assert photo_of(b'{"header": {"photo": "photo.png"}}', folder) == {"photo.png": png}  # JSON
    assert photo_of(b"header: {name: x}\n# a photo.png in a comment\n", folder) == {}
    assert photo_of(b"header:\n  name: x\n  photo: missing.png\n", folder) == {"missing.png": b"(none)"}
    assert photo_of(b"header: {photo: [unclosed\n", folder) is None  # the render skips the cache


def test_a_newer_resumetex_under_the_same_version_renders_again(
    source: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pip install .` of a newer checkout keeps the version: the code's own content is in the key."""
    assert cached(source, tmp_path / "a.pdf") is False
    assert cached(source, tmp_path / "b.pdf") is True
    monkeypatch.setattr(cache, "code_digest", lambda: "another resumetex")
    assert cached(source, tmp_path / "c.pdf") is False


def test_a_library_installed_or_upgraded_beside_it_renders_again(
    source: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer markdown-it-py or Pillow may set the same CV otherwise: pip adds its metadata folder
    (markdown_it_py-4.0.0.dist-info) to site-packages and removes the old one."""
    libraries = tmp_path / "lib" / "site-packages"
    (libraries / "markdown_it_py-3.0.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(libraries)])
    assert cached(source, tmp_path / "a.pdf") is False
    assert cached(source, tmp_path / "b.pdf") is True
    (libraries / "markdown_it_py-4.0.0.dist-info").mkdir()
    shutil.rmtree(libraries / "markdown_it_py-3.0.0.dist-info")
    assert cached(source, tmp_path / "c.pdf") is False
    assert cached(source, tmp_path / "d.pdf") is True


def test_the_package_digest_follows_every_file_but_compiled_ones(tmp_path: Path) -> None:
    package = tmp_path / "resumetex"
    shutil.copytree(Path(resumetex.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = cache.package_digest(str(package))
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "load.cpython-311.pyc").write_bytes(b"compiled")
    (package / ".#load.py").symlink_to(tmp_path / "gone")  # an editor's lock: a link to nothing
    assert cache.package_digest(str(package)) != first  # a new name
    (package / ".#load.py").unlink()
    assert cache.package_digest(str(package)) == first
    text = (package / "layout.py").read_text(encoding="utf-8")
    (package / "layout.py").write_text(text + "\n", encoding="utf-8")
    assert cache.package_digest(str(package)) != first
    (package / "layout.py").write_text(text, encoding="utf-8")
    (package / "templates").mkdir(exist_ok=True)
    (package / "templates" / "new.sty").write_text("%", encoding="utf-8")
    assert cache.package_digest(str(package)) != first


def test_a_damaged_entry_is_not_served(source: Path, tmp_path: Path, cache_dir: Path) -> None:
    cached(source, tmp_path / "a.pdf")
    [entry] = cache_dir.glob("*.pdf")
    for damage in (b"", b"%PDF-1.5 truncated", entry.read_bytes()[:-100]):
        entry.write_bytes(damage)
        assert cached(source, tmp_path / "b.pdf") is False  # typeset again
        assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
        [entry] = cache_dir.glob("*.pdf")


def test_without_a_home_the_cache_has_a_folder_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RESUMETEX_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir().parent == Path(tempfile.gettempdir())


def test_a_cache_hit_loads_neither_the_model_nor_the_emitters(tmp_path: Path) -> None:
    """An unchanged re-render is answered from the cache before pydantic, pylatex, markdown-it
    or python-docx are imported, or what only typesetting needs (the locales, the photo, the
    format, the fonts' maps): those imports cost more than the copy."""
    source, output = FIXTURES / "engineer.en.yaml", tmp_path / "cv.pdf"
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "resumetex", "render", str(source), "--lang", "en", "-o", str(output)]
    subprocess.run(command, env=env, check=True, capture_output=True)
    probe = (
        "import sys, resumetex; sys.argv = ['resumetex', *sys.argv[1:]]\n"
        "try:\n    resumetex.command()\n"
        "except SystemExit:\n    pass\n"
        "heavy = ['pydantic', 'pylatex', 'markdown_it', 'docx', 'resumetex.model', 'resumetex.locales',\n"
        "         'resumetex.photo', 'resumetex.texformat', 'resumetex.tounicode']\n"
        "print(','.join(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command[3:]], env=env, capture_output=True, text=True)
    assert "reused the last render" in done.stdout and done.stdout.splitlines()[-1] == ""
