"""Shared helpers: render through the real pipeline and read the PDF as a reader would."""

import itertools
import json
import os
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest

from resumetex.dates import is_present, parse_date
from resumetex.inline import chinese_quotes, markdown, text_of
from resumetex.layout import Emphasis, Words
from resumetex.load import load_cv
from resumetex.locales import locale_for
from resumetex.model import CV
from resumetex.pipeline import RenderRequest, render_pdf

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_ZH = FIXTURES / "seed.zh.yaml"
SEED_EN = FIXTURES / "seed.en.yaml"


# How a label meets its text in each form, as the language writes it: a space after a Latin
# colon, none after a Chinese one (its width holds its own space).
LABELLED = {
    "engineer.en": ("Nationality: Swedish", "Migration: Moved 140 services"),
    "photo.zh": ("出生年月：1995.07", "网关重构：将单体网关拆分"),
}


def right_to_left_cv(folder: Path) -> Path:
    """An English CV whose paper has an Arabic and a Hebrew co-author, two words each, side by
    side (a comma between them)."""
    authors = ["Jane Doe", "محمد علي", "דוד כהן", "Eve Ng"]
    section = {"key": "p", "kind": "publications", "title": "P", "entries": [{"authors": authors, "title": "T"}]}
    source = folder / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "Test"}, "sections": [section]}), encoding="utf-8")
    return source


def reads_right_to_left(pdf: Path) -> bool:
    """Whether each of right_to_left_cv's two names stands with its first word at the right, and the
    Arabic one left of the Hebrew one, as the list has them, on `pdf`'s first page."""
    with pdfplumber.open(pdf) as document:
        # (NFKC: a face may name its glyphs by Arabic's presentation forms)
        at = [(unicodedata.normalize("NFKC", c["text"]), c["x0"]) for c in document.pages[0].chars]

    def where(letters: str) -> list[float]:
        return [x for text, x in at if text and text in letters]

    in_order = max(where("محمدعلي")) < min(where("דוכהן"))
    # letters only a name's first word has, against its second word's
    return in_order and min(where("حد")) > max(where("علي")) and min(where("דו")) > max(where("כהן"))


def hebrew_cv(folder: Path, point: str = "בשנת 1999 עד 2024") -> Path:
    """An English CV with a Hebrew name whose title is abbreviated with a quote mark (ד"ר: Dr.),
    and a Hebrew point with numbers between its words (in 1999 to 2024)."""
    section = {"key": "p", "kind": "bullets", "title": "P", "entries": [point]}
    source = folder / "cv.yaml"
    cv = {"lang": "en", "header": {"name": 'ד"ר משה כהן'}, "sections": [section]}
    source.write_text(json.dumps(cv, ensure_ascii=False), encoding="utf-8")
    return source


def reads_hebrew_in_order(pdf: Path) -> bool:
    """Whether hebrew_cv's name and point read right to left, as Unicode's bidirectional
    algorithm orders them: the quote mark and the numbers in their places, each number's digits
    left to right."""
    with pdfplumber.open(pdf) as document:
        chars = [(c["text"], c["x0"], c["size"] > 12) for c in document.pages[0].chars]  # the name is large

    def right_to_left(in_name: bool, *letters: str) -> bool:  # each standing left of the one before
        spans = [[x for text, x, large in chars if text == letter and large == in_name] for letter in letters]
        return all(spans) and all(min(a) > max(b) for a, b in itertools.pairwise(spans))

    name = right_to_left(True, "ד", '"', "ר", "מ", "ש", "כ", "ן")
    point = right_to_left(False, "ב", "ש", "נ", "ת", "9", "ע", "ד", "4")
    return name and point and right_to_left(False, "9", "1") and right_to_left(False, "4", "0")  # not 9991


