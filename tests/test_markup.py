"""Inline runs → LaTeX: every character literal, bold, italic and links only where the runs say."""

from resumetex.inline import Run, markdown
from resumetex.markup import escape, escape_url, runs, text


def test_every_tex_special_is_neutralised() -> None:
    latex = text(r"& % $ # _ { } ~ ^ \ [ ] ` ' \" -- ,, << >>")
    for raw in ("&", "%", "$", "#", "_", "{", "}"):
        assert f"\\{raw}" in latex
    assert "\\textbackslash{}" in latex and "\\textasciicircum{}" in latex
    assert "--" not in latex.replace("-{}-", "") and ",{}," in latex and "<{}<" in latex


def test_runs_become_bold_italic_and_one_link_each() -> None:
    latex = runs(markdown("a **b** *c* [d **e**](https://x.org/?q=1&r=%20#s)"))
    assert latex == r"a \textbf{b} \textit{c} \cvlink{https://x.org/?q=1\&r=\%20\#s}{d \textbf{e}}{}"


def test_a_run_is_literal_whatever_it_holds() -> None:
    assert runs((Run(r"\input{x}", bold=True),)) == r"\textbf{\textbackslash{}input\{x\}}"


def test_escape_keeps_plain_text_unchanged() -> None:
    assert escape("杨子诡 Ziyi Yang 2023.09") == "杨子诡 Ziyi Yang 2023.09"


def test_a_long_word_may_break_and_ends_its_source_line() -> None:
    latex = escape("x" * 95)
    assert latex.count("\\cvwordbreak{}%\n") == 3  # every 30 characters, not after each one past 30
    assert max(len(line) for line in latex.splitlines()) < 60


def test_urls_cannot_break_out_of_href() -> None:
    url = escape_url("https://x.org/a}b{c\\d e%f~g")
    assert "}" not in url and "{" not in url and "\\d" not in url and " " not in url
    assert url == r"https://x.org/a\%7Db\%7Bc\%5Cd\%20e\%f\%7Eg"


def test_a_second_hash_in_a_url_stays_in_the_link() -> None:
    assert escape_url("https://example.com/a#frag#x") == r"https://example.com/a\#frag\%23x"


def test_a_long_latin_name_gets_a_break_before_it_that_may_leave_the_line_short() -> None:
    assert escape("相比目标模型 Llama-3.1-8B-Instruct 提升") == r"相比目标模型 \cvbreak{}Llama-3.1-8B-Instruct 提升"
    assert r"\cvbreak" not in escape("在 AIME 上 a short word")  # shorter than 8 characters: nothing


def test_a_paragraphs_last_line_never_holds_one_character_or_one_short_word() -> None:
    from resumetex.inline import markdown
    from resumetex.markup import prose

    assert prose(markdown("领域和规模")) == r"领域和规\nobreak{}模"  # 孤字: the last two ideographs tied
    assert prose(markdown("提升 **7.7 分**。")).endswith(r"7.7\nobreak{} \nobreak{}分}。")
    assert prose(markdown("submitted to ICLR 2026")).endswith(r"ICLR\nobreak{} \nobreak{}2026")
    assert r"\nobreak" not in prose(markdown("ends with a longword"))  # long enough to stand alone
