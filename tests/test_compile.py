"""Faults in the engine run: clear messages, and the last good PDF always survives."""

import hashlib
from pathlib import Path

import pytest

from resumetex.compile import compile_pdf, missing_glyphs
from resumetex.errors import CompileError, MissingGlyphsError, SetupError
from resumetex.pipeline import theme_files

DOC = "\\documentclass{article}\n\\begin{document}\n%s\n\\end{document}\n"


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
    with pytest.raises(SetupError, match='the font "NoSuchFont" is not installed; install it with: apt-get'):
        compile_pdf(latex, {}, good_pdf)
    assert digest(good_pdf) == before


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
    with pytest.raises(CompileError, match="cannot create the output folder"):
        compile_pdf(DOC % "x", {}, blocker / "cv.pdf")


def test_reads_missing_characters_from_the_log() -> None:
    log = "Missing character: There is no \u4e00 (U+4E00) in font [lmroman10-regular]:mapping=tex-text;!\n"
    assert missing_glyphs(log) == ["\u4e00"]


def test_output_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cv.pdf").mkdir()
    with pytest.raises(CompileError, match="cannot write the PDF"):
        compile_pdf(DOC % "x", {}, tmp_path / "cv.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["cv.pdf"]  # no partial file left behind
