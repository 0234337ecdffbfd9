"""`resumetex import`: a JSON Resume, RenderCV or YAMLResume file, or a LinkedIn data export →
resumetex YAML.

Every string is kept as written; each section gets a kind; what has no place becomes a
comment at the top of the result, so nothing is dropped silently."""

import contextlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from resumetex.dates import as_period, is_present, parse_date
from resumetex.errors import DataError
from resumetex.inline import clean as clean_text
from resumetex.layout import NETWORK_NAMES, NETWORK_NAMES_ZH, profile_url, strings_of
from resumetex.load import PHOTO_SUFFIXES, RENAMED, compose, decode, foreign_format, photo_problem, to_python
from resumetex.locales import east_asian, has_cjk, right_to_left_language, western_language, words_of
from resumetex.model import Profile
from resumetex.source import LANGUAGE_NAMES, language_code, read_source

TITLES = {
    "en": {
        "summary": "Summary",
        "work": "Experience",
        "volunteer": "Volunteering",
        "education": "Education",
        "awards": "Awards",
        "certificates": "Certificates",
        "publications": "Publications",
        "skills": "Skills",
        "languages": "Languages",
        "interests": "Interests",
        "references": "References",
        "projects": "Projects",
        "courses": "Courses",
        "highlights": "Highlights",
    },
    "zh": {
        "summary": "个人简介",
        "work": "工作经历",
        "volunteer": "志愿经历",
        "education": "教育背景",
        "awards": "荣誉奖项",
        "certificates": "证书",
        "publications": "发表论文",
        "skills": "专业技能",
        "languages": "语言能力",
        "interests": "兴趣爱好",
        "references": "推荐人",
        "projects": "项目经历",
        "courses": "课程",
        "highlights": "个人亮点",
    },
    "zh-TW": {
        "summary": "個人簡介",
        "work": "工作經歷",
        "volunteer": "志工經歷",
        "education": "學歷",
        "awards": "榮譽獎項",
        "certificates": "證照",
        "publications": "發表論文",
        "skills": "專業技能",
        "languages": "語言能力",
        "interests": "興趣",
        "references": "推薦人",
        "projects": "專案經歷",
        "courses": "課程",
        "highlights": "個人亮點",
    },
    "ja": {
        "summary": "職務要約",
        "work": "職歴",
        "volunteer": "ボランティア活動",
        "education": "学歴",
        "awards": "受賞歴",
        "certificates": "資格",
        "publications": "論文・発表",
        "skills": "スキル",
        "languages": "語学",
        "interests": "趣味・特技",
        "references": "推薦者",
        "projects": "プロジェクト",
        "courses": "研修・講座",
        "highlights": "アピールポイント",
    },
    "ko": {
        "summary": "자기소개",
        "work": "경력",
        "volunteer": "봉사활동",
        "education": "학력",
        "awards": "수상 경력",
        "certificates": "자격증",
        "publications": "논문 및 발표",
        "skills": "기술",
        "languages": "어학",
        "interests": "관심 분야",
        "references": "추천인",
        "projects": "프로젝트",
        "courses": "교육 이수",
        "highlights": "핵심 역량",
    },
    "fr": {
        "summary": "Profil",
        "work": "Expérience professionnelle",
        "volunteer": "Bénévolat",
        "education": "Formation",
        "awards": "Distinctions",
        "certificates": "Certifications",
        "publications": "Publications",
        "skills": "Compétences",
        "languages": "Langues",
        "interests": "Centres d'intérêt",
        "references": "Références",
        "projects": "Projets",
        "courses": "Cours",
        "highlights": "Points forts",
    },
    "de": {
        "summary": "Profil",
        "work": "Berufserfahrung",
        "volunteer": "Ehrenamt",
        "education": "Ausbildung",
        "awards": "Auszeichnungen",
        "certificates": "Zertifikate",
        "publications": "Publikationen",
        "skills": "Kenntnisse",
        "languages": "Sprachen",
        "interests": "Interessen",
        "references": "Referenzen",
        "projects": "Projekte",
        "courses": "Kurse",
        "highlights": "Stärken",
    },
    "es": {
        "summary": "Perfil",
        "work": "Experiencia",
        "volunteer": "Voluntariado",
        "education": "Formación",
        "awards": "Premios",
        "certificates": "Certificaciones",
        "publications": "Publicaciones",
        "skills": "Habilidades",
        "languages": "Idiomas",
        "interests": "Intereses",
        "references": "Referencias",
        "projects": "Proyectos",
        "courses": "Cursos",
        "highlights": "Puntos fuertes",
    },
    "it": {
        "summary": "Profilo",
        "work": "Esperienza professionale",
        "volunteer": "Volontariato",
        "education": "Istruzione",
        "awards": "Premi",
        "certificates": "Certificazioni",
        "publications": "Pubblicazioni",
        "skills": "Competenze",
        "languages": "Lingue",
        "interests": "Interessi",
        "references": "Referenze",
        "projects": "Progetti",
        "courses": "Corsi",
        "highlights": "Punti di forza",
    },
    "pt": {
        "summary": "Perfil",
        "work": "Experiência profissional",
        "volunteer": "Voluntariado",
        "education": "Formação acadêmica",
        "awards": "Prêmios",
        "certificates": "Certificações",
        "publications": "Publicações",
        "skills": "Competências",
        "languages": "Idiomas",
        "interests": "Interesses",
        "references": "Referências",
        "projects": "Projetos",
        "courses": "Cursos",
        "highlights": "Destaques",
    },
    "nl": {
        "summary": "Profiel",
        "work": "Werkervaring",
        "volunteer": "Vrijwilligerswerk",
        "education": "Opleiding",
        "awards": "Prijzen",
        "certificates": "Certificaten",
        "publications": "Publicaties",
        "skills": "Vaardigheden",
        "languages": "Talen",
        "interests": "Interesses",
        "references": "Referenties",
        "projects": "Projecten",
        "courses": "Cursussen",
        "highlights": "Sterke punten",
    },
    "he": {
        "summary": "תקציר",
        "work": "ניסיון תעסוקתי",
        "volunteer": "התנדבות",
        "education": "השכלה",
        "awards": "פרסים",
        "certificates": "תעודות",
        "publications": "פרסומים",
        "skills": "כישורים",
        "languages": "שפות",
        "interests": "תחומי עניין",
        "references": "ממליצים",
        "projects": "פרויקטים",
        "courses": "קורסים",
        "highlights": "דגשים",
    },
    "ar": {
        "summary": "نبذة",
        "work": "الخبرة المهنية",
        "volunteer": "العمل التطوعي",
        "education": "التعليم",
        "awards": "الجوائز",
        "certificates": "الشهادات",
        "publications": "المنشورات",
        "skills": "المهارات",
        "languages": "اللغات",
        "interests": "الاهتمامات",
        "references": "المراجع",
        "projects": "المشاريع",
        "courses": "الدورات",
        "highlights": "أبرز النقاط",
    },
}
TITLES["zh-HK"] = TITLES["zh-TW"]
# A network as other formats write it (GitHub, Google Scholar, googlescholar, 知乎, twitter) → ours.
NETWORKS = {
    spelled: key
    for names in (NETWORK_NAMES, NETWORK_NAMES_ZH)
    for key, name in names.items()
    for spelled in (key, name.lower(), name.lower().replace(" ", ""))
} | RENAMED
MARKDOWN_SPECIALS = re.compile(r"([\\*_\[\]])")
MARKDOWN_LINK = re.compile(r"^\[([^\]]+)\]\(([^)]+)\)$")


