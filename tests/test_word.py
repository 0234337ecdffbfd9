"""The Word file, read back with python-docx as Word and WPS read it: every string, headings as
heading styles, bullets as Word lists, links clickable, Chinese in an East Asian face."""

import io
import json
import os
import re
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from conftest import FIXTURES, LABELLED, SHAPES, in_order, reading_order, squash, typed_cv, visible_strings
from resumetex.inline import Run
from resumetex.load import load_cv
from resumetex.outputs import measure, word
from resumetex.outputs.word import MUTED
from resumetex.pipeline import RenderRequest, prepare


def made(source: Path, **options: object) -> WordDocument:
    prepared = prepare(RenderRequest(source=source, **options))  # type: ignore[arg-type]
    design = prepared.cv.design
    content = word.emit(prepared.document, design.accent, design.font_size, design.paper + "paper")
    return docx.Document(io.BytesIO(content))


def made_from(folder: Path, cv: dict[str, object]) -> WordDocument:
    source = folder / "cv.yaml"
    source.write_text(json.dumps(cv), encoding="utf-8")  # (JSON is YAML)
    return made(source)


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


@pytest.mark.parametrize(
    ("source", "lang", "latin", "east_asian", "right_to_left"),
    [
        ("seed.zh.yaml", None, "en-US", "zh-CN", "ar-SA"),  # a Chinese CV's Latin words are English
        ("academic.en.yaml", None, "en-US", "zh-CN", "ar-SA"),
        ("academic.en.yaml", "fr", "fr-FR", "zh-CN", "ar-SA"),  # Word reads no language without a region
        ("academic.en.yaml", "pt", "pt-BR", "zh-CN", "ar-SA"),
        ("academic.en.yaml", "de-AT", "de-AT", "zh-CN", "ar-SA"),
        ("academic.en.yaml", "zh-Hant", "en-US", "zh-TW", "ar-SA"),
        ("academic.en.yaml", "ja", "en-US", "ja-JP", "ar-SA"),
        ("academic.en.yaml", "ko", "en-US", "ko-KR", "ar-SA"),
        ("academic.en.yaml", "he", "he-IL", "zh-CN", "he-IL"),
        ("academic.en.yaml", "de-x1", "de-DE", "zh-CN", "ar-SA"),  # (a subtag out of its place)
    ],
)
def test_word_checks_spelling_in_the_documents_language(
    source: str, lang: str | None, latin: str, east_asian: str, right_to_left: str
) -> None:
    """Every run takes the document's languages from Word's defaults (python-docx's say en-US
    throughout, and Word marked each word of a French CV as misspelt)."""
    document = made(FIXTURES / source, lang=lang)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = defaults.find(qn("w:lang"))
    assert (language.get(qn("w:val")), language.get(qn("w:eastAsia"))) == (latin, east_asian)
    assert language.get(qn("w:bidi")) == right_to_left
    direction = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert (direction.find(qn("w:bidi")) is not None) == (lang == "he")  # its paragraphs run right to left
    runs = [r for p in paragraphs(document) for r in p.runs]
    assert all(r.element.rPr is None or r.element.rPr.find(qn("w:lang")) is None for r in runs)  # none says other


@pytest.mark.parametrize(("lang", "photo_first"), [("he", True), ("ar", True), ("zh", False)])
def test_a_photo_stands_after_the_name_in_the_documents_direction(lang: str, photo_first: bool) -> None:
    """The header's table runs right to left in a Hebrew or Arabic document: its photo cell,
    second, stands at the left, after the name as the reader goes."""
    (table,) = made(FIXTURES / "photo.zh.yaml", lang=lang).tables
    assert (table.table_direction == WD_TABLE_DIRECTION.RTL) == photo_first
    assert table.rows[0].cells[1].paragraphs[0].runs[0].element.find(".//" + qn("w:drawing")) is not None


@pytest.mark.parametrize(("lang", "marked"), [("he", True), ("en", False)])
def test_a_phone_number_is_marked_left_to_right_in_a_right_to_left_document(
    lang: str, marked: bool, tmp_path: Path
) -> None:
    """Word orders a paragraph's text by Unicode's bidirectional algorithm: in a right-to-left one,
    +972 50 123 4567 showed as 4567 123 50 972+. A left-to-right mark on each side keeps it whole;
    a left-to-right document needs none."""
    cv = {"lang": lang, "header": {"name": "דוד", "phone": "+972 50 123 4567", "location": "תל אביב"}, "sections": []}
    document = made_from(tmp_path, cv)
    texts = [t.text for paragraph in paragraphs(document) for t in paragraph._p.iter(qn("w:t"))]  # links too
    assert ("\u200e+972 50 123 4567\u200e" in texts) == marked and ("+972 50 123 4567" in texts) != marked
    assert "תל אביב" in texts  # a place is words: unmarked


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


