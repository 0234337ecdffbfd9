"""The Word file, read back with python-docx as Word and WPS read it: every string, headings as
heading styles, bullets as Word lists, links clickable, Chinese in an East Asian face."""

import io
import re
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import RGBColor

from conftest import FIXTURES, LABELLED, SHAPES, in_order, reading_order, squash, typed_cv, visible_strings
from resumetex.inline import Run
from resumetex.load import load_cv
from resumetex.outputs import word
from resumetex.outputs.word import MUTED
from resumetex.pipeline import RenderRequest, prepare


def made(source: Path, **options: object) -> WordDocument:
    prepared = prepare(RenderRequest(source=source, **options))  # type: ignore[arg-type]
    design = prepared.cv.design
    content = word.emit(prepared.document, design.accent, design.font_size, design.paper + "paper")
    return docx.Document(io.BytesIO(content))


def paragraphs(document: WordDocument) -> list[docx.text.paragraph.Paragraph]:
    """Every paragraph in reading order, those in the header's table included."""
    inside = [p for table in document.tables for cell in table.rows[0].cells for p in cell.paragraphs]
    return inside + list(document.paragraphs)


def styled(document: WordDocument, style: str) -> list[str]:
    return [p.text for p in paragraphs(document) if p.style is not None and p.style.name == style]


@pytest.mark.parametrize("name", SHAPES)
def test_every_string_is_in_the_word_file(name: str) -> None:
    source = FIXTURES / f"{name}.yaml"
    everything = "".join(p.text for p in paragraphs(made(source)))
    shown = squash(everything)
    assert [s for s in (squash(v) for v in visible_strings(load_cv(source))) if s not in shown] == []
    assert in_order(reading_order(load_cv(source)), everything) == []


@pytest.mark.parametrize("name", LABELLED)
def test_a_label_meets_its_text_as_the_language_writes_it(name: str) -> None:
    everything = "\n".join(p.text for p in paragraphs(made(FIXTURES / f"{name}.yaml")))
    assert [shown for shown in LABELLED[name] if shown not in everything] == []


def test_headings_and_lists_are_words_own_styles_and_papers_numbered_as_in_the_pdf() -> None:
    document = made(FIXTURES / "photo.zh.yaml")
    assert styled(document, "Title") == ["李明轩"]
    assert styled(document, "Heading 1") == ["个人简介", "教育背景", "工作经历", "专业技能", "荣誉奖项"]
    assert "浙江大学 · 计算机科学与技术学院\t2017.09 – 2020.06" in styled(document, "Heading 2")
    assert "设计基于一致性哈希的流量调度" in styled(document, "List Bullet 2")  # a nested bullet
    assert any(text.startswith("网关重构：") for text in styled(document, "List Bullet"))
    papers = [text for text in styled(made(FIXTURES / "academic.en.yaml"), "Normal") if text.startswith("[")]
    assert len(papers) > 20 and papers[0].startswith("[1]\tHannah Okonkwo-Berg and Łukasz Kaiser.")
    numbers = [int(paper.split("]")[0][1:]) for paper in papers]  # 22 papers, then preprints from [1]
    assert numbers == [*range(1, 23), *range(1, len(papers) - 21)]  # (Word's own numbering went on: [23])


def test_chinese_is_set_in_an_east_asian_face() -> None:
    document = made(FIXTURES / "seed.zh.yaml")
    for style, face in (("Normal", "SimSun"), ("Heading 1", "SimHei"), ("Title", "SimHei"), ("Heading 2", "SimSun")):
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme face would take its place
    runs = [r for p in document.paragraphs for r in p.runs]
    assert all(r.element.rPr is None or r.element.rPr.find(qn("w:rFonts")) is None for r in runs)


def test_chinese_is_never_italic() -> None:
    """Chinese has no italic, and Word would slant it: the italic rows (a degree, a role, a place)
    leave Chinese upright, as the PDF and the page do, and keep their Latin text italic."""
    runs = [run for paragraph in paragraphs(made(FIXTURES / "photo.zh.yaml")) for run in paragraph.runs]
    assert [run.text for run in runs if run.italic and re.search("[\u4e00-\u9fff]", run.text)] == []
    assert any(run.italic and run.text == "GPA" for run in runs)
    assert any(run.text == "杭州" and run.font.color.rgb == MUTED for run in runs)  # the place, as before


def test_links_are_clickable_and_the_photo_is_in_the_file() -> None:
    document = made(FIXTURES / "photo.zh.yaml")
    links = {h.address: h.text for p in paragraphs(document) for h in p.hyperlinks}
    assert links["mailto:mingxuan.li@example.com"] == "mingxuan.li@example.com"
    assert links["https://github.com/lmx-dev"] == "lmx-dev"
    assert len(document.inline_shapes) == 1
    papers = made(FIXTURES / "academic.en.yaml")
    assert any(h.text.startswith("[doi:") for p in papers.paragraphs for h in p.hyperlinks)
    prose = {h.address: h.text for p in made(FIXTURES / "engineer.en.yaml").paragraphs for h in p.hyperlinks}
    assert prose["https://sofia.example.org/incidents_(v2)"] == "incident guide"  # a link inside a bullet


