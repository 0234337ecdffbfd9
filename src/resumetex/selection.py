"""CV → CV view: which sections and items are printed, in what order, and how. Pure; no I/O."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from resumetex.errors import UsageError
from resumetex.load import Loc, compose, locate, message, where
from resumetex.model import CV, Design, Education, Entry, Experience, Project, Role, Section, Strict, Variant

HAS_BULLETS = (Education, Experience, Project, Entry, Role)  # entries whose bullets carry tags
T = TypeVar("T", bound=Strict)


@dataclass(frozen=True)
class Cut:
    """What the command line asks for; None means "not given", so a variant's value holds."""

    order: tuple[str, ...] | None = None
    hide: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    exclude_tags: tuple[str, ...] | None = None
    emphasize: tuple[str, ...] | None = None
    max_pages: int | None = None
    design: tuple[tuple[str, str], ...] = ()
    variant: str | None = None


def tailor(cv: CV, cut: Cut) -> tuple[CV, tuple[str, ...]]:
    """Return the CV view `cut` asks for (a variant, then flags over it), and the terms to emphasize
    (the flags', else the variant's, else the file's)."""
    variant = pick_variant(cv, cut.variant)

    def chosen(flag: tuple[str, ...] | None, from_variant: list[str]) -> tuple[str, ...]:
        return flag if flag is not None else tuple(from_variant)

    view = shown(select_sections(cv, chosen(cut.order, variant.order), chosen(cut.hide, variant.hide)))
    view = select_tags(view, chosen(cut.tags, variant.tags), chosen(cut.exclude_tags, variant.exclude_tags))
    settings = dict(cut.design)
    max_pages = cut.max_pages or variant.max_pages
    if max_pages:
        settings["max_pages"] = str(max_pages)
    view = override_design(view, settings, variant.design)
    return view, chosen(cut.emphasize, variant.emphasize or cv.emphasize)


def shown(cv: CV) -> CV:
    """`cv` without what would be a heading with nothing under it: a section with no entries and
    no summary, a group with no points (validate warns of each, see empty_headings)."""
    sections = []
    for section in cv.sections:
        entries = [
            entry.model_copy(update={"groups": [g for g in entry.groups if g.bullets]})
            if isinstance(entry, Project)
            else entry
            for entry in section.entries
        ]
        if entries or section.summary:
            sections.append(section.model_copy(update={"entries": entries}))
    return cv.model_copy(update={"sections": sections})


def empty_headings(text: str, path: Path, cv: CV) -> list[str]:
    """validate's warnings for what `shown` leaves out of `cv`, each at its place in `text`, the file
    `path`: a section with no entries and no summary, a group with no points."""
    empty: list[tuple[Loc, str]] = []
    for i, section in enumerate(cv.sections):
        if not section.entries and not section.summary:
            empty.append((("sections", i), f"the section `{section.key}` has no entries"))
        for j, entry in enumerate(section.entries):
            for k, group in enumerate(getattr(entry, "groups", [])):
                if not group.bullets:
                    empty.append((("sections", i, "entries", j, "groups", k), f"`{group.heading}` has no points"))
    if not empty:
        return []
    root = compose(text, path)
    warnings = []
    for loc, what in empty:
        node, dotted = locate(root, loc)
        warnings.append(f"{where(path, node)}: {dotted}: {what}, so it is not printed")
    return warnings


def pick_variant(cv: CV, name: str | None) -> Variant:
    if name is None:
        return Variant()
    if name not in cv.variants:
        known = ", ".join(cv.variants) or "none (add a `variants:` block)"
        raise UsageError(f"--variant: unknown variant {name!r}; this CV has: {known}")
    return cv.variants[name]


def select_sections(cv: CV, order: Sequence[str] = (), hide: Sequence[str] = ()) -> CV:
    """Return `cv` with the `order` sections first (the rest in file order) and `hide` left out."""
    known = [section.key for section in cv.sections]
    for option, names in (("--order", order), ("--hide", hide)):
        unknown = [name for name in names if name not in known]
        if unknown:
            raise UsageError(
                f"{option}: unknown section {', '.join(map(repr, unknown))}; this CV has: {', '.join(known) or 'none'}"
            )
    by_key: dict[str, Section] = {section.key: section for section in cv.sections}
    first = [by_key[key] for key in dict.fromkeys(order)]
    ordered = first + [section for section in cv.sections if section.key not in order]
    return cv.model_copy(update={"sections": [s for s in ordered if s.key not in hide]})


def select_tags(cv: CV, keep: Sequence[str] = (), drop: Sequence[str] = ()) -> CV:
    """Return `cv` with only untagged items and items tagged with one of `keep` (when given),
    minus items tagged with one of `drop`. Applies to entries and to bullets alike."""
    if not keep and not drop:
        return cv
    known = cv.tags()
    for option, names in (("--tags", keep), ("--exclude-tags", drop)):
        unknown = [name for name in names if name not in known]
        if unknown:
            tagged = ", ".join(known) or "none (an entry or a bullet takes `tags: [...]`)"
            raise UsageError(f"{option}: unknown tag {', '.join(map(repr, unknown))}; this CV has: {tagged}")

    def wanted(tags: list[str]) -> bool:
        if any(tag in drop for tag in tags):
            return False
        return not keep or not tags or any(tag in keep for tag in tags)

    def trim(entry: T) -> T:
        update: dict[str, object] = {}
        if isinstance(entry, HAS_BULLETS):
            update["bullets"] = [b for b in entry.bullets if wanted(b.tags)]
        if isinstance(entry, Project):
            groups = [g.model_copy(update={"bullets": [b for b in g.bullets if wanted(b.tags)]}) for g in entry.groups]
            update["groups"] = [g for g in groups if g.bullets]  # a heading with nothing under it goes too
        if isinstance(entry, Experience):  # each role chosen by its tags, as an entry is, and its bullets
            update["roles"] = [trim(role) for role in entry.roles if wanted(role.tags)]
        return entry.model_copy(update=update)

    def left(entry: T) -> T | None:
        """`entry` trimmed; None for an organization whose every role is left out (its row alone)."""
        kept = trim(entry)
        if isinstance(entry, Experience) and isinstance(kept, Experience) and entry.roles and not kept.roles:
            return None
        return kept

    sections = []
    for section in cv.sections:
        entries = [kept for e in section.entries if wanted(e.tags) and (kept := left(e)) is not None]
        sections.append(section.model_copy(update={"entries": entries}))
    return cv.model_copy(update={"sections": [s for s in sections if s.entries]})


def override_design(cv: CV, settings: Mapping[str, str], variant: Design | None = None) -> CV:
    """Return `cv` with the design settings of its `variant` (those it sets), then the command
    line's `settings`, over the file's; validated like the file's."""
    chosen = variant.model_dump(exclude_unset=True) if variant else {}
    if not settings and not chosen:
        return cv
    known = list(Design.model_fields)
    unknown = [key for key in settings if key not in known]
    if unknown:
        raise UsageError(f"--design: unknown setting {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
    try:
        design = Design.model_validate({**cv.design.model_dump(exclude_unset=True), **chosen, **settings})
    except ValidationError as error:
        problems = [f"--design {'.'.join(map(str, e['loc']))}: {message(e)}" for e in error.errors()]
        raise UsageError("\n".join(problems)) from None
    return cv.model_copy(update={"design": design})
