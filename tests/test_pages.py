"""`--format png`: a picture of each page of the PDF, beside it, the pages exactly; none of a page
the résumé no longer has; made again from a reused render too."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from conftest import FIXTURES
from resumetex.cli import main


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def shows_the_pages_of(pictures: list[Path], pdf: Path) -> bool:
    """Whether `pictures` are `pdf`'s pages, one each and in order, pixel for pixel as poppler
    draws them at 150 pixels to the inch."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), f"{folder}/p"], check=True)
        drawn = sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        if len(drawn) != len(pictures):
            return False
        for picture, page in zip(pictures, drawn, strict=True):
            with Image.open(picture) as mine, Image.open(page) as theirs:
                if mine.size != theirs.size or ImageChops.difference(mine, theirs).getbbox() is not None:
                    return False
    return True


def render(folder: Path, *options: str) -> list[str]:
    result = CliRunner().invoke(
        main, ["render", str(FIXTURES / "academic.en.yaml"), "-o", str(folder / "cv.pdf"), *options]
    )
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    said = render(folder, "--format", "png", "--no-cache")  # png alone: the PDF is written too
    assert said == [f"wrote {folder / 'cv-1.png'}", f"wrote {folder / 'cv-2.png'}", f"wrote {folder / 'cv.pdf'}"]
    return folder


def test_each_page_is_a_picture_of_it(two_pages: Path) -> None:
    pictures = [two_pages / "cv-1.png", two_pages / "cv-2.png"]
    assert pages_of(two_pages / "cv.pdf") == 2 and shows_the_pages_of(pictures, two_pages / "cv.pdf")
    with Image.open(pictures[0]) as first:
        assert first.size == (1241, 1754)  # A4 at 150 pixels to the inch
        assert first.convert("L").getextrema()[0] < 50  # type is drawn on it


def test_a_page_the_resume_no_longer_has_leaves_no_picture(two_pages: Path, tmp_path: Path) -> None:
    for picture in two_pages.glob("*.png"):
        (tmp_path / picture.name).write_bytes(picture.read_bytes())
    render(tmp_path, "--format", "png", "--hide", "publications,preprints")
    assert pages_of(tmp_path / "cv.pdf") == 1
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["cv-1.png"]
    assert shows_the_pages_of([tmp_path / "cv-1.png"], tmp_path / "cv.pdf")


def test_a_reused_render_draws_its_pages_again(two_pages: Path, tmp_path: Path) -> None:
    render(tmp_path, "--format", "pdf")
    said = render(tmp_path, "--format", "pdf,png")  # the PDF from the cache, its pictures made now
    assert said[-1].endswith("(unchanged input: reused the last render)")
    assert shows_the_pages_of([tmp_path / "cv-1.png", tmp_path / "cv-2.png"], tmp_path / "cv.pdf")


def test_without_pdftoppm_the_pdf_is_written_and_the_pictures_are_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resumetex.outputs import pages

    monkeypatch.setattr(pages, "PDFTOPPM", "pdftoppm-not-installed")
    result = CliRunner().invoke(
        main, ["render", str(FIXTURES / "academic.en.yaml"), "-o", str(tmp_path / "cv.pdf"), "--format", "png"]
    )
    assert result.exit_code == 1 and result.output.startswith(
        f"error: {tmp_path / 'cv.pdf'}: pdftoppm-not-installed, which"
    )
    assert "sudo apt-get install poppler-utils" in result.output and "Traceback" not in result.output
    assert (tmp_path / "cv.pdf").read_bytes().startswith(b"%PDF")
