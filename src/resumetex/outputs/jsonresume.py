"""The selected CV → JSON Resume (v1), the format other résumé tools read.

Each section goes to the JSON Resume list its kind matches (experience → work, education →
education, projects → projects, publications → publications, entries → awards, lines →
skills); bullets and further text sections, which JSON Resume has no list for, become
`interests` named by their title. What JSON Resume has no field for (an advisor, a paper's
authors, a location, a bullet's lead-in) rides along in fields of its own, which the schema
allows and other tools ignore. `meta.resumetex` records each section's key, title and kind,
so `resumetex import` rebuilds the same sections. Text stays as written, Markdown included."""

import json
from collections.abc import Callable, Sequence
from typing import Any

import resumetex
from resumetex import model
from resumetex.dates import is_present, iso, parse_date
from resumetex.layout import NETWORK_NAMES, profile_contact

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
LISTS = {
    "education": "education",
    "experience": "work",
    "projects": "projects",
    "publications": "publications",
    "entries": "awards",
    "lines": "skills",
    "bullets": "interests",
    "text": "interests",
}


def emit(cv: model.CV, lang: str, image: str | None = None) -> str:
    """The CV (already tailored) as a JSON Resume document; `lang` is the language it renders in,
    `image` the photo's path from the folder the file is written to."""
    out: dict[str, Any] = {"$schema": SCHEMA, "basics": basics(cv.header, image)}
    layout = []
    summary_taken = False
    for section in cv.sections:
        target = LISTS[section.kind]
        if section.kind == "text" and not summary_taken:
            out["basics"]["summary"] = "\n\n".join(p.text for p in section.entries)
            summary_taken, target = True, "basics.summary"
            count = len(section.entries)
        else:
            made = items(section)
            out.setdefault(target, []).extend(made)
            count = len(made)
        place = {"key": section.key, "title": section.title, "kind": section.kind, "in": target, "count": count}
        numbering = section.model_dump(include={"numbering"}, exclude_defaults=True)  # (a list counting down)
        # An organization's several roles are an item each (as JSON Resume's readers list them): how many
        roles = [len(e.roles) for e in section.entries] if isinstance(section, model.ExperienceSection) else []
        layout.append(place | clean({"summary": section.summary, "roles": roles if any(roles) else None}) | numbering)
    own = {
        "version": resumetex.__version__,
        "lang": lang,
        "sections": layout,
        # How it looks and the words around it, so the file renders as before when imported.
        "design": cv.design.model_dump(exclude_defaults=True),
        "locale": cv.locale.model_dump(exclude_defaults=True),
        "emphasize": cv.emphasize,
    }
    out["meta"] = {"version": "v1.0.0", "resumetex": clean(own) | {"sections": layout}}  # (none: still ours)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def iso_or_none(value: str | None) -> str | None:
    """A date as JSON Resume writes it (2021, 2021-03, 2021-03-14); None for none or `present`."""
    return None if not value or is_present(value) else iso(parse_date(value))


def period(entry: model.Dated) -> dict[str, Any]:
    """startDate and endDate; a one-off date is a period of one day (JSON Resume has no other)."""
    if entry.date:
        return dates(startDate=entry.date, endDate=entry.date)
    return dates(startDate=entry.start, endDate=entry.end)


def dates(**named: str | None) -> dict[str, Any]:
    """Each date as JSON Resume writes it (ISO); and where ISO drops what the résumé shows (a
    season, a date still to come), also as written: endDateWritten: Expected June 2026."""
    out: dict[str, Any] = {}
    for name, value in named.items():
        out[name] = iso_or_none(value)
        shown = parse_date(value) if value and not is_present(value) else None
        if shown and (shown.expected or shown.season is not None):
            out[f"{name}Written"] = value
    return out


