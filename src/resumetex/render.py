"""Document → LaTeX source, built with pylatex around the theme's \\cv... macros.

No files, no subprocesses, no words of any language. Every user string passes through `markup`."""

import re
import unicodedata

from pylatex import Document, NoEscape, Package
from pylatex.base_classes import Environment

from resumetex import __version__, document, glyphs, icons, markup
from resumetex.locales import HANGUL, glyph_forms
from resumetex.model import Design
from resumetex.outputs import after_label

THEME_PACKAGE = "resumetex"  # templates/<theme>/resumetex.sty


class CvItems(Environment):
    _latex_name = "cvitems"


class CvSubItems(Environment):
    _latex_name = "cvsubitems"


class CvNumbered(Environment):
    _latex_name = "cvnumbered"


class CvPublications(Environment):
    _latex_name = "cvpublications"


class CvLines(Environment):
    _latex_name = "cvlines"


class CvHead(Environment):
    _latex_name = "cvhead"


def render_latex(doc: document.Document, design: Design, line_spacing: float) -> str:
    """Return the complete LaTeX document for `doc`, laid out as `design` says."""
    latex = Document(
        documentclass="ctexart" if doc.cjk else "article",
        # ctex: fontset=none, the theme loads the fonts itself (ctex's `ubuntu` set picks the
        # JP face of Noto CJK) and sets the line spacing.
        document_options=["fontset=none", "linespread=1"] if doc.cjk else [],
        fontenc=None,
        inputenc=None,
        lmodern=False,
        textcomp=False,
        page_numbers=False,
        microtype=False,
    )
    latex.data.clear()  # pylatex's \\pagestyle{empty}: the theme has a page style of its own
    if "cjk" in doc.scripts:  # Chinese names in an English résumé
        latex.packages.append(Package("xeCJK"))
    options = glyphs.theme_options(doc.cjk, doc.scripts, glyph_forms(doc.metadata.lang))  # the fonts found here
    latex.packages.append(Package(THEME_PACKAGE, options=options or None))
    latex.preamble.append(cmd("cvsetup", theme_options(design, line_spacing)))
    latex.preamble.append(latex_metadata(doc.metadata))
    latex.preamble.extend(NoEscape(line) for line in icons.definitions([c.kind for c in doc.header.contacts]))
    if doc.chinese_faced:
        classed = ", ".join(f'"{ord(char):X}' for char in doc.chinese_faced)
        latex.preamble.append(NoEscape(rf"\xeCJKDeclareCharClass{{CJK}}{{{classed}}}"))
    stand_ins = dict.fromkeys(font for _, font in doc.fallbacks)
    fonts = {font: f"cvfallback{chr(ord('A') + i)}" for i, font in enumerate(stand_ins)}  # \cvfallbackA, ...
    for font, name in fonts.items():
        directory, _, file = font.rpartition("/")
        # Bold in the family's bold face where there is one; no stand-in has an italic (Hebrew,
        # Devanagari have none), so italic is upright, as fontspec would otherwise warn it makes it.
        char = next(char for char, used in doc.fallbacks if used == font)  # (one it stands in for)
        bold = (glyphs.bold_face(char) or font).rpartition("/")[2]
        faces = f"Path={directory}/,BoldFont={bold},ItalicFont={file},BoldItalicFont={bold}"
        if unicodedata.name(char, "").startswith("ARABIC"):  # Naskh has Latin too: shaped as Latin else
            faces += ",Script=Arabic"
        latex.preamble.append(NoEscape(rf"\newfontfamily\{name}{{{file}}}[{faces}]"))
    latex.append(cmd("cvowner", markup.text(doc.metadata.author)))  # (for the footer: see the theme)
    latex.append(latex_header(doc.header))
    for section in doc.sections:
        latex.append(cmd("cvsection", markup.text(section.title)))
        for block in section.blocks:
            latex.append(latex_block(block))
    dumped: str = latex.dumps()
    # The body only: the preamble's PDF metadata stays plain text.
    head, begin, body = dumped.partition("\\begin{document}")
    lang = doc.metadata.lang.lower()
    # A space typed between two Chinese or Japanese characters is gone before LaTeX
    # (inline.unspaced); one left beside Hangul is a Korean word space.
    if (doc.cjk or "cjk" in doc.scripts) and (HANGUL.search(body) or lang.startswith("ja")):
        # Korean spaces its words, and a Japanese name its two parts (山田 太郎), where xeCJK drops a
        # space; a Korean document puts no space of its own between Hangul and Latin letters or
        # digits (10억, 2주), as Chinese text has one.
        korean = lang.startswith("ko")
        head += f"\\xeCJKsetup{{CJKspace=true{',CJKecglue={}' if korean else ''}}}%\n"
    return head + begin + with_fallbacks(right_to_left(body), {char: fonts[font] for char, font in doc.fallbacks})


