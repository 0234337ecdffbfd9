"""The CV format: pydantic models, and nothing else (no I/O, no output format)."""

import json
import re
import string
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetJsonSchemaHandler,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from resumetex.dates import DATE_HINT, DATE_PATTERN, END_PATTERN, check_date, check_end, is_present, parse_date
from resumetex.inline import check_links, check_url, clean
from resumetex.source import LANG_MESSAGE, LANG_PATTERN, language_code

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


def check_slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value):
        raise ValueError(f'"{value}" is not a key; use lowercase letters, digits, - and _, e.g. awards')
    return value


# The editor's message for a value that does not match a pattern (yaml-language-server and VS
# Code read `patternErrorMessage`): the words `validate` uses.
URL_PATTERN = r"^(https://|http://|mailto:|tel:.)"  # as check_url: an allowed scheme, and more than `tel:`
URL_MESSAGE = "not a link resumetex will write; use one starting with https://, http://, mailto:, tel:"
Url = Annotated[
    str,
    AfterValidator(check_url),
    Field(
        json_schema_extra={
            "pattern": URL_PATTERN,
            "patternErrorMessage": URL_MESSAGE,
        }
    ),
]


# A DOI, its address at doi.org pasted in its place too (as a paper's page shows it): that
# gives the DOI in it. The schema's pattern in JavaScript's regex syntax, as every pattern of it.
DOI = r"10\.[0-9]{4,}(\.[0-9]+)*/\S+"
DOI_ADDRESS = r"[Hh][Tt][Tt][Pp][Ss]?://([Dd][Xx]\.)?[Dd][Oo][Ii]\.[Oo][Rr][Gg]/|[Dd][Oo][Ii]: ?"
DOI_PATTERN = rf"^({DOI_ADDRESS})?{DOI}$"
DOI_MESSAGE = "not a DOI; a DOI starts with 10. and has a slash, e.g. 10.1000/xyz123"


def check_doi(value: str) -> str:
    """The DOI in `value`: 10.1000/xyz123 as written, or from https://doi.org/10.1000/xyz123,
    dx.doi.org or doi:10.1000/xyz123 (the link went to doi.org with the address after it)."""
    hidden = next((c for c in value if not c.isprintable() and c != " "), None)
    if hidden is not None:
        raise ValueError(f"a DOI with a hidden character in it (U+{ord(hidden):04X}); delete it")
    bare = re.sub(f"^({DOI_ADDRESS})", "", value.strip())
    arxiv = re.fullmatch(r"arxiv: ?([0-9]{4}\.[0-9]{4,5})(v[0-9]+)?", bare, flags=re.IGNORECASE)
    if arxiv:
        raise ValueError(f'"{value}" is an arXiv identifier, not a DOI; its DOI is 10.48550/arXiv.{arxiv.group(1)}')
    if not re.fullmatch(DOI, bare):
        raise ValueError(f'"{value}" is {DOI_MESSAGE}')
    return bare


Doi = Annotated[
    str,
    AfterValidator(check_doi),
    Field(json_schema_extra={"pattern": DOI_PATTERN, "patternErrorMessage": DOI_MESSAGE}),
]


def check_email(value: str) -> str:
    """An address as it should print: one written as a link or with a name says what to write."""
    bracketed = re.fullmatch(r"[^<>]*<([^<>@\s]+@[^<>\s]+)>\s*", value)
    if bracketed or value.strip().lower().startswith("mailto:"):
        alone = bracketed.group(1) if bracketed else value.strip()[len("mailto:") :]
        raise ValueError(f'"{value}" prints as it is written; write the address alone: {alone}')
    return value


Email = Annotated[str, AfterValidator(check_email)]
# Prose accepts inline Markdown: **bold**, *italic*, [text](url), \* for a literal star.
Prose = Annotated[str, AfterValidator(check_links)]
NOTHING = "nothing here; write it, or delete the line"


def said(value: str) -> str:
    """A value that must say something (a name, a title, a point): spaces or hidden characters
    alone, or "", print nothing, as a value left empty would."""
    if not clean(value):
        raise ValueError(NOTHING)
    return value


