"""The CV format: pydantic models, and nothing else (no I/O, no LaTeX)."""

import json
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

URL_SCHEMES = ("https://", "http://", "mailto:", "tel:")
MONTH_PATTERN = r"^\d{4}\.(0[1-9]|1[0-2])$"
END_PATTERN = r"^(\d{4}\.(0[1-9]|1[0-2])|present)$"
MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")


def check_url(url: str) -> str:
    if not url.startswith(URL_SCHEMES) or len(url) <= len("tel:"):
        raise ValueError(f'"{url}" is not a link resumetex will write; use one starting with {", ".join(URL_SCHEMES)}')
    return url


def check_prose(text: str) -> str:
    for match in MARKDOWN_LINK.finditer(text):
        check_url(match.group(2))
    return text


def check_month(value: str) -> str:
    if not re.fullmatch(MONTH_PATTERN, value):
        raise ValueError(f'"{value}" is not a valid month (use YYYY.MM, e.g. 2023.09)')
    return value


def check_end(value: str) -> str:
    return value if value == "present" else check_month(value)


Url = Annotated[str, AfterValidator(check_url)]
# Prose accepts inline **bold** and [text](url); plain text is shown exactly as written.
Prose = Annotated[str, AfterValidator(check_prose)]
Month = Annotated[
    str,
    AfterValidator(check_month),
    Field(description="A month as YYYY.MM, e.g. 2023.09.", json_schema_extra={"pattern": MONTH_PATTERN}),
]
EndMonth = Annotated[
    str,
    AfterValidator(check_end),
    Field(
        description="A month as YYYY.MM, or `present` for an ongoing role.",
        json_schema_extra={"pattern": END_PATTERN},
    ),
]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Strict):
    label: str = Field(description="The tag shown in brackets, e.g. `Github`.")
    url: Url | None = Field(None, description="Where the tag points; leave out when there is no confirmed link.")


class Bullet(Strict):
    text: Prose = Field(description="The bullet's sentence.")
    label: str | None = Field(None, description="A bold lead-in before the text, e.g. `业务模型优化`.")
    tags: list[str] = Field(default_factory=list, description="Labels for --tags / --exclude-tags, e.g. [industry].")

    @model_validator(mode="before")
    @classmethod
    def from_plain_text(cls, value: object) -> object:
        # A bare string is the common case: `- did X` means {text: did X}.
        return {"text": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # Editors must accept the bare-string form too.
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}


class BulletGroup(Strict):
    heading: str = Field(description="The group's heading, e.g. `研究内容`.")
    bullets: list[Bullet] = Field(description="The points under the heading.")


class Header(Strict):
    name: str = Field(description="The owner's name, set large at the top.")
    phone: str | None = Field(None, description="Phone number as it should be printed.")
    email: str | None = Field(None, description="E-mail address.")
    homepage: Url | None = Field(None, description="Personal page, a full https:// address.")
    interests: list[str] = Field(default_factory=list, description="Research directions, shown under the contacts.")
    author_names: list[str] = Field(
        default_factory=list, description="How the owner is spelled in author lists; set in bold there."
    )


class Education(Strict):
    school: str = Field(description="University or school.")
    department: str | None = Field(None, description="Faculty or department.")
    degree: str = Field(description="Degree, e.g. 硕士研究生 or M.Sc.")
    major: str | None = Field(None, description="Field of study.")
    advisor: str | None = Field(None, description="Supervisor's name.")
    start: Month
    end: EndMonth
    bullets: list[Bullet] = Field(default_factory=list, description="Optional details.")
    tags: list[str] = Field(default_factory=list, description="Labels for --tags / --exclude-tags, e.g. [industry].")


class Experience(Strict):
    organization: str = Field(description="Company or lab.")
    team: str | None = Field(None, description="Team or group within the organization.")
    role: str | None = Field(None, description="Position held.")
    start: Month
    end: EndMonth
    bullets: list[Bullet] = Field(default_factory=list, description="What was done and achieved.")
    tags: list[str] = Field(default_factory=list, description="Labels for --tags / --exclude-tags, e.g. [industry].")


