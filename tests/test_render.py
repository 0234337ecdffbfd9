"""The LaTeX source: golden snapshots catch unintended changes (make update-golden)."""

import os
import re
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES, ROOT
from resumetex.compile import compile_pdf
from resumetex.layout import Emphasis, lay_out
from resumetex.load import load_cv
from resumetex.locales import locale_for
from resumetex.model import CV
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