# What a required field holds: text that says something (the editor's check: not empty).
Text = Annotated[str, AfterValidator(said), Field(json_schema_extra={"minLength": 1})]
SaidProse = Annotated[Prose, AfterValidator(said), Field(json_schema_extra={"minLength": 1})]
Date = Annotated[
    str,
    AfterValidator(check_date),
    Field(
        description=f"A date: {DATE_HINT}.",
        json_schema_extra={"pattern": DATE_PATTERN, "patternErrorMessage": f"not a date; {DATE_HINT}"},
    ),
]
EndDate = Annotated[
    str,
    AfterValidator(check_end),
    Field(
        description="A date, or `present` for what is ongoing.",
        json_schema_extra={"pattern": END_PATTERN, "patternErrorMessage": f"not a date or `present`; {DATE_HINT}"},
    ),
]
Slug = Annotated[
    str,
    AfterValidator(check_slug),
    Field(
        json_schema_extra={
            "pattern": SLUG_PATTERN,
            "patternErrorMessage": "not a key; use lowercase letters, digits, - and _, e.g. awards",
        }
    ),
]
Tags = Annotated[list[str], Field(default=[], description="Labels for --tags / --exclude-tags, e.g. [industry].")]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BareString(Strict):
    """A model whose one required field may be written as a bare string."""

    @model_validator(mode="before")
    @classmethod
    def from_plain_text(cls, value: object) -> object:
        return {"text": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # Editors must accept the bare-string form too.
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}


class Dated(Strict):
    """When: a period (`start`, `end`) or a one-off `date`. Each as precise as you like."""

    start: Date | None = Field(None, description="When it began.")
    end: EndDate | None = Field(None, description="When it ended, or `present`; left out with a start: ongoing.")
    date: Date | None = Field(None, description="A single date, for a one-off event (an award, a talk).")

    @model_validator(mode="after")
    def dates_make_sense(self) -> "Dated":
        if self.date and (self.start or self.end):
            raise ValueError("give either `date` or `start`/`end`, not both")
        if self.end and not self.start:
            raise ValueError("`end` needs a `start`; for a single date write `date:`")
        if self.start and self.end and not is_present(self.end) and parse_date(self.end).before(parse_date(self.start)):
            raise ValueError(f"`end` ({self.end}) is before `start` ({self.start})")
        return self


class Link(Strict):
    label: Text = Field(description="The tag shown in brackets, e.g. `Github`.")
    url: Url | None = Field(None, description="Where the tag points; leave out when there is no confirmed link.")


class Bullet(BareString):
    text: SaidProse = Field(description="The bullet's sentence.")
    label: str | None = Field(None, description="A bold lead-in before the text, e.g. `业务模型优化`.")
    bullets: list[Prose] = Field(default=[], description="Points under this one (one level).")
    tags: Tags


class BulletGroup(Strict):
    heading: Text = Field(description="The group's heading, e.g. `研究内容`.")
    bullets: list[Bullet] = Field(description="The points under the heading.")


class Paragraph(BareString):
    text: SaidProse = Field(description="A paragraph.")
    tags: Tags


MASTODON = r"@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)"  # a Mastodon username names its server: @jane@hachyderm.io
# fmt: off
NETWORKS = (
    "github", "gitlab", "google_scholar", "linkedin", "orcid", "x", "zhihu", "researchgate", "semantic_scholar",
    "dblp", "huggingface", "kaggle", "stackoverflow", "leetcode", "mastodon", "youtube", "instagram", "telegram",
    "imdb", "bilibili", "weibo", "wechat", "bluesky", "reddit", "whatsapp", "xing", "medium", "behance", "dribbble",
    "website",
)
# fmt: on
# Each network's address of a profile, the username where {} is.
PROFILE_URLS = {
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "google_scholar": "https://scholar.google.com/citations?user={}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "orcid": "https://orcid.org/{}",
    "x": "https://x.com/{}",
    "zhihu": "https://www.zhihu.com/people/{}",
    "researchgate": "https://www.researchgate.net/profile/{}",
    "semantic_scholar": "https://www.semanticscholar.org/author/{}",
    "dblp": "https://dblp.org/pid/{}",  # a pid such as 123/4567
    "huggingface": "https://huggingface.co/{}",
    "kaggle": "https://www.kaggle.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",  # 4567, or 4567/jane
    "leetcode": "https://leetcode.com/u/{}",
    "youtube": "https://www.youtube.com/@{}",
    "instagram": "https://www.instagram.com/{}",
    "telegram": "https://t.me/{}",
    "imdb": "https://www.imdb.com/name/{}",
    "bilibili": "https://space.bilibili.com/{}",
    "weibo": "https://weibo.com/{}",
    "bluesky": "https://bsky.app/profile/{}",  # jane.bsky.social
    "reddit": "https://www.reddit.com/user/{}",
    "whatsapp": "https://wa.me/{}",  # the number's digits, with its country's code
    "xing": "https://www.xing.com/profile/{}",
    "medium": "https://medium.com/@{}",
    "behance": "https://www.behance.net/{}",
    "dribbble": "https://dribbble.com/{}",
}
SLASHED = ("dblp", "stackoverflow")  # whose ids hold a slash of the address
OLD_ADDRESSES = {"x": "https://twitter.com/{}", "reddit": "https://www.reddit.com/u/{}"}  # still pasted


