"""Document → a Word file (python-docx) that Word and WPS open with the same structure: the name
as the Title, sections as Heading 1, entries as Heading 2 with their dates at a right tab, bullets
as Word's bulleted lists, papers numbered, links clickable, Chinese in an East Asian face."""

import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from itertools import groupby

from docx import Document as new_docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph

import resumetex
from resumetex import document as doc
from resumetex import glyphs
from resumetex.inline import URL_SCHEMES, Inline
from resumetex.inline import Run as TextRun
from resumetex.locales import RIGHT_TO_LEFT_SCRIPTS, glyph_forms, likely
from resumetex.outputs import after_label
from resumetex.outputs.measure import Rows, Text, styled

PAPER = {"a4paper": (Cm(21.0), Cm(29.7)), "letterpaper": (Cm(21.59), Cm(27.94))}
MARGIN = Cm(1.8)
# A style's faces, serif for the body and sans for headings: its Latin face (every Word has them),
# and its face for Chinese, Japanese or Korean (every Windows of the language has them), which draws
# the characters in the forms the document's readers write (locales.glyph_forms).
LATIN_FACES = {"body": "Times New Roman", "heading": "Arial"}
EAST_ASIAN_FACES = {
    "SC": {"body": "SimSun", "heading": "SimHei"},
    "TC": {"body": "PMingLiU", "heading": "Microsoft JhengHei"},
    "HK": {"body": "MingLiU_HKSCS", "heading": "Microsoft JhengHei"},
    "JP": {"body": "Yu Mincho", "heading": "Yu Gothic"},
    "KR": {"body": "Batang", "heading": "Malgun Gothic"},
}
# The language Word checks spelling and breaks lines by, for Chinese, Japanese and Korean text.
EAST_ASIAN_LANGUAGES = {"SC": "zh-CN", "TC": "zh-TW", "HK": "zh-HK", "JP": "ja-JP", "KR": "ko-KR"}
# What follows <w:bidi/> in a paragraph's properties, of what the defaults may hold (the schema's order).
AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc")
MUTED = RGBColor(0x5A, 0x5A, 0x5A)
ZIP_EPOCH = 315532800  # 1980-01-01: a zip archive cannot hold an earlier date


def emit(
    document: doc.Document, accent: str = "#1B4F8A", font_size: float = 10, paper: str = "a4paper", date: int = 0
) -> bytes:
    """The résumé as the bytes of a .docx file, dated `date` (seconds since the epoch) inside and
    in the archive, so equal inputs give equal bytes."""
    word = new_docx()
    colour = RGBColor.from_string(accent.lstrip("#").upper())
    set_up(word, colour, font_size, paper, glyph_forms(document.metadata.lang))
    right_to_left = languages(word, document.metadata.lang)
    core = word.core_properties
    metadata = document.metadata
    # (Word's file properties hold 255 characters each; the PDF's have no such bound.)
    core.title, core.author, core.language = metadata.title[:255], metadata.author[:255], metadata.lang
    core.subject, core.keywords = metadata.subject[:255], metadata.keywords[:255]
    when = datetime.fromtimestamp(max(date, ZIP_EPOCH), tz=UTC).replace(tzinfo=None)
    core.created = core.modified = when
    core.comments = f"resumetex {resumetex.__version__}"
    width = PAPER.get(paper, PAPER["a4paper"])[0] - 2 * MARGIN
    header(word, document.header, width, right_to_left)
    footer(word, document.metadata.author, width, font_size)
    rows = Rows(width, font_size, document.cjk)
    for section in document.sections:
        word.add_paragraph(section.title, style="Heading 1")
        for block in section.blocks:
            add_block(word, block, rows)
    out = io.BytesIO()
    word.save(out)
    return dated_archive(out.getvalue(), when)


def footer(word: WordDocument, owner: str, width: int, font_size: float) -> None:
    """From page 2 on (page 1 has the name at its head): the owner's name, and "page / total" at
    the right margin, as Word's PAGE and NUMPAGES fields, which Word fills in as it lays out."""
    page = word.sections[0]
    page.different_first_page_header_footer = True
    line = page.footer.paragraphs[0]
    line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    for text in (owner, "\t", "PAGE", " / ", "NUMPAGES"):
        field = text.isupper()
        run = line.add_run("1" if field else text)  # a field shows "1" until Word updates it
        run.font.size = Pt(font_size * 0.8)
        run.font.color.rgb = RGBColor(0x5A, 0x5A, 0x5A)
        if field:
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), text)
            simple.append(run._r)  # moved into the field
            line._p.append(simple)


