"""CV view → LaTeX source, built with pylatex around the theme's \\cv... macros.

No files, no subprocesses. Every user string passes through `markup`."""

from collections.abc import Iterable

from pylatex import Document, NoEscape, Package
from pylatex.base_classes import Environment

from resumetex import __version__, markup
from resumetex.locales import THEME_PACKAGE, Locale
from resumetex.markup import Emphasis
from resumetex.model import (
    CV,
    Bullet,
    Design,
    Education,
    Experience,
    Header,
    Project,
    Publication,
    PublicationsSection,
)


class CvItems(Environment):
    _latex_name = "cvitems"


class CvSubItems(Environment):
    _latex_name = "cvsubitems"


class CvPublications(Environment):
    _latex_name = "cvpublications"


def render_cv(cv: CV, locale: Locale, emphasis: Emphasis) -> str:
    """Return the complete LaTeX document for `cv`."""
    doc = Document(
        documentclass=locale.latex_class,
        document_options=list(locale.class_options),
        fontenc=None,
        inputenc=None,
        lmodern=False,
        textcomp=False,
        page_numbers=False,
        microtype=False,
    )
    doc.packages.append(Package(THEME_PACKAGE))  # the head ends here: locale.document_head
    doc.preamble.append(cmd("cvsetup", theme_options(cv.design, locale)))
    doc.preamble.append(latex_metadata(cv.header, locale))
    put = doc.append
    put(latex_header(cv.header, locale, emphasis))
    for section in cv.sections:
        put(cmd("cvsection", markup.text(section.title, emphasis)))
        if section.summary:
            put(cmd("cvsummary", markup.prose(section.summary, emphasis)))
        if isinstance(section, PublicationsSection):
            put(latex_publications(section.entries, cv.header, emphasis, locale))
        else:
            for entry in section.entries:
                put(latex_entry(entry, locale, emphasis, cv.design))
    return str(doc.dumps())


def theme_options(design: Design, locale: Locale) -> NoEscape:
    """The design settings for the theme's \\cvsetup (validated numbers and words only)."""
    options = {
        "accent": design.accent.removeprefix("#"),
        "fontsize": f"{design.font_size:g}pt",
        "linespacing": f"{design.line_spacing or locale.line_spacing:g}",
        "margin": f"{design.margin:g}cm",
        "paper": f"{design.paper}paper",
        "links": design.links,
        "spacing": f"{design.spacing:g}",
    }
    return NoEscape(",".join(f"{key}={value}" for key, value in options.items()))


def latex_metadata(header: Header, locale: Locale) -> NoEscape:
    plain = Emphasis()
    fields = (
        locale.document_title.format(name=header.name),
        header.name,
        locale.list_separator.join(header.interests),
        ", ".join(header.interests),
        f"resumetex {__version__}",
        locale.language_tag,
    )
    return cmd("cvmetadata", *(markup.text(field, plain) for field in fields))


def cmd(name: str, *arguments: str) -> NoEscape:
    """`\\name{a}{b}` from arguments that are already LaTeX."""
    return NoEscape(f"\\{name}" + "".join(f"{{{a}}}" for a in arguments) + "\n")


def latex_header(header: Header, locale: Locale, emphasis: Emphasis) -> NoEscape:
    text = markup.text
    parts = [cmd("cvname", text(header.name, emphasis))]
    contacts = []
    if header.phone:
        number = "".join(c for c in header.phone if c.isdigit() or c == "+")
        contacts.append(("cviconphone", f"tel:{number}", header.phone))
    if header.email:
        contacts.append(("cviconemail", f"mailto:{header.email}", header.email))
    if header.homepage:
        shown = header.homepage.removeprefix("https://").removeprefix("http://").rstrip("/")
        contacts.append(("cviconhomepage", header.homepage, shown))
    if contacts:
        line = r"\cvcontactsep ".join(
            f"\\cvcontact{{\\{icon}}}{{{markup.escape_url(url)}}}{{{text(shown, emphasis)}}}"
            for icon, url, shown in contacts
        )
        parts.append(cmd("cvcontacts", line))
    if header.interests:
        joined = text(locale.list_separator.join(header.interests), emphasis)
        parts.append(cmd("cvinterests", text(locale.interests, Emphasis()), joined))
    return NoEscape("".join(parts))