def handle(network: str, username: str) -> str:
    """`username` as the network's address takes it. An address of the profile pasted in its
    place (https://github.com/jane/, linkedin.com/in/jane?trk=x) gives the name in it; a leading
    @ (@jane, as a handle is written) or a closing slash is not part of the name."""
    if network == "mastodon":
        return username
    name = username.strip()
    bare = re.sub(r"^(https?://)?(www\.)?", "", name, flags=re.IGNORECASE)
    for template in (PROFILE_URLS.get(network), OLD_ADDRESSES.get(network)):
        site = re.sub(r"^https://(www\.)?", "", template.split("{}")[0]) if template else ""
        if site and bare.lower().startswith(site.lower()):
            name = re.split(r"[?#&]", bare[len(site) :])[0]
            break
    if network == "reddit":
        name = re.sub(r"^/?u/", "", name)  # u/jane, as Reddit writes a user
    return name.lstrip("@").strip("/")


class Profile(Strict):
    """A profile link in the header: a known network and a username, or any label and url."""

    network: Literal[NETWORKS] | None = Field(  # type: ignore[valid-type]
        None, description=f"{', '.join(NETWORKS[:-1])} or {NETWORKS[-1]}."
    )
    username: str | None = Field(None, description="Your name on the network (a Scholar or ORCID id).")
    url: Url | None = Field(None, description="The full address; derived from the username when left out.")
    label: str | None = Field(None, description="The text shown; default the username.")

    @model_validator(mode="after")
    def says_where(self) -> "Profile":
        if self.network is None and not (self.label and self.url):
            raise ValueError("a profile needs a `network` (e.g. github) or a `label` and a `url`")
        if self.network is not None and not (self.username or self.url):
            raise ValueError(f"the {self.network} profile needs a `username` or a `url`")
        if self.network == "website" and not self.url:
            raise ValueError("a website profile needs a `url`")
        if self.network == "mastodon" and not self.url and not re.fullmatch(MASTODON, self.username or ""):
            raise ValueError("a mastodon username is the full address, user@server: @jane@hachyderm.io")
        written = unicodedata.normalize("NFKC", self.username or "").strip()
        if self.network == "whatsapp" and not self.url and not re.match(r"(\+|.*wa\.me/)\D*\d", written):
            raise ValueError("a whatsapp username is the number with its country's code: +1 555 123 4567")
        name = handle(self.network, self.username) if self.network and self.username and not self.url else ""
        if re.match(r"(https?://|www\.)|[\w-]+(\.[\w-]+)+/", name, re.IGNORECASE):
            raise ValueError(
                f"`{self.username}` is an address, not a {self.network} username; "
                "give the name alone, or the address as `url:`"
            )
        return self


class Detail(Strict):
    label: Text = Field(description="e.g. 出生年月, 籍贯, Nationality.")
    value: Text = Field(description="What is printed after the label.")


class Header(Strict):
    name: Text = Field(description="The owner's name, set large at the top.")
    headline: Prose | None = Field(None, description="One line under the name, e.g. `Machine learning researcher`.")
    location: str | None = Field(None, description="Where you are, e.g. `Guangzhou, China`.")
    phone: str | None = Field(None, description="Phone number as it should be printed, e.g. `+86 199 2468 0829`.")
    email: Email | None = Field(None, description="E-mail address.")
    homepage: Url | None = Field(None, description="Personal page, a full https:// address.")
    profiles: list[Profile] = Field(default=[], description="GitHub, Google Scholar, LinkedIn, ORCID ...")
    photo: str | None = Field(
        None,
        description="A picture (JPEG, PNG, HEIC, WebP, AVIF, GIF, TIFF or BMP), its path relative to this file "
        "(or to your home folder: ~/Pictures/me.jpg).",
    )
    details: list[Detail] = Field(default=[], description="Label/value pairs, e.g. 出生年月: 1999.01.")
    interests: list[str] = Field(default=[], description="Research directions, shown under the contacts.")
    author_names: list[str] = Field(
        default=[], description="How the owner is spelled in author lists; set in bold there."
    )