def dated_archive(content: bytes, when: datetime) -> bytes:
    """The same archive with every member dated `when` (python-docx dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(member.filename))
    return out.getvalue()


def set_up(word: WordDocument, accent: RGBColor, font_size: float, paper: str, forms: str = "SC") -> None:
    page = word.sections[0]
    page.page_width, page.page_height = PAPER.get(paper, PAPER["a4paper"])
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = MARGIN
    styles = word.styles
    faces(styles["Normal"], "body", forms, Pt(font_size))
    styles["Normal"].paragraph_format.space_after = Pt(1)
    for name, scale in (("Title", 2.2), ("Heading 1", 1.25), ("Heading 2", 1.0), ("Heading 3", 1.0)):
        style = styles[name]
        faces(style, "heading" if name in ("Title", "Heading 1") else "body", forms, Pt(font_size * scale))
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = accent if name == "Heading 1" else RGBColor(0x1A, 0x1A, 0x1A)
        style.paragraph_format.space_before = Pt(font_size * (1.0 if name == "Heading 1" else 0.4))
        style.paragraph_format.space_after = Pt(font_size * 0.2)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    no_border(styles["Title"])
    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = accent


def languages(word: WordDocument, lang: str) -> bool:
    """Name the document's languages where every run inherits them (python-docx's template says
    en-US throughout, so Word marked each word of a French CV as misspelt). Word reads only a
    language with its region (fr-FR, not fr); langcodes gives a language's likely one. The Latin
    words of a Chinese, Japanese or Korean CV are taken to be English. A language written right
    to left sets every paragraph so (its indents, bullets and tab stops then count from the right);
    whether it does is returned."""
    tag = likely(lang)
    latin = "en-US" if tag.language in ("zh", "ja", "ko") else f"{tag.language}-{tag.territory}"
    defaults = word.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    language.set(qn("w:val"), latin)
    language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGES[glyph_forms(lang)])
    right_to_left = tag.script in RIGHT_TO_LEFT_SCRIPTS
    if right_to_left:  # and every paragraph runs right to left
        language.set(qn("w:bidi"), latin)
        paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        paragraph.insert_element_before(OxmlElement("w:bidi"), *AFTER_BIDI)
    return right_to_left


def faces(style: BaseStyle, role: str, forms: str, size: Pt) -> None:
    """Set the style's Latin face and its East Asian face (Word picks that one for Chinese), those
    of its `role` (body or heading) in a document whose characters take `forms`."""
    latin, east_asian = LATIN_FACES[role], EAST_ASIAN_FACES[forms][role]
    style.font.name = latin  # type: ignore[attr-defined]
    style.font.size = size  # type: ignore[attr-defined]
    properties = style.element.get_or_add_rPr()
    fonts_element = properties.find(qn("w:rFonts"))
    if fonts_element is None:
        fonts_element = OxmlElement("w:rFonts")
        properties.append(fonts_element)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts_element.set(qn(attribute), latin)
    fonts_element.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts_element.attrib.pop(qn(theme), None)  # a theme font would win over the names above


def no_border(style: BaseStyle) -> None:
    """The default template underlines the Title with a rule; the résumé's name stands alone."""
    properties = style.element.find(qn("w:pPr"))
    if properties is not None:
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def add_runs(paragraph: Paragraph, inline: Inline, bold: bool = False) -> None:
    """Inline runs into `paragraph`: bold and italic as asked, links as Word hyperlinks."""
    for run in inline:
        if run.url and run.url.lower().startswith(URL_SCHEMES):
            hyperlink(paragraph, run.url, run.text, bold=bold or run.bold, italic=run.italic)
        else:
            for part in upright_chinese(run):
                added = paragraph.add_run(part.text)
                added.bold = bold or part.bold or None
                added.italic = part.italic or None


def upright_chinese(run: TextRun) -> list[TextRun]:
    """`run`, its Chinese text apart and never italic: Chinese has no italic, and Word would slant
    it (the PDF and the HTML page set it upright)."""
    if not run.italic:
        return [run]
    parts = groupby(run.text, glyphs.is_closed)
    return [replace(run, text="".join(part), italic=not chinese) for chinese, part in parts]


