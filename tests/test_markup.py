"""User text → LaTeX: literal by default, bold and links only where asked."""

from resumetex.markup import Emphasis, clean, escape, escape_url, prose, text

PLAIN = Emphasis()


def test_every_tex_special_is_neutralised() -> None:
    latex = text(r"& % $ # _ { } ~ ^ \ [ ] ` ' \" -- ,, << >>", PLAIN)
    for raw in ("&", "%", "$", "#", "_", "{", "}"):
        assert f"\\{raw}" in latex
    assert "\\textbackslash{}" in latex and "\\textasciicircum{}" in latex
    assert "--" not in latex.replace("-{}-", "") and ",{}," in latex and "<{}<" in latex


def test_text_rule_folds_whitespace_and_drops_invisibles() -> None:
    raw = "\ta\r\nb\u2028c\x00d\u200be\u202ef\x7f\u0085g  "
    assert clean(raw) == "a b cdef g"


def test_ideographic_and_no_break_spaces_are_kept() -> None:
    assert clean("中\u3000文\u00a0x") == "中\u3000文\u00a0x"


def test_bold_and_links_in_prose_only() -> None:
    assert prose("a **b** [c](https://x.org/?q=1&r=%20#s)", PLAIN) == (
        r"a \textbf{b} \cvlink{https://x.org/?q=1\&r=\%20\#s}{c}"
    )
    assert text("a **b**", PLAIN) == r"a **b**"


def test_file_bold_off_keeps_the_words() -> None:
    assert prose("x **最强的 32B 推理模型** y", Emphasis(file_bold=False)) == "x 最强的 32B 推理模型 y"


def test_emphasis_terms_are_bold_wherever_they_appear() -> None:
    emphasis = Emphasis(("DAPO", "Ziyi Yang"))
    assert text("基于 DAPO 算法, Ziyi Yang", emphasis) == r"基于 \textbf{DAPO} 算法, \textbf{Ziyi Yang}"
    assert prose("**DAPO** x", emphasis) == r"\textbf{DAPO} x"  # not bold twice


def test_longer_terms_win_over_their_prefixes() -> None:
    assert text("FuseChat-3.0 FuseChat", Emphasis(("FuseChat", "FuseChat-3.0"))) == (
        r"\textbf{FuseChat-3.0} \textbf{FuseChat}"
    )


def test_escape_keeps_plain_text_unchanged() -> None:
    assert escape("杨子诡 Ziyi Yang 2023.09") == "杨子诡 Ziyi Yang 2023.09"


def test_urls_cannot_break_out_of_href() -> None:
    url = escape_url("https://x.org/a}b{c\\d e%f~g")
    assert "}" not in url and "{" not in url and "\\d" not in url and " " not in url
    assert url == r"https://x.org/a\%7Db\%7Bc\%5Cd\%20e\%f\%7Eg"
