"""The LaTeX source: golden snapshots catch unintended changes (make update-golden)."""

import os
import re
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES, ROOT, pdf_text
from resumetex.compile import compile_pdf
from resumetex.layout import Emphasis, lay_out
from resumetex.load import load_cv
from resumetex.locales import locale_for
from resumetex.model import CV
from resumetex.outputs import markdown, text
from resumetex.pipeline import RenderRequest, latex_at, prepare, render_pdf
from resumetex.render import render_latex
from resumetex.themes import theme_files

LANGS = ["zh", "en"]


def seed(lang: str) -> Path:
    return FIXTURES / f"seed.{lang}.yaml"


def render_cv(cv: CV) -> str:
    locale = locale_for(cv)
    return render_latex(lay_out(cv, locale, Emphasis()), cv.design, locale.line_spacing)


@pytest.mark.parametrize("lang", LANGS)
def test_latex_matches_golden(lang: str) -> None:
    latex = render_cv(load_cv(seed(lang)))
    golden = ROOT / "tests" / "golden" / f"cv.{lang}.tex"
    if os.environ.get("RESUMETEX_UPDATE_GOLDEN"):
        golden.write_text(latex, encoding="utf-8")
    assert latex == golden.read_text(encoding="utf-8"), "intended? run: make update-golden"


def test_user_text_never_reaches_latex_raw(seed_cv: CV) -> None:
    header = seed_cv.header.model_copy(update={"name": r"\input{/etc/passwd}"})
    hostile = seed_cv.model_copy(update={"header": header})
    latex = render_cv(hostile)
    assert r"\input{/etc/passwd}" not in latex
    assert r"\textbackslash{}input\{/etc/passwd\}" in latex


@pytest.mark.parametrize("lang", LANGS)
def test_typesetting_is_clean(lang: str, tmp_path: Path) -> None:
    """No missing glyph, no overfull or underfull line, for each language's résumé."""
    request = RenderRequest(source=seed(lang), output=tmp_path / "cv.pdf")
    latex = latex_at(prepare(request))
    log = compile_pdf(latex, theme_files("default"), request.output_path())
    assert typesetting_problems(log) == []


def typesetting_problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if re.match(r"(Overfull|Underfull) \\[hv]box|Missing character", line)]


def test_typesetting_check_sees_an_overfull_line(tmp_path: Path) -> None:
    log = compile_pdf(
        "\\documentclass{article}\\begin{document}\\hbox to 1cm{wide text here}\\end{document}", {}, tmp_path / "x.pdf"
    )
    assert len(typesetting_problems(log)) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_every_contact_and_link_tag_is_a_link(lang: str, tmp_path: Path) -> None:
    cv = load_cv(seed(lang))
    request = RenderRequest(source=seed(lang), output=tmp_path / "cv.pdf")
    pdf = render_pdf(request).pdf
    with pdfplumber.open(pdf) as document:
        uris = {link["uri"] for page in document.pages for link in page.hyperlinks}
    expected = {"tel:19924680829", f"mailto:{cv.header.email}", str(cv.header.homepage)}
    expected |= {link.url for s in cv.sections for e in s.entries for link in getattr(e, "links", []) if link.url}
    assert uris == expected


GROUPED = """\
lang: zh
header: {name: 杨子诡}
sections:
  - key: projects
    title: 项目经历
    entries:
      - title: FuseChat
        groups:
          - heading: 项目内容
            bullets:
              - 提出成对教师蒸馏加模型合并的两阶段融合框架
              - {text: 提出基于统计的全局映射矩阵对齐方法, tags: [detail]}
          - heading: 项目成果
            bullets: [融合得到的模型是当时最佳的模型, 项目仓库收获超过六百颗星]
"""


def test_a_group_left_with_one_point_becomes_a_bullet_with_the_heading_as_its_lead_in(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(GROUPED, encoding="utf-8")
    request = RenderRequest(source=source, output=tmp_path / "cv.pdf", exclude_tags=("detail",), use_cache=False)
    latex = latex_at(prepare(request))
    assert r"\item \cvlabel{项目内容：} 提出成对教师蒸馏加模型合并的两阶段融合框" in latex  # no heading above one point
    assert r"\item \cvheading{项目成果}" in latex  # two points: still a heading over them
    text = "".join(pdf_text(render_pdf(request).pdf).split())
    assert "•项目内容：提出成对教师蒸馏" in text and "•项目成果–融合得到的模型" in text
    assert "- **项目内容**：提出成对教师蒸馏" in markdown.emit(prepare(request).document)


OWN_COLONS = """\
lang: zh
header:
  name: 杨子诡
  details: [{label: "出生年月：", value: "1998.05"}, {label: "籍贯:", value: 杭州}]
sections:
  - key: projects
    title: 项目经历
    entries:
      - title: FuseChat
        bullets: [{label: "项目内容：", text: 提出两阶段融合框架}]
        groups: [{heading: "项目成果：", bullets: [模型是当时最佳的模型]}]
  - key: skills
    kind: lines
    title: 专业技能
    entries: [{label: "编程语言：", details: Python}]
"""


def test_a_label_typed_with_a_colon_gets_the_languages_one_in_its_place(tmp_path: Path) -> None:
    """出生年月： is not set as 出生年月：：, nor 籍贯: as 籍贯:：, in the PDF or in the text."""
    source = tmp_path / "cv.yaml"
    source.write_text(OWN_COLONS, encoding="utf-8")
    request = RenderRequest(source=source, output=tmp_path / "cv.pdf", use_cache=False)
    shown = "".join(pdf_text(render_pdf(request).pdf).split())
    written = text.emit(prepare(request).document)
    for labelled in ("出生年月：1998.05", "籍贯：杭州", "项目内容：提出", "项目成果：模型", "编程语言：Python"):
        assert labelled in shown and labelled in "".join(written.split())
    assert not re.search("[:：][:：]", shown + written)


def test_the_last_link_tag_never_stands_alone_and_plain_tags_are_not_link_coloured(seed_pdf: Path) -> None:
    from resumetex import document
    from resumetex.render import latex_tags

    tags = (document.Tag("Paper", "https://a.org"), document.Tag("HF"), document.Tag("魔搭社区"))
    assert latex_tags(tags).endswith(r"\cvtag{HF}\nobreak\cvtagsep \cvtag{魔搭社区}")
    with pdfplumber.open(seed_pdf) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["non_stroking_color"])
    colour = {w["text"]: w["non_stroking_color"] for w in words}  # (a word per run of one colour)
    assert colour["[ICLR2025][Github]"] == pytest.approx((0.106, 0.31, 0.541), abs=0.01)  # links: the accent
    assert colour["[HF][AITime]"] == pytest.approx((0.353, 0.353, 0.353), abs=0.01)  # no url: muted grey
