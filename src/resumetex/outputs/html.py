"""Document → one self-contained HTML5 page: styles inline, the photo embedded, no script and
nothing fetched at view time; a print stylesheet gives a clean page of the design's paper.

Every user string goes through `html.escape`, and a link is made only of the schemes the CV
check allows, so what was typed is shown as typed."""

import base64
import re
from html import escape
from itertools import groupby

import resumetex
from resumetex import document as doc
from resumetex.glyphs import right_to_left
from resumetex.inline import URL_SCHEMES, Inline
from resumetex.locales import RIGHT_TO_LEFT_SCRIPTS, glyph_forms, likely
from resumetex.outputs import after_label

PAPER = {"a4paper": "A4", "letterpaper": "letter"}
RIGHT_TO_LEFT = right_to_left("&quot;|&#x27;|’")  # (a quote mark, as escape() writes it)
# Chinese first for a Chinese page: its Latin matches, and no browser mixes two Latin faces. The
# CJK faces draw the characters in the forms the page's readers write (locales.glyph_forms): the
# mainland's, Taiwan's, Hong Kong's, Japan's or Korea's.
CJK_FONTS = {
    "SC": '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun"',
    "TC": '"Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU"',
    "HK": '"Noto Serif CJK HK", "Source Han Serif HK", "Songti TC", "MingLiU_HKSCS"',
    "JP": '"Noto Serif CJK JP", "Source Han Serif", "Hiragino Mincho ProN", "Yu Mincho"',
    "KR": '"Noto Serif CJK KR", "Source Han Serif K", "AppleMyungjo", "Batang"',
}
CJK_HEADING_FONTS = {
    "SC": '"Noto Sans CJK SC", "Source Han Sans SC"',
    "TC": '"Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei"',
    "HK": '"Noto Sans CJK HK", "Source Han Sans HK", "Microsoft JhengHei"',
    "JP": '"Noto Sans CJK JP", "Source Han Sans", "Hiragino Sans", "Yu Gothic"',
    "KR": '"Noto Sans CJK KR", "Source Han Sans K", "Apple SD Gothic Neo", "Malgun Gothic"',
}

STYLE = """
:root { --accent: %(accent)s; --muted: #5a5a5a; }
* { box-sizing: border-box; }
html { font: %(size)spt/1.45 %(fonts)s; color: #1a1a1a; background: #fff; }
/* Chinese has no italic: never a slanted one made up by the browser, as in the PDF; in a Chinese
   page, italic Latin text takes Noto Serif's real italic. */
html { font-synthesis: weight; }
html:lang(zh) em, html:lang(zh) .sub { font-family: "Noto Serif", %(fonts)s; }
body { margin: 0; }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1.5rem; }
/* A word or address longer than a line breaks inside, as in the PDF, rather than run off the page. */
main { overflow-wrap: anywhere; }
header { text-align: center; }
header.with-photo { display: flex; align-items: center; gap: 1rem; }
header.with-photo > div { flex: 1; }
.photo { flex: none; width: 6rem; height: auto; }
h1 { font: bold 2.2em/1.2 %(heading)s; margin: 0 0 0.3rem; }
h2 { font: bold 1.2em/1.3 %(heading)s; color: var(--accent); margin: 1.2rem 0 0.4rem;
     border-bottom: 0.6pt solid var(--accent); padding-bottom: 0.1rem; }
h3 { font-size: 1em; margin: 0; display: inline; }
h4 { font-size: 1em; margin: 0.3rem 0 0.1rem; }
p, ul, ol, dl { margin: 0.15rem 0; }
ul, ol { padding-left: 1.3em; }
ul.contacts, ul.details { list-style: none; padding: 0; margin: 0.2rem 0; font-size: 0.9em; }
ul.contacts li, ul.details li { display: inline-block; margin: 0 0.7em; }
.network, .label { color: var(--muted); }
.headline { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
article { margin: 0.5rem 0; }
.role { margin-top: 0.2rem; }
.row { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
.row > :last-child { flex: none; text-align: end; max-width: 60%%; }  /* (past that, it wraps) */
.sub { font-style: italic; }
.dates, .location, .tags { color: var(--muted); }
.tags { font-size: 0.9em; margin-left: 0.5em; }
dl.lines > div { display: flex; gap: 0.5em; }
dl.lines dt { font-weight: bold; flex: none; }
dl.lines dd { margin: 0; }
/* Papers numbered [1], [2], as the PDF numbers them (a list counting down too: <ol reversed>). */
@counter-style paper { system: extends decimal; prefix: "["; suffix: "] "; }
ol.publications { list-style-type: paper; padding-left: 2.1em; }
ol.publications li { margin: 0.2rem 0; }
/* A page written right to left indents at the right (the W3C checker knows no padding-inline-start). */
[dir=rtl] ul, [dir=rtl] ol { padding-left: 0; padding-right: 1.3em; }
[dir=rtl] ol.publications { padding-right: 2.1em; }
[dir=rtl] .tags { margin-left: 0; margin-right: 0.5em; }
@page { size: %(paper)s; margin: 1.5cm; }
@media print {
  html { font-size: %(size)spt; }
  main { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  h2, h3, h4 { break-after: avoid; }
  /* An entry stays on one page; one with several roles may break between them (kept whole, it
     left a third of a page blank), never between its title and its first role. */
  article:not(.roles), .role, li { break-inside: avoid; }
  article > .row { break-after: avoid; }
}
"""


