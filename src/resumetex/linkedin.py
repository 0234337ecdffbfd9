"""A LinkedIn data export → the CV `resumetex import` writes.

LinkedIn's "Get a copy of your data" sends a ZIP of CSV files, one per part of the profile and
many more about the account. The résumé's files are read by their column names (Profile.csv,
Positions.csv, Education.csv, ...), from the ZIP or from the folder it was unpacked into; the
account's other files (connections, messages, ads) are not part of a résumé and are not read."""

import csv
import html
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resumetex.errors import DataError
from resumetex.locales import has_cjk

if TYPE_CHECKING:
    from resumetex.importer import Import

FILES = (
    "Profile.csv",
    "Positions.csv",
    "Education.csv",
    "Projects.csv",
    "Publications.csv",
    "Certifications.csv",
    "Honors.csv",
    "Volunteering.csv",
    "Skills.csv",
    "Languages.csv",
    "Courses.csv",
    "Email Addresses.csv",
    "PhoneNumbers.csv",
)
MAX_BYTES = 2_000_000  # one of these files; the export's messages may be far larger, and are not read
# What a profile has that a résumé seldom shows (a birth date, a home address): listed, not placed.
PRIVATE = ("Maiden Name", "Address", "Birth Date", "Zip Code", "Industry", "Instant Messengers")
POINT = re.compile(r"^\s*[•●▪◦·\-*–]\s*")  # a line LinkedIn users start as a bullet
WORDS = {  # the lead-ins the export's own fields get, in the CV's language
    "en": {"activities": "Activities", "license": "License"},
    "zh": {"activities": "社团活动", "license": "证书编号"},
    "zh-TW": {"activities": "社團活動", "license": "證照編號"},
}


def is_export(path: Path) -> bool:
    """Whether `path` is a LinkedIn export: a ZIP, or a folder with its Profile or Positions file."""
    if path.suffix.lower() == ".zip":
        return True
    return path.is_dir() and any((path / name).is_file() for name in ("Profile.csv", "Positions.csv"))


def tables(path: Path) -> dict[str, list[dict[str, str]]]:
    """Each résumé file of the export, as rows by column name (entities such as &amp; decoded)."""
    found: dict[str, bytes] = {}
    if path.is_dir():
        for name in FILES:
            if (path / name).is_file():
                found[name] = read_capped(path / name)
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    known = next((n for n in FILES if n.lower() == Path(member.filename).name.lower()), None)
                    if known and known not in found:
                        if member.file_size > MAX_BYTES:
                            raise DataError([f"{path}: {member.filename} is too large for a résumé's part"])
                        found[known] = archive.read(member)
        except FileNotFoundError:
            raise DataError([f"{path}: no such file"]) from None
        except (zipfile.BadZipFile, OSError) as error:
            raise DataError([f"{path}: cannot be read as a ZIP file ({error})"]) from None
    if "Profile.csv" not in found and "Positions.csv" not in found:
        raise DataError([f"{path}: has no Profile.csv or Positions.csv: not a LinkedIn data export"])
    return {name: rows(content, f"{path}: {name}") for name, content in found.items()}


def read_capped(path: Path) -> bytes:
    with path.open("rb") as stream:
        content = stream.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise DataError([f"{path}: too large for a résumé's part"])
    return content


def rows(content: bytes, where: str) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        return [{str(k).strip(): html.unescape(v or "").strip() for k, v in row.items() if k} for row in reader]
    except UnicodeDecodeError as error:
        raise DataError([f"{where}: not valid UTF-8 (byte {error.start})"]) from None
    except csv.Error as error:
        raise DataError([f"{where}: not a CSV file LinkedIn writes ({error})"]) from None


def websites(value: str) -> list[str]:
    """The addresses of Profile.csv's Websites, `[PERSONAL:https://jane.dev,BLOG:www.jane.blog]`."""
    parts = (re.sub(r"^[A-Z][A-Z _]*:(?!//)", "", part.strip()) for part in value.strip("[] ").split(","))
    return [part if "://" in part else f"https://{part}" for part in parts if "." in part]


