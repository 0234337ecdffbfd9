"""What a parser reads: the PDF's text through three extractors that read it differently —
poppler's pdftotext (which follows ActualText), pdfminer.six (what most résumé parsers use; it
takes only the glyphs' Unicode mapping and their positions) and MuPDF (PyMuPDF). Each must give
every string of the CV with its words whole, no ideograph split from the next, no U+2011 for a
hyphen and no private-use character (an icon font's glyph)."""

import json
import re
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pymupdf
import pytest
from pdfminer.high_level import extract_text

from conftest import FIXTURES, SHAPES, visible_strings
from resumetex import icons
from resumetex.load import load_cv
from resumetex.pipeline import RenderRequest, render_pdf


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout


def pdfminer(pdf: Path) -> str:
    return str(extract_text(pdf))


def mupdf(pdf: Path) -> str:
    with pymupdf.open(pdf) as document:
        return "\n".join(page.get_text() for page in document)


EXTRACTORS: dict[str, Callable[[Path], str]] = {"pdftotext": pdftotext, "pdfminer": pdfminer, "mupdf": mupdf}


def wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def read(text: str) -> str:
    """Extracted text as one line: a line break is a space, except between two wide characters
    (Chinese lines break anywhere); a space beside exactly one wide character (the gap xeCJK puts
    between Chinese and Latin text) is dropped. A space between two ideographs stays: it is a
    split the reader would see."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        joined += ("" if wide(joined[-1]) and wide(line[0]) else " ") + line
    return drop_spaces(joined, lambda before, after: wide(before) != wide(after))


def typed(value: str) -> str:
    """A string of the CV as the reader should get it: spaces next to wide characters are not
    printed (xeCJK sets its own gap there)."""
    return drop_spaces(" ".join(value.split()), lambda before, after: wide(before) or wide(after))


def drop_spaces(text: str, drop: Callable[[str, str], bool]) -> str:
    kept = []
    for i, char in enumerate(text):
        if char == " " and 0 < i < len(text) - 1 and drop(text[i - 1], text[i + 1]):
            continue
        kept.append(char)
    return "".join(kept)


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", SHAPES)
def test_every_string_is_read_whole(name: str, extractor: str, rendered: dict[str, Path]) -> None:
    raw = EXTRACTORS[extractor](rendered[name])
    text = read(raw)
    strings = [s for s in visible_strings(load_cv(FIXTURES / f"{name}.yaml")) if s.strip()]
    assert len(strings) > 20
    assert [s for s in strings if typed(s) not in text] == []
    odd = sorted({f"U+{ord(c):04X}" for c in raw if c == "\u2011" or unicodedata.category(c) == "Co"})
    assert odd == [], "a non-breaking hyphen or a private-use character"


def test_the_reading_is_strict_enough_to_fail() -> None:
    """The comparison itself: a letter-spaced ideograph, lost word spaces, a hyphen read as
    U+2011 and a broken ligature are each caught."""
    assert typed("模型融合") not in read("模 型 融 合")
    assert typed("Ziyi Yang, Fanqi Wan") not in read("ZiyiYang,FanqiWan")
    assert typed("Qwen2.5-7B") not in read("Qwen2.5\u20117B")
    assert typed("more efficient target") not in read("more ef fi cient target")
    assert typed("主导 Qwen-Doc 模型的") in read("主导Qwen-Doc模型\n的")


def test_contact_icons_are_accent_shapes_just_before_each_contact(seed_pdf: Path) -> None:
    with pdfplumber.open(seed_pdf) as document:
        page = document.pages[0]
        words = {word["text"]: word for word in page.extract_words()}
        shapes = [c for c in page.curves if c["fill"] and c["non_stroking_color"] == (0.106, 0.31, 0.541)]
    for contact in ("19924680829", "yangzy39@mail2.sysu.edu.cn", "yangzy39.github.io"):
        word = words[contact]
        beside = [
            s
            for s in shapes
            if word["x0"] - 8 < s["x1"] <= word["x0"] and s["top"] < word["bottom"] and s["bottom"] > word["top"]
        ]
        assert beside, contact


def test_every_contact_kind_has_an_icon_and_an_unknown_one_the_link() -> None:
    defined = icons.definitions([*icons.ICONS, "mastodon"])  # (FontAwesome 4.7 has no icon of Mastodon's)
    assert len(defined) == len(icons.ICONS) + 1
    paths = dict(re.fullmatch(r"\\cvdefineicon\{(\w+)\}\{[\d.]+\}\{(.+)\}", line).groups() for line in defined)  # type: ignore[union-attr]
    assert all(
        re.fullmatch(r"(-?[\d.]+ -?[\d.]+ (-?[\d.]+ ){0,4}[mlc]|h)( (-?[\d.]+ ){2,6}[mlc]| h)+", p)
        for p in paths.values()
    )
    assert paths["mastodon"] == paths["link"] and paths["phone"] != paths["email"]
    assert len(set(paths.values())) == len(icons.ICONS)  # each icon its own shape


def test_kept_icon_outlines_are_those_this_code_works_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path))
    icons.outlines.cache_clear()
    try:
        made = icons.outlines()
        kept = json.loads((tmp_path / "icons.json").read_text(encoding="utf-8"))
        kept["value"]["phone"][1] = "0 0 m 1 1 l"  # as other code might have worked it out
        (tmp_path / "icons.json").write_text(json.dumps(kept), encoding="utf-8")
        icons.outlines.cache_clear()
        assert icons.outlines()["phone"][1] == "0 0 m 1 1 l"  # kept: not worked out again
        monkeypatch.setattr(icons, "code_digest", lambda: "a newer checkout, the same version")
        icons.outlines.cache_clear()
        assert icons.outlines()["phone"] == made["phone"]
    finally:
        icons.outlines.cache_clear()


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_word_that_starts_with_the_bytes_of_utf16s_mark_is_read(extractor: str, tmp_path: Path) -> None:
    """xdvipdfmx records a run of Latin-1 text as its bytes, so one that starts þÿ is FE FF, which
    a reader takes for UTF-16's mark: poppler and MuPDF read nothing where it stood."""
    section = {"key": "s", "kind": "bullets", "title": "S", "entries": ["þÿa and þÿ"]}
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "þÿ"}, "sections": [section]}), encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    render_pdf(RenderRequest(source=source, output=pdf, use_cache=False))
    shown = read(EXTRACTORS[extractor](pdf))
    assert "þÿa and þÿ" in shown and shown.count("þÿ") == 3  # (the name too)


