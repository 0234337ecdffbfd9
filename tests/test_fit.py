"""--max-pages: the roomiest layout that fits, found with few compiles; never by cutting."""

import hashlib
import json
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import FIXTURES, SEED_EN, SEED_ZH, pdf_text, render, squash, visible_strings
from resumetex.cli import main
from resumetex.compile import TrialEngine, compile_pdf, overfull_lines, page_count, page_fill, trial_pages
from resumetex.fit import FLOOR_FONT_SIZE, FLOOR_MARGIN, FitError, Trial, densify, fit_pages
from resumetex.load import load_cv
from resumetex.model import Design
from resumetex.pipeline import RenderRequest, latex_at, prepare, render_pdf, start_engine
from resumetex.texformat import engine_source, format_for, split_head, trial_parts
from resumetex.themes import theme_files

BIG = (("font_size", "12"), ("spacing", "2"))  # the seed set large: three pages


@pytest.fixture(scope="module")
def fitted_big(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The seed set large (three pages) fitted to two: several tests compare with it."""
    return render(tmp_path_factory.mktemp("fitted"), design=BIG, max_pages=2).read_bytes()


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_density_tightens_spacing_then_margins_then_type() -> None:
    design = Design(font_size=11, margin=2.0, spacing=1.5)
    at = {d: densify(design, d, 1.45, 1.3) for d in (0, 1 / 3, 2 / 3, 1)}
    assert at[0] == design.model_copy(update={"line_spacing": 1.45})
    assert (at[1 / 3].spacing, at[1 / 3].line_spacing, at[1 / 3].margin, at[1 / 3].font_size) == (0.4, 1.3, 2.0, 11)
    assert (at[2 / 3].margin, at[2 / 3].font_size) == (FLOOR_MARGIN, 11)
    assert (at[1].margin, at[1].font_size) == (FLOOR_MARGIN, FLOOR_FONT_SIZE)


def test_density_never_loosens_a_design_already_below_the_floor() -> None:
    tight = Design(font_size=9, margin=1.0, spacing=0.3)
    assert densify(tight, 1.0, 1.1, 1.3).line_spacing == 1.1
    assert densify(tight, 1.0, 1.1, 1.3).spacing == 0.3


def fake() -> tuple[list[float], object]:
    """A trial whose content fills 2.6 pages as written and shrinks linearly to 1.4 at the floor."""
    tried: list[float] = []

    def trial(density: float) -> Trial:
        tried.append(density)
        fill = 2.6 - 1.2 * density
        return Trial(density, int(fill) + 1, fill, Path(f"/x/{density}"))

    return tried, trial


def test_search_finds_a_fit_close_to_the_roomiest_with_few_trials() -> None:
    tried, trial = fake()
    winner = fit_pages(2, trial)  # type: ignore[arg-type]
    assert winner.pages == 2
    assert 0.5 <= winner.density <= 0.62  # the exact boundary is 0.5
    assert len(tried) <= 6


def test_each_guess_is_aimed_with_what_the_trials_before_it_found() -> None:
    """After both ends, one layout at a time: a guess that fills the last page closely ends the
    search, with no second guess beside it (denser than one that fits, so wasted)."""
    tried, trial = fake()
    winner = fit_pages(2, trial)  # type: ignore[arg-type]
    assert sorted(tried[:2]) == [0.0, 1.0]
    assert tried[2:] == [winner.density] and winner.fill >= 1.92


def test_a_guess_that_overflows_narrows_the_next() -> None:
    """Content that shrinks slowly at first: the first guess overflows, and the next is aimed
    between it and the floor, not beside it."""
    tried: list[float] = []

    def trial(density: float) -> Trial:
        tried.append(density)
        fill = 2.6 - 1.2 * density**2
        return Trial(density, int(fill) + 1, fill, Path(f"/x/{density}"))

    winner = fit_pages(2, trial)
    guesses = tried[2:]
    assert winner.pages == 2 and 0.707 <= winner.density <= 0.75  # the boundary is sqrt(0.5)
    assert len(guesses) == 3 and guesses[0] < guesses[1] < guesses[2]  # each overflowed: denser next


def test_a_design_that_fits_is_kept_as_it_is() -> None:
    _, trial = fake()
    assert fit_pages(3, trial).density == 0.0  # type: ignore[arg-type]


def test_impossible_fit_says_how_many_pages_the_floor_needs() -> None:
    _, trial = fake()
    with pytest.raises(FitError, match=r"needs 2 pages.*--max-pages 2"):
        fit_pages(1, trial)  # type: ignore[arg-type]


def test_max_pages_fits_and_keeps_every_string(fitted_big: bytes, tmp_path: Path) -> None:
    assert pages(render(tmp_path / "plain", design=BIG)) == 3
    fitted = tmp_path / "fit.pdf"
    fitted.write_bytes(fitted_big)
    assert pages(fitted) == 2
    text = squash(pdf_text(fitted))
    assert [s for s in visible_strings(load_cv(SEED_ZH)) if squash(s) not in text] == []


def test_max_pages_from_the_design_block(tmp_path: Path) -> None:
    assert pages(render(tmp_path, design=(*BIG, ("max_pages", "2")))) == 2


def test_impossible_fit_exits_without_touching_the_old_pdf(tmp_path: Path) -> None:
    old = render(tmp_path)
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    with pytest.raises(FitError, match=r"does not fit in 1 page: .* needs 2 pages"):
        render(tmp_path, max_pages=1)
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["cv.pdf"]


def test_a_fitted_render_is_reproducible(fitted_big: bytes, tmp_path: Path) -> None:
    again = render(tmp_path / "b", design=BIG, max_pages=2).read_bytes()
    assert hashlib.sha256(fitted_big).digest() == hashlib.sha256(again).digest()


def test_a_fitted_pdf_is_a_render_of_the_design_it_reports(fitted_big: bytes, tmp_path: Path) -> None:
    """The same bytes as rendering the chosen design without --max-pages, whichever way the winner
    was typeset (xdvipdfmx works the PDF's /ID out from the file names, too)."""
    fitted = render_pdf(
        RenderRequest(source=SEED_ZH, output=tmp_path / "fit.pdf", design=BIG, max_pages=2, use_cache=False)
    ).fitted
    assert fitted is not None
    chosen = tuple((key, str(getattr(fitted, key))) for key in ("font_size", "margin", "spacing", "line_spacing"))
    assert render(tmp_path, design=chosen).read_bytes() == fitted_big


@pytest.mark.parametrize(
    ("source", "design", "densities"),
    [
        (SEED_ZH, BIG, (0.0, 0.3, 0.615, 1.0)),
        (SEED_EN, (), (0.5, 1.0)),
        (FIXTURES / "academic.en.yaml", (("margin", "3"),), (0.2, 0.8)),
    ],
)
def test_a_measured_trial_is_what_a_draft_finds(
    source: Path, design: tuple[tuple[str, str], ...], densities: tuple[float, ...], tmp_path: Path
) -> None:
    """The trial engine's pages, fill and lines past the margin, for each layout, equal those of
    the layout typeset on its own."""
    prepared = prepare(RenderRequest(source, design=design))
    head = split_head(latex_at(prepared))
    assert head is not None
    engine = start_engine(head[0], theme_files("default"), 60, None, None, TrialEngine)
    assert isinstance(engine, TrialEngine)
    try:
        parts = trial_parts(latex_at(prepared))
        assert parts is not None and engine.open(parts[0], {})
        for density in densities:
            latex = latex_at(prepared, density)
            said = engine.measure(trial_parts(latex)[1])  # type: ignore[index]
            assert said is not None
            fmt = format_for(head[0], prepared.support, 60)
            drafted = engine_source(latex, fmt)
            log = compile_pdf(drafted, prepared.support, tmp_path / "d.xdv", draft=True, fmt=fmt)
            assert (trial_pages(said), page_fill(said), overfull_lines(said)) == (
                page_count(log),
                page_fill(log),
                overfull_lines(log),
            )
    finally:
        engine.close()


def test_a_theme_without_trials_is_fitted_by_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme of one's own that has no \\cvtrial (or breaks it) is searched by typesetting
    each layout: the same fit as with trials."""
    monkeypatch.chdir(tmp_path)
    for name in ("kept", "without"):
        assert CliRunner().invoke(main, ["theme", "new", name]).exit_code == 0
    sheet = tmp_path / "without" / "resumetex-theme.sty"
    sheet.write_text(sheet.read_text() + "\\let\\cvtrial\\undefined\n")
    made = {}
    for name in ("kept", "without"):
        command = ["render", str(SEED_ZH), "--theme", f"./{name}", "--max-pages", "2", "-o", f"{name}.pdf"]
        result = CliRunner().invoke(main, [*command, "--design", "font_size=12", "--design", "spacing=2"])
        assert result.exit_code == 0, result.output
        made[name] = (tmp_path / f"{name}.pdf").read_bytes()
    assert made["kept"] == made["without"] and pages(tmp_path / "kept.pdf") == 2


def test_a_measure_the_typeset_winner_belies_is_searched_again_by_drafts(
    fitted_big: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a trial engine measure a layout otherwise than it sets (here: every layout in one
    page), the winner, typeset, shows it, and the search is done again by drafts: the PDF is
    the right fit all the same."""
    monkeypatch.setattr("resumetex.pipeline.trial_pages", lambda _: 1)
    belied = render(tmp_path / "belied", SEED_ZH, max_pages=2, design=BIG)
    assert belied.read_bytes() == fitted_big and pages(belied) == 2


def test_where_no_trial_engine_can_run_a_fit_typesets_its_first_two_layouts_on_waiting_engines(
    fitted_big: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Windows, whose select() takes no pipe.) The same fit and PDF."""
    monkeypatch.setattr(TrialEngine, "USABLE", False)
    started: list[str] = []
    monkeypatch.setattr(TrialEngine, "__init__", lambda *_, **__: started.append("trial engine"))
    without = render(tmp_path / "without", SEED_ZH, max_pages=2, design=BIG)
    assert without.read_bytes() == fitted_big and not started


def test_a_trial_that_never_ends_is_given_up_in_time() -> None:
    """A theme whose trial loops for ever costs the search its time limit, not the command."""
    prepared = prepare(RenderRequest(SEED_EN))
    parts = trial_parts(latex_at(prepared))
    head = split_head(latex_at(prepared))
    assert parts is not None and head is not None
    engine = start_engine(head[0], theme_files("default"), 3.0, None, None, TrialEngine)
    assert isinstance(engine, TrialEngine)
    try:
        assert engine.open(parts[0], {})
        started = time.monotonic()
        assert engine.measure("\\loop\\iftrue\\repeat\n") is None
        assert time.monotonic() - started < 6
    finally:
        engine.close()


@pytest.mark.parametrize("max_pages, design", [(3, ()), (2, BIG)])
def test_a_fitted_cv_keeps_its_photo(max_pages: int, design: tuple[tuple[str, str], ...], tmp_path: Path) -> None:
    """A layout drafted and then made a PDF apart from its engine (the roomiest, when it fits) had
    no photo beside it: xdvipdfmx stopped at "Could not find file: ./photo.jpg". Fitted or
    searched, the PDF is a render of the design chosen, photo and all."""
    cv = yaml.safe_load(SEED_ZH.read_text(encoding="utf-8"))
    cv["header"]["photo"] = "photo.jpg"
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps(cv), encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes((FIXTURES / "photo.jpg").read_bytes())
    request = RenderRequest(source, tmp_path / "fit.pdf", design=design, max_pages=max_pages, use_cache=False)
    result = render_pdf(request)
    assert (result.fitted is None) == (max_pages == 3)  # the roomiest fits; a search
    keys = ("font_size", "margin", "spacing", "line_spacing")
    chosen = tuple((key, str(getattr(result.fitted, key))) for key in keys) if result.fitted else design
    assert result.pdf.read_bytes() == render(tmp_path, source, design=chosen).read_bytes()
    pdfimages = subprocess.run(["pdfimages", "-list", str(result.pdf)], capture_output=True, text=True, check=True)
    assert len(pdfimages.stdout.splitlines()) == 3  # two lines of heading, one image
