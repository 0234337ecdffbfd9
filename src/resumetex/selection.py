"""CV → CV view: which sections are printed, in what order. Pure; no I/O."""

from collections.abc import Sequence

from resumetex.errors import UsageError
from resumetex.model import CV, Section


def select_sections(cv: CV, order: Sequence[str] = (), hide: Sequence[str] = ()) -> CV:
    """Return `cv` with the `order` sections first (the rest in file order) and `hide` left out."""
    known = [section.key for section in cv.sections]
    for option, names in (("--order", order), ("--hide", hide)):
        unknown = [name for name in names if name not in known]
        if unknown:
            raise UsageError(
                f"{option}: unknown section {', '.join(map(repr, unknown))}; this CV has: {', '.join(known)}"
            )
    by_key: dict[str, Section] = {section.key: section for section in cv.sections}
    first = [by_key[key] for key in dict.fromkeys(order)]
    ordered = first + [section for section in cv.sections if section.key not in order]
    return cv.model_copy(update={"sections": [s for s in ordered if s.key not in hide]})