JOINED = "\u00a0".join(["mot"] * 8) + "\u202f" + "\u2007".join(["000"] * 8)
SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u202f\u205f"  # U+200A: see below


@pytest.fixture(scope="module")
def spaced_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A Chinese and an English CV with every space of a set width Unicode has, each in a number
    (10 000) and between words; and a paragraph of French whose marks keep their narrow space."""
    made = {}
    for lang, name in (("en", "Jean Dupont"), ("zh", "李明")):
        folder = tmp_path_factory.mktemp(lang)
        points = [f"U{ord(space):04X} 10{space}000 x" for space in (*SPACES, "\u200a")]
        french = " ".join(f"Pourquoi\u202f? Le {n}\u202f000e jour\u202f: {n}\u2007000\u00a0€." for n in range(60))
        # where the paragraph is cut into pieces (markup.PARAGRAPH_PIECE): words no-break spaces join
        french = french[:1990] + " " + JOINED + " fin. " + french[1990:]
        sections = [
            {"key": "s", "kind": "bullets", "title": "Spaces", "entries": points},
            {"key": "f", "kind": "text", "title": "Français", "entries": [french]},
        ]
        source = folder / "cv.yaml"
        source.write_text(json.dumps({"lang": lang, "header": {"name": name}, "sections": sections}), encoding="utf-8")
        made[lang] = render_pdf(RenderRequest(source=source, output=folder / "cv.pdf", use_cache=False)).pdf
    return made


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_spaces_of_set_widths_print_as_spaces(lang: str, extractor: str, spaced_pdfs: dict[str, Path]) -> None:
    """A thin space (10 000), an em space, French's narrow no-break space: the fonts draw none of
    them, and the render had stopped at "no font of the document has '\\u202f'". Each is TeX's
    space of its width and reads back as a space; a hair space (1/12 em) is too narrow to."""
    shown = read(EXTRACTORS[extractor](spaced_pdfs[lang]))  # (MuPDF reads an em space as a line's end)
    for space in SPACES:
        assert f"U{ord(space):04X} 10 000 x" in shown
    assert "U200A 10000 x" in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_narrow_no_break_space_never_ends_a_line(lang: str, spaced_pdfs: dict[str, Path]) -> None:
    """French's mark stays on the line of its word (Pourquoi ?), a number's groups together, and
    so does what a figure space or a no-break space joins (a very long paragraph is set in pieces,
    which had been cut at a no-break space too)."""
    lines = pdftotext(spaced_pdfs[lang]).splitlines()
    french = [" ".join(line.split()) for line in lines[lines.index("Français") + 1 :]]  # (\xa0 read as such)
    assert len(french) > 5 and "Pourquoi ? Le 0 000e jour : 0 000 €." in " ".join(french)
    assert any(" ".join(JOINED.split()) in line for line in french)
    for line in french:
        assert not line.startswith(("?", ":", "000", "€")) and not re.search(r"(Pourquoi|jour)$", line.strip())
