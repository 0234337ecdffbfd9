"""User text → inline runs: the text rule, then Markdown, and links checked as rendered."""

from pathlib import Path

import pytest

from conftest import pdf_text
from resumetex.inline import Run, check_links, clean, emphasize, markdown, plain, unstyled


def test_text_rule_folds_whitespace_and_drops_invisibles() -> None:
    raw = "\ta\r\nb\u2028c\x00d\u200be\u202ef\x7f\u0085g  "
    assert clean(raw) == "a b cdef g"


def test_ideographic_and_no_break_spaces_are_kept() -> None:
    assert clean("中\u3000文\u00a0x") == "中\u3000文\u00a0x"


def test_markdown_bold_italic_links_and_escapes() -> None:
    assert markdown(r"a **b** *c* \*d\* [e](https://x.org/a_(b))") == (
        Run("a "),
        Run("b", bold=True),
        Run(" "),
        Run("c", italic=True),
        Run(" *d* "),
        Run("e", url="https://x.org/a_(b)"),
    )


def test_plain_text_keeps_markdown_characters() -> None:
    assert plain("a **b** [c](d)") == (Run("a **b** [c](d)"),)


def test_html_and_entities_stay_text() -> None:
    assert markdown("<b>x</b> &amp; {{y}}") == (Run("<b>x</b> &amp; {{y}}"),)


@pytest.mark.parametrize(
    "source, bold",
    [
        ("首次提出了**基于偏好优化的隐式模型融合**研究问题", "基于偏好优化的隐式模型融合"),
        ("**研究成果：**后面", "研究成果："),
        ("同时**降低了 20% 至 30% 的计算成本**", "降低了 20% 至 30% 的计算成本"),
    ],
)
def test_bold_beside_chinese_punctuation(source: str, bold: str) -> None:
    assert [run.text for run in markdown(source) if run.bold] == [bold]


def test_links_are_checked_after_the_text_rule() -> None:
    """An invisible character between ] and ( would hide a link from a check of the raw text."""
    for hidden in ("\u200b", "\u00ad", "\u200f", "\x07"):
        with pytest.raises(ValueError, match="smb://host/share"):
            check_links(f"[x]{hidden}(smb://host/share)")
    assert check_links("[x](https://ok.org)") == "[x](https://ok.org)"


def test_script_links_are_errors() -> None:
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"):
        with pytest.raises(ValueError, match="is not a link resumetex will write"):
            check_links(f"[x]({url})")


def test_emphasis_terms_are_bold_wherever_they_appear() -> None:
    runs = emphasize(plain("基于 DAPO 算法, Ziyi Yang"), ("DAPO", "Ziyi Yang"))
    assert [(r.text, r.bold) for r in runs] == [
        ("基于 ", False),
        ("DAPO", True),
        (" 算法, ", False),
        ("Ziyi Yang", True),
    ]


def test_longer_terms_win_over_their_prefixes() -> None:
    runs = emphasize(plain("FuseChat-3.0 FuseChat"), ("FuseChat", "FuseChat-3.0"))
    assert [(r.text, r.bold) for r in runs] == [("FuseChat-3.0", True), (" ", False), ("FuseChat", True)]


def test_unstyled_drops_the_files_bold_and_keeps_links() -> None:
    assert unstyled(markdown("**a** [b](https://x.org)")) == (Run("a"), Run(" "), Run("b", url="https://x.org"))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Master's student", "Master’s student"),
        ("the students' work", "the students’ work"),
        ('the 2024 "Tianhe Star" award', "the 2024 “Tianhe Star” award"),
        ("say 'hi' now", "say ‘hi’ now"),
        ("no quotes *here*", "no quotes *here*"),
    ],
)
def test_typewriter_quotes_are_shown_typographic_in_plain_text_and_prose(typed: str, shown: str) -> None:
    assert plain(typed) == (Run(shown),)
    assert "".join(run.text for run in markdown(typed)) == shown.replace("*here*", "here")


def test_an_emphasis_term_typed_with_a_typewriter_quote_still_matches() -> None:
    runs = emphasize(plain("Master's student"), ("Master's",))
    assert runs == (Run("Master’s", bold=True), Run(" student"))


def test_the_pdf_shows_typographic_quotes(english_pdf: Path) -> None:
    text = pdf_text(english_pdf)
    assert "Master’s student" in text and "“Tianhe Star”" in " ".join(text.split())
    assert "Master's" not in text and '"Tianhe' not in text