class Education(Dated):
    school: Text = Field(description="University or school.")
    department: str | None = Field(None, description="Faculty or department.")
    degree: str | None = Field(None, description="Degree, e.g. 硕士研究生 or M.Sc.")
    major: str | None = Field(None, description="Field of study.")
    advisor: str | None = Field(None, description="Supervisor's name.")
    location: str | None = Field(None, description="City, country.")
    gpa: str | None = Field(None, description="Grade, as printed: `3.9/4.0`, `前 5%`.")
    links: list[Link] = Field(default=[], description="Tags after the school's name.")
    summary: Prose | None = Field(None, description="A paragraph, e.g. a thesis title.")
    bullets: list[Bullet] = Field(default=[], description="Optional details.")
    tags: Tags


class Role(Dated):
    """One position of several held at one organization (a promotion, a move between teams)."""

    role: Text = Field(description="Position held, e.g. `Senior Engineer`.")
    team: str | None = Field(None, description="The team or group of this role, when it differs.")
    location: str | None = Field(None, description="City, country, or Remote, when it differs.")
    summary: Prose | None = Field(None, description="A paragraph before the bullets.")
    bullets: list[Bullet] = Field(default=[], description="What was done and achieved in this role.")
    tags: Tags


class Experience(Dated):
    organization: Text = Field(description="Company or lab.")
    team: str | None = Field(None, description="Team or group within the organization.")
    role: str | None = Field(None, description="Position held.")
    location: str | None = Field(None, description="City, country, or Remote.")
    links: list[Link] = Field(default=[], description="Tags after the organization's name.")
    summary: Prose | None = Field(None, description="A paragraph before the bullets.")
    bullets: list[Bullet] = Field(default=[], description="What was done and achieved.")
    roles: list[Role] = Field(
        default=[],
        description="Several positions held here, newest first, each with its own dates and bullets; "
        "the organization's dates, when not given, run from the first start to the last end.",
    )
    tags: Tags

    @model_validator(mode="after")
    def one_role_or_roles(self) -> "Experience":
        if self.role and self.roles:
            raise ValueError("give either `role` or `roles`, not both; put this role in `roles`")
        return self


class Project(Dated):
    title: Text = Field(description="The project's or paper's name.")
    role: str | None = Field(None, description="Your part in it.")
    links: list[Link] = Field(default=[], description="Tags after the title: paper, code, models.")
    summary: Prose | None = Field(None, description="A paragraph describing the work.")
    groups: list[BulletGroup] = Field(default=[], description="Headed lists of points.")
    bullets: list[Bullet] = Field(default=[], description="Points without a heading.")
    tags: Tags


class Publication(Strict):
    authors: list[Text] = Field(min_length=1, description="Authors in order, each as printed.")
    title: Text = Field(description="The paper's title.")
    venue: Prose | None = Field(None, description="Where it appeared, e.g. `ICLR 2025`.")
    date: Date | None = Field(None, description="When it appeared: a year is enough.")
    status: str | None = Field(None, description="e.g. poster, oral, under review.")
    doi: Doi | None = Field(None, description="The DOI, e.g. 10.1000/xyz123; printed as a link.")
    links: list[Link] = Field(default=[], description="Tags after the entry: code, slides, video.")
    note: Prose | None = Field(None, description="e.g. `* equal contribution`.")
    tags: Tags


class Entry(Dated):
    """A general dated entry: an award, a talk, a service role, a course taught, a certificate."""

    title: Text = Field(description="What it is, e.g. `Best Paper Award`.")
    subtitle: str | None = Field(None, description="Who gave it or where, e.g. `ACL 2024`.")
    location: str | None = Field(None, description="City, country.")
    links: list[Link] = Field(default=[], description="Tags after the title.")
    summary: Prose | None = Field(None, description="A paragraph.")
    bullets: list[Bullet] = Field(default=[], description="Points.")
    tags: Tags


class Line(Strict):
    """One `label: details` row, e.g. `Languages: Python, C++`."""

    label: Text = Field(description="The bold label, e.g. `Languages`.")
    details: Prose = Field(description="What follows the label.")
    tags: Tags


