"""CV view → document: each section kind becomes blocks; dates, words and emphasis are settled here.

Pure; no output format. A new kind of section is a new mapping into blocks."""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import quote

from resumetex import document as doc
from resumetex.dates import PartialDate, is_present, iso, parse_date
from resumetex.inline import ADDRESS, Inline, Run, chinese_quotes, clean, emphasize, markdown, plain, text_of, unstyled
from resumetex.locales import Locale
from resumetex.model import (
    CV,
    MASTODON,
    PROFILE_URLS,
    SLASHED,
    Bullet,
    Dated,
    Design,
    Education,
    Entry,
    Experience,
    Header,
    Line,
    Link,
    Paragraph,
    Profile,
    Project,
    Publication,
    Role,
    Section,
    handle,
)
from resumetex.source import photo_path

# Where a username is an opaque id, the network's name is shown instead.
OPAQUE = ("google_scholar", "researchgate", "semantic_scholar", "dblp", "stackoverflow", "imdb", "bilibili")
NETWORK_NAMES = {
    "github": "GitHub",
    "gitlab": "GitLab",
    "google_scholar": "Google Scholar",
    "linkedin": "LinkedIn",
    "orcid": "ORCID",
    "x": "X",
    "zhihu": "Zhihu",
    "researchgate": "ResearchGate",
    "semantic_scholar": "Semantic Scholar",
    "dblp": "dblp",
    "huggingface": "Hugging Face",
    "kaggle": "Kaggle",
    "stackoverflow": "Stack Overflow",
    "leetcode": "LeetCode",
    "mastodon": "Mastodon",
    "youtube": "YouTube",
    "instagram": "Instagram",
    "telegram": "Telegram",
    "imdb": "IMDb",
    "bilibili": "Bilibili",
    "weibo": "Weibo",
    "wechat": "WeChat",
    "bluesky": "Bluesky",
    "reddit": "Reddit",
    "whatsapp": "WhatsApp",
    "xing": "XING",
    "medium": "Medium",
    "behance": "Behance",
    "dribbble": "Dribbble",
    "website": "Web",
}
# As Chinese readers know them.
NETWORK_NAMES_ZH = {
    **NETWORK_NAMES,
    "zhihu": "知乎",
    "bilibili": "哔哩哔哩",
    "weibo": "微博",
    "wechat": "微信",
    "website": "网站",
}


@dataclass(frozen=True)
class Emphasis:
    """What is set in bold: terms wherever they appear, and whether the file's own **bold**,
    *italic* and author names count."""

    terms: tuple[str, ...] = ()
    file_bold: bool = True


def lay_out(cv: CV, locale: Locale, emphasis: Emphasis, folder: Path = Path(".")) -> doc.Document:
    """The document of `cv` (already selected); `folder` is where relative paths (the photo) start."""
    words = Words(locale, emphasis, cv.design)
    sections = tuple(
        doc.Section(section.key, clean(section.title), tuple(words.blocks(section, cv.header)))
        for section in cv.sections
    )
    header = words.header(cv.header, folder)
    name, interests = clean(cv.header.name), [clean(interest) for interest in cv.header.interests]
    metadata = doc.Metadata(
        title=locale.document_title.format(name=name),
        author=name,
        subject=locale.list_separator.join(interests),
        keywords=", ".join(interests),
        lang=locale.lang,
    )
    mixed = not locale.cjk and any(wide(text) for text in printed(cv, locale))
    scripts = frozenset({"cjk"} if mixed else ())
    return doc.Document(header, sections, metadata, locale.cjk, scripts, colon=locale.colon.rstrip())


def wide(text: str) -> bool:
    """Whether `text` has East Asian wide characters (ideographs, kana, full-width punctuation)."""
    return any(unicodedata.east_asian_width(char) in "WF" for char in text)


def printed(cv: CV, locale: Locale) -> Iterator[str]:
    """Every string a render of `cv` may print: its own, and its locale's words (現在 on a CV
    otherwise in English, Σήμερα), which need fonts as much."""
    yield from strings_of(cv)
    yield from strings_of(asdict(locale))