def italic(inline: Inline) -> Inline:
    return tuple(replace(run, italic=True) for run in inline)


def hyperlink(paragraph: Paragraph, url: str, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """A clickable link (python-docx has no call for one: the element is built here)."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = paragraph.add_run(text, style="Hyperlink")
    run.bold = bold or None
    run.italic = italic or None
    link.append(run._r)
    paragraph._p.append(link)


def header(word: WordDocument, head: doc.Header, width: int, right_to_left: bool = False) -> None:
    target: WordDocument | _Cell = word
    if head.picture:  # the photo after the name (at its right, or its left in Hebrew), as Chinese résumés place it
        table = word.add_table(rows=1, cols=2)
        table.table_direction = WD_TABLE_DIRECTION.RTL if right_to_left else None
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        left, right = table.rows[0].cells
        for column, cell, size in zip(table.columns, (left, right), (width - Cm(3.4), Cm(3.4)), strict=True):
            column.width = cell.width = size  # Word reads the cell's width, LibreOffice the column's
        right.paragraphs[0].add_run().add_picture(io.BytesIO(head.picture.data), width=Cm(2.6))
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        target = left
        left.paragraphs[0].style = word.styles["Title"]
        add_runs(left.paragraphs[0], head.name)
    else:
        add_runs(word.add_paragraph(style="Title"), head.name)
    centred = []
    if head.headline:
        paragraph = target.add_paragraph()
        add_runs(paragraph, head.headline)
        centred.append(paragraph)
    if head.contacts:
        paragraph = target.add_paragraph()
        for i, contact in enumerate(head.contacts):
            if i:
                paragraph.add_run("   ")
            if contact.named:
                paragraph.add_run(f"{contact.named} ").font.color.rgb = MUTED
            # A number, an address, a handle reads left to right in a right-to-left paragraph too:
            # marked so (U+200E), as Word would show +972 50 123 4567 as 4567 123 50 972+.
            marked = right_to_left and contact.kind != "location"
            text = f"\u200e{contact.text}\u200e" if marked else contact.text
            if contact.url and contact.url.lower().startswith(URL_SCHEMES):
                hyperlink(paragraph, contact.url, text)
            else:
                paragraph.add_run(text)
        centred.append(paragraph)
    if head.details:
        paragraph = target.add_paragraph()
        for i, (label, value) in enumerate(head.details):
            paragraph.add_run(("   " if i else "") + label + after_label(label)).font.color.rgb = MUTED
            paragraph.add_run(value)
        centred.append(paragraph)
    if head.interests:
        label, interests = head.interests
        paragraph = target.add_paragraph()
        paragraph.add_run(label + " ").bold = True
        add_runs(paragraph, interests)
        centred.append(paragraph)
    for paragraph in centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_block(word: WordDocument, block: doc.Block, rows: Rows) -> None:
    if isinstance(block, doc.Entry):
        add_entry(word, block, rows)
    elif isinstance(block, doc.Publications):
        for number, paper in zip(doc.numbers(block), block.items, strict=True):
            paragraph = add_numbered(word, f"[{number}]")
            add_runs(paragraph, paper.authors)
            paragraph.add_run(". ")
            add_runs(paragraph, italic(paper.title))
            if paper.venue:
                paragraph.add_run(". ")
                add_runs(paragraph, paper.venue)
            if paper.note:
                paragraph.add_run(" ")
                add_runs(paragraph, paper.note)
            add_tags(paragraph, paper.tags)
    elif isinstance(block, doc.Lines):
        for line in block.items:
            paragraph = word.add_paragraph()
            paragraph.add_run(line.label + "  ").bold = True
            add_runs(paragraph, line.details)
    elif isinstance(block, doc.Items):
        add_items(word, block.items, [f"{number}." for number in doc.numbers(block)])
    else:
        add_runs(word.add_paragraph(), block.text)


def add_entry(word: WordDocument, entry: doc.Entry, rows: Rows) -> None:
    """The entry's title row (its dates at the right), the row under it (its place at the right),
    its points, then each role's row and points. A date or a place that would not fit beside its
    text starts the next line, at the right, as in the PDF (Word would cut it at the left)."""
    title = word.add_paragraph(style="Heading 2")
    title.paragraph_format.tab_stops.add_tab_stop(rows.width, WD_TAB_ALIGNMENT.RIGHT)
    for i, part in enumerate(entry.title):
        if i:
            title.add_run(" · ")
        add_runs(title, part)
    add_tags(title, entry.tags)
    if entry.dates:
        tags = styled("".join(f" [{tag.label}]" for tag in entry.tags), bold=True)
        add_aside(title, measured(entry.title, bold=True) + tags, " – ".join(entry.dates), rows)
    if entry.subtitle or entry.location:
        below = add_subline(word, entry.subtitle, rows)
        if entry.location:
            add_aside(below, measured(entry.subtitle, italic=True), entry.location, rows, italic=True)
    add_body(word, entry)
    for role in entry.roles:
        held = add_subline(word, role.subtitle, rows)
        text = measured(role.subtitle, italic=True)
        if role.location:
            if not rows.fits(text, styled(role.location)):
                held.add_run().add_break()  # the place, whole, on the next line with the dates
                text = []
            beside = ("  " if text else "") + role.location
            held.add_run(beside).font.color.rgb = MUTED
            text += styled(beside)
        if role.dates:
            add_aside(held, text, " – ".join(role.dates), rows)
        add_body(word, role)


def add_subline(word: WordDocument, parts: tuple[Inline, ...], rows: Rows) -> Paragraph:
    """A row under an entry's title (a degree, a role): its parts in italic, a tab stop at the right."""
    row = word.add_paragraph()
    row.paragraph_format.tab_stops.add_tab_stop(rows.width, WD_TAB_ALIGNMENT.RIGHT)
    for i, part in enumerate(parts):
        if i:
            row.add_run(" · ").italic = True
        add_runs(row, italic(part))
    return row


def add_aside(row: Paragraph, text: Text, aside: str, rows: Rows, italic: bool = False) -> None:
    """`aside` (dates, a place) at the row's right tab stop, muted; on the next line when it does
    not fit beside the row's `text`."""
    if not rows.fits(text, styled(aside, italic=italic)):
        row.add_run().add_break()
    for piece in upright_chinese(TextRun("\t" + aside, italic=italic)):
        run = row.add_run(piece.text)
        run.bold = False
        run.italic = piece.italic or None
        run.font.color.rgb = MUTED


def measured(parts: tuple[Inline, ...], bold: bool = False, italic: bool = False) -> Text:
    """A row's `parts` as Word sets them (" · " between them), for measuring."""
    text: Text = []
    for i, part in enumerate(parts):
        text += styled(" · " if i else "", bold, italic)
        for run in part:
            text += styled(run.text, bold or run.bold, italic or run.italic)
    return text


def add_body(word: WordDocument, entry: doc.Entry) -> None:
    """What follows an entry's rows (or a role's): its summary, headed groups and points."""
    for paragraph in entry.summary:
        add_runs(word.add_paragraph(), paragraph)
    for group in entry.groups:
        if group.heading:
            word.add_paragraph(group.heading, style="Heading 3")
        add_items(word, group.items)
    add_items(word, entry.items)


def add_tags(paragraph: Paragraph, tags: tuple[doc.Tag, ...]) -> None:
    for tag in tags:
        paragraph.add_run(" ")
        if tag.url and tag.url.lower().startswith(URL_SCHEMES):
            hyperlink(paragraph, tag.url, f"[{tag.label}]")
        else:
            paragraph.add_run(f"[{tag.label}]").font.color.rgb = MUTED


def add_numbered(word: WordDocument, number: str) -> Paragraph:
    """A paragraph of a numbered list, its number written out: Word's own numbering counts on
    through every list that shares its style (the second list of papers began at 8), and never down."""
    paragraph = word.add_paragraph()
    indent = Cm(0.9)
    paragraph.paragraph_format.left_indent, paragraph.paragraph_format.first_line_indent = indent, -indent
    paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
    paragraph.add_run(number + "\t")
    return paragraph


def add_items(word: WordDocument, items: tuple[doc.Item, ...], numbers: list[str] | None = None) -> None:
    """Points as Word's bulleted list; numbered (`numbers`, each written out) when they are given."""
    for at, item in enumerate(items):
        paragraph = add_numbered(word, numbers[at]) if numbers else word.add_paragraph(style="List Bullet")
        if item.label:
            paragraph.add_run(item.label + after_label(item.label)).bold = True
        add_runs(paragraph, item.text)
        for child in item.children:
            add_runs(word.add_paragraph(style="List Bullet 2"), child)