class SectionBase(Strict):
    key: Slug = Field(description="A short unique name: for --order, --hide and variants, e.g. `awards`.")
    title: Text = Field(description="The heading printed for the section, e.g. 教育背景 or Awards.")
    summary: Prose | None = Field(None, description="A paragraph under the heading.")


class EducationSection(SectionBase):
    kind: Literal["education"] = Field("education", description="Shape of the entries.")
    entries: list[Education]


class ExperienceSection(SectionBase):
    kind: Literal["experience"] = Field("experience", description="Shape of the entries.")
    entries: list[Experience]


class ProjectsSection(SectionBase):
    kind: Literal["projects"] = Field("projects", description="Shape of the entries.")
    entries: list[Project]


class PublicationsSection(SectionBase):
    kind: Literal["publications"] = Field("publications", description="Shape of the entries.")
    entries: list[Publication]
    numbering: Literal["ascending", "descending"] = Field(
        "ascending",
        description="`ascending` numbers the papers [1], [2], ... in file order; `descending` counts "
        "down to [1], so the first (newest) paper's number is how many there are.",
    )


class EntriesSection(SectionBase):
    kind: Literal["entries"] = Field("entries", description="Shape of the entries.")
    entries: list[Entry]


class LinesSection(SectionBase):
    kind: Literal["lines"] = Field("lines", description="Shape of the entries.")
    entries: list[Line]


class BulletsSection(SectionBase):
    kind: Literal["bullets"] = Field("bullets", description="Shape of the entries.")
    entries: list[Bullet]
    numbering: Literal["none", "ascending", "descending"] = Field(
        "none",
        description="`none` for bullets; `ascending` numbers the points 1., 2., ...; `descending` "
        "counts down to 1., so the first point's number is how many there are.",
    )


class TextSection(SectionBase):
    kind: Literal["text"] = Field("text", description="Shape of the entries.")
    entries: list[Paragraph]


SECTION_MODELS: dict[str, type[SectionBase]] = {
    "education": EducationSection,
    "experience": ExperienceSection,
    "projects": ProjectsSection,
    "publications": PublicationsSection,
    "entries": EntriesSection,
    "lines": LinesSection,
    "bullets": BulletsSection,
    "text": TextSection,
}
KINDS = tuple(SECTION_MODELS)
# A section whose key names a kind needs no `kind:` (the key `research` does: kind: projects).
KIND_ALIASES = {"research": "projects", "publication": "publications", "skills": "lines"}


def section_kind(value: Any) -> str | None:
    """The kind a section's data asks for: its `kind`, else what its key implies."""
    if isinstance(value, dict):
        kind = value.get("kind") or KIND_ALIASES.get(str(value.get("key")), value.get("key"))
        return str(kind) if kind in KINDS else None
    return getattr(value, "kind", None)


Section = Annotated[
    Annotated[EducationSection, Tag("education")]
    | Annotated[ExperienceSection, Tag("experience")]
    | Annotated[ProjectsSection, Tag("projects")]
    | Annotated[PublicationsSection, Tag("publications")]
    | Annotated[EntriesSection, Tag("entries")]
    | Annotated[LinesSection, Tag("lines")]
    | Annotated[BulletsSection, Tag("bullets")]
    | Annotated[TextSection, Tag("text")],
    Discriminator(
        section_kind,
        custom_error_type="section_kind",
        custom_error_message="a section needs a known kind",
    ),
]


def check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f'"{value}" is not a colour; write it as #RRGGBB, e.g. #1B4F8A')
    return value.upper()


Colour = Annotated[
    str,
    AfterValidator(check_colour),
    Field(
        json_schema_extra={
            "pattern": r"^#[0-9A-Fa-f]{6}$",
            "patternErrorMessage": "not a colour; write it as #RRGGBB, e.g. #1B4F8A",
        }
    ),
]