class Import:
    """One conversion: the result, and notes on what could not be placed. `source` is the
    imported file's folder, `target` the folder of the CV written (photo paths start there)."""

    def __init__(self, source: Path = Path("."), target: Path = Path(".")) -> None:
        self.notes: list[str] = []
        self.source, self.target = source, target
        self.at = "the file"  # the part being converted, for a message when it is not in the format's shape
        self.markdown = False  # YAMLResume's text is Markdown, as resumetex's; JSON Resume's is shown as written
        self.months = False  # YAMLResume prints a date's month and year alone, whatever day it is given

    def prose(self, text: Any) -> str:
        """`text` for a prose field: as written (Markdown's characters escaped), or, from a format
        whose text is Markdown, as it is."""
        return " ".join(str(text).split()) if self.markdown else literal(text)

    def summary(self, text: Any) -> tuple[str | None, list[Any]]:
        """A summary as a paragraph and points: YAMLResume writes points as a Markdown list in its
        summaries (JSON Resume's are text alone)."""
        if not self.markdown:
            return (literal(text) if text else None), []
        paragraph, points = markdown_points(str(text or ""))
        return paragraph or None, points

    def described(self, item: dict[str, Any]) -> tuple[str, list[Any]]:
        """An item's description and summary as one paragraph (YAMLResume gives some items both),
        and the summary's points."""
        said, points = self.summary(item.get("summary"))
        given = self.prose(item["description"]) if item.get("description") else None
        return " ".join(part for part in (given, said) if part), points

    def photo(self, value: Any, where: str) -> str | None:
        """The photo at `value` (a path from the imported file) as a path from the CV written,
        when it is a picture resumetex places; else a note."""
        found = self.source / str(value)
        local = "://" not in str(value) and found.suffix.lower() in PHOTO_SUFFIXES and found.is_file()
        if local and photo_problem(found) is None:
            return os.path.relpath(found.resolve(), self.target.resolve())
        self.notes.append(f"{where}: {value} (a photo must be a local picture file: set header.photo)")
        return None

    def date(self, value: Any, where: str, end: bool = False) -> str | None:
        """`value` if resumetex reads it as a date (or `present` for an end); else a note."""
        if value in (None, ""):
            return None
        text = str(value).strip()
        if end and is_present(text):
            return "present"
        # An ISO 8601 date and time, as some tools write JSON Resume's dates: the date is what counts.
        text = re.sub(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$", r"\1", text)
        try:
            read = parse_date(text)
        except ValueError:
            self.notes.append(f"{where}: the date {text!r} is not one resumetex reads (2021, 2021.03, Mar 2021)")
            return None
        if self.months and read.day is not None and not read.expected:  # Sep 1, 2016: September 2016
            return f"{read.year}-{read.month:02d}"
        return text

    def dates(self, item: dict[str, Any], start: str, end: str, where: str) -> dict[str, str]:
        """A period as resumetex writes it: start and end; a start alone (ongoing); one date."""
        begun, ended = self.date(item.get(start), where), self.date(item.get(end), where, end=True)
        if not begun and item.get(start) not in (None, "") and ended:  # a start it could not read
            self.notes.append(f"{where}: the end {ended} was left out with its start")
            return {}  # (the end alone would read as a one-off date)
        if not begun:
            return {"date": ended} if ended and ended != "present" else {}
        if ended == begun:
            return {"date": begun}
        if ended and ended != "present" and parse_date(ended).before(parse_date(begun)):
            self.notes.append(f"{where}: the end {ended} is before the start {begun}; the end was left out")
            ended = None
        return {"start": begun, "end": ended} if ended else {"start": begun}


def import_file(path: Path, target: Path | None = None) -> str:
    """The resumetex YAML for the JSON Resume, RenderCV or YAMLResume file at `path`, to be written at
    `target` (default: beside it)."""
    try:
        return convert(path, (target or path).parent)
    except RecursionError:
        raise DataError([f"{path}: lists or mappings are nested too deeply here"]) from None


def convert(path: Path, folder: Path) -> str:
    from resumetex import linkedin  # (which builds on this module's parts)

    job = Import(path.parent, folder)
    if linkedin.is_export(path):
        return as_yaml(path, "a LinkedIn data export", linkedin.from_export(linkedin.tables(path), job), job)
    if path.is_dir():
        said = "a folder without Profile.csv or Positions.csv, so not LinkedIn's export unpacked"
        raise DataError([f"{path}: {said}; import takes that, its ZIP, or a JSON Resume, RenderCV or YAMLResume file"])
    raw = read_source(path)
    text = decode(raw, path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DataError([f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"]) from None
    else:
        problems: list[str] = []
        data = to_python(compose(text, path), path, problems)
        if problems:
            raise DataError(problems)
    source = foreign_format(data) if isinstance(data, dict) else None
    if source is None:
        said = "neither a JSON Resume file (basics, work, ...) nor a RenderCV (cv: ...) or YAMLResume (content: ...)"
        raise DataError([f"{path}: {said}"])
    reader = {"RenderCV": from_rendercv, "YAMLResume": from_yamlresume}.get(source, from_json_resume)
    try:
        cv = reader(data, job)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
        found = misshapen(error)
        problem = f"{found} where {source} has something else; write it as {source} does"
        raise DataError([f"{path}: {job.at}: {problem}"]) from None
    return as_yaml(path, source, cv, job)


def as_yaml(path: Path, source: str, cv: dict[str, Any], job: Import) -> str:
    """The CV as YAML, after a comment naming where it came from and what found no place."""
    lines = [
        "# yaml-language-server: $schema=resumetex.schema.json",
        f"# Imported from {path.name} ({source}) by `resumetex import`.",
    ]
    lines += [f"# Not placed: {note}" for note in job.notes]
    body = yaml.safe_dump(unblanked(cv), allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    return "\n".join(lines) + "\n" + body


def unblanked(data: Any) -> Any:
    """`data` without the items of its lists that say nothing (a highlight "", as tools write one
    left empty): each would be a point with nothing in it."""
    if isinstance(data, dict):
        return {key: unblanked(value) for key, value in data.items()}
    if isinstance(data, list):
        return [unblanked(item) for item in data if not (isinstance(item, str) and not clean_text(item))]
    return data


def language_of(data: Any, *names: str) -> str:
    """The language of the source's text: its East Asian text's (see locales.east_asian), its
    Hebrew or Arabic letters' (locales.right_to_left_language), else its words' (see
    locales.western_language), else English. The owner's `names` are left out: a
    résumé in English whose owner writes 李伟 is English. Addresses are left out too (example.com
    is not Portuguese), and the format's keys (`position` is in English whatever the CV's language)."""
    text = re.sub(r"\S*[@/.:]\w\S*", " ", "\n".join(strings_of(data)))
    for name in names:
        text = text.replace(name, " ") if name.strip() else text
    return east_asian(text) if has_cjk(text) else right_to_left_language(text) or western_language(text)


def literal(text: Any) -> str:
    """`text` for a prose field, shown exactly as written (Markdown's characters escaped)."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def markdown_points(text: str) -> tuple[str, list[Any]]:
    """Markdown `text` as its paragraphs and its list's points, read as CommonMark reads them
    (markdown-it): a wrapped line, or one that follows a point unindented, is part of it; a list
    indented under a point holds that point's points."""
    from markdown_it import MarkdownIt  # (only for a format whose text is Markdown)

    paragraph: list[str] = []
    points: list[Any] = []
    depth = 0
    for token in MarkdownIt("commonmark").parse(text):
        depth += token.type.endswith("_list_open") - token.type.endswith("_list_close")  # bullet or ordered
        said = " ".join(token.content.split()) if token.type == "inline" else ""
        if not said:
            continue
        if depth == 0:
            paragraph.append(said)
        elif depth == 1 or not points:
            points.append(said)
        else:  # a point of the point above (deeper lists, as one level: resumetex's points have one)
            above = points[-1] if isinstance(points[-1], dict) else {"text": points[-1], "bullets": []}
            points[-1] = {**above, "bullets": [*above["bullets"], said]}
    return " ".join(paragraph), points


def section(key: str, kind: str, lang: str, entries: list[Any], title: str | None = None) -> dict[str, Any]:
    """A section titled in `lang`'s words (a language without its own takes English's)."""
    titles = TITLES.get(lang) or TITLES.get(words_of(lang)) or TITLES["en"]
    return {"key": key, "kind": kind, "title": title or titles[key], "entries": entries}


def profile(network: str, username: str, url: str, job: Import) -> tuple[str, dict[str, str]]:
    """A header profile, or (when it cannot be one) a detail: ('profile'|'detail', fields)."""
    known = NETWORKS.get(network.strip().lower())
    if known and (username or url):
        fields = {"network": known}
        fields.update({k: v for k, v in (("username", username), ("url", url)) if v})
        try:
            Profile.model_validate(fields)  # (a Mastodon name without its server, a website without its address)
        except ValidationError:
            return "detail", {"label": network, "value": username or url}
        return "profile", fields
    if url.startswith(("https://", "http://")):
        return "profile", {"label": f"{network}: {username}" if username else network, "url": url}
    return "detail", {"label": network, "value": username or url}


def as_list(value: Any) -> list[Any]:
    """A value that may be one thing or a list of them, as a list (none: empty)."""
    return [v for v in value if v] if isinstance(value, list) else [value] if value else []


def clean(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


# Python's names of the values JSON and YAML give, in a user's words.
SHAPES = {
    "str": "text",
    "list": "a list",
    "dict": "a mapping",
    "int": "a number",
    "float": "a number",
    "bool": "true or false",
    "NoneType": "an empty value",
}


def misshapen(error: Exception) -> str:
    """What the input had where the conversion expected something else, from Python's words."""
    found = re.search(r"'(\w+)' object|(\w+) found|not '?(\w+)'?$", str(error))
    name = next((group for group in found.groups() if group), "") if found else ""
    return SHAPES.get(name, "a value")


# ---- JSON Resume ---------------------------------------------------------------------------


def json_resume_header(basics: dict[str, Any], job: Import, prose: Any) -> dict[str, Any]:
    """The header from JSON Resume's `basics`; `prose` turns its label into resumetex prose."""
    header: dict[str, Any] = {"name": basics.get("name") or "?"}
    location = basics.get("location") or {}
    if isinstance(location, dict):
        parts = [location.get(k) for k in ("address", "postalCode", "city", "region", "countryCode", "country")]
        where = ", ".join(str(p) for p in parts if p)
    else:
        where = str(location)
    profiles: list[dict[str, str]] = []
    details: list[dict[str, str]] = []
    for item in basics.get("profiles") or []:
        if not (item.get("username") or item.get("url")):
            continue  # (a network's name alone: no account to name)
        kind, fields = profile(
            str(item.get("network", "")), str(item.get("username", "")), str(item.get("url", "")), job
        )
        (profiles if kind == "profile" else details).append(fields)
    url = basics.get("url") or basics.get("website")
    headline = basics.get("label") or basics.get("headline")  # JSON Resume's, or YAMLResume's
    if basics.get("label") and basics.get("headline"):
        job.notes.append(f"basics.headline: {basics['headline']} (the label is the headline)")
    header.update(
        clean(
            {
                "headline": prose(headline) if headline else None,
                "location": where,
                "phone": basics.get("phone"),
                "email": basics.get("email"),
                "homepage": url if str(url or "").startswith(("https://", "http://")) else None,
                "profiles": profiles,
                "details": details,
            }
        )
    )
    if url and "homepage" not in header:
        header.setdefault("details", []).append({"label": "Web", "value": url})
    if basics.get("image"):
        header["photo"] = job.photo(basics["image"], "basics.image")
    return clean(header)


# What resumetex reads of a JSON Resume (v1, and the older company and website keys); any other
# list, or field of an item, is listed as not placed (see unplaced).
WORK = {
    *("name", "company", "organization", "position", "location", "startDate", "endDate"),
    *("description", "summary", "url", "website", "highlights", "keywords"),
}
JSON_RESUME = {
    "work": WORK,
    "volunteer": WORK,
    "education": {
        *("institution", "studyType", "degree", "area", "score", "gpa", "startDate", "endDate", "url", "courses"),
        "summary",
    },
    "projects": {
        *("name", "roles", "entity", "type", "startDate", "endDate"),
        *("description", "summary", "url", "highlights", "keywords"),
    },
    "awards": {"title", "awarder", "date", "summary"},
    "certificates": {"name", "issuer", "date", "url"},
    "publications": {"name", "publisher", "releaseDate", "summary", "url"},
    "skills": {"name", "level", "keywords"},
    "interests": {"name", "keywords"},
    "languages": {"language", "fluency", "keywords"},
    "references": {"name", "reference", "summary", "relationship", "email", "phone"},
}
JSON_RESUME_BASICS = {
    *("name", "label", "headline", "image", "email", "phone", "url", "website", "summary", "location", "profiles"),
}


def from_json_resume(data: dict[str, Any], job: Import, lang: str | None = None) -> dict[str, Any]:
    """The CV of a JSON Resume file, in `lang` (default: its text's, see language_of)."""
    exported = (data.get("meta") or {}).get("resumetex")
    if isinstance(exported, dict) and isinstance(exported.get("sections"), list):
        return from_export(data, exported, job)
    basics = data.get("basics") or {}
    unplaced(basics if isinstance(basics, dict) else {}, JSON_RESUME_BASICS, "basics", job)
    for key, value in data.items():
        if key not in (*JSON_RESUME, "basics", "meta", "$schema") and value:
            job.notes.append(f"{key}: a list JSON Resume does not have")
        for i, item in enumerate(value if key in JSON_RESUME and isinstance(value, list) else []):
            if isinstance(item, dict):
                unplaced(item, JSON_RESUME[key], f"{key}[{i}]", job)
    lang = lang or language_of(data, str(basics.get("name") or "") if isinstance(basics, dict) else "")
    job.at = "basics"
    header = json_resume_header(basics, job, job.prose)
    sections: list[dict[str, Any]] = []
    paragraph, points = job.summary(basics.get("summary"))
    if paragraph:
        sections.append(section("summary", "text", lang, [paragraph]))
    if points:  # (YAMLResume's: a list after the paragraph, or in its place)
        sections.append(section("highlights" if paragraph else "summary", "bullets", lang, points))
    for key in ("work", "volunteer"):
        entries = [experience(item, f"{key}[{i}]", job) for i, item in enumerate(data.get(key) or [])]
        if entries:
            sections.append(section(key, "experience", lang, promotions(entries)))
    entries = [education(item, f"education[{i}]", job) for i, item in enumerate(data.get("education") or [])]
    if entries:
        sections.append(section("education", "education", lang, entries))
    entries = [project(item, f"projects[{i}]", job) for i, item in enumerate(data.get("projects") or [])]
    if entries:
        sections.append(section("projects", "entries", lang, entries))
    simple = {
        "awards": ("title", "awarder", "date", "summary", None),
        "certificates": ("name", "issuer", "date", None, "url"),
        "publications": ("name", "publisher", "releaseDate", "summary", "url"),
    }
    for key, (title, subtitle, date, summary, link) in simple.items():
        entries = []
        for i, item in enumerate(data.get(key) or []):
            job.at = f"{key}[{i}]"
            entry = {"title": item.get(title) or "?", "subtitle": item.get(subtitle)}
            entry.update(dated(job, item.get(date), f"{key}[{i}]"))
            entry["summary"], entry["bullets"] = job.summary(item.get(summary)) if summary else (None, [])
            entry["links"] = links(item.get(link)) if link else None
            entries.append(clean(entry))
        if entries:
            sections.append(section(key, "entries", lang, entries))
    for key, label, values in (("skills", "name", "keywords"), ("interests", "name", "keywords")):
        rows = []
        for i, item in enumerate(data.get(key) or []):
            job.at = f"{key}[{i}]"
            words = ", ".join(str(w) for w in unblanked(item.get(values) or []))
            shown = " — ".join(str(p) for p in (item.get("level"), words) if p) or " "
            rows.append({"label": item.get(label) or "?", "details": job.prose(shown)})
        if rows:
            sections.append(section(key, "lines", lang, rows))
    job.at = "languages"
    rows = []
    for item in data.get("languages") or []:
        words = ", ".join(str(w) for w in unblanked(item.get("keywords") or []))  # (YAMLResume's: TOEFL 110)
        shown = " — ".join(str(p) for p in (item.get("fluency"), words) if p) or " "
        rows.append({"label": item.get("language") or "?", "details": job.prose(shown)})
    if rows:
        sections.append(section("languages", "lines", lang, rows))
    job.at = "references"
    paragraphs = []
    for item in data.get("references") or []:
        who = ", ".join(str(item[k]) for k in ("name", "relationship") if item.get(k))
        reach = ", ".join(str(item[k]) for k in ("email", "phone") if item.get(k))  # (YAMLResume's)
        said = " ".join(str(item.get(k) or "").strip() for k in ("reference", "summary")).strip()
        paragraphs.append(job.prose(" — ".join(p for p in (said, who + (f" ({reach})" if reach else "")) if p)))
    if paragraphs:
        sections.append(section("references", "text", lang, paragraphs))
    return {"lang": lang, "header": header, "sections": sections}


# ---- YAMLResume --------------------------------------------------------------------------------


def from_yamlresume(data: dict[str, Any], job: Import) -> dict[str, Any]:
    """YAMLResume's `content` is JSON Resume's, its location and profiles beside `basics` and its
    text Markdown (summaries often a list of points); its language and look are in `locale` and
    `layout` (older files) or `layouts` (newer ones, one for each output)."""
    content = dict(data["content"])
    basics = content.pop("basics", None) or {}
    moved = {key: content.pop(key) for key in ("location", "profiles") if content.get(key)}
    job.markdown = job.months = True
    layouts: list[Any] = data["layouts"] if isinstance(data.get("layouts"), list) else [data.get("layout")]
    layout = next((item for item in layouts if isinstance(item, dict) and item.get("engine") in (None, "latex")), {})
    job.at = "locale"
    language = str((data.get("locale") or layout.get("locale") or {}).get("language") or "").strip()
    code = None
    with contextlib.suppress(ValueError):  # (one resumetex cannot read: the text's language holds)
        code = language_code(language) if language else None
    cv = from_json_resume({**content, "basics": {**basics, **moved}}, job, code)  # titled in its language
    job.at = "layout"
    given = {
        "font_size": (layout.get("typography") or {}).get("fontSize"),
        "margin": ((layout.get("page") or {}).get("margins") or layout.get("margins") or {}).get("left"),
        "paper": (layout.get("page") or {}).get("paperSize"),
    }
    if layout.get("template"):
        job.notes.append(f"layout.template: {layout['template']} (YAMLResume's; resumetex's themes: default, classic)")
    return {"lang": cv.pop("lang"), **cv, **design_from(given, job)}


# ---- JSON Resume that resumetex wrote (`render --format json`) --------------------------------


def from_export(data: dict[str, Any], exported: dict[str, Any], job: Import) -> dict[str, Any]:
    """The CV `render --format json` wrote: `meta.resumetex` names each section's key, title, kind
    and the JSON Resume list its entries are in; text is resumetex's own (Markdown), taken as is."""
    basics = data.get("basics") or {}
    header = json_resume_header({**basics, "profiles": []}, job, str)  # (its photo too, from the JSON's folder)
    header.pop("details", None)
    profiles = []
    for item in basics.get("profiles") or []:
        network = NETWORKS.get(str(item.get("network", "")).lower()) if not item.get("label") else None
        fields = {k: item.get(k) for k in ("username", "url", "label")}
        derived = profile_url(network, str(fields["username"])) if network else None
        if fields["username"] and fields["url"] == derived:
            fields["url"] = None  # derived from the username, as it was
        profiles.append(clean({"network": network, **fields}))
    header.update(
        clean(
            {
                "profiles": profiles,
                "details": basics.get("details"),
                "interests": basics.get("interests"),
                "author_names": basics.get("authorNames"),
            }
        )
    )
    lists = {
        name: list(data.get(name) or [])
        for name in ("education", "work", "projects", "publications", "awards", "skills", "interests")
    }
    sections = []
    for place in exported["sections"]:
        kind, where = place.get("kind"), place.get("in")
        if where == "basics.summary":
            entries: list[Any] = str(basics.get("summary") or "").split("\n\n")
        else:
            taken = lists.get(str(where), [])[: int(place.get("count") or 0)]
            del lists.get(str(where), [])[: len(taken)]
            # an organization's roles are an item each: place["roles"] says how many each entry has
            counts = place.get("roles") if isinstance(place.get("roles"), list) else [0] * len(taken)
            entries, at = [], 0
            for count in counts:
                if at >= len(taken):
                    break
                if isinstance(count, int) and count > 0:
                    entries.append(with_roles(taken[at : at + count], str(where), at, job))
                    at += count
                else:
                    entries.append(exported_entry(str(kind), taken[at], f"{where}[{at}]", job))
                    at += 1
            if kind in ("bullets", "text"):
                entries = entries[0] if entries else []
        fields = {k: place.get(k) for k in ("key", "kind", "title", "summary", "numbering")}
        sections.append(clean(fields) | {"entries": entries})
    # A CV without `lang:` comes back without it, so it is read as it was (by its owner's name).
    cv = clean({"lang": exported.get("lang")}) | {"header": header, "sections": sections}
    kept = {key: exported[key] for key in ("design", "locale") if isinstance(exported.get(key), dict)}
    return cv | kept | ({"emphasize": exported["emphasize"]} if isinstance(exported.get("emphasize"), list) else {})


def exported_entry(kind: str, item: dict[str, Any], where: str, job: Import) -> Any:
    """One item of a JSON Resume list back as an entry of a `kind` section."""
    job.at = where
    item = {**item, **written(item)}
    dates = job.dates(item, "startDate", "endDate", where)
    shown_links = item.get("links") or links(item.get("url")) or []
    points = item.get("bullets") if "bullets" in item or "groups" in item else item.get("highlights")
    common = {**dates, "links": shown_links, "bullets": points or []}
    if kind == "education":
        fields = {
            "school": item.get("institution"),
            "department": item.get("department"),
            "degree": item.get("studyType"),
            "major": item.get("area"),
            "advisor": item.get("advisor"),
            "location": item.get("location"),
            "gpa": item.get("score"),
            "summary": item.get("summary"),
        }
    elif kind == "experience":
        fields = {
            "organization": item.get("name"),
            "team": item.get("description"),
            "role": item.get("position"),
            "location": item.get("location"),
            "summary": item.get("summary"),
        }
    elif kind == "projects":
        fields = {
            "title": item.get("name"),
            "role": (item.get("roles") or [None])[0],
            "summary": item.get("description"),
            "groups": item.get("groups"),
        }
    elif kind == "publications":
        return clean(
            {
                "authors": item.get("authors") or ["?"],
                "title": item.get("name"),
                "venue": item.get("publisher"),
                **dated(job, item.get("releaseDate"), where),
                "status": item.get("status"),
                "doi": item.get("doi"),
                "links": item.get("links"),
                "note": item.get("summary"),
            }
        )
    elif kind == "entries":
        fields = {
            "title": item.get("title"),
            "subtitle": item.get("awarder"),
            "location": item.get("location"),
            "summary": item.get("summary"),
        }
    elif kind == "lines":
        return {"label": item.get("name"), "details": ", ".join(str(k) for k in item.get("keywords") or [])}
    else:  # bullets and text: one item holds the section's entries
        return points if kind == "bullets" and "bullets" in item else list(item.get("keywords") or [])
    return clean({**fields, **common})


def with_roles(items: list[dict[str, Any]], where: str, offset: int, job: Import) -> dict[str, Any]:
    """An organization's entry back from its roles' items (the export's `roles`): each item as the
    position it is, put together as promotions are; the organization's own fields from the first
    item's `organization`."""
    kept = items[0].get("organization")
    own: dict[str, Any] = kept if isinstance(kept, dict) else {}
    run = [exported_entry("experience", item, f"{where}[{at}]", job) for at, item in enumerate(items, offset)]
    entry = with_its_roles(run, own)
    bullets = own.get("bullets") if "bullets" in own else own.get("highlights")
    return clean({**entry, **{k: own.get(k) for k in ("start", "end", "date", "summary")}, "bullets": bullets})


def written(item: dict[str, Any]) -> dict[str, Any]:
    """The dates the export also wrote as the résumé shows them (endDateWritten: Expected June
    2026), in place of their ISO form, which has no room for a season or a date still to come."""
    return {name.removesuffix("Written"): value for name, value in item.items() if name.endswith("DateWritten")}


def dated(job: Import, value: Any, where: str) -> dict[str, str]:
    date = job.date(value, where)
    return {"date": date} if date else {}


def links(url: Any) -> list[dict[str, str]] | None:
    if not url:
        return None
    text = str(url)
    full = text if text.startswith(("https://", "http://")) else f"https://{text}"
    return [{"label": text.removeprefix("https://").removeprefix("http://").rstrip("/"), "url": full}]


def experience(item: dict[str, Any], where: str, job: Import) -> dict[str, Any]:
    job.at = where
    summary, points = job.described(item)
    entry = {
        "organization": item.get("name") or item.get("company") or item.get("organization") or "?",
        "role": item.get("position"),
        "location": item.get("location"),
        **job.dates(item, "startDate", "endDate", where),
        "summary": summary,
        "links": links(item.get("url") or item.get("website")),
        "bullets": [*points, *(job.prose(h) for h in item.get("highlights") or []), *keywords(item, job)],
    }
    return clean(entry)


def keywords(item: dict[str, Any], job: Import) -> list[str]:
    """An item's keywords as a last point, joined (YAMLResume gives a position its own)."""
    return [job.prose(", ".join(str(k) for k in item["keywords"]))] if item.get("keywords") else []


def promotions(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Positions held one after another at one organization, which JSON Resume and RenderCV list
    as an entry each, as one entry with its roles: the organization printed once."""
    runs: list[list[dict[str, Any]]] = []
    for entry in entries:
        last = runs[-1][-1] if runs else {}
        same = entry.get("organization") == last.get("organization") != "?"
        if same and entry.get("role") and last.get("role"):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return [run[0] if len(run) == 1 else with_its_roles(run) for run in runs]


def with_its_roles(run: list[dict[str, Any]], own: dict[str, Any] | None = None) -> dict[str, Any]:
    """One entry of `run`'s positions: the organization's team and place (`own`'s, else the first
    position's), and each role's own where it differs (a move between teams); every link once."""
    first = run[0]
    team, place = (
        (own.get("team"), own.get("location")) if own is not None else (first.get("team"), first.get("location"))
    )
    roles = [
        clean(
            {
                "role": entry.get("role") or "?",
                "team": entry.get("team") if entry.get("team") != team else None,
                "location": entry.get("location") if entry.get("location") != place else None,
                **{k: entry.get(k) for k in ("start", "end", "date", "summary", "bullets")},
            }
        )
        for entry in run
    ]
    every_link = [link for entry in run for link in entry.get("links") or []]
    shown = [link for at, link in enumerate(every_link) if link not in every_link[:at]]  # each once
    return clean(
        {"organization": first["organization"], "team": team, "location": place, "links": shown, "roles": roles}
    )


def education(item: dict[str, Any], where: str, job: Import) -> dict[str, Any]:
    job.at = where
    entry = {
        "school": item.get("institution") or "?",
        "degree": item.get("studyType") or item.get("degree"),
        "major": item.get("area"),
        "gpa": item.get("score") or item.get("gpa"),
        **job.dates(item, "startDate", "endDate", where),
        "links": links(item.get("url")),
    }
    entry["summary"], points = job.summary(item.get("summary"))
    entry["bullets"] = [*points, *(job.prose(c) for c in item.get("courses") or [])]
    return clean(entry)


def project(item: dict[str, Any], where: str, job: Import) -> dict[str, Any]:
    job.at = where
    subtitle = " · ".join(
        str(p) for p in (", ".join(item.get("roles") or []), item.get("entity"), item.get("type")) if p
    )
    summary, points = job.described(item)
    entry = {
        "title": item.get("name") or "?",
        "subtitle": subtitle,
        **job.dates(item, "startDate", "endDate", where),
        "summary": summary,
        "links": links(item.get("url")),
        "bullets": [*points, *(job.prose(h) for h in item.get("highlights") or []), *keywords(item, job)],
    }
    return clean(entry)


# ---- RenderCV --------------------------------------------------------------------------------


def from_rendercv(data: dict[str, Any], job: Import) -> dict[str, Any]:
    cv = data["cv"]
    job.at = "locale"
    language = str((data.get("locale") or {}).get("language") or "").lower()  # a name: english, turkish
    if language.startswith("zh-"):
        lang = words_of(language)  # the region says which characters: zh-tw is zh-TW
    elif language in LANGUAGE_NAMES:
        lang = LANGUAGE_NAMES[language]
    else:
        lang = language_of(cv, str(cv.get("name") or ""))
    header: dict[str, Any] = {"name": cv.get("name") or "?"}
    profiles: list[dict[str, str]] = []
    details: list[dict[str, str]] = []
    job.at = "cv.social_networks"
    for item in cv.get("social_networks") or []:
        kind, fields = profile(str(item.get("network", "")), str(item.get("username", "")), "", job)
        (profiles if kind == "profile" else details).append(fields)
    # 2.x takes several e-mails, phones and sites: the first is the header's, the others links after it.
    phone, *phones = [str(p).removeprefix("tel:") for p in as_list(cv.get("phone"))] or [""]  # 1.x wrote tel:
    email, *emails = as_list(cv.get("email")) or [""]
    site, *sites = as_list(cv.get("website")) or [""]
    profiles += [{"label": str(e), "url": f"mailto:{e}"} for e in emails]
    profiles += [{"label": p, "url": "tel:" + re.sub(r"[^\d+]", "", p)} for p in phones]
    profiles += [{"network": "website", "url": str(s)} for s in sites]
    job.at = "cv.custom_connections"
    for item in as_list(cv.get("custom_connections")):
        text, url = str(item.get("placeholder") or ""), str(item.get("url") or "")
        if text and url:
            profiles.append({"label": text, "url": url})
        elif text:
            job.notes.append(f"cv.custom_connections: {text} (a header link needs its url)")
    header.update(
        clean(
            {
                "headline": cv.get("headline"),
                "location": cv.get("location"),
                "phone": phone,
                "email": email,
                "homepage": site,
                "profiles": profiles,
                "details": details,
            }
        )
    )
    if cv.get("photo"):
        header["photo"] = job.photo(cv["photo"], "cv.photo")
        header = clean(header)
    owners: list[str] = []
    sections = []
    job.at = "cv.sections"
    for title, entries in (cv.get("sections") or {}).items():
        job.at = f"cv.sections.{title}"
        key = re.sub(r"[^a-z0-9_-]+", "-", str(title).lower()).strip("-") or "section"
        shown = str(title).replace("_", " ")
        shown = shown[:1].upper() + shown[1:]
        kind, converted = rendercv_entries(list(entries or []), f"cv.sections.{title}", owners, job)
        first = entries[0] if entries else None
        counted = [name for field, name in NUMBERED.items() if isinstance(first, dict) and field in first]
        numbering = {"numbering": counted[0]} if counted else {}
        sections.append({"key": key, "kind": kind, "title": shown, **numbering, "entries": converted})
    if owners:
        header["author_names"] = list(dict.fromkeys(owners))
    design = rendercv_design(data.get("design"), job)
    settings = data.get("settings") or data.get("rendercv_settings") or {}  # (2.x, 1.x)
    keywords = settings.get("bold_keywords") if isinstance(settings, dict) else None
    emphasize = {"emphasize": [str(k) for k in keywords if k]} if isinstance(keywords, list) and keywords else {}
    result: dict[str, Any] = {"lang": lang, "header": header, **design, **emphasize, "sections": sections}
    job.at = "locale"
    words = data.get("locale") or {}
    locale = clean(
        {
            "present": words.get("present"),
            "months": words.get("month_abbreviations") if len(words.get("month_abbreviations") or []) == 12 else None,
        }
    )
    if locale:
        result["locale"] = locale
    return result


def rendercv_design(design: Any, job: Import) -> dict[str, Any]:
    """`{"design": ...}`: what a RenderCV file sets of its look that resumetex has (the colour, the
    paper, the type size, the side margins), 1.x's keys or 2.x's; a value resumetex cannot take is
    listed as not placed, and the rest of it is the RenderCV theme's own."""
    if not isinstance(design, dict):
        return {}
    job.at = "design"

    def part(name: str) -> dict[str, Any]:
        value = design.get(name)
        return value if isinstance(value, dict) else {}

    sizes = part("typography").get("font_size")
    given = {
        "accent": design.get("color") or part("colors").get("name"),
        "paper": design.get("page_size") or part("page").get("size"),
        "font_size": design.get("font_size") or (sizes.get("body") if isinstance(sizes, dict) else None),
        "margin": (part("margins").get("page") or {}).get("left") or part("page").get("left_margin"),
    }
    return design_from(given, job)


def design_from(given: dict[str, Any], job: Import) -> dict[str, Any]:
    """`{"design": ...}` of the `given` settings (another format's values) resumetex takes; each
    other one is listed as not placed."""
    taken: dict[str, Any] = {}
    for key, value in given.items():
        if value in (None, ""):
            continue
        converted = DESIGN_READERS[key](str(value).strip())
        if converted is None:
            job.notes.append(f"design: {key} {value} (not one resumetex takes: see design in its README)")
        else:
            taken[key] = converted
    return {"design": taken} if taken else {}


def rendercv_colour(value: str) -> str | None:
    """#004f90, 004f90 or rgb(0, 79, 144) as #004F90; a colour's name or hsl() as None."""
    hexadecimal = re.fullmatch(r"#?([0-9A-Fa-f]{6})", value)
    if hexadecimal:
        return "#" + hexadecimal.group(1).upper()
    rgb = re.fullmatch(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", value)
    if rgb and all(int(n) <= 255 for n in rgb.groups()):
        return "#" + "".join(f"{int(n):02X}" for n in rgb.groups())
    return None


def rendercv_length(value: str, unit: str, low: float, high: float) -> float | None:
    """`10pt`, `2 cm`, `0.7in` or `20mm` in `unit` (pt or cm), when it is from `low` to `high`."""
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt|cm|mm|in)", value)
    if not found:
        return None
    points = float(found.group(1)) * {"pt": 1, "cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72}[found.group(2)]
    length = round(points if unit == "pt" else points / (72 / 2.54), 2)
    return length if low <= length <= high else None


DESIGN_READERS: dict[str, Callable[[str], Any]] = {
    "accent": rendercv_colour,
    "paper": lambda value: {"a4": "a4", "a4paper": "a4", "us-letter": "letter", "letterpaper": "letter"}.get(value),
    "font_size": lambda value: rendercv_length(value, "pt", 9, 12),
    "margin": lambda value: rendercv_length(value, "cm", 1.0, 3.0),
}


# RenderCV's numbered entries, as a bullets section's numbering.
NUMBERED = {"number": "ascending", "reversed_number": "descending"}


def rendercv_entries(entries: list[Any], where: str, owners: list[str], job: Import) -> tuple[str, list[Any]]:
    """A RenderCV section's kind (inferred from its first entry, as RenderCV does) and entries."""
    first = entries[0] if entries else ""
    if isinstance(first, str):
        return "text", [str(e) for e in entries]
    if "institution" in first:
        return "education", [rendercv_entry(e, f"{where}[{i}]", job) for i, e in enumerate(entries)]
    if "company" in first:
        return "experience", promotions([rendercv_entry(e, f"{where}[{i}]", job) for i, e in enumerate(entries)])
    if "authors" in first:
        return "publications", [rendercv_paper(e, f"{where}[{i}]", owners, job) for i, e in enumerate(entries)]
    if "label" in first:
        return "lines", [clean({"label": e.get("label"), "details": e.get("details") or " "}) for e in entries]
    for field in ("bullet", "number", "reversed_number"):
        if field in first:
            return "bullets", [str(e.get(field, "")) for e in entries]
    return "entries", [rendercv_entry(e, f"{where}[{i}]", job) for i, e in enumerate(entries)]


def rendercv_entry(item: dict[str, Any], where: str, job: Import) -> dict[str, Any]:
    job.at = where
    when = str(item.get("date") or "")
    period = as_period(when)
    if period:  # RenderCV's date column holding a period, "Sep 2019 – present": its two ends
        item = {**{k: v for k, v in item.items() if k != "date"}, "start_date": period[0], "end_date": period[1]}
        when = ""
    shown: list[str] = []  # RenderCV prints any text in the date column: a link or words stay visible
    tags: list[dict[str, str]] = []
    if when and not reads_as_date(when):
        link = MARKDOWN_LINK.match(when)
        if link:
            tags.append({"label": link.group(1), "url": link.group(2)})
        else:
            shown.append(when)
        item = {k: v for k, v in item.items() if k != "date"}
    dates = job.dates(item, "start_date", "end_date", where) or dated(job, item.get("date"), where)
    bullets: list[Any] = []
    for text in item.get("highlights") or []:
        head, *children = str(text).split(" - ")  # RenderCV's nested highlights: "a - b - c"
        bullets.append({"text": head, "bullets": children} if children else head)
    entry: dict[str, Any] = {**dates, "summary": item.get("summary"), "bullets": bullets}
    if "institution" in item:
        gpa = item.get("gpa") or item.get("GPA")
        entry = {
            "school": item["institution"],
            "degree": item.get("degree"),
            "major": item.get("area"),
            "gpa": gpa,
            **entry,
        }
    elif "company" in item:
        entry = {"organization": item["company"], "team": item.get("team"), "role": item.get("position"), **entry}
    else:
        name = str(item.get("name") or "?")
        link = MARKDOWN_LINK.match(name)
        entry = {"title": link.group(1) if link else name, **entry}
        if link:
            entry["links"] = [{"label": link.group(2).removeprefix("https://").rstrip("/"), "url": link.group(2)}]
    entry["location"] = " · ".join(str(part) for part in (item.get("location"), *shown) if part)
    entry["links"] = [*(entry.get("links") or []), *(links(item.get("url")) or []), *tags]
    unplaced(item, RENDERCV_ENTRY, where, job)
    return clean(entry)


# What resumetex reads of a RenderCV entry; any other field (RenderCV keeps them for templates of
# one's own) is listed as not placed (see unplaced).
RENDERCV_ENTRY = {
    "name",
    "institution",
    "area",
    "degree",
    "gpa",
    "GPA",
    "company",
    "team",
    "position",
    "location",
    "url",
}
RENDERCV_ENTRY |= {"date", "start_date", "end_date", "summary", "highlights"}
RENDERCV_PAPER = {"title", "authors", "journal", "date", "doi", "url", "summary"}


def unplaced(item: dict[str, Any], known: set[str], where: str, job: Import) -> None:
    """List each field of `item` that resumetex has no place for."""
    for key, value in item.items():
        if key not in known and value:
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            job.notes.append(f"{where}.{key}: {shown}")


def reads_as_date(value: str) -> bool:
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


def rendercv_paper(item: dict[str, Any], where: str, owners: list[str], job: Import) -> dict[str, Any]:
    job.at = where
    authors = []
    for author in item.get("authors") or []:
        name = str(author).strip("*")
        if name != str(author):
            owners.append(name)  # RenderCV marks the owner with * or **
        authors.append(name)
    unplaced(item, RENDERCV_PAPER, where, job)
    return clean(
        {
            "authors": authors or ["?"],
            "title": item.get("title") or "?",
            "venue": item.get("journal"),
            **dated(job, item.get("date"), where),
            "doi": item.get("doi"),
            "links": links(item.get("url")),
            "note": item.get("summary"),
        }
    )