def latex_dates(start: str, end: str, locale: Locale, design: Design) -> str:
    def month(value: str) -> str:
        if value == "present":
            return locale.present
        year, number = value.split(".")
        formats = {
            "YYYY.MM": value,
            "YYYY-MM": f"{year}-{number}",
            "MM/YYYY": f"{number}/{year}",
            "month YYYY": locale.month_year.format(month=locale.months[int(number) - 1], year=year),
        }
        return formats[design.date_format]

    plain = Emphasis()
    return str(cmd("cvdaterange", markup.text(month(start), plain), markup.text(month(end), plain))).rstrip()


def latex_entry(
    entry: Education | Experience | Project, locale: Locale, emphasis: Emphasis, design: Design
) -> NoEscape:
    text, sep = markup.text, r"\cvsep "
    if isinstance(entry, Education):
        what = sep.join(text(p, emphasis) for p in (entry.school, entry.department) if p)
        details = [text(p, emphasis) for p in (entry.degree, entry.major) if p]
        if entry.advisor:
            details.append(text(locale.advisor + locale.colon + entry.advisor, emphasis))
        body = [cmd("cventry", what, latex_dates(entry.start, entry.end, locale, design))]
        body.append(cmd("cvsubline", sep.join(details)))
        body.append(latex_bullets(entry.bullets, locale, emphasis))
        return NoEscape("".join(body))
    if isinstance(entry, Experience):
        what = sep.join(text(p, emphasis) for p in (entry.organization, entry.team) if p)
        body = [cmd("cventry", what, latex_dates(entry.start, entry.end, locale, design))]
        if entry.role:
            body.append(cmd("cvsubline", text(entry.role, emphasis)))
        body.append(latex_bullets(entry.bullets, locale, emphasis))
        return NoEscape("".join(body))
    return latex_project(entry, locale, emphasis)


def latex_project(project: Project, locale: Locale, emphasis: Emphasis) -> NoEscape:
    tags = []
    for link in project.links:
        label = markup.text(link.label, emphasis)
        if link.url:
            tags.append(f"\\cvlinktag{{{markup.escape_url(link.url)}}}{{{label}}}")
        else:
            tags.append(f"\\cvtag{{{label}}}")
    title = markup.text(project.title, emphasis)
    if tags:
        title += r"\cvtags{" + r"\cvtagsep ".join(tags) + "}"
    body = [cmd("cventry", title, "")]
    if project.summary:
        body.append(cmd("cvsummary", markup.prose(project.summary, emphasis)))
    if project.groups:
        items = CvItems()
        for group in project.groups:
            items.append(NoEscape(r"\item " + cmd("cvheading", markup.text(group.heading, emphasis))))
            items.append(latex_bullets(group.bullets, locale, emphasis, nested=True))
        body.append(items.dumps() + "\n")
    body.append(latex_bullets(project.bullets, locale, emphasis))
    return NoEscape("".join(body))


def latex_bullets(bullets: Iterable[Bullet], locale: Locale, emphasis: Emphasis, nested: bool = False) -> NoEscape:
    bullets = list(bullets)
    if not bullets:
        return NoEscape("")
    items = CvSubItems() if nested else CvItems()
    for bullet in bullets:
        lead = ""
        if bullet.label:
            lead = r"\cvlabel{" + markup.text(bullet.label + locale.colon.rstrip(), emphasis) + "} "
        items.append(NoEscape(r"\item " + lead + markup.prose(bullet.text, emphasis) + "\n"))
    return NoEscape(items.dumps() + "\n")


def latex_publications(publications: list[Publication], header: Header, emphasis: Emphasis, locale: Locale) -> NoEscape:
    # The owner's own name is bold in author lists unless the file's emphasis is off.
    authors_emphasis = emphasis.with_terms(tuple(header.author_names)) if emphasis.file_bold else emphasis
    items = CvPublications()
    for paper in publications:
        names = [markup.text(name, authors_emphasis) for name in paper.authors]
        if len(names) > 1:
            authors = locale.author_separator.join(names[:-1]) + locale.last_author_separator + names[-1]
        else:
            authors = names[0]
        status = markup.text(paper.status, emphasis) if paper.status else ""
        fields = (authors, markup.text(paper.title, emphasis), markup.prose(paper.venue, emphasis), status)
        items.append(NoEscape(r"\item " + cmd("cvpublication", *fields)))
    return NoEscape(items.dumps() + "\n")