def from_export(parts: dict[str, list[dict[str, str]]], job: "Import") -> dict[str, Any]:
    from resumetex.importer import clean, language_of, links, literal, promotions, section

    lang = language_of(parts)
    words = WORDS.get(lang, WORDS["en"])
    person = (parts.get("Profile.csv") or [{}])[0]
    job.at = "Profile.csv"
    first, last = person.get("First Name", ""), person.get("Last Name", "")
    name = f"{last}{first}" if has_cjk(first + last) else f"{first} {last}".strip()  # 李明, Jane Doe
    sites = websites(person.get("Websites", ""))
    emails = parts.get("Email Addresses.csv") or []
    primary = next((e for e in emails if e.get("Primary") == "Yes"), emails[0] if emails else {})
    phones = parts.get("PhoneNumbers.csv") or []
    handle = re.sub(r"[\[\]@]", "", person.get("Twitter Handles", "")).split(",")[0].strip()
    header = clean(
        {
            "name": name or "?",
            "headline": person.get("Headline"),
            "location": person.get("Geo Location"),
            "email": primary.get("Email Address"),
            "phone": phones[0].get("Number") if phones else None,
            "homepage": sites[0] if sites else None,
            "profiles": [
                *({"label": url.split("//")[1].rstrip("/"), "url": url} for url in sites[1:]),
                *([{"network": "x", "username": handle}] if handle else []),
            ],
        }
    )
    for field in PRIVATE:
        if person.get(field):
            job.notes.append(f"Profile.csv {field}: {person[field]}")
    for email in emails:
        if email is not primary and email.get("Email Address"):
            job.notes.append(f"Email Addresses.csv: {email['Email Address']} (the header has one e-mail)")

    def told(text: str) -> dict[str, Any]:
        """A description as LinkedIn users write one: lines starting • or - are points, the rest a summary."""
        lines = [line for line in text.replace(" • ", "\n• ").splitlines() if line.strip()]
        points = [literal(POINT.sub("", line)) for line in lines if POINT.match(line)]
        prose = " ".join(literal(line.strip()) for line in lines if not POINT.match(line))
        return {"summary": prose, "bullets": points}

    def dated(file: str, at: int, row: dict[str, str], start: str, end: str) -> dict[str, str]:
        job.at = f"{file} row {at}"
        return job.dates(row, start, end, f"{file} row {at}")

    def each(file: str) -> list[tuple[int, dict[str, str]]]:
        return list(enumerate(parts.get(file) or [], start=2))  # the row's line, after the header's

    sections: list[dict[str, Any]] = []
    if person.get("Summary"):
        sections.append(section("summary", "text", lang, [literal(person["Summary"])]))
    jobs = [
        clean(
            {
                "organization": row.get("Company Name") or "?",
                "role": row.get("Title"),
                "location": row.get("Location"),
                **dated("Positions.csv", at, row, "Started On", "Finished On"),
                **told(row.get("Description", "")),
            }
        )
        for at, row in each("Positions.csv")
    ]
    if jobs:
        sections.append(section("work", "experience", lang, promotions(jobs)))
    schools = [
        clean(
            {
                "school": row.get("School Name") or "?",
                "degree": row.get("Degree Name"),
                **dated("Education.csv", at, row, "Start Date", "End Date"),
                "summary": literal(row["Notes"]) if row.get("Notes") else None,
                "bullets": [{"label": words["activities"], "text": literal(row["Activities"])}]
                if row.get("Activities")
                else [],
            }
        )
        for at, row in each("Education.csv")
    ]
    if schools:
        sections.append(section("education", "education", lang, schools))
    projects = [
        clean(
            {
                "title": row.get("Title") or "?",
                **dated("Projects.csv", at, row, "Started On", "Finished On"),
                "links": links(row.get("Url")),
                **told(row.get("Description", "")),
            }
        )
        for at, row in each("Projects.csv")
    ]
    if projects:
        sections.append(section("projects", "projects", lang, projects))
    entries = {  # file → (section, title column, subtitle column, start, end)
        "Publications.csv": ("publications", "Name", "Publisher", "Published On", None),
        "Certifications.csv": ("certificates", "Name", "Authority", "Started On", "Finished On"),
        "Honors.csv": ("awards", "Title", "Issuer", "Issued On", None),
    }
    for file, (key, title, subtitle, start, end) in entries.items():
        made = []
        for at, row in each(file):
            when = dated(file, at, row, start, end) if end else dated(file, at, row, start, start)
            license_number = row.get("License Number")
            entry = {
                "title": row.get(title) or "?",
                "subtitle": row.get(subtitle),
                **when,
                "links": links(row.get("Url")),
                **told(row.get("Description", "")),
            }
            if license_number:
                entry["bullets"] = [*entry["bullets"], {"label": words["license"], "text": literal(license_number)}]
            made.append(clean(entry))
        if made:
            sections.append(section(key, "entries", lang, made))
    volunteering = [
        clean(
            {
                "organization": row.get("Company Name") or "?",
                "team": row.get("Cause"),
                "role": row.get("Role"),
                **dated("Volunteering.csv", at, row, "Started On", "Finished On"),
                **told(row.get("Description", "")),
            }
        )
        for at, row in each("Volunteering.csv")
    ]
    if volunteering:
        sections.append(section("volunteer", "experience", lang, promotions(volunteering)))
    skills = [literal(row["Name"]) for row in parts.get("Skills.csv") or [] if row.get("Name")]
    if skills:
        sections.append(section("skills", "text", lang, [("、" if lang.startswith("zh") else ", ").join(skills)]))
    spoken = [
        {"label": row["Name"], "details": literal(row.get("Proficiency") or " ")}
        for row in parts.get("Languages.csv") or []
        if row.get("Name")
    ]
    if spoken:
        sections.append(section("languages", "lines", lang, spoken))
    courses = [
        literal(
            " ".join(part for part in (row.get("Name", ""), f"({row['Number']})" if row.get("Number") else "") if part)
        )
        for row in parts.get("Courses.csv") or []
        if row.get("Name")
    ]
    if courses:
        sections.append(section("courses", "bullets", lang, courses))
    return {"lang": lang, "header": header, "sections": sections}