def fonts(cjk: bool, forms: str) -> str:
    """The page's font stack: a Chinese page's Chinese faces first, an English page's Latin ones."""
    if cjk:
        return f"{CJK_FONTS[forms]}, serif"
    return f'"Noto Serif", Georgia, "Times New Roman", {CJK_FONTS[forms]}, serif'


def emit(document: doc.Document, accent: str = "#1B4F8A", font_size: float = 10, paper: str = "a4paper") -> str:
    """The résumé as an HTML page."""
    meta = document.metadata
    forms = glyph_forms(meta.lang)
    style = STYLE % {
        "accent": escape(accent),
        "size": f"{font_size:g}",
        "fonts": fonts(document.cjk, forms),
        "heading": f'"Noto Sans", {CJK_HEADING_FONTS[forms]}, "Helvetica Neue", Arial, sans-serif',
        "paper": PAPER.get(paper, "A4"),
    }
    direction = ' dir="rtl"' if likely(meta.lang).script in RIGHT_TO_LEFT_SCRIPTS else ""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(meta.lang)}"{direction}>',  # (the start of a line, its end: the page's)
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(meta.title)}</title>",
        f'<meta name="author" content="{escape(meta.author)}">',
        f'<meta name="generator" content="resumetex {resumetex.__version__}">',
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    body = [header(document.header, meta.author)]
    for section in document.sections:
        body.append(f'<section id="{escape(section.key)}">')
        body.append(f"<h2>{escape(section.title)}</h2>")
        body += [block(b) for b in section.blocks]
        body.append("</section>")
    return "\n".join([*head, *body, "</main>", "</body>", "</html>", ""])


def runs(inline: Inline) -> str:
    """Inline runs as HTML: bold and italic as asked, a link's runs in one <a>."""
    out = []
    for url, group in groupby(inline, key=lambda run: run.url):
        shown = ""
        for run in group:
            # A right-to-left name stands apart (<bdi>): "محمد علي, דוד כהן" is two names, not one
            # right-to-left run with the comma inside.
            text = re.sub(RIGHT_TO_LEFT, lambda found: f"<bdi>{found.group(0)}</bdi>", escape(run.text))
            if run.italic:
                text = f"<em>{text}</em>"
            if run.bold:
                text = f"<strong>{text}</strong>"
            shown += text
        out.append(link(url, shown) if url else shown)
    return "".join(out)


def link(url: str, shown: str) -> str:
    """An <a> around already-escaped HTML; a URL of any other scheme stays plain text."""
    if not url.lower().startswith(URL_SCHEMES):
        return shown
    return f'<a href="{escape(url)}">{shown}</a>'


def header(head: doc.Header, author: str) -> str:
    parts = ['<header class="with-photo">\n<div>' if head.picture else "<header>"]
    parts.append(f"<h1>{runs(head.name)}</h1>")
    if head.headline:
        parts.append(f'<p class="headline">{runs(head.headline)}</p>')
    if head.contacts:
        items = []
        for contact in head.contacts:
            label = f'<span class="network">{escape(contact.named)}</span> ' if contact.named else ""
            shown = link(contact.url, escape(contact.text)) if contact.url else escape(contact.text)
            if contact.kind != "location":  # a number, an address, a handle: left to right on any page
                shown = f'<span dir="ltr">{shown}</span>'  # (else +972 50 123 4567 shows 4567 123 50 972+)
            items.append(f'<li class="{escape(contact.kind)}">{label}{shown}</li>')
        parts.append(f'<ul class="contacts">{"".join(items)}</ul>')
    if head.details:
        items = [
            f'<li><span class="label">{escape(label)}</span>{after_label(label)}{escape(value)}</li>'
            for label, value in head.details
        ]
        parts.append(f'<ul class="details">{"".join(items)}</ul>')
    if head.interests:
        label, interests = head.interests
        parts.append(f"<p><strong>{escape(label)}</strong> {runs(interests)}</p>")
    if head.picture:  # beside the rest, as the PDF places it: whole, at its width
        data = base64.b64encode(head.picture.data).decode("ascii")
        kind = head.picture.kind.lower()
        parts.append(f'</div>\n<img class="photo" src="data:image/{kind};base64,{data}" alt="{escape(author)}">')
    parts.append("</header>")
    return "\n".join(parts)


