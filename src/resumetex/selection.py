"""CV → CV view: which sections are printed, in what order, and how. Pure; no I/O."""

from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from resumetex.errors import UsageError
from resumetex.model import CV, Design, Section


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


def override_design(cv: CV, settings: Mapping[str, str]) -> CV:
    """Return `cv` with design settings replaced for this run, validated like the file's."""
    if not settings:
        return cv
    known = list(Design.model_fields)
    unknown = [key for key in settings if key not in known]
    if unknown:
        raise UsageError(f"--design: unknown setting {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
    try:
        design = Design.model_validate({**cv.design.model_dump(exclude_unset=True), **settings})
    except ValidationError as error:
        problems = [
            f"--design {'.'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}" for e in error.errors()
        ]
        raise UsageError("\n".join(problems)) from None
    return cv.model_copy(update={"design": design})
