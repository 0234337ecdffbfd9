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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from resumetex.errors import DataError
from resumetex.importer import Import, clean, language_of, links, literal, promotions, section
from resumetex.locales import has_cjk

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
# Parts of a profile a résumé may have and this reader does not place: each listed, with its rows.
LISTED = ("Patents.csv", "Test Scores.csv", "Organizations.csv", "Recommendations_Received.csv")
MAX_BYTES = 2_000_000  # one of these files; the export's messages may be far larger, and are not read
# What a profile has that a résumé seldom shows (a birth date, a home address): listed, not placed.
PRIVATE = ("Maiden Name", "Address", "Birth Date", "Zip Code", "Industry", "Instant Messengers")
POINT = re.compile(r"^\s*[•●▪◦·\-*–]\s*")  # a line LinkedIn users start as a bullet
WORDS = {  # the lead-ins the export's own fields get, in the CV's language
    "en": {"activities": "Activities", "license": "License"},
    "zh": {"activities": "社团活动", "license": "证书编号"},
    "zh-TW": {"activities": "社團活動", "license": "證照編號"},
    "ja": {"activities": "課外活動", "license": "資格番号"},
    "ko": {"activities": "대외활동", "license": "자격번호"},
    "fr": {"activities": "Activités", "license": "Licence"},
    "de": {"activities": "Aktivitäten", "license": "Lizenz"},
    "es": {"activities": "Actividades", "license": "Licencia"},
    "it": {"activities": "Attività", "license": "Licenza"},
    "pt": {"activities": "Atividades", "license": "Licença"},
    "nl": {"activities": "Activiteiten", "license": "Licentie"},
    "he": {"activities": "פעילויות", "license": "רישיון"},
    "ar": {"activities": "الأنشطة", "license": "الترخيص"},
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
        for name in (*FILES, *LISTED):
            if (path / name).is_file():
                found[name] = read_capped(path / name)
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    name = Path(member.filename).name.lower()
                    known = next((n for n in (*FILES, *LISTED) if n.lower() == name), None)
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


def from_export(parts: dict[str, list[dict[str, str]]], job: Import) -> dict[str, Any]:
    """The CV the export's résumé files (`tables`) make; what has no place goes to `job.notes`."""
    export = Export(parts, job)
    made = (
        export.summary(),
        export.experience("Positions.csv", "work", role="Title", team=None),
        export.education(),
        export.projects(),
        *(export.entries(file, *columns) for file, columns in ENTRIES.items()),
        export.experience("Volunteering.csv", "volunteer", role="Role", team="Cause"),
        export.skills(),
        export.languages(),
        export.courses(),
    )
    return {"lang": export.lang, "header": export.header(), "sections": [s for s in made if s]}


# Files of dated entries: file → (section, title column, subtitle column, start column, end column).
ENTRIES = {
    "Publications.csv": ("publications", "Name", "Publisher", "Published On", None),
    "Certifications.csv": ("certificates", "Name", "Authority", "Started On", "Finished On"),
    "Honors.csv": ("awards", "Title", "Issuer", "Issued On", None),
}
Section = dict[str, Any] | None  # a section of the CV; None when the export has nothing for it


class Export:
    """One export's files, read into the CV's parts."""

    def __init__(self, parts: dict[str, list[dict[str, str]]], job: Import) -> None:
        self.parts, self.job = parts, job
        self.person = (parts.get("Profile.csv") or [{}])[0]
        self.lang = language_of(parts, self.person.get("First Name", ""), self.person.get("Last Name", ""))
        self.words = WORDS.get(self.lang, WORDS["en"])

    def header(self) -> dict[str, Any]:
        person, job = self.person, self.job
        job.at = "Profile.csv"
        first, last = person.get("First Name", ""), person.get("Last Name", "")
        name = f"{first} {last}".strip()  # Jane Doe
        if has_cjk(first + last):  # the family name first: 李明, 김민준, and 山田 太郎 with its space
            name = f"{last} {first}".strip() if self.lang == "ja" else f"{last}{first}"
        sites = websites(person.get("Websites", ""))
        emails = self.parts.get("Email Addresses.csv") or []
        primary = next((e for e in emails if e.get("Primary") == "Yes"), emails[0] if emails else {})
        phone = next(iter(self.parts.get("PhoneNumbers.csv") or []), {})  # (its extension in a column of its own)
        handle = re.sub(r"[\[\]@]", "", person.get("Twitter Handles", "")).split(",")[0].strip()
        for field in PRIVATE:
            if person.get(field):
                job.notes.append(f"Profile.csv {field}: {person[field]}")
        for email in emails:
            if email is not primary and email.get("Email Address"):
                job.notes.append(f"Email Addresses.csv: {email['Email Address']} (the header has one e-mail)")
        for file in LISTED:
            if self.parts.get(file):
                count = len(self.parts[file])
                job.notes.append(f"{file}: {count} row{'s' * (count != 1)}, not read (add what you want by hand)")
        return clean(
            {
                "name": name or "?",
                "headline": person.get("Headline"),
                "location": person.get("Geo Location"),
                "email": primary.get("Email Address"),
                "phone": " ext. ".join(filter(None, (phone.get("Number"), phone.get("Extension")))) or None,
                "homepage": sites[0] if sites else None,
                "profiles": [
                    *({"label": url.split("//")[1].rstrip("/"), "url": url} for url in sites[1:]),
                    *([{"network": "x", "username": handle}] if handle else []),
                ],
            }
        )

    def rows(self, file: str) -> Iterator[tuple[str, dict[str, str]]]:
        """Each row of `file` with where it is (its line, after the header's), for notes."""
        for line, row in enumerate(self.parts.get(file) or [], start=2):
            self.job.at = f"{file} row {line}"
            yield self.job.at, row

    def section(self, key: str, kind: str, entries: list[Any]) -> Section:
        return section(key, kind, self.lang, entries) if entries else None

    def summary(self) -> Section:
        text = self.person.get("Summary")
        return self.section("summary", "text", [literal(text)] if text else [])

    def experience(self, file: str, key: str, role: str, team: str | None) -> Section:
        made = [
            clean(
                {
                    "organization": row.get("Company Name") or "?",
                    "team": row.get(team) if team else None,
                    "role": row.get(role),
                    "location": row.get("Location"),
                    **self.job.dates(row, "Started On", "Finished On", where),
                    **told(row.get("Description", "")),
                }
            )
            for where, row in self.rows(file)
        ]
        return self.section(key, "experience", promotions(made))

    def education(self) -> Section:
        made = []
        for where, row in self.rows("Education.csv"):
            activities = row.get("Activities")
            entry = {
                "school": row.get("School Name") or "?",
                "degree": row.get("Degree Name"),
                **self.job.dates(row, "Start Date", "End Date", where),
                "summary": literal(row["Notes"]) if row.get("Notes") else None,
                "bullets": [{"label": self.words["activities"], "text": literal(activities)}] if activities else [],
            }
            made.append(clean(entry))
        return self.section("education", "education", made)

    def projects(self) -> Section:
        made = [
            clean(
                {
                    "title": row.get("Title") or "?",
                    **self.job.dates(row, "Started On", "Finished On", where),
                    "links": links(row.get("Url")),
                    **told(row.get("Description", "")),
                }
            )
            for where, row in self.rows("Projects.csv")
        ]
        return self.section("projects", "projects", made)

    def entries(self, file: str, key: str, title: str, subtitle: str, start: str, end: str | None) -> Section:
        made = []
        for where, row in self.rows(file):
            entry = {
                "title": row.get(title) or "?",
                "subtitle": row.get(subtitle),
                **self.job.dates(row, start, end or start, where),  # (one date: a period of one)
                "links": links(row.get("Url")),
                **told(row.get("Description", "")),
            }
            if row.get("License Number"):
                entry["bullets"].append({"label": self.words["license"], "text": literal(row["License Number"])})
            made.append(clean(entry))
        return self.section(key, "entries", made)

    def skills(self) -> Section:
        names = [literal(row["Name"]) for _, row in self.rows("Skills.csv") if row.get("Name")]
        joined = ("、" if self.lang.startswith(("zh", "ja")) else ", ").join(names)
        return self.section("skills", "text", [joined] if names else [])

    def languages(self) -> Section:
        made = [
            {"label": row["Name"], "details": literal(row.get("Proficiency") or " ")}
            for _, row in self.rows("Languages.csv")
            if row.get("Name")
        ]
        return self.section("languages", "lines", made)

    def courses(self) -> Section:
        made = [
            literal(f"{row['Name']} ({row['Number']})" if row.get("Number") else row["Name"])
            for _, row in self.rows("Courses.csv")
            if row.get("Name")
        ]
        return self.section("courses", "bullets", made)


def told(text: str) -> dict[str, Any]:
    """A description as LinkedIn users write one: lines starting • or - are points (or points run
    together, `Did this. • Did that.`), the rest its summary."""
    lines = [line for line in text.replace(" • ", "\n• ").splitlines() if line.strip()]
    points = [literal(POINT.sub("", line)) for line in lines if POINT.match(line)]
    prose = " ".join(literal(line.strip()) for line in lines if not POINT.match(line))
    return {"summary": prose, "bullets": points}