def pdf_text(pdf: Path) -> str:
    """The PDF's text in reading order, as pdftotext gives it."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


# The band at a page's foot that holds the footer (the owner's name, "2/3") from page 2 on: with
# the default 1.5 cm margin the text ends 1.2 cm above the edge and the footer sits 0.5 cm above it.
FOOTER_BAND = 1.0 * 72 / 2.54  # pt


def body_text(pdf: Path) -> str:
    """pdftotext's text of the pages without their footers: a paragraph that runs on to the
    next page reads on unbroken."""
    with pdfplumber.open(pdf) as document:
        sizes = [(page.width, page.height) for page in document.pages]
    pages = []
    for number, (width, height) in enumerate(sizes, start=1):
        crop = ["-x", "0", "-y", "0", "-W", str(int(width)), "-H", str(int(height - FOOTER_BAND))]
        command = ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), *crop, str(pdf), "-"]
        pages.append(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    return "".join(pages)


def squash(text: str) -> str:
    """Text without whitespace: CJK lines break anywhere, so compare without it."""
    return re.sub(r"\s+", "", text)


def bold_map(pdf: Path) -> tuple[str, list[bool]]:
    """The page text without spaces, and for each character whether its font is bold."""
    chars: list[str] = []
    bold: list[bool] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for char in page.chars:
                if char["text"].strip() and char["top"] < page.height - FOOTER_BAND:  # not the footer
                    chars.append(char["text"])
                    bold.extend(["Bold" in char["fontname"]] * len(char["text"]))  # a ligature is several
    return "".join(chars), bold


def is_bold(pdf: Path, term: str) -> list[bool]:
    """For each occurrence of `term` in the PDF, whether every glyph of it is bold."""
    text, bold = bold_map(pdf)
    needle = squash(term)
    return [all(bold[m.start() : m.end()]) for m in re.finditer(re.escape(needle), text)]


def strings(data: object, path: str = "") -> list[tuple[str, str]]:
    """Every string in `data` with its field path, e.g. ('sections[0].title', '教育背景')."""
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in strings(v, f"{path}.{k}" if path else str(k))]
    if isinstance(data, list):
        return [item for i, v in enumerate(data) for item in strings(v, f"{path}[{i}]")]
    return []


def visible_strings(cv: CV) -> list[str]:
    """Every string of the CV that a reader must find in the PDF, without markup (quotes around
    Chinese text as the language writes them)."""
    quotes = locale_for(cv).quotes
    shown = []
    for path, value in strings(cv.model_dump()):
        if path.startswith(("design.", "variants.", "locale.")) or ".tags[" in path or path == "lang":
            continue  # settings, not text
        if path.endswith((".url", ".key", ".kind", ".numbering", "homepage", ".photo", ".network", ".username")):
            continue  # not shown, or shown in another form (a profile's username: its title or its link)
        if path.endswith((".start", ".end", ".date")):
            if is_present(value):
                continue
            value = Words(locale_for(cv), Emphasis(), cv.design).date(parse_date(value))
        shown.append(text_of(markdown(chinese_quotes(value, quotes))))
    return shown


MAIN_FIELDS = ("title", "organization", "school", "label", "text")


def reading_order(cv: CV) -> list[str]:
    """What a reader meets, in order: the name, then each section's title and the main string of
    each of its entries (a title, an organization, a school, a label, a bullet's text), then the
    entry's groups (heading, points) and its own points."""
    quotes = locale_for(cv).quotes

    def shown(text: str) -> str:
        return text_of(markdown(chinese_quotes(text, quotes)))

    order = [cv.header.name]
    for section in cv.sections:
        order.append(section.title)
        for entry in section.entries:
            main = next((getattr(entry, field) for field in MAIN_FIELDS if getattr(entry, field, None)), None)
            if main:
                order.append(shown(main))
            for group in getattr(entry, "groups", []):
                order += [group.heading, *(shown(point.text) for point in group.bullets)]
            points = getattr(entry, "bullets", [])  # a bullet's own points are strings
            order += [shown(point if isinstance(point, str) else point.text) for point in points]
            for role in getattr(entry, "roles", []):  # each position, then its points
                order += [shown(role.role), *(shown(point.text) for point in role.bullets)]
    return order


def in_order(strings: list[str], text: str) -> list[str]:
    """The strings not found in `text` after the one before them (whitespace ignored)."""
    flat, at, lost = squash(text), 0, []
    for string in strings:
        found = flat.find(squash(string), at)
        if found < 0:
            lost.append(string)
        else:
            at = found + len(squash(string))
    return lost


def chromium(*arguments: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Headless Chromium from Debian's package, kept off the network."""
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={folder / 'profile'}",
    ]
    return subprocess.run(["chromium", *flags, *arguments], capture_output=True, text=True, timeout=120)


def typed_cv(folder: Path, typed: str, prose: bool = False) -> Path:
    """A CV holding `typed` as a section title, an entry title and a location, and with `prose`
    as the name and headline too (they read Markdown). JSON is YAML: any text is written exactly."""
    header = {"name": typed, "headline": typed} if prose else {"name": "Test"}
    section = {"key": "a", "kind": "entries", "title": typed, "entries": [{"title": typed, "location": typed}]}
    source = folder / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": header, "sections": [section]}), encoding="utf-8")
    return source


def render(tmp_path: Path, source: Path = SEED_ZH, **options: object) -> Path:
    """Render through the real pipeline; the engine always runs unless `use_cache=True`."""
    output = tmp_path / "out" / "cv.pdf"
    options.setdefault("use_cache", False)
    return render_pdf(RenderRequest(source=source, output=output, **options)).pdf  # type: ignore[arg-type]


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never read or fill the user's own render cache."""
    folder = tmp_path_factory.mktemp("cache")
    saved = os.environ.get("RESUMETEX_CACHE_DIR")
    os.environ["RESUMETEX_CACHE_DIR"] = str(folder)
    yield folder
    if saved is None:
        del os.environ["RESUMETEX_CACHE_DIR"]
    else:
        os.environ["RESUMETEX_CACHE_DIR"] = saved


SHAPES = ["academic.en", "engineer.en", "photo.zh", "seed.zh", "seed.en", "taiwan.zh-TW"]  # the fixture résumés


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture résumé rendered once."""
    return {name: render(tmp_path_factory.mktemp(name), FIXTURES / f"{name}.yaml") for name in SHAPES}


@pytest.fixture(scope="session")
def seed_cv() -> CV:
    return load_cv(SEED_ZH)


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed résumé rendered once with default options."""
    return render(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def english_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("en"), SEED_EN, lang="en")