def with_fallbacks(body: str, faces: dict[str, str]) -> str:
    """`body` with each run of characters the theme's faces lack, and one stand-in face has, set in
    that face (\\cvfallbackA ...): a letter and its marks are shaped together, and a heart and an
    arrow (❤→) each get their own (the heart's face has no arrow)."""
    if not faces:
        return body
    runs = "|".join(
        "[" + "".join(re.escape(char) for char in faces if faces[char] == face) + "]+"
        for face in dict.fromkeys(faces.values())
    )
    return re.sub(runs, lambda found: f"{{\\{faces[found.group(0)[0]]} {found.group(0)}}}", body)


def right_to_left(body: str) -> str:
    """`body` with each run of right-to-left words (an Arabic or Hebrew name) set right to left, in
    TeX--XeT's \\beginR ... \\endR: XeTeX shapes a word right to left by itself, but sets the
    words of a run left to right (محمد علي read علي محمد)."""
    if not re.search(glyphs.RTL_LETTERS, body):
        return body
    # Quote marks and ties as escape writes them, and bold and italic (markup.styled): a link
    # ends a run (markup.link), since reversed, its start and end would swap.
    run = glyphs.right_to_left(r"\\textquotedbl\{\}|['’]|\\nobreak\{\}|\\textbf\{|\\textit\{|\}")
    runs = re.sub(run, lambda found: f"\\beginR{{}}{apart(found.group(0))}\\endR{{}}", body)
    return "\\TeXXeTstate=1\n" + runs


def apart(run: str) -> str:
    """`run` with each dash a word of its own: XeTeX sets `-40` or `1999–2023` as one word, which
    the run reverses whole, where a reader's order puts the dash between: 40-ל, 2023–1999."""
    return re.sub("[-–—]", lambda dash: f"\\kern0pt{{}}{dash.group(0)}\\kern0pt{{}}", run)


def theme_options(design: Design, line_spacing: float) -> NoEscape:
    """The design settings for the theme's \\cvsetup (validated numbers and words only)."""
    options = {
        "accent": design.accent.removeprefix("#"),
        "fontsize": f"{design.font_size:g}pt",
        "linespacing": f"{design.line_spacing or line_spacing:g}",
        "margin": f"{design.margin:g}cm",
        "paper": f"{design.paper}paper",
        "links": design.links,
        "spacing": f"{design.spacing:g}",
    }
    return NoEscape(",".join(f"{key}={value}" for key, value in options.items()))


def latex_metadata(meta: document.Metadata) -> NoEscape:
    fields = (meta.title, meta.author, meta.subject, meta.keywords, f"resumetex {__version__}", meta.lang)
    return cmd("cvmetadata", *(markup.text(field) for field in fields))


def cmd(name: str, *arguments: str) -> NoEscape:
    """`\\name{a}{b}` from arguments that are already LaTeX."""
    return NoEscape(f"\\{name}" + "".join(f"{{{a}}}" for a in arguments) + "\n")


def latex_header(header: document.Header) -> NoEscape:
    """The header; its picture is beside the document, under its name."""
    parts = []
    if header.picture:
        parts.append(NoEscape(f"\\cvphoto{{{header.picture.name}}}\n"))
    head = CvHead()
    head.append(cmd("cvname", markup.runs(header.name)))
    if header.headline:
        head.append(cmd("cvheadline", markup.runs(header.headline)))
    if header.contacts:
        line = r"\cvcontactsep ".join(
            f"\\cvcontact{{{c.kind}}}{{{markup.escape_url(c.url) if c.url else ''}}}{{{markup.text(c.text)}}}"
            for c in header.contacts
        )
        head.append(cmd("cvcontacts", line))
    if header.details:
        line = r"\cvcontactsep ".join(latex_detail(label, value) for label, value in header.details)
        head.append(cmd("cvdetails", line))
    if header.interests:
        label, interests = header.interests
        head.append(cmd("cvinterests", markup.text(label), markup.runs(interests)))
    parts.append(head.dumps() + "\n")
    return NoEscape("".join(parts))


def latex_detail(label: str, value: str) -> str:
    """One of the header's details: after a Latin label's colon a space; a full-width colon holds
    its own (出生年月：1995.07)."""
    gap = "\\ " if after_label(label) else ""
    return f"\\cvdetail{{{markup.text(label)}{gap}}}{{{markup.text(value)}}}"


