"""Whatever a user types comes out of the PDF as typed (typewriter quotes made typographic), and
can read, write or run nothing."""

import itertools
import json
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import hebrew_cv, pdf_text, reads_hebrew_in_order, reads_right_to_left, render, right_to_left_cv, squash
from resumetex.cli import main
from resumetex.errors import DataError, MissingGlyphsError
from resumetex.inline import clean, curly, markdown, text_of
from resumetex.load import load_cv

PAYLOADS = [
    r"\input{/etc/passwd}",
    r"\immediate\write18{touch pwned}",
    r'\input|"touch pwned"',
    r"^^5cinput{/etc/passwd}",
    r"\csname input\endcsname{/etc/passwd}",
    r"\catcode`X=0 Xinput{/etc/passwd}",
    r"\begin{input}{/etc/passwd}\end{input}",
    r"\newwrite\f\immediate\openout\f=pwned.tex\immediate\write\f{x}\closeout\f",
    r"\end{document}",
    r"}}}{{{ unbalanced \def\x{",
    r"& % $ # _ { } ~ ^ \ [ ] < > | ' \" ` -- --- ,, << >>",
    "x" * 300,
]


def cv_with_bullet(folder: Path, text: str, organization: str = "Org") -> Path:
    """A one-section CV whose only bullet is `text` (JSON is YAML; its \\u escapes carry any character)."""
    data = {
        "header": {"name": "Test"},
        "sections": [
            {
                "key": "experience",
                "title": "Work",
                "entries": [{"organization": organization, "start": "2020.01", "end": "present", "bullets": [text]}],
            }
        ],
    }
    source = folder / "cv.yaml"
    source.write_text(json.dumps(data), encoding="utf-8")
    return source


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_renders_literally_and_does_nothing(
    payload: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pdf = render(tmp_path, cv_with_bullet(tmp_path, payload, organization=payload))
    text = pdf_text(pdf)
    assert squash(curly(payload)) in squash(text)  # a plain field: as typed, with curly quotes
    assert squash(text_of(markdown(payload))) in squash(text)  # prose: as its Markdown reads
    assert "root:x:0" not in text  # /etc/passwd was not read in
    created = sorted(p.name for p in tmp_path.rglob("*"))
    assert created == ["cv.pdf", "cv.yaml", "out"]  # nothing written beside


@pytest.mark.parametrize(
    "text", ["leading\n\nand doubled\n\n\nnewlines\n", "\ttab\r\nCRLF\f\x00\x7f\u0085\u2028\u2029"]
)
def test_control_characters_follow_the_text_rule(text: str, tmp_path: Path) -> None:
    pdf = render(tmp_path, cv_with_bullet(tmp_path, text))
    assert clean(text) in pdf_text(pdf).replace("\n", " ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_emoji_as_phones_type_them_print_in_one_colour(lang: str, tmp_path: Path) -> None:
    """❤️ and 👍🏽 carry a colour mark and a skin tone, which no font draws: they stopped the
    render. The PDF draws each emoji in Symbola (fonts-symbola) and leaves the marks out; the
    page and the text keep the emoji as typed."""
    typed = "shipped \U0001f680 on time \u2705 love \u2764\ufe0f thanks \U0001f44d\U0001f3fd"
    source = tmp_path / "cv.yaml"
    section = {"key": "a", "kind": "bullets", "title": "A", "entries": [typed]}
    source.write_text(json.dumps({"lang": lang, "header": {"name": "T"}, "sections": [section]}), encoding="utf-8")
    pdf = render(tmp_path, source)
    assert "shipped \U0001f680 on time \u2705 love \u2764 thanks \U0001f44d" in pdf_text(pdf)
    with pdfplumber.open(pdf) as document:
        faces = {c["fontname"].split("+")[-1] for c in document.pages[0].chars if c["text"] in "\U0001f680\U0001f44d"}
    assert "Symbola" in faces  # (where a Noto face has an emoji, as Noto Sans Symbols 2 has 👍, it is that)
    result = CliRunner().invoke(main, ["render", str(source), "--format", "html,txt", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 0, result.output
    for form in ("html", "txt"):
        assert typed in (tmp_path / f"cv.{form}").read_text(encoding="utf-8")


def test_emoji_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    source = cv_with_bullet(tmp_path, "launch \U0001fae0 day")
    with pytest.raises(DataError) as caught:
        render(tmp_path, source)
    assert str(caught.value).startswith(
        f"{source}:1:168: sections[0].entries[0].bullets[0]: no font for '\U0001fae0' (U+1FAE0)"
    )
    assert "tried the theme's lmroman10-regular.otf" in str(caught.value)


def test_a_glyph_only_tex_misses_is_located_in_the_file_after_reordering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the fonts' character sets unreadable (validate then lets TeX decide), TeX's report
    of a character no face has is located in the file too."""
    monkeypatch.setattr("resumetex.glyphs.missing", lambda *_: [])
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: en\nheader: {name: Test}\nsections:\n"
        "  - {key: a, kind: bullets, title: A, entries: [plain]}\n"
        "  - {key: b, kind: bullets, title: B, entries: [rocket \U0001fae0]}\n"
    )
    with pytest.raises(MissingGlyphsError) as caught:
        render(tmp_path, source, order=("b", "a"))
    assert str(caught.value).startswith(f"{source}:5:49: sections[1].entries[0]: no font for '\U0001fae0' (U+1FAE0)")


def test_greek_and_cyrillic_in_an_english_cv_are_set_in_noto_serif(tmp_path: Path) -> None:
    """Latin Modern has neither; the document is then set in Noto Serif instead of failing."""
    source = tmp_path / "en.yaml"
    source.write_text(
        "lang: en\nheader: {name: Test}\nsections: [{key: a, kind: text, title: A, entries: [Ελληνικά Русский]}]\n"
    )
    pdf = render(tmp_path, source)
    assert "Ελληνικά Русский" in pdf_text(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerif-Regular" in fonts and "LMRoman" not in fonts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_character_no_installed_font_has_is_found_by_validate(lang: str, tmp_path: Path) -> None:
    source = tmp_path / f"{lang}.yaml"
    section = "{key: a, kind: text, title: A, entries: [ok \U0001fae0]}"  # a character no installed font has
    source.write_text(f"lang: {lang}\nheader: {{name: Test}}\nsections: [{section}]\n")
    with pytest.raises(DataError) as caught:
        load_cv(source)
    assert str(caught.value).startswith(f"{source}:3:53: sections[0].entries[0]: no font for '\U0001fae0' (U+1FAE0)")
    assert "no installed font has these characters" in str(caught.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_scripts_the_theme_lacks_are_set_in_an_installed_font_that_has_them(lang: str, tmp_path: Path) -> None:
    """Devanagari, Georgian, Armenian and a smiley: in Noto's fonts for those scripts (fonts-noto-core)
    and a face of symbols (Symbola, or DejaVu Sans, whichever fontconfig lists first), shaped (the
    Devanagari vowel sign before its consonant), the rest untouched."""
    typed = "प्रिया शर्मा · ქართული · Հայերեն · \U0001f600"
    source = tmp_path / f"{lang}.yaml"
    source.write_text(
        json.dumps(
            {
                "lang": lang,
                "header": {"name": "Test"},
                "sections": [{"key": "a", "kind": "text", "title": "A", "entries": [typed]}],
            }
        ),
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    assert squash(typed) in squash(pdf_text(pdf))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for face in ("NotoSerifDevanagari-Regular", "NotoSerifGeorgian-Regular", "NotoSerifArmenian-Regular"):
        assert face in fonts
    assert "Symbola" in fonts or "DejaVuSans" in fonts
    with pdfplumber.open(pdf) as document:
        devanagari = [c["fontname"] for c in document.pages[0].chars if "\u0900" <= c["text"] <= "\u097f"]
    assert devanagari and all("NotoSerifDevanagari" in name for name in devanagari)


@pytest.mark.parametrize("point", ["בשנת 1999 **עד** 2024", "בשנת 1999 *עד* 2024", "**בשנת 1999** עד 2024"])
def test_bold_or_italic_inside_a_hebrew_sentence_keeps_its_order(point: str, tmp_path: Path) -> None:
    """A bold or italic word of a Hebrew sentence stands in the sentence's order: its run had
    ended at the bold, and the pieces were set left to right."""
    assert reads_hebrew_in_order(render(tmp_path, hebrew_cv(tmp_path, point)))


def test_a_dash_between_numbers_in_a_hebrew_sentence_stands_where_a_reader_puts_it(tmp_path: Path) -> None:
    """בשנים 1999–2023 ל-58 (in the years 1999–2023, to 58) reads, from the right: the word, 1999,
    the dash, 2023, ל, the hyphen, 58. XeTeX had set 1999–2023 and -58 as one word each, which the
    run reversed whole: the dash after 2023, the hyphen left of 58."""
    pdf = render(tmp_path, hebrew_cv(tmp_path, "בשנים 1999–2023 ל-58"))
    with pdfplumber.open(pdf) as document:
        chars = [(c["text"], c["x0"]) for c in document.pages[0].chars if c["size"] < 12]

    def at(text: str) -> list[float]:
        return [x for char, x in chars if char == text]

    order = ["ב", "ש", "נ", "י", "ם", "9", "1", "–", "3", "0", "ל", "-", "8", "5"]  # from the right
    assert all(at(a) and at(b) and min(at(a)) > max(at(b)) for a, b in itertools.pairwise(order))


def test_an_arabic_comma_after_a_latin_word_stays_beside_it(tmp_path: Path) -> None:
    """Python، تستخدمه ثلاث شركات (Python, used by three companies): the comma stands right after
    Python, before the Arabic run, as the bidirectional algorithm puts it; it had opened the run,
    and stood at its far end."""
    pdf = render(tmp_path, hebrew_cv(tmp_path, "Python، تستخدمه ثلاث شركات"))
    with pdfplumber.open(pdf) as document:
        chars = [c for c in document.pages[0].chars if c["size"] < 12]
    comma = [c["x0"] for c in chars if c["text"] == "،"]
    arabic = [c["x0"] for c in chars if c["text"] != "،" and unicodedata.bidirectional(c["text"][:1] or " ") == "AL"]
    python = [c["x1"] for c in chars if c["text"] in "Python"]
    assert comma and arabic and max(python) <= min(comma) < min(arabic)


def test_arabic_is_set_in_its_text_face_joined_and_right_to_left(tmp_path: Path) -> None:
    """Arabic text takes Noto Naskh, its text style (Kufi, which it had, is for display), shaped as
    Arabic: loaded by file, Naskh was shaped as Latin (it has Latin too), its letters unjoined and
    left to right."""
    pdf = render(tmp_path, hebrew_cv(tmp_path, "سعيد"))
    with pdfplumber.open(pdf) as document:
        letters = [c for c in document.pages[0].chars if unicodedata.bidirectional(c["text"][:1] or " ") == "AL"]
    assert letters and all("NotoNaskhArabic" in c["fontname"] for c in letters)
    x = {unicodedata.normalize("NFKC", c["text"]): c["x0"] for c in letters}  # (read as their joined forms)
    assert x["س"] > x["ع"] > x["ي"] > x["د"]  # the first letter at the right
    first = max(letters, key=lambda c: c["x0"])["text"]
    assert "INITIAL FORM" in unicodedata.name(first)  # joined to the next


def test_a_link_inside_a_hebrew_sentence_covers_its_own_words(tmp_path: Path) -> None:
    """A link's start and end stay around its words: a right-to-left run reversed across a link
    would swap them, and the link would cover the words after it."""
    pdf = render(tmp_path, hebrew_cv(tmp_path, "ראו [בלוג](https://example.com) שלי"))
    with pdfplumber.open(pdf) as document:
        (link,) = document.pages[0].hyperlinks
        chars = document.pages[0].chars
    inside = [c for c in chars if c["text"] in "בג"]  # (letters of the link alone)
    outside = [c for c in chars if c["text"] in "שיאר" and c["size"] < 12]  # the sentence's other words
    assert inside and all(link["x0"] - 1 <= c["x0"] and c["x1"] <= link["x1"] + 1 for c in inside)
    assert outside and all(c["x1"] <= link["x0"] + 1 or c["x0"] >= link["x1"] - 1 for c in outside)


def test_a_script_set_in_a_stand_in_face_is_bold_where_the_theme_sets_bold(tmp_path: Path) -> None:
    """An organization and a label (bold in the theme) in Hebrew or Devanagari take their family's
    bold face; a point stays regular. The stand-in had one face, so a bold title printed regular."""
    entry = {"organization": "אלביט मुंबई", "role": "r", "start": "2019", "bullets": ["חמץ कल"]}
    sections = [
        {"key": "x", "kind": "experience", "title": "X", "entries": [entry]},
        {"key": "y", "kind": "lines", "title": "Y", "entries": [{"label": "שפות भाषा", "details": "d"}]},
    ]
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "T"}, "sections": sections}), encoding="utf-8")
    with pdfplumber.open(render(tmp_path, source)) as document:
        faces = {c["text"]: c["fontname"].split("+")[-1] for c in document.pages[0].chars}
    # (the bold words and the point share no letter)
    assert {faces[c] for c in "אלביטשפות"} == {"NotoSerifHebrew-Bold"}
    assert {faces[c] for c in "मबभष"} == {"NotoSerifDevanagari-Bold"}
    assert {faces[c] for c in "חמץ"} == {"NotoSerifHebrew-Regular"}
    assert {faces[c] for c in "कल"} == {"NotoSerifDevanagari-Regular"}


def test_right_to_left_names_read_right_to_left(tmp_path: Path) -> None:
    """An Arabic and a Hebrew co-author, two words each: the first word stands at the right. (XeTeX
    shaped each word, but set the words left to right: محمد علي read علي محمد.)"""
    assert reads_right_to_left(render(tmp_path, right_to_left_cv(tmp_path)))


def test_a_hebrew_abbreviation_and_the_numbers_between_hebrew_words_keep_their_places(tmp_path: Path) -> None:
    """ד"ר (Dr.) is one word, and 1999 and 2024 stand between בשנת and עד as a reader orders them:
    the quote mark and each number had split the run, and its pieces were set left to right."""
    assert reads_hebrew_in_order(render(tmp_path, hebrew_cv(tmp_path)))


# Characters the default theme's fonts cover: ASCII, Latin-1, CJK, and the controls of the text rule.
TYPEABLE = st.sampled_from(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA1, 0x100) if c != 0xAD]
    + list("中文简历模型融合强化学习，。、：；“”（）《》")
    + ["\t", "\n", "\r", "\x00", "\u200b", "\u2028"]
)


def readable(text: str) -> bool:
    """Text whose reading pdftotext does not change: no Markdown markup, and no hyphen ending its
    line, which poppler takes for a word broken there and joins to the next line without it."""
    return "**" not in text and "](" not in text and bool(clean(text)) and not clean(text).endswith("-")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(TYPEABLE, min_size=1, max_size=60).filter(readable))
def test_any_typed_text_comes_out_as_typed(tmp_path: Path, text: str) -> None:
    pdf = render(tmp_path, cv_with_bullet(tmp_path, text, organization=text))
    shown = squash(pdf_text(pdf))
    assert squash(curly(clean(text))) in shown  # as typed, with typographic quotes
    assert squash(text_of(markdown(text))) in shown


def test_punctuation_at_a_bullets_start_never_touches_the_bullet_or_itself(tmp_path: Path) -> None:
    """`·（`, `（` and `“` open items: xeCJK squeezes the blank half of opening punctuation,
    and the ink of the bullet, the dot and the bracket must stay apart (seen as pixels)."""
    source = tmp_path / "cv.yaml"
    items = ["·（重点）负责模型训练", "（重点）负责模型训练", "“引号”开头的条目"]
    source.write_text(
        json.dumps(
            {
                "header": {"name": "张三"},
                "sections": [{"key": "s", "kind": "bullets", "title": "技能", "entries": items}],
            }
        ),
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        bullets = [c for c in page.chars if c["text"] == "•"]
        firsts = [c for c in page.chars if c["text"] in "重引"][:3]  # the first ideograph of each item
        assert len(bullets) == 3
        for bullet, first, marks in zip(bullets, firsts, (3, 2, 3), strict=True):
            area = page.crop((bullet["x0"] - 1, first["top"], first["x0"], first["bottom"]))
            image = area.to_image(resolution=600).original.convert("L")
            pixels = image.load()
            inked = [any(pixels[x, y] < 128 for y in range(image.height)) for x in range(image.width)]
            shapes = sum(1 for x, ink in enumerate(inked) if ink and (x == 0 or not inked[x - 1]))
            assert shapes == marks  # bullet, (dot,) bracket, or the two strokes of “


def test_control_characters_in_any_plain_field_stay_out_of_every_form(tmp_path: Path) -> None:
    """A NUL or an escape in a place, a phone, an e-mail, a tag, a row's label, a heading, the name,
    a section's title or the file's own words (as a tool's export may hold them) ended the Word file
    in a traceback and went as typed into the page, the Markdown and the text; every form now
    follows the text rule there too."""
    bad = "\x00\x1b\u200b"
    header = {
        "name": f"T{bad}" + "T" * 300,  # (Word's title property holds 255 characters)
        "interests": [f"Graph{bad}s"],
        "location": f"Ber{bad}lin",
        "phone": f"+49{bad} 30",
        "email": f"jane{bad}@example.org",
        "details": [{"label": f"Visa{bad}", "value": f"EU{bad}"}],
        "profiles": [{"label": f"Blog{bad}", "url": "https://blog.example.org"}],
    }
    entry = {
        "title": "Talk",
        "location": f"Ro{bad}me",
        "start": "2020",
        "end": "present",
        "links": [{"label": f"Slides{bad}", "url": "https://example.org/s"}],
        "bullets": [{"label": f"Lead{bad}", "text": "text"}],
    }
    project = {"title": "P", "groups": [{"heading": f"Res{bad}ults", "bullets": ["a", "b"]}]}
    sections = [
        {"key": "a", "kind": "entries", "title": f"Tal{bad}ks", "entries": [entry]},
        {"key": "p", "kind": "projects", "title": "P", "entries": [project]},
        {"key": "l", "kind": "lines", "title": "L", "entries": [{"label": f"Go{bad}", "details": "yes"}]},
    ]
    source = tmp_path / "cv.yaml"
    words = {"present": f"No{bad}w"}
    source.write_text(json.dumps({"lang": "en", "locale": words, "header": header, "sections": sections}))
    result = CliRunner().invoke(
        main, ["render", str(source), "--format", "docx,html,md,txt", "-o", str(tmp_path / "cv.pdf")]
    )
    assert result.exit_code == 0, result.output
    for form in ("html", "md", "txt"):
        shown = (tmp_path / f"cv.{form}").read_text(encoding="utf-8")
        assert not any(c in shown for c in bad)
        assert all(word in shown for word in ("Berlin", "Rome", "Results", "Talks", "Now", "Graphs"))
    import docx

    word = docx.Document(str(tmp_path / "cv.docx"))
    said = "\n".join(p.text for p in word.paragraphs) + "".join(c.text for t in word.tables for c in t._cells)
    assert "Berlin" in said and "jane@example.org" in said and not any(c in said for c in bad)
    assert word.core_properties.title.startswith("T" * 200) and word.core_properties.author.startswith("T" * 200)
    assert word.core_properties.subject == "Graphs" and "Talks" in said and "Now" in said


def test_a_link_with_a_control_character_is_a_located_error(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text('header:\n  name: T\n  homepage: "https://exa\\0mple.org"\nsections: []\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_cv(source)
    assert str(caught.value).startswith(
        f"{source}:3:13: header.homepage: a link with a control character in it (U+0000)"
    )


# Symbols résumés use (steps, ranks, circled numbers, checks) that Noto Serif lacks and Noto CJK has.
SYMBOLS = "→ ⇒ ① ⑩ ■ ★ Ⅱ ≤ ≈ √ ∞ ✓ ♀"
# Noto CJK draws ① and ⑩ with the glyphs of the dingbats ➀ and ➉, and xdvipdfmx's ToUnicode map
# names the later code point: pdfminer reads those, poppler reads the text as typed.
SHARED = {"➀": "①", "➉": "⑩"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_common_symbols_are_drawn_in_either_language(lang: str, tmp_path: Path) -> None:
    """In a Chinese CV, xeCJK gives a character not wide (→, ①) to the Latin face; where that lacks
    it, the Chinese face sets it (the render failed with "no font"). In an English one set in Noto
    (its Greek asks for it), a symbol Noto Sans has and Noto Serif lacks was taken as drawn, and
    the render failed too; now a stand-in face sets it. In a heading and in the text alike."""
    source = tmp_path / f"{lang}.yaml"
    entries = [f"α {SYMBOLS}", f"中文 {SYMBOLS}"]
    section = {"key": "a", "kind": "bullets", "title": f"A {SYMBOLS}", "entries": entries}
    source.write_text(json.dumps({"lang": lang, "header": {"name": "Test"}, "sections": [section]}))
    pdf = render(tmp_path, source)
    typed = SYMBOLS.replace(" ", "")
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert sorted(char for char in shown if char in typed) == sorted(typed * 3)
    with pdfplumber.open(pdf) as document:
        chars = [(SHARED.get(c["text"], c["text"]), c["fontname"]) for c in document.pages[0].chars]
    drawn = [(char, font) for char, font in chars if char in typed]
    assert sorted(char for char, _ in drawn) == sorted(typed * 3)
    if lang == "zh":  # as Chinese text prints them: in the Chinese face
        assert all("CJK" in font for _, font in drawn)


def test_a_symbol_noto_has_takes_a_face_of_its_own_not_the_whole_document(tmp_path: Path) -> None:
    """A rupee sign or a fraction Latin Modern lacks set the whole English CV in Noto Serif, as
    Greek letters do; now only the symbol is (a stand-in face), the text stays in Latin Modern."""
    source = tmp_path / "en.yaml"
    section = {"key": "a", "kind": "bullets", "title": "A", "entries": ["CTC ₹12 LPA, ⅓ of the team"]}
    source.write_text(json.dumps({"lang": "en", "header": {"name": "Test"}, "sections": [section]}))
    pdf = render(tmp_path, source)
    assert "CTC ₹12 LPA, ⅓ of the team" in pdf_text(pdf)
    with pdfplumber.open(pdf) as document:
        fonts = {c["text"]: c["fontname"].split("+")[-1] for c in document.pages[0].chars}
    assert fonts["C"].startswith("LMRoman") and fonts["₹"] == fonts["⅓"] == "NotoSerif-Regular"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stand_ins_of_two_faces_side_by_side_each_keep_their_own(lang: str, tmp_path: Path) -> None:
    """A heart and an arrow, neither in the theme's faces, typed together: the run took the
    heart's face, which has no arrow, and the render failed ("no font")."""
    source = tmp_path / f"{lang}.yaml"
    typed = "I ❤→ code, Ελληνικά"  # (Greek: the English CV is set in Noto Serif, which lacks →)
    section = {"key": "a", "kind": "bullets", "title": "A", "entries": [typed]}
    source.write_text(json.dumps({"lang": lang, "header": {"name": "Test"}, "sections": [section]}))
    assert squash(typed) in squash(pdf_text(render(tmp_path, source)))


@pytest.mark.parametrize("name", ["ศิริพร ใจดี", "Noa 😀 Levi"])
def test_a_name_the_theme_lacks_is_drawn_in_the_footer_too(name: str, tmp_path: Path) -> None:
    """From page 2 on, the footer prints the owner's name. It came from the PDF's metadata, plain
    text with no stand-in face, and a Thai name or an emoji in one failed any CV of two pages."""
    source = tmp_path / "en.yaml"
    section = {"key": "a", "kind": "bullets", "title": "A", "entries": [f"Point {n}" for n in range(90)]}
    source.write_text(json.dumps({"lang": "en", "header": {"name": name}, "sections": [section]}))
    pdf = render(tmp_path, source)
    page = ["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"]
    footer = subprocess.run(page, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    assert squash(footer) == squash(name) + "2/2"


# Pieces of text from every corner a CV's fields have met: symbols, emoji, other scripts, marks,
# controls, TeX's and Markdown's specials. Every installed face set leaves none of them undrawn.
PIECES = [
    *(
        "→",
        "①",
        "★",
        "₹",
        "❤️",
        "😀",
        "👩\u200d💻",
        "ไทย",
        "עברית",
        "عربي",
        "हिन्दी",
        "Ελ",
        "Жж",
        "中文",
        "「」",
        "e\u0301",
    ),
    *("\x00", "\x1b", "\u200b", "\u202e", "\n\n", "\t", "**", "*", "_", "`", "[", "]", "\\", "{", "}", "%", "$", "#"),
    *("~", "^", "&", "--", "'", '"', "<b>", "a" * 80, " ", "2021", "present", "x"),
]
TYPED = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
FIELDS = [
    ("header", "name"),
    ("header", "headline"),
    ("header", "location"),
    ("section", "title"),
    ("entry", "title"),
    ("entry", "subtitle"),
    ("entry", "location"),
    ("entry", "summary"),
    ("bullet", "label"),
    ("bullet", "text"),
]


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lang=st.sampled_from(["en", "zh"]), typed=st.lists(st.tuples(st.sampled_from(FIELDS), TYPED), max_size=4))
def test_any_text_in_any_field_renders_in_every_form(
    lang: str, typed: list[tuple[tuple[str, str], str]], tmp_path: Path
) -> None:
    """Text put together from those pieces, in any of the fields, in a CV of two pages (its
    footer prints the name): every form is written, or the error is one located line, never a
    traceback. (Each of these once failed: a NUL in the name, ❤→ side by side, → in a Chinese CV,
    a Thai name in the footer.)"""
    bullet = {"label": "Lead", "text": "Point"}
    entry = {"title": "Entry", "date": "2020", "bullets": [bullet, *(f"Point {n}" for n in range(60))]}
    section = {"key": "a", "kind": "entries", "title": "A", "entries": [entry]}
    cv = {"lang": lang, "header": {"name": "Ann Lee"}, "sections": [section]}
    places = {"header": cv["header"], "section": section, "entry": entry, "bullet": bullet}
    for (where, field), text in typed:
        places[where][field] = text + places[where].get(field, "")
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # (one for each example: the fixture is the test's)
    source = folder / "cv.yaml"
    source.write_text(json.dumps(cv))
    output = folder / "out" / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(source), "--no-cache", "--format", "all", "-o", str(output)])
    assert result.exit_code == 0, result.output
    written = {p.suffix for p in output.parent.iterdir()}
    assert written == {".pdf", ".html", ".docx", ".md", ".txt", ".json", ".png"}
