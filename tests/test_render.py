"""The LaTeX source: golden snapshots catch unintended changes (make update-golden)."""

import os

import pytest

from conftest import ROOT
from resumetex.load import load_cv
from resumetex.locales import get_locale
from resumetex.markup import Emphasis
from resumetex.model import CV
from resumetex.render import render_cv

LANGS = sorted(p.name.split(".")[1] for p in (ROOT / "data").glob("cv.*.yaml"))


@pytest.mark.parametrize("lang", LANGS)
def test_latex_matches_golden(lang: str) -> None:
    latex = render_cv(load_cv(ROOT / "data" / f"cv.{lang}.yaml"), get_locale(lang), Emphasis())
    golden = ROOT / "tests" / "golden" / f"cv.{lang}.tex"
    if os.environ.get("RESUMETEX_UPDATE_GOLDEN"):
        golden.write_text(latex, encoding="utf-8")
    assert latex == golden.read_text(encoding="utf-8"), "intended? run: make update-golden"


def test_user_text_never_reaches_latex_raw(seed_cv: CV) -> None:
    header = seed_cv.header.model_copy(update={"name": r"\input{/etc/passwd}"})
    hostile = seed_cv.model_copy(update={"header": header})
    latex = render_cv(hostile, get_locale("zh"), Emphasis())
    assert r"\input{/etc/passwd}" not in latex
    assert r"\textbackslash{}input\{/etc/passwd\}" in latex
