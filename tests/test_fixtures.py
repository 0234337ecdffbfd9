"""Résumés of other shapes, rendered and read back through the PDF as a reader gets them."""

import re
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES, SHAPES, is_bold, pdf_text, squash, visible_strings
from resumetex.inline import markdown, text_of
from resumetex.load import load_cv


def links(pdf: Path) -> set[str]:
    with pdfplumber.open(pdf) as document:
        return {link["uri"] for page in document.pages for link in page.hyperlinks}


@pytest.mark.parametrize("name", SHAPES)
def test_every_string_reaches_the_pdf(name: str, rendered: dict[str, Path]) -> None:
    text = squash(pdf_text(rendered[name]))
    cv = load_cv(FIXTURES / f"{name}.yaml")
    missing = [s for s in visible_strings(cv) if squash(s) not in text]
    assert missing == []


@pytest.mark.parametrize("name", SHAPES)
def test_sections_and_entries_in_file_order(name: str, rendered: dict[str, Path]) -> None:
    text = squash(pdf_text(rendered[name]))
    cv = load_cv(FIXTURES / f"{name}.yaml")
    firsts = []
    for section in cv.sections:
        firsts.append(section.title)
        for entry in section.entries:
            data = entry.model_dump()
            first = next(data[k] for k in ("school", "organization", "title", "label", "text") if data.get(k))
            firsts.append(entry.authors[0] if hasattr(entry, "authors") else first)
    cursor = 0
    for string in firsts:
        found = text.find(squash(text_of(markdown(string))), cursor)
        assert found >= 0, f"{string!r} is missing or out of order"
        cursor = found


def test_the_photo_is_on_page_one(rendered: dict[str, Path]) -> None:
    with pdfplumber.open(rendered["photo.zh"]) as document:
        assert len(document.pages[0].images) == 1
        assert (
            document.pages[0].images[0]["x0"] > document.pages[0].width / 2
        )  # at the right, as Chinese résumés have it
    with pdfplumber.open(rendered["seed.zh"]) as document:
        assert document.pages[0].images == []


def test_dates_keep_their_precision(rendered: dict[str, Path]) -> None:
    academic = pdf_text(rendered["academic.en"])
    assert "2019 – 2021" in academic and "2021 – Present" in academic  # a start alone: ongoing
    assert "2015.01" not in academic and "May 2024" not in academic  # no invented month; design's YYYY.MM
    assert "2024.05" in academic and "2022.03.28" in academic
    engineer = pdf_text(rendered["engineer.en"])
    assert "2023.11.14" in engineer and "2018.06" in engineer and "2020.02 – Present" in engineer


def test_profiles_and_contacts_are_links(rendered: dict[str, Path]) -> None:
    assert {
        "https://scholar.google.com/citations?user=AbCdEfGhIjk",
        "https://orcid.org/0000-0002-1825-0097",
        "https://github.com/hob-lab",
        "https://x.com/hob_lab",
        "https://dblp.org/pid/123/4567",
        "https://huggingface.co/hob-lab",
        "https://doi.org/10.5555/rt.2024.000",
    } <= links(rendered["academic.en"])
    assert {
        "https://www.linkedin.com/in/sofia-alvarez-nystrom",
        "https://hachyderm.io/@sofia",
        "tel:+46701234567",
        "https://sofia.example.org/incidents_(v2)",
    } <= links(rendered["engineer.en"])
    assert "tel:+8613800138000" in links(rendered["photo.zh"])


def test_mixed_scripts_render(rendered: dict[str, Path]) -> None:
    assert "Li Wei (李伟)" in pdf_text(rendered["academic.en"])  # a Chinese name in an English CV
    chinese = pdf_text(rendered["photo.zh"])
    assert "Łukasz Nowak" in chinese and "Zoë Müller" in chinese  # diacritics in a Chinese CV


def test_owner_bold_in_author_lists_and_italic_from_markdown(rendered: dict[str, Path]) -> None:
    assert all(is_bold(rendered["academic.en"], "HannahOkonkwo-Berg"))
    with pdfplumber.open(rendered["engineer.en"]) as document:
        fonts = {c["fontname"] for page in document.pages for c in page.chars if c["text"] in "Škoda"}
    assert any("Italic" in font for font in fonts)


def test_words_follow_the_files_language(rendered: dict[str, Path]) -> None:
    english = pdf_text(rendered["engineer.en"])
    assert "Present" in english and "至今" not in english and "GPA: 4.8/5" in english
    assert "GPA：3.8/4.0" in pdf_text(rendered["photo.zh"])


def test_authors_written_in_chinese_are_joined_by_commas_alone(rendered: dict[str, Path]) -> None:
    """As Chinese bibliographies list them (GB/T 7714): no English "and" before the last name;
    Latin names keep it, in a Chinese CV too."""
    assert "林怡君, 王建民. 以強化學習" in pdf_text(rendered["taiwan.zh-TW"])
    assert re.search(r"Tianyuan Shi, and\s+Xiaojun Quan", pdf_text(rendered["seed.zh"]))


def gap_after(pdf: Path, label: str) -> float:
    """The room in pt between `label`'s last glyph (its colon) and the next one, on page 1."""
    with pdfplumber.open(pdf) as document:
        chars = [c for c in document.pages[0].chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    end = text.index(label) + len(label) - 1
    return float(chars[end + 1]["x0"] - chars[end]["x1"])


def test_a_details_label_meets_its_value_as_the_language_writes_it(rendered: dict[str, Path]) -> None:
    """A full-width colon holds its own space, so none is added after it, as in GPA：3.8 on
    the same page; a Latin colon is followed by a word space."""
    assert abs(gap_after(rendered["photo.zh"], "出生年月：")) < 0.2
    assert abs(gap_after(rendered["photo.zh"], "GPA：")) < 0.2
    assert 2 < gap_after(rendered["engineer.en"], "Nationality:") < 4


def test_quotes_around_chinese_text_are_the_languages(rendered: dict[str, Path]) -> None:
    """The typographer cannot tell which of "…" opens in Chinese text (no space before either):
    the mainland's CV prints “…”, Taiwan's 「…」."""
    assert "2024 “天河之星”优秀" in pdf_text(rendered["seed.zh"])
    assert "「年度傑出工程師」" in pdf_text(rendered["taiwan.zh-TW"])