def clean(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


def basics(header: model.Header, image: str | None) -> dict[str, Any]:
    return clean(
        {
            "name": header.name,
            "label": header.headline,
            "image": image,
            "email": header.email,
            "phone": header.phone,
            "url": header.homepage,
            "location": {"city": header.location} if header.location else None,
            "profiles": [
                clean(
                    {
                        "network": NETWORK_NAMES[p.network] if p.network else p.label,
                        "username": p.username,
                        "url": profile_contact(p).url,  # derived from the username when not given
                        "label": p.label,
                    }
                )
                for p in header.profiles
            ],
            "details": [{"label": d.label, "value": d.value} for d in header.details],
            "interests": header.interests,
            "authorNames": header.author_names,
        }
    )


def links(entry_links: list[model.Link]) -> dict[str, Any]:
    """`url`, the first link (what other tools show), and every link with its label."""
    shown = [clean({"label": link.label, "url": link.url}) for link in entry_links]
    first = next((link.url for link in entry_links if link.url), None)
    return {"url": first, "links": shown}


def bullets(points: list[model.Bullet], groups: Sequence[model.BulletGroup] = ()) -> dict[str, Any]:
    """`highlights` as plain strings (a lead-in before its text, points under it after it, a group's
    heading before its points) and, when that flattened anything, the points as they were."""
    flat: list[str] = []
    for group in groups:
        flat.append(group.heading)
        flat += flatten(group.bullets)
    flat += flatten(points)
    structured = bool(groups) or any(point.label or point.bullets for point in points)
    exact = {
        "bullets": [point.model_dump(exclude_defaults=True, exclude={"tags"}) for point in points],
        "groups": [
            {
                "heading": g.heading,
                "bullets": [p.model_dump(exclude_defaults=True, exclude={"tags"}) for p in g.bullets],
            }
            for g in groups
        ],
    }
    return {"highlights": flat} | (exact if structured else {})


def flatten(points: list[model.Bullet]) -> list[str]:
    out = []
    for point in points:
        out.append(f"{point.label}: {point.text}" if point.label else point.text)
        out += point.bullets
    return out


# Each dated kind's own fields, by JSON Resume's names where it has one; dates, links and points
# are added alike to all of them (see dated_item).
OWN_FIELDS: dict[type, Callable[[Any], dict[str, Any]]] = {
    model.Education: lambda e: {
        "institution": e.school,
        "area": e.major,
        "studyType": e.degree,
        "score": e.gpa,
        "department": e.department,
        "advisor": e.advisor,
        "location": e.location,
        "summary": e.summary,
    },
    model.Experience: lambda e: {
        "name": e.organization,
        "position": e.role,
        "location": e.location,
        "description": e.team,
        "summary": e.summary,
    },
    model.Project: lambda e: {"name": e.title, "roles": [e.role] if e.role else [], "description": e.summary},
    model.Entry: lambda e: {
        "title": e.title,
        "awarder": e.subtitle,
        "date": iso_or_none(e.date or e.start),
        "summary": e.summary,
        "location": e.location,
    },
}


def dated_item(entry: Any) -> dict[str, Any]:
    """An education, experience, project or general entry as an item of its JSON Resume list."""
    points = bullets(entry.bullets, getattr(entry, "groups", ()))
    return clean({**OWN_FIELDS[type(entry)](entry), **period(entry), **links(entry.links), **points})


def paper(p: model.Publication) -> dict[str, Any]:
    tags = links(p.links)
    return clean(
        {
            "name": p.title,
            "publisher": p.venue,
            **dates(releaseDate=p.date),
            "summary": p.note,
            **tags,
            "url": f"https://doi.org/{p.doi}" if p.doi else tags["url"],
            "authors": p.authors,
            "status": p.status,
            "doi": p.doi,
        }
    )


def roles(entry: model.Experience) -> list[dict[str, Any]]:
    """An organization's roles as work items of their own, each with the organization's name,
    team and links; the first also keeps what the organization itself has (its summary, points,
    place and dates, which a role's item has no room for) in `organization`."""
    shared = {"name": entry.organization, **links(entry.links)}
    own = entry.model_dump(include={"team", "location", "summary", "start", "end", "date"}, exclude_none=True)
    made = []
    for at, role in enumerate(entry.roles):
        item = {
            **shared,
            "position": role.role,
            "description": role.team or entry.team,
            "location": role.location or entry.location,
            "summary": role.summary,
            **period(role),
            **bullets(role.bullets),
        }
        if at == 0:
            item["organization"] = clean(own | bullets(entry.bullets))
        made.append(clean(item))
    return made


def items(section: model.Section) -> list[dict[str, Any]]:
    """The section's entries as items of its JSON Resume list."""
    if isinstance(section, model.ExperienceSection):
        return [item for e in section.entries for item in (roles(e) if e.roles else [dated_item(e)])]
    if isinstance(section, model.PublicationsSection):
        return [paper(p) for p in section.entries]
    if isinstance(section, model.LinesSection):
        return [{"name": line.label, "keywords": [line.details]} for line in section.entries]
    if isinstance(section, model.BulletsSection):
        return [clean({"name": section.title, "keywords": flatten(section.entries), **bullets(section.entries)})]
    if isinstance(section, model.TextSection):
        return [{"name": section.title, "keywords": [p.text for p in section.entries]}]
    return [dated_item(entry) for entry in section.entries]
