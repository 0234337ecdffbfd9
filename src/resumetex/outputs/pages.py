"""PDF → a PNG picture of each page (`--format png`), as a README or a profile page shows a
résumé. Made from the PDF itself by poppler's pdftoppm, so the pictures are the pages exactly."""

import shutil
import subprocess
from pathlib import Path

from resumetex.compile import publish, scratch
from resumetex.errors import SetupError

PDFTOPPM = "pdftoppm"  # poppler's
RESOLUTION = 150  # pixels to the inch: an A4 page is 1241 x 1754, its smallest type still sharp
TIMEOUT_SECONDS = 60.0


def page_name(pdf: Path, number: int) -> Path:
    """Where page `number` of `pdf` goes: build/cv.zh-1.png beside build/cv.zh.pdf."""
    return pdf.with_name(f"{pdf.stem}-{number}.png")


def write_pages(made: Path, pdf: Path) -> list[Path]:
    """Each page of the PDF `made` (what is published at `pdf`) as a picture beside `pdf`; a
    picture of a page the résumé no longer has (it was longer) is removed, never left to be taken
    for this one's."""
    if shutil.which(PDFTOPPM) is None:
        raise SetupError(
            f"{pdf}: {PDFTOPPM}, which draws the pictures of its pages, is not installed; install poppler "
            "(Debian, Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler)"
        )
    written = []
    with scratch() as folder:
        command = [PDFTOPPM, "-png", "-r", str(RESOLUTION), str(made), str(Path(folder) / "page")]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise SetupError(f"{pdf}: pdftoppm could not make the pictures of its pages ({error})") from None
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda page: int(page.stem.rsplit("-", 1)[1]))
        for number, page in enumerate(pages, 1):
            publish(page, page_name(pdf, number))
            written.append(page_name(pdf, number))
    number = len(written) + 1
    while page_name(pdf, number).is_file():
        page_name(pdf, number).unlink()
        number += 1
    return written