@pytest.mark.parametrize(("paper", "width_cm"), [("a4", 21.0), ("letter", 21.59)])
def test_the_page_is_the_designs_paper(paper: str, width_cm: float) -> None:
    document = made(FIXTURES / "engineer.en.yaml", design=(("paper", paper),))
    assert round(document.sections[0].page_width.cm, 2) == width_cm


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "{{ user }} 100% $5 & <b>", "[x](javascript:1)"])
def test_typed_text_stays_text(typed: str, tmp_path: Path) -> None:
    source = typed_cv(tmp_path, typed)
    document = made(source)
    assert "".join(p.text for p in document.paragraphs).count(typed) == 3
    assert not [h for p in document.paragraphs for h in p.hyperlinks]


def test_a_link_of_another_scheme_is_never_made() -> None:
    """The CV check refuses such links; the Word file makes none even if one reached it."""
    document = docx.Document()
    word.set_up(document, RGBColor(0, 0, 0), 10, "a4paper")
    paragraph = document.add_paragraph()
    word.add_runs(paragraph, (Run("x", url="javascript:alert(1)"), Run(" y", url="https://x.org")))
    assert paragraph.text == "x y" and [h.address for h in paragraph.hyperlinks] == ["https://x.org"]


@pytest.mark.parametrize("header", ["Adobe", "none", "broken EXIF"])
def test_a_jpeg_python_docx_cannot_read_as_it_is_is_placed(tmp_path: Path, header: str) -> None:
    """A CMYK JPEG, as print software writes it (an Adobe header first), one with no header, and
    one whose EXIF segment is damaged: python-docx knows a JPEG only by a JFIF or EXIF header and
    parses the EXIF, and the Word file failed with a traceback. Now the picture is placed, in its
    colours, 2.6 cm wide, in proportion."""
    from io import BytesIO

    from PIL import Image

    photo = tmp_path / "me.jpg"
    if header == "Adobe":
        Image.new("CMYK", (90, 120), (0, 128, 255, 0)).save(photo)
    else:
        Image.new("RGB", (90, 120), (200, 80, 20)).save(photo)
        data = photo.read_bytes()
        assert data[6:10] == b"JFIF"
        rest = data[4 + int.from_bytes(data[4:6], "big") :]  # after the JFIF header
        exif = b"Exif\x00\x00MM\x00*\xff\xff\xff\xff"  # its first directory far past its end
        added = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif if header == "broken EXIF" else b""
        photo.write_bytes(data[:2] + added + rest)
    source = tmp_path / "cv.yaml"
    source.write_text("header:\n  name: Test\n  photo: me.jpg\nsections: []\n", encoding="utf-8")
    [shape] = made(source).inline_shapes
    assert shape.width == pytest.approx(2.6 / 2.54 * 914400, abs=2)
    assert shape.height == pytest.approx(shape.width * 120 / 90, abs=2)
    [image] = list(made(source).part.package.image_parts)
    with Image.open(BytesIO(image.blob)) as shown:
        colour = (255, 127, 0) if header == "Adobe" else (200, 80, 20)
        assert shown.convert("RGB").getpixel((45, 60)) == pytest.approx(colour, abs=4)


def test_pages_after_the_first_carry_the_name_and_page_of_total() -> None:
    document = made(FIXTURES / "seed.zh.yaml")
    page = document.sections[0]
    assert page.different_first_page_header_footer
    assert page.first_page_footer.paragraphs[0].text == ""
    line = page.footer.paragraphs[0]
    fields = [f.get(qn("w:instr")) for f in line._p.findall(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert [run.text for run in line.runs] == ["杨子诡", "\t", " / "]  # the name, a right tab, the fields


@pytest.mark.parametrize("orientation", [1, 2, 5, 6, 7, 8])
def test_a_phones_photo_stands_in_word_as_the_browser_shows_it(tmp_path: Path, orientation: int) -> None:
    """Word and LibreOffice show a JPEG's pixels as they are, whatever its EXIF orientation says:
    the pixels in the file stand upright, and the picture is neither turned nor flipped."""
    from io import BytesIO

    from PIL import Image

    from test_cli import photo_cv
    from test_photo import SHOWN_AT, marked_photo, marks

    document = made(photo_cv(tmp_path, marked_photo(orientation)))
    [shape] = document.inline_shapes
    frame = shape._inline.graphic.graphicData.pic.spPr.find(qn("a:xfrm"))
    assert (frame.get("rot"), frame.get("flipH")) == (None, None)
    assert shape.width == pytest.approx(2.6 / 2.54 * 914400, abs=2)
    [image] = list(document.part.package.image_parts)
    with Image.open(BytesIO(image.blob)) as shown:
        assert marks(shown) == SHOWN_AT[orientation]