class Design(Strict):
    """How the résumé looks. Every setting can be overridden for one run with --design KEY=VALUE."""

    accent: Colour = Field("#1B4F8A", description="The one accent colour: titles, rules, icons, links.")
    font_size: float = Field(10.0, ge=9, le=12, description="Body text size in points (9 to 12).")
    line_spacing: float | None = Field(
        None, ge=1.0, le=2.0, description="Baseline distance as a multiple of the font size; default per language."
    )
    margin: float = Field(1.5, ge=1.0, le=3.0, description="Left and right margin in cm; top and bottom are 0.8 of it.")
    paper: Literal["a4", "letter"] = Field("a4", description="Paper size.")
    links: Literal["color", "underline", "plain"] = Field("color", description="How links in the text are drawn.")
    date_format: Literal["YYYY.MM", "YYYY-MM", "MM/YYYY", "MM/DD/YYYY", "DD/MM/YYYY", "month YYYY"] = Field(
        "YYYY.MM",
        description="How dates are printed; `month YYYY` uses the language's month names. `MM/YYYY` "
        "prints a day date day first, as `DD/MM/YYYY` does; `MM/DD/YYYY` month first, as America writes it.",
    )
    spacing: float = Field(1.0, ge=0.3, le=2.0, description="Scales the space between sections and entries.")
    max_pages: int | None = Field(
        None, ge=1, description="Fit the résumé in this many pages by tightening the layout (never by cutting)."
    )


# The locale's words that are templates, and the words each names.
TEMPLATE_WORDS = {
    "month_year": ("month", "year"),
    "day_month_year": ("day", "month", "year"),
    "season_year": ("season", "year"),
    "expected": ("date",),
    "document_title": ("name",),
}


