"""The format-neutral résumé: a small tree of blocks that every output format emits.

Everything here is final text: dates formatted, words of the language in place, emphasis
applied. An emitter (LaTeX, HTML, ...) decides only how each block looks."""

from dataclasses import dataclass, field
from pathlib import Path

from resumetex.inline import Inline
from resumetex.photo import Picture


def with_colon(label: str, colon: str) -> str:
    """`label`, then the language's `colon` (`：` or `:`), in place of one typed after it: the
    colon is the résumé's word, so 出生年月: in a Chinese CV prints 出生年月：, never 出生年月:：."""
    return label.rstrip().rstrip(":：").rstrip() + colon


@dataclass(frozen=True)
class Contact:
    """One item of the header's contact line."""

    kind: str  # phone, email, homepage, location, or a profile network (github, orcid, ...)
    text: str
    url: str | None = None
    network: str = ""  # the network's name (GitHub), for formats that have no icon to show it

    @property
    def named(self) -> str:
        """The network's name to put before the text where no icon shows it; none when the text
        is that name already (a Google Scholar profile is shown by the network's name)."""
        return self.network if self.network != self.text else ""


@dataclass(frozen=True)
class Header:
    name: Inline
    headline: Inline = ()
    contacts: tuple[Contact, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # (label with its colon, value)
    interests: tuple[str, Inline] | None = None  # (label, the list)
    photo: Path | None = None  # the file the CV names
    picture: Picture | None = None  # what the outputs place of it (made by pipeline.prepare)


@dataclass(frozen=True)
class Tag:
    """A bracketed label after a title; a link when it has a url."""

    label: str
    url: str | None = None


@dataclass(frozen=True)
class Item:
    """A bullet: an optional bold lead-in, its text, and points under it."""

    text: Inline
    label: str = ""  # with its colon
    children: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class Group:
    """A headed list of points; with no heading, one point that stands as a bullet of its own
    (a group left with one point after tailoring: its heading became the point's lead-in)."""

    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Entry:
    """A dated entry: the title row (title parts, tags, dates flush right), a subtitle row
    (subtitle parts, location flush right), then a summary, headed groups and items."""

    title: tuple[Inline, ...]
    dates: tuple[str, ...] = ()  # one date, or a period's start and end
    datetimes: tuple[str, ...] = ()  # the same dates in ISO 8601 (2021-03), "" for "present"
    tags: tuple[Tag, ...] = ()
    subtitle: tuple[Inline, ...] = ()
    location: str = ""
    summary: tuple[Inline, ...] = ()  # paragraphs
    groups: tuple[Group, ...] = ()
    items: tuple[Item, ...] = ()
    # Positions held at one organization: each a row of its own (its subtitle the role, its dates
    # flush right, its location), then its summary and items; no title of its own.
    roles: tuple["Entry", ...] = ()


@dataclass(frozen=True)
class Publication:
    authors: Inline  # joined with the language's separators, the owner's name in bold
    title: Inline
    venue: Inline  # venue, status and date, as one line
    note: Inline = ()
    tags: tuple[Tag, ...] = ()


@dataclass(frozen=True)
class Line:
    label: str
    details: Inline


@dataclass(frozen=True)
class Publications:
    items: tuple[Publication, ...]
    numbering: str = "ascending"  # or "descending" (see numbers)


@dataclass(frozen=True)
class Lines:
    items: tuple[Line, ...]


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]
    numbering: str = "none"  # bullets; or "ascending" or "descending" (see numbers)


def numbers(block: Publications | Items) -> tuple[int, ...]:
    """The number of each item of a numbered list, in order: 1, 2, 3, or, descending, 3, 2, 1
    (the first is the newest and the count); () for bullets."""
    count = len(block.items)
    if block.numbering == "ascending":
        return tuple(range(1, count + 1))
    return tuple(range(count, 0, -1)) if block.numbering == "descending" else ()


@dataclass(frozen=True)
class Paragraph:
    text: Inline


Block = Entry | Publications | Lines | Items | Paragraph


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str  # BCP 47


@dataclass(frozen=True)
class Document:
    header: Header
    sections: tuple[Section, ...]
    metadata: Metadata
    cjk: bool = False  # the text is Chinese: typeset with Chinese line breaking
    # What the text needs beyond the language's faces: "cjk" (Chinese in an English document),
    # "latin-noto" (Latin text Latin Modern cannot draw)
    scripts: frozenset[str] = field(default_factory=frozenset)
    # Characters no face of the theme has, each with an installed font file that has it.
    fallbacks: tuple[tuple[str, str], ...] = ()
    # In a Chinese document, characters set in the Chinese face that xeCJK would give the Latin one.
    chinese_faced: tuple[str, ...] = ()
    colon: str = ":"  # the language's, after a label (a form that sets a row's label in bold needs none)