def latex_block(block: document.Block) -> NoEscape:
    if isinstance(block, document.Entry):
        return latex_entry(block)
    if isinstance(block, document.Publications):
        return latex_publications(block)
    if isinstance(block, document.Lines):
        lines = CvLines()
        for line in block.items:
            lines.append(cmd("cvline", markup.text(line.label), markup.runs(line.details)))
        return NoEscape(lines.dumps() + "\n")
    if isinstance(block, document.Items) and block.numbering != "none":
        return latex_numbered(block)
    if isinstance(block, document.Items):
        return latex_items(block.items)
    return cmd("cvparagraph", markup.prose(block.text))


def latex_dates(dates: tuple[str, ...]) -> str:
    if not dates:
        return ""
    if len(dates) == 1:
        return str(cmd("cvdate", markup.text(dates[0]))).rstrip()
    return str(cmd("cvdaterange", markup.text(dates[0]), markup.text(dates[1]))).rstrip()


def latex_tags(tags: tuple[document.Tag, ...]) -> str:
    shown = []
    for tag in tags:
        label = markup.text(tag.label)
        shown.append(f"\\cvlinktag{{{markup.escape_url(tag.url)}}}{{{label}}}" if tag.url else f"\\cvtag{{{label}}}")
    # Each tag is one box; the last never goes to a line alone ("[ModelScope]" at the margin).
    return r"\nobreak\cvtagsep ".join([r"\cvtagsep ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else "".join(shown)


def latex_entry(entry: document.Entry) -> NoEscape:
    sep = r"\cvsep "
    title = sep.join(markup.runs(part) for part in entry.title)
    if entry.tags:
        title += r"\cvtags{" + latex_tags(entry.tags) + "}"
    body = [cmd("cventry", title, latex_dates(entry.dates))]
    if entry.subtitle or entry.location:
        body.append(
            cmd("cvsubline", sep.join(markup.runs(part) for part in entry.subtitle), markup.text(entry.location))
        )
    body.append(latex_body(entry))
    for role in entry.roles:
        held = sep.join(markup.runs(part) for part in role.subtitle)
        body += [cmd("cvrole", held, markup.text(role.location), latex_dates(role.dates)), latex_body(role)]
    return NoEscape("".join(body))


def latex_body(entry: document.Entry) -> str:
    """What follows an entry's rows (or a role's): its summary, headed groups and points."""
    body = []
    body += [cmd("cvsummary", markup.prose(paragraph)) for paragraph in entry.summary]
    if entry.groups:
        items = CvItems()
        for group in entry.groups:
            if group.heading:
                items.append(NoEscape(r"\item " + cmd("cvheading", markup.text(group.heading))))
                items.append(latex_items(group.items, nested=True))
            else:  # one point, a bullet of its own
                items.extend(latex_item(group.items[0]))
        body.append(items.dumps() + "\n")
    body.append(latex_items(entry.items))
    return "".join(body)


def latex_items(items: tuple[document.Item, ...], nested: bool = False) -> NoEscape:
    if not items:
        return NoEscape("")
    env = CvSubItems() if nested else CvItems()
    for item in items:
        env.extend(latex_item(item))
    return NoEscape(env.dumps() + "\n")


def latex_numbered(block: document.Items) -> NoEscape:
    """A numbered list, each number written out (a list may count down); the widest sets the indent."""
    numbers = document.numbers(block)
    env = CvNumbered(arguments=[NoEscape(str(max(numbers)))])
    for number, item in zip(numbers, block.items, strict=True):
        env.extend(latex_item(item, rf"[\cvnumber{{{number}}}]"))
    return NoEscape(env.dumps() + "\n")


def latex_item(item: document.Item, mark: str = "") -> list[NoEscape]:
    """`\\item` (with its `mark`, a number, in place of the bullet) with the bullet's lead-in and
    text, and its own points under it."""
    lead = r"\cvlabel{" + markup.text(item.label) + "} " if item.label else ""
    lines = [NoEscape(rf"\item{mark} " + lead + markup.prose(item.text) + "\n")]
    if item.children:
        children = CvSubItems()
        for child in item.children:
            children.append(NoEscape(r"\item " + markup.runs(child) + "\n"))
        lines.append(NoEscape(children.dumps() + "\n"))
    return lines


def latex_publications(block: document.Publications) -> NoEscape:
    items = CvPublications()
    for number, paper in zip(document.numbers(block), block.items, strict=True):
        after = " ".join(part for part in (markup.runs(paper.note), latex_tags(paper.tags)) if part)
        fields = (markup.runs(paper.authors), markup.runs(paper.title), markup.runs(paper.venue), after)
        mark = rf"[\cvpapernumber{{{number}}}]" if block.numbering == "descending" else ""  # (else LaTeX counts)
        items.append(NoEscape(rf"\item{mark} " + cmd("cvpublication", *fields)))
    return NoEscape(items.dumps() + "\n")