class Words(Strict):
    """The words resumetex prints around your data; any left out come from the language."""

    present: str | None = Field(None, description="The end of what is ongoing: 至今, Present.")
    months: list[str] | None = Field(None, min_length=12, max_length=12, description="Month names, January first.")
    month_year: str | None = Field(None, description="A month date, with {month} and {year}: `{month} {year}`.")
    day_month_year: str | None = Field(None, description="A day date, with {day}, {month} and {year}.")
    seasons: list[str] | None = Field(
        None, min_length=5, max_length=5, description="Season names: spring, summer, fall, autumn, winter."
    )
    season_year: str | None = Field(None, description="A season's date, with {season} and {year}: `{season} {year}`.")
    expected: str | None = Field(None, description="A date still to come, with {date}: `Expected {date}`.")
    advisor: str | None = Field(None, description="Before the advisor's name: 导师, Advisor.")
    gpa: str | None = Field(None, description="Before the grade: GPA.")
    interests: str | None = Field(None, description="Before the research interests.")
    colon: str | None = Field(None, description="After a label: `: ` or `：`.")
    list_separator: str | None = Field(None, description="Between items of a list: `, ` or `、`.")
    author_separator: str | None = Field(None, description="Between authors.")
    last_author_separator: str | None = Field(None, description="Before the last author: `, and `.")
    document_title: str | None = Field(None, description="The PDF's title, with {name}.")
    quotes: str | None = Field(
        None, min_length=2, max_length=2, description='What "…" around Chinese text becomes: `“”` or `「」`.'
    )

    @field_validator(*TEMPLATE_WORDS)
    @classmethod
    def names_only_its_words(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A template names only the words it is given ({month}, {year}, ...); {mon} or a brace
        left open ended the render in a traceback."""
        given = TEMPLATE_WORDS[str(info.field_name)]
        hint = "write " + " and ".join(f"{{{name}}}" for name in given) + " (a brace itself is {{ or }})"
        try:
            named = [field for _, field, _, _ in string.Formatter().parse(value or "") if field is not None]
        except ValueError:
            raise ValueError(f"a brace without its pair; {hint}") from None
        wrong = [name for name in named if name not in given]
        if wrong:
            raise ValueError(f"`{{{wrong[0]}}}` is not one of its words; {hint}")
        return value


class Variant(Strict):
    """A named cut of the résumé: `--variant NAME` applies it; command-line flags override it."""

    order: list[str] = Field(default=[], description="Sections first, in this order.")
    hide: list[str] = Field(default=[], description="Sections left out.")
    tags: list[str] = Field(default=[], description="Keep untagged items and items with one of these tags.")
    exclude_tags: list[str] = Field(default=[], description="Drop items with any of these tags.")
    emphasize: list[str] = Field(default=[], description="Terms set in bold.")
    max_pages: int | None = Field(None, ge=1, description="Fit in this many pages.")
    design: Design | None = Field(
        None, description="Design settings of this cut, over the file's: e.g. {paper: letter} for one sent to America."
    )


class CV(Strict):
    """A whole résumé: who, then the sections in the order they are printed."""

    lang: Annotated[str, AfterValidator(language_code)] | None = Field(
        None,
        description="Language of the words around the data: zh, zh-TW, zh-HK, ja, ko, en, fr, de, es, it, pt, nl, "
        "or any other code with `locale:` words. Default: the language of a name in Chinese characters, Hangul "
        "or kana (with the text's), else en.",
        json_schema_extra={"pattern": LANG_PATTERN, "patternErrorMessage": LANG_MESSAGE},
    )
    locale: Words = Field(Words(), description="Your own words for what resumetex prints, e.g. {present: Now}.")
    header: Header
    design: Design = Field(Design(), description="Look of the PDF: colour, size, margins, paper.")
    emphasize: list[str] = Field(
        default=[],
        description="Terms set in bold wherever they appear, e.g. your method's name; a variant's "
        "`emphasize` or `--emphasize` replaces them.",
    )
    variants: dict[Slug, Variant] = Field(default={}, description="Named cuts, e.g. onepage.")
    sections: list[Section] = Field(description="Sections in print order; each key at most once.")

    @model_validator(mode="after")
    def keys_are_unique(self) -> "CV":
        keys = [section.key for section in self.sections]
        for key in dict.fromkeys(keys):
            if keys.count(key) > 1:
                at = [i for i, k in enumerate(keys) if k == key][1]
                raise ValueError(f"sections.{at}.key: `{key}` is used by two sections; give each its own key")
        return self

    @model_validator(mode="after")
    def variants_name_what_exists(self) -> "CV":
        keys, tags = [s.key for s in self.sections], self.tags()
        for name, variant in self.variants.items():
            for field, names, known in (
                ("order", variant.order, keys),
                ("hide", variant.hide, keys),
                ("tags", variant.tags, tags),
                ("exclude_tags", variant.exclude_tags, tags),
            ):
                unknown = [n for n in names if n not in known]
                if unknown:
                    what = "section" if field in ("order", "hide") else "tag"
                    raise ValueError(
                        f"variants.{name}.{field}: unknown {what} {', '.join(map(repr, unknown))}; "
                        f"this CV has: {', '.join(known) or 'none'}"
                    )
        return self

    def tags(self) -> list[str]:
        """Every tag used anywhere in the CV, sorted."""
        found: set[str] = set()
        for section in self.sections:
            for entry in section.entries:
                found.update(entry.tags)
                for role in getattr(entry, "roles", []):
                    found.update(role.tags)
                for bullet in all_bullets(entry):
                    found.update(bullet.tags)
        return sorted(found)


def all_bullets(entry: object) -> list[Bullet]:
    """An entry's bullets, those under group headings and its roles included."""
    bullets = list(getattr(entry, "bullets", []))
    for group in getattr(entry, "groups", []):
        bullets.extend(group.bullets)
    for role in getattr(entry, "roles", []):
        bullets.extend(role.bullets)
    return [b for b in bullets if isinstance(b, Bullet)]


def accept_unquoted(node: object) -> None:
    """resumetex reads every value as text, so `2021`, `3.8` or `no` unquoted are text too: an
    editor (which reads YAML as numbers and booleans) must accept them where text goes."""
    if isinstance(node, dict):
        if node.get("type") == "string" and "const" not in node and "enum" not in node:
            node["type"] = ["string", "number", "boolean"]
        for value in node.values():
            accept_unquoted(value)
    elif isinstance(node, list):
        for value in node:
            accept_unquoted(value)


SCHEMA_TITLE = "resumetex CV"  # how a schema file resumetex wrote is known (starter.write_schema)


def cv_json_schema() -> str:
    """The JSON Schema of the CV format, as committed in schema/cv.schema.json."""
    schema = CV.model_json_schema()
    # A section is one of the kinds; without `kind:` its key must name the kind (or an alias).
    members = []
    for kind, model in SECTION_MODELS.items():
        keys = [kind, *(alias for alias, target in KIND_ALIASES.items() if target == kind)]
        implied = {"properties": {"key": {"enum": keys}}, "required": ["key"]}
        members.append({"allOf": [{"$ref": f"#/$defs/{model.__name__}"}, {"anyOf": [{"required": ["kind"]}, implied]}]})
    schema["properties"]["sections"]["items"] = {"anyOf": members}
    accept_unquoted(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = SCHEMA_TITLE
    return json.dumps(schema, ensure_ascii=False, indent=2)