def test_a_date_or_place_with_no_room_beside_its_text_starts_the_next_line_at_the_right(tmp_path: Path) -> None:
    """Word sets what follows a right tab on the next line at the left when the text runs past the
    tab (seen in LibreOffice: "Garmisch-" / "Partenkirchen, Upper Bavaria"); a line break before
    the tab puts it whole at the right, as the PDF does. A row with room keeps it beside the text."""
    place, long = "Garmisch-Partenkirchen, Upper Bavaria", "Machine Learning Infrastructure " * 3
    entries = [
        {"organization": "Short Co", "role": "Engineer", "location": place, "start": "2017-01", "end": "2019-02"},
        {"organization": f"Institute of {long}", "start": "2016-01", "end": "2016-12"},
        {"organization": "Lab", "role": f"Researcher in {long}", "location": place, "start": "2015", "end": "2016"},
        {
            "organization": "Corp",
            "roles": [
                {"role": f"Lead for {long}", "location": place, "start": "2021-01", "end": "present"},
                {"role": "Scientist", "location": "Berlin", "start": "2019-03", "end": "2020-12"},
            ],
        },
    ]
    section = {"key": "work", "kind": "experience", "title": "Experience", "entries": entries}
    document = made_from(tmp_path, {"lang": "en", "header": {"name": "A"}, "sections": [section]})
    rows = [p.text for p in document.paragraphs if "\t" in p.text or place in p.text]
    assert rows == [
        "Short Co\t2017.01 – 2019.02",
        f"Engineer\t{place}",
        f"Institute of {long.strip()}\n\t2016.01 – 2016.12",
        "Lab\t2015 – 2016",
        f"Researcher in {long.strip()}\n\t{place}",
        "Corp\t2019.03 – Present",
        f"Lead for {long.strip()}\n{place}\t2021.01 – Present",  # the place, whole, with the dates
        "Scientist  Berlin\t2019.03 – 2020.12",
    ]


def test_a_role_whose_place_fits_but_not_its_dates_puts_the_dates_on_the_next_line(tmp_path: Path) -> None:
    rows = measure.Rows(int(Cm(17.4)), 10, east_asian=False)
    role = "Scientist in " + "x" * 40
    dates = measure.styled("2019 – 2020")
    while rows.fits(measure.styled(role + "y", italic=True) + measure.styled("  Berlin"), dates):
        role += "y"
    role += "y"  # now: role and place fit, the dates do not
    text = measure.styled(role, italic=True)
    assert rows.fits(text, measure.styled("Berlin"))
    entry = {"organization": "Corp", "roles": [{"role": role, "location": "Berlin", "start": "2019", "end": "2020"}]}
    section = {"key": "work", "kind": "experience", "title": "Experience", "entries": [entry]}
    document = made_from(tmp_path, {"lang": "en", "header": {"name": "A"}, "sections": [section]})
    assert f"{role}  Berlin\n\t2019 – 2020" in [p.text for p in document.paragraphs]


@pytest.mark.parametrize(
    ("text", "line", "last"),
    [
        ("aaaa bbbb", "aaaa bbb", "bbbb"),  # a word that does not fit starts the next line
        ("aaaa bbbb", "aaaa bbbb", "aaaa bbbb"),  # one that just fits stays
        ("aaaa   bb", "aaaa  b", "bb"),  # spaces before a word that starts a line are not set
        ("aaaa   ", "aaaa", "aaaa"),  # nor at the end
        ("Garmisch-Partenkirchen", "Garmisch-Partenkirc", "Partenkirchen"),  # a line may end after a hyphen
        ("北京大学计算机系", "北京大学计算", "机系"),  # or between any two Chinese characters
        ("abcd北", "abcdi", "北"),
    ],
)
def test_rows_are_broken_into_lines_as_word_breaks_them(text: str, line: str, last: str) -> None:
    def ems(chars: str) -> float:
        return sum(measure.em_width(char, "regular", False) for char in chars)

    assert measure.last_line(measure.styled(text), ems(line), False) == pytest.approx(ems(last))


def test_an_aside_keeps_an_em_from_the_text_before_it() -> None:
    rows = measure.Rows(int(Cm(17.4)), 10, east_asian=False)  # 49.3 em
    aside = measure.styled("2019")  # 2 em: Times New Roman's figures are half an em
    assert rows.fits(measure.styled("0" * 92), aside)  # 46 + 1 + 2 em
    assert not rows.fits(measure.styled("0" * 93), aside)


def test_a_word_longer_than_a_line_fills_lines_of_its_own() -> None:
    width = measure.em_width("m", "bold", False)
    assert measure.last_line(measure.styled("a " + "m" * 25, bold=True), 10 * width, False) == pytest.approx(5 * width)


@pytest.mark.parametrize(
    ("char", "style", "east_asian", "ems"),
    [
        ("m", "regular", False, 1593 / 2048),  # Times New Roman's
        ("m", "bold italic", False, 1593 / 2048),
        ("f", "italic", False, 569 / 2048),
        ("ŵ", "regular", False, 1479 / 2048),  # as w (not in the table)
        ("计", "regular", False, 1.0),
        ("，", "regular", False, 1.0),
        ("“", "regular", False, 909 / 2048),
        ("“", "regular", True, 1.0),  # an East Asian document sets it in the East Asian face
        ("ש", "regular", False, measure.UNKNOWN),
    ],
)
def test_a_characters_width_is_the_face_word_sets_it_in(char: str, style: str, east_asian: bool, ems: float) -> None:
    assert measure.em_width(char, style, east_asian) == pytest.approx(ems)


def test_the_width_table_is_times_new_romans_metrics() -> None:
    """times.json against Liberation Serif (made to Times New Roman's metrics, fonts-liberation2),
    face by face and character by character; RESUMETEX_UPDATE_GOLDEN=1 writes it from the font."""
    from fontTools.ttLib import TTFont

    folder = Path("/usr/share/fonts/truetype/liberation2")
    files = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold italic": "BoldItalic"}
    table = {}
    for face, name in files.items():
        font = TTFont(folder / f"LiberationSerif-{name}.ttf")
        assert font["head"].unitsPerEm == measure.UNITS
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        points = [point for low, high in measure.RANGES for point in range(low, high + 1)]
        table[face] = [metrics[cmap[point]][0] if point in cmap else 0 for point in points]
    path = Path(measure.__file__).with_name("times.json")
    if os.environ.get("RESUMETEX_UPDATE_GOLDEN"):
        lines = [f"{json.dumps(face)}: {json.dumps(widths, separators=(',', ':'))}" for face, widths in table.items()]
        path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == table
