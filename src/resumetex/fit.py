"""--max-pages: the roomiest layout that fits the whole résumé in N pages.

One density knob d runs from 0 (the design as written) to 1 (the legibility floor): the first
third tightens the spacing, the second the margins, the last the font size. Content is never
dropped. Each trial reports how full its pages are (a continuous measure), so
the search interpolates rather than bisects: both ends side by side, then one guess at a time,
each aimed with what every trial before it found."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from resumetex.errors import ResumeError
from resumetex.model import Design

FLOOR_FONT_SIZE = 9.0  # pt: no body text smaller
FLOOR_MARGIN = 1.0  # cm: no margin narrower
TIGHT_SPACING = 0.4  # the least space between sections and entries (1 is the theme's normal)
MAX_GUESSES = 4  # after both ends: at most 2 + 4 trials
TOLERANCE = 0.05  # stop when the fitting and the overflowing density are this close
FULL_ENOUGH = 0.92  # or when the fitting layout fills its last page this far: little room to gain
HEADROOM = 0.03  # aim the last page this much short of full, so rounding cannot spill


class FitError(ResumeError):
    """Even the densest allowed layout needs more pages than asked for."""


@dataclass(frozen=True)
class Trial:
    density: float
    pages: int
    fill: float  # pages used, with the last one fractional: 1.62 is one page and 62% of the next
    output: Path | None  # the trial's draft: XeTeX's .xdv, made into a PDF only for the winner
    # (a measured winner is typeset as a PDF); None when it was measured on a trial engine
    overfull: tuple[str, ...] = ()  # lines past the margin (their warnings): never the layout chosen

    def fits(self, max_pages: int) -> bool:
        return self.pages <= max_pages and not self.overfull


def densify(design: Design, density: float, line_spacing: float, tight_line_spacing: float) -> Design:
    """The design at `density` (0: as written, 1: the floor)."""

    def phase(start: float) -> float:
        return min(max((density - start) * 3, 0.0), 1.0)

    def toward(value: float, floor: float, amount: float) -> float:
        return round(value + (min(value, floor) - value) * amount, 3)

    spacing, margins, size = phase(0), phase(1 / 3), phase(2 / 3)
    return design.model_copy(
        update={
            "spacing": toward(design.spacing, TIGHT_SPACING, spacing),
            "line_spacing": toward(line_spacing, tight_line_spacing, spacing),
            "margin": toward(design.margin, FLOOR_MARGIN, margins),
            "font_size": toward(design.font_size, FLOOR_FONT_SIZE, size),
        }
    )


def fit_pages(max_pages: int, trial: Callable[[float], Trial]) -> Trial:
    """The trial with the lowest density whose PDF has at most `max_pages` pages.

    `trial(d)` typesets at density d."""
    roomy, dense = ends(trial)
    if roomy.fits(max_pages):
        return roomy
    if dense.pages <= max_pages and dense.overfull:
        raise FitError(
            f"fits in {max_pages} page{'s' if max_pages > 1 else ''} only with {dense.overfull[0]}; shorten it"
        )
    if dense.pages > max_pages:
        raise FitError(
            f"does not fit in {max_pages} page{'s' if max_pages > 1 else ''}: even the densest allowed layout "
            f"({FLOOR_FONT_SIZE:g} pt type, {FLOOR_MARGIN:g} cm margins, tight spacing) needs {dense.pages} pages. "
            f"Cut something with --hide SECTION, --tags TAG or --exclude-tags TAG, "
            f"or allow more with --max-pages {dense.pages}"
        )
    overflow, fits = roomy, dense
    # One guess at a time, not two side by side: the trial engine measures one layout at a time
    # anyway, and a second guess was mostly wasted (denser than a first that fits, or aimed
    # without knowing the first overflowed). On the seed set large: two trials instead of four.
    for _ in range(MAX_GUESSES):
        if fits.density - overflow.density <= TOLERANCE or fits.fill >= max_pages - 1 + FULL_ENOUGH:
            break
        result = trial(clamp(aim(overflow, fits, max_pages - HEADROOM), overflow, fits))
        if result.fits(max_pages) and result.density < fits.density:
            fits = result
        elif not result.fits(max_pages) and result.density > overflow.density:
            overflow = result
    return fits


def aim(overflow: Trial, fits: Trial, target: float) -> float:
    """Where the fill crosses `target`, between two trials (the secant)."""
    if overflow.fill == fits.fill:
        return (overflow.density + fits.density) / 2
    share = (overflow.fill - target) / (overflow.fill - fits.fill)
    return overflow.density + share * (fits.density - overflow.density)


def clamp(density: float, overflow: Trial, fits: Trial) -> float:
    """Keep a guess strictly inside the open interval, on a 0.005 grid."""
    margin = 0.1 * (fits.density - overflow.density)
    low, high = overflow.density + margin, fits.density - margin
    return round(min(max(density, low), high) / 0.005) * 0.005


def ends(trial: Callable[[float], Trial]) -> tuple[Trial, Trial]:
    """The roomiest and the densest layout, tried side by side in two threads (see
    pipeline.typeset for which engines)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        roomy, dense = pool.map(trial, (0.0, 1.0))
    return roomy, dense