def strings_of(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_of(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings_of(value)
    elif hasattr(data, "model_dump"):
        yield from strings_of(data.model_dump())


class Words:
    """The mappings of one render: its language, emphasis and date format."""

    def __init__(self, locale: Locale, emphasis: Emphasis, design: Design) -> None:
        self.locale, self.emphasis, self.design = locale, emphasis, design
        # Japanese writes a name's family and given names apart (山田 太郎), where text elsewhere
        # drops a space between two of its characters.
        self.spaced_names = locale.lang.lower().startswith("ja")

    def text(self, value: str | None) -> Inline:
        return emphasize(plain(chinese_quotes(value or "", self.locale.quotes)), self.emphasis.terms)

    def name(self, value: str) -> Inline:
        """The owner's name (a Japanese one with its space: see spaced_names)."""
        return emphasize(plain(chinese_quotes(value, self.locale.quotes), self.spaced_names), self.emphasis.terms)

    def prose(self, value: str | None) -> Inline:
        runs = markdown(chinese_quotes(value or "", self.locale.quotes))
        return emphasize(runs if self.emphasis.file_bold else unstyled(runs), self.emphasis.terms)

    def labelled(self, label: str, value: str | None) -> str:
        return f"{label}{self.locale.colon}{value}" if value else ""

    def lead_in(self, label: str) -> str:
        """A label that leads its text (出生年月：, Migration:), with the language's colon."""
        return doc.with_colon(label, self.locale.colon.rstrip())

    # ---- header ------------------------------------------------------------------------------
    def header(self, header: Header, folder: Path) -> doc.Header:
        contacts = []
        if header.location:
            contacts.append(doc.Contact("location", clean(header.location)))
        if header.phone:
            contacts.append(doc.Contact("phone", clean(header.phone), phone_link(header.phone)))
        if header.email:
            email = clean(header.email)  # (the link is made of what is shown)
            contacts.append(doc.Contact("email", email, email_link(email)))
        if header.homepage:
            shown = clean(header.homepage.removeprefix("https://").removeprefix("http://").rstrip("/"))
            contacts.append(doc.Contact("homepage", shown, header.homepage))
        contacts.extend(profile_contact(profile, self.locale.cjk) for profile in header.profiles)
        interests = None
        if header.interests:
            interests = (self.locale.interests, self.text(self.locale.list_separator.join(header.interests)))
        return doc.Header(
            name=self.name(header.name),
            headline=self.prose(header.headline),
            contacts=tuple(contacts),
            details=tuple((self.lead_in(clean(d.label)), clean(d.value)) for d in header.details),
            interests=interests,
            photo=photo_path(folder, header.photo) if header.photo else None,
        )

    # ---- sections ----------------------------------------------------------------------------
    def blocks(self, section: Section, header: Header) -> Iterable[doc.Block]:
        yield from self.paragraphs(section.summary)
        entries: list[object] = list(section.entries)
        numbering = getattr(section, "numbering", "none")  # (publications and bullets have one)
        papers = [e for e in entries if isinstance(e, Publication)]
        if papers:
            yield doc.Publications(tuple(self.publication(p, header) for p in papers), numbering)
        lines = [e for e in entries if isinstance(e, Line)]
        if lines:
            yield doc.Lines(tuple(doc.Line(clean(line.label), self.prose(line.details)) for line in lines))
        bullets = [e for e in entries if isinstance(e, Bullet)]
        if bullets:
            yield doc.Items(self.items(bullets), numbering)
        for entry in entries:
            if isinstance(entry, Paragraph):
                yield from self.paragraphs(entry.text)
            mapping = ENTRY_MAPPINGS.get(type(entry))
            if mapping:
                yield mapping(self, entry)

    def paragraphs(self, text: str | None) -> Iterator[doc.Paragraph]:
        return (doc.Paragraph(paragraph) for paragraph in self.summary(text))

    def summary(self, text: str | None) -> tuple[Inline, ...]:
        """A text's paragraphs: a blank line ends one, as in Markdown (a line break is a space)."""
        return tuple(self.prose(part) for part in re.split(r"\n[ \t]*\n", text or "") if part.strip())

    def items(self, bullets: Iterable[Bullet]) -> tuple[doc.Item, ...]:
        return tuple(
            doc.Item(
                text=self.prose(bullet.text),
                label=self.lead_in(clean(bullet.label)) if bullet.label else "",
                children=tuple(self.prose(child) for child in bullet.bullets),
            )
            for bullet in bullets
        )

    def dates(self, entry: Dated) -> tuple[str, ...]:
        if entry.date:
            return (self.date(parse_date(entry.date)),)
        if not entry.start:
            return ()
        start = self.date(parse_date(entry.start))
        if entry.end is None or is_present(entry.end):
            return (start, self.locale.present)
        end = self.date(parse_date(entry.end))
        return (start,) if end == start else (start, end)

    def datetimes(self, entry: Dated) -> tuple[str, ...]:
        """The entry's dates as machine-readable ISO 8601 (2021, 2021-03, 2021-03-14), beside
        `dates`; "" for an ongoing end."""
        if entry.date:
            return (iso(parse_date(entry.date)),)
        if not entry.start:
            return ()
        start = iso(parse_date(entry.start))
        if entry.end is None or is_present(entry.end):
            return (start, "")
        end = iso(parse_date(entry.end))
        return (start,) if self.date(parse_date(entry.end)) == self.date(parse_date(entry.start)) else (start, end)

    def date(self, date: PartialDate) -> str:
        """`date` in the design's format, at the precision it was written with; one still to come
        in the language's words for it (Expected May 2026, 预计 2026.06)."""
        if date.expected:
            return self.locale.expected.format(date=self.date(replace(date, expected=False)))
        year, fmt = f"{date.year:04d}", self.design.date_format
        if date.season is not None:  # in words, whatever the format: it has no number
            return self.locale.season_year.format(season=self.locale.seasons[date.season], year=year)
        if date.month is None:
            return year
        if fmt == "month YYYY":
            month = self.locale.months[date.month - 1]
            if date.day is None:
                return self.locale.month_year.format(month=month, year=year)
            return self.locale.day_month_year.format(day=date.day, month=month, year=year)
        month, day = f"{date.month:02d}", f"{date.day:02d}" if date.day else ""
        if fmt == "MM/DD/YYYY":  # (a month date: 03/2021 in each)
            return "/".join(p for p in (month, day, year) if p)
        if fmt in ("MM/YYYY", "DD/MM/YYYY"):
            return "/".join(p for p in (day, month, year) if p)
        separator = "-" if fmt == "YYYY-MM" else "."
        return separator.join(p for p in (year, month, day) if p)

    def tags(self, links: Iterable[Link]) -> tuple[doc.Tag, ...]:
        return tuple(doc.Tag(clean(link.label), link.url) for link in links)

    def parts(self, *values: str | None) -> tuple[Inline, ...]:
        return tuple(self.text(value) for value in values if value)

    def education(self, entry: Education) -> doc.Entry:
        return doc.Entry(
            title=self.parts(entry.school, entry.department),
            dates=self.dates(entry),
            datetimes=self.datetimes(entry),
            tags=self.tags(entry.links),
            subtitle=self.parts(
                entry.degree,
                entry.major,
                self.labelled(self.locale.advisor, entry.advisor),
                self.labelled(self.locale.gpa, entry.gpa),
            ),
            location=clean(entry.location or ""),
            summary=self.summary(entry.summary),
            items=self.items(entry.bullets),
        )

    def experience(self, entry: Experience) -> doc.Entry:
        when = entry if entry.start or entry.date or not entry.roles else span(entry.roles)
        return doc.Entry(
            title=self.parts(entry.organization, entry.team),
            dates=self.dates(when),
            datetimes=self.datetimes(when),
            tags=self.tags(entry.links),
            subtitle=self.parts(entry.role),
            location=clean(entry.location or ""),
            summary=self.summary(entry.summary),
            items=self.items(entry.bullets),
            roles=tuple(
                doc.Entry(
                    title=(),
                    dates=self.dates(role),
                    datetimes=self.datetimes(role),
                    # (a role's team and place are printed where they are not the organization's)
                    subtitle=self.parts(role.role, own(role.team, entry.team)),
                    location=clean(own(role.location, entry.location) or ""),
                    summary=self.summary(role.summary),
                    items=self.items(role.bullets),
                )
                for role in entry.roles
            ),
        )

    def group(self, heading: str, items: tuple[doc.Item, ...]) -> doc.Group:
        """A group, or, when one point without a lead-in is left of it, that point with the
        heading as its lead-in: a heading over a single bullet is hierarchy with nothing under it."""
        if len(items) == 1 and not items[0].label:
            return doc.Group("", (replace(items[0], label=self.lead_in(heading)),))
        return doc.Group(heading, items)

    def project(self, entry: Project) -> doc.Entry:
        return doc.Entry(
            title=self.parts(entry.title),
            dates=self.dates(entry),
            datetimes=self.datetimes(entry),
            tags=self.tags(entry.links),
            subtitle=self.parts(entry.role),
            summary=self.summary(entry.summary),
            groups=tuple(self.group(clean(g.heading), self.items(g.bullets)) for g in entry.groups),
            items=self.items(entry.bullets),
        )

    def entry(self, entry: Entry) -> doc.Entry:
        return doc.Entry(
            title=self.parts(entry.title),
            dates=self.dates(entry),
            datetimes=self.datetimes(entry),
            tags=self.tags(entry.links),
            subtitle=self.parts(entry.subtitle),
            location=clean(entry.location or ""),
            summary=self.summary(entry.summary),
            items=self.items(entry.bullets),
        )

    def publication(self, paper: Publication, header: Header) -> doc.Publication:
        # The owner's own name is bold in author lists unless the file's emphasis is off.
        owner = tuple(header.author_names) if self.emphasis.file_bold else ()
        names = [emphasize(plain(name, self.spaced_names), self.emphasis.terms + owner) for name in paper.authors]
        authors: list[Run] = []
        last = self.locale.last_author_separator
        if wide(paper.authors[-1]):  # names in Chinese characters: commas alone, as GB/T 7714 lists them
            last = self.locale.author_separator
        elif len(names) == 2:  # "A and B", not "A, and B"
            last = " " + last.lstrip(", ") if last.startswith(", ") else last
        for i, name in enumerate(names):
            if i:
                authors.append(Run(last if i == len(names) - 1 else self.locale.author_separator))
            authors.extend(name)
        venue: list[Run] = list(self.prose(paper.venue))
        date = self.date(parse_date(paper.date)) if paper.date else None
        for extra in (paper.status, date):
            if extra and extra not in text_of(self.prose(paper.venue)):  # no "ICLR 2025, 2025"
                venue.extend([Run(", ")] if venue else [])
                venue.extend(self.text(extra))
        tags = self.tags(paper.links)
        if paper.doi:
            tags = (doc.Tag(f"doi:{paper.doi}", "https://doi.org/" + quote(paper.doi, safe="/:;()")), *tags)
        return doc.Publication(tuple(authors), self.text(paper.title), tuple(venue), self.prose(paper.note), tags)


ENTRY_MAPPINGS: dict[type, Callable[[Words, object], doc.Block]] = {
    Education: Words.education,  # type: ignore[dict-item]
    Experience: Words.experience,  # type: ignore[dict-item]
    Project: Words.project,  # type: ignore[dict-item]
    Entry: Words.entry,  # type: ignore[dict-item]
}


def own(value: str | None, organizations: str | None) -> str | None:
    """A role's team or place, unless it is the organization's own (as its row prints it)."""
    return None if value and organizations and clean(value) == clean(organizations) else value


def span(roles: Iterable[Role]) -> Dated:
    """The time at an organization, from its roles: the earliest start to the latest end, ongoing
    when one of them is (a role with a start and no end is)."""
    dated = [role for role in roles if role.start or role.date]
    if not dated:
        return Dated()

    def order(value: str, late: bool) -> tuple[int, int, int]:  # a year alone is its December at the end
        d = parse_date(value)
        return d.year, d.month or (13 if late else 0), d.day or (32 if late else 0)

    start = min((role.start or role.date or "" for role in dated), key=lambda v: order(v, late=False))
    ends = [role.date or role.end or "present" for role in dated]
    if any(is_present(end) for end in ends):
        return Dated(start=start, end="present")
    return Dated(start=start, end=max(ends, key=lambda v: order(v, late=True)))


def email_link(email: str) -> str | None:
    """The mailto: address of `email`, to each of its addresses (a, b); none for one written so
    that no program reads it (jane(at)example.com), which is printed so."""
    return "mailto:" + email.replace(" ", "") if re.fullmatch(rf"{ADDRESS}(\s*,\s*{ADDRESS})*", email) else None


def phone_link(phone: str) -> str | None:
    """The tel: address of `phone` as people print it: its digits (full-width ones, or another
    script's, as ASCII) after a leading +; an extension (ext. 12, x12, 转 12) as RFC 3966's ;ext=;
    and not the trunk 0 some countries print in brackets after their code (+44 (0)20 ...), which
    is not dialled from abroad."""
    text = re.sub(r"^(\s*\+\s*\d{1,3})\s*\(0\)", r"\1", unicodedata.normalize("NFKC", phone))
    number, *extension = re.split(r"(?:ext\.?|extension|x|#|转|分机)\s*(?=\d+\s*$)", text, maxsplit=1, flags=re.I)

    def digits(part: str) -> str:
        return "".join(str(unicodedata.digit(char)) for char in part if unicodedata.category(char) == "Nd")

    dialled = digits(number)
    if not dialled:
        return None
    plus = "+" if number.strip().startswith("+") else ""
    return f"tel:{plus}{dialled}" + (f";ext={digits(extension[0])}" if extension else "")


def profile_url(network: str, username: str) -> str | None:
    """The address of `username`'s page on `network`; None where there is none (WeChat's id)."""
    mastodon = re.fullmatch(MASTODON, username) if network == "mastodon" else None
    if mastodon:  # @jane@hachyderm.io: her page on her server
        return f"https://{mastodon.group(2)}/@{quote(mastodon.group(1), safe='')}"
    if network not in PROFILE_URLS:
        return None
    if network == "whatsapp":  # a chat with the number: its digits as dialled from abroad, without the +
        dialled = phone_link(handle(network, username))
        return PROFILE_URLS[network].format(dialled.split(";")[0].removeprefix("tel:").lstrip("+")) if dialled else None
    return PROFILE_URLS[network].format(quote(handle(network, username), safe="/" if network in SLASHED else ""))


def profile_contact(profile: Profile, chinese: bool = False) -> doc.Contact:
    # A labelled link to an address or a number (a second e-mail or phone) is shown as one is.
    given = (profile.url or "").lower()
    network = profile.network or (
        "email" if given.startswith("mailto:") else "phone" if given.startswith("tel:") else "link"
    )
    url = profile.url or (profile_url(network, profile.username) if profile.username else None)
    name = (NETWORK_NAMES_ZH if chinese else NETWORK_NAMES).get(network, "")
    written = profile.username or ""
    handled = handle(network, written)
    pasted = handled != written.strip().lstrip("@").strip("/")  # its page's address: its name is shown
    shown = profile.label or (name if network in OPAQUE else handled if pasted else written)
    if not shown:
        shown = (url or "").removeprefix("https://").removeprefix("http://").rstrip("/")
    return doc.Contact(network, clean(shown), url, name)