class Project(Strict):
    title: str = Field(description="The project's or paper's name.")
    links: list[Link] = Field(default_factory=list, description="Tags after the title: paper, code, models.")
    summary: Prose | None = Field(None, description="A paragraph describing the work.")
    groups: list[BulletGroup] = Field(default_factory=list, description="Headed lists of points.")
    bullets: list[Bullet] = Field(default_factory=list, description="Points without a heading.")
    tags: list[str] = Field(default_factory=list, description="Labels for --tags / --exclude-tags, e.g. [industry].")


class Publication(Strict):
    authors: list[str] = Field(min_length=1, description="Authors in order, each as printed.")
    title: str = Field(description="The paper's title.")
    venue: Prose = Field(description="Where it appeared, e.g. `ICLR 2025`.")
    status: str | None = Field(None, description="e.g. poster, oral, under review.")
    tags: list[str] = Field(default_factory=list, description="Labels for --tags / --exclude-tags, e.g. [industry].")


def check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f'"{value}" is not a colour; write it as #RRGGBB, e.g. #1B4F8A')
    return value.upper()


Colour = Annotated[str, AfterValidator(check_colour), Field(json_schema_extra={"pattern": r"^#[0-9A-Fa-f]{6}$"})]


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
    date_format: Literal["YYYY.MM", "YYYY-MM", "MM/YYYY", "month YYYY"] = Field(
        "YYYY.MM", description="How dates are printed; `month YYYY` uses the language's month names."
    )
    spacing: float = Field(1.0, ge=0.3, le=2.0, description="Scales the space between sections and entries.")
    max_pages: int | None = Field(
        None, ge=1, description="Fit the résumé in this many pages by tightening the layout (never by cutting)."
    )


class Variant(Strict):
    """A named cut of the résumé: `--variant NAME` applies it; command-line flags override it."""

    order: list[str] = Field(default_factory=list, description="Sections first, in this order.")
    hide: list[str] = Field(default_factory=list, description="Sections left out.")
    tags: list[str] = Field(default_factory=list, description="Keep untagged items and items with one of these tags.")
    exclude_tags: list[str] = Field(default_factory=list, description="Drop items with any of these tags.")
    emphasize: list[str] = Field(default_factory=list, description="Terms set in bold.")
    max_pages: int | None = Field(None, ge=1, description="Fit in this many pages.")


class SectionBase(Strict):
    title: str = Field(description="The heading printed for the section, e.g. 教育背景.")
    summary: Prose | None = Field(None, description="A paragraph under the heading.")


class EducationSection(SectionBase):
    key: Literal["education"]
    entries: list[Education]


class ExperienceSection(SectionBase):
    key: Literal["experience"]
    entries: list[Experience]


class ResearchSection(SectionBase):
    key: Literal["research"]
    entries: list[Project]


class ProjectsSection(SectionBase):
    key: Literal["projects"]
    entries: list[Project]


class PublicationsSection(SectionBase):
    key: Literal["publications"]
    entries: list[Publication]


Section = Annotated[
    EducationSection | ExperienceSection | ResearchSection | ProjectsSection | PublicationsSection,
    Field(discriminator="key"),
]
SECTION_KEYS = ("education", "experience", "research", "projects", "publications")


class CV(Strict):
    """A whole résumé: who, then the sections in the order they are printed."""

    header: Header
    design: Design = Field(Design(), description="Look of the PDF: colour, size, margins, paper.")
    variants: dict[str, Variant] = Field(default_factory=dict, description="Named cuts, e.g. onepage.")
    sections: list[Section] = Field(description="Sections in print order; each key at most once.")

    @model_validator(mode="after")
    def keys_are_unique(self) -> "CV":
        keys = [section.key for section in self.sections]
        for key in set(keys):
            if keys.count(key) > 1:
                raise ValueError(f"sections: `{key}` appears {keys.count(key)} times; merge its entries into one")
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
                for bullet in all_bullets(entry):
                    found.update(bullet.tags)
        return sorted(found)


Entry = Education | Experience | Project | Publication


def all_bullets(entry: Entry) -> list[Bullet]:
    """An entry's bullets, those under group headings included."""
    bullets = list(getattr(entry, "bullets", []))
    for group in getattr(entry, "groups", []):
        bullets.extend(group.bullets)
    return bullets


def cv_json_schema() -> str:
    """The JSON Schema of the CV format, as committed in schema/cv.schema.json."""
    schema = CV.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "resumetex CV"
    return json.dumps(schema, ensure_ascii=False, indent=2)