def block(item: doc.Block) -> str:
    if isinstance(item, doc.Entry):
        return entry(item)
    if isinstance(item, doc.Publications):
        papers = []
        for paper in item.items:
            parts = [runs(paper.authors), f"<cite>{runs(paper.title)}</cite>", runs(paper.venue)]
            line = ". ".join(part for part in parts if part)
            extra = " ".join(part for part in (runs(paper.note), tags(paper.tags)) if part)
            papers.append(f"<li>{line}" + (f" {extra}" if extra else "") + "</li>")
        return f'<ol class="publications"{order(item)}>\n' + "\n".join(papers) + "\n</ol>"
    if isinstance(item, doc.Lines):
        rows = [f"<div><dt>{escape(line.label)}</dt><dd>{runs(line.details)}</dd></div>" for line in item.items]
        return '<dl class="lines">\n' + "\n".join(rows) + "\n</dl>"
    if isinstance(item, doc.Items):
        return bullets(item.items, order(item) if item.numbering != "none" else None)
    return f"<p>{runs(item.text)}</p>"


def order(numbered: doc.Publications | doc.Items) -> str:
    """The attribute of a list counting down to 1 (the browser numbers it): ` reversed`; else none."""
    return " reversed" if numbered.numbering == "descending" else ""


def entry(item: doc.Entry) -> str:
    title = " · ".join(runs(part) for part in item.title)
    opened = '<article class="roles">' if item.roles else "<article>"
    parts = [opened, f'<div class="row"><div><h3>{title}</h3>{tags(item.tags)}</div>{dates(item)}</div>']
    subtitle = " · ".join(runs(part) for part in item.subtitle)
    if subtitle or item.location:
        location = f'<span class="location">{escape(item.location)}</span>' if item.location else "<span></span>"
        parts.append(f'<div class="row sub"><span>{subtitle}</span>{location}</div>')
    parts += body(item)
    for role in item.roles:
        held = " · ".join(runs(part) for part in role.subtitle)
        if role.location:
            held += f' <span class="location">{escape(role.location)}</span>'
        parts += ['<div class="role">', f'<div class="row sub"><span>{held}</span>{dates(role)}</div>', *body(role)]
        parts.append("</div>")
    parts.append("</article>")
    return "\n".join(parts)


def body(item: doc.Entry) -> list[str]:
    """What follows an entry's rows (or a role's): its summary, headed groups and points."""
    parts = [f"<p>{runs(paragraph)}</p>" for paragraph in item.summary]
    for group in item.groups:
        parts += [f"<h4>{escape(group.heading)}</h4>" if group.heading else "", bullets(group.items)]
    if item.items:
        parts.append(bullets(item.items))
    return parts


def dates(item: doc.Entry) -> str:
    if not item.dates:
        return "<span></span>"
    shown = [
        f'<time datetime="{escape(when)}">{escape(text)}</time>' if when else escape(text)
        for text, when in zip(item.dates, item.datetimes or ("",) * len(item.dates), strict=True)
    ]
    return f'<span class="dates">{" – ".join(shown)}</span>'


def tags(items: tuple[doc.Tag, ...]) -> str:
    if not items:
        return ""
    shown = [link(tag.url, f"[{escape(tag.label)}]") if tag.url else f"[{escape(tag.label)}]" for tag in items]
    return f'<span class="tags">{" ".join(shown)}</span>'


def bullets(items: tuple[doc.Item, ...], numbered: str | None = None) -> str:
    """A list of points: bulleted, or numbered (`numbered`: the attributes of its <ol>)."""
    out = ["<ul>" if numbered is None else f"<ol{numbered}>"]
    for item in items:
        lead = f"<strong>{escape(item.label)}</strong>{after_label(item.label)}" if item.label else ""
        children = "".join(f"<li>{runs(child)}</li>" for child in item.children)
        out.append(f"<li>{lead}{runs(item.text)}" + (f"<ul>{children}</ul>" if children else "") + "</li>")
    out.append("</ul>" if numbered is None else "</ol>")
    return "\n".join(out)
