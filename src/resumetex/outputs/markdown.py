"""Document → CommonMark (GitHub renders it). Every user character is escaped, so what was typed
is shown as typed: nothing becomes markup, HTML or a link of its own."""

import re

from resumetex import document as doc
from resumetex.inline import Inline
from resumetex.outputs import after_label, ends_in_full_width_mark

# Characters CommonMark or GitHub could read as markup anywhere in a line (GitHub: $ for math,
# | for tables, ~ for strike-through), escaped with a backslash; and what starts a block.
SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
BLOCK_START = re.compile(r"^(#|[-+=]|\d+[.)])")


def text(value: str) -> str:
    return SPECIAL.sub(r"\\\1", value)


def at_line_start(value: str) -> str:
    """`value` (already escaped) as the start of a line: never a heading, list or rule."""
    return BLOCK_START.sub(r"\\\1", value)


def url(value: str) -> str:
    """A link destination in <...>, where only <, > and line breaks need encoding."""
    return "<" + value.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def runs(inline: Inline) -> str:
    out = []
    for run in inline:
        shown = text(run.text)
        if run.italic:
            shown = f"*{shown}*"
        if run.bold:
            shown = f"**{shown}**"
        out.append(f"[{shown}]({url(run.url)})" if run.url else shown)
    return "".join(out)


def tags(items: tuple[doc.Tag, ...]) -> str:
    return " ".join(f"[\\[{text(t.label)}\\]]({url(t.url)})" if t.url else f"\\[{text(t.label)}\\]" for t in items)


def emit(document: doc.Document) -> str:
    """The résumé as Markdown."""
    header = document.header
    lines = [f"# {runs(header.name)}", ""]
    if header.headline:
        lines += [at_line_start(runs(header.headline)), ""]
    contacts = [
        (f"{text(c.named)}: " if c.named else "") + (f"[{text(c.text)}]({url(c.url)})" if c.url else text(c.text))
        for c in header.contacts
    ]
    if contacts:
        lines += [" · ".join(contacts), ""]
    if header.details:
        lines += [" · ".join(text(label) + after_label(label) + text(value) for label, value in header.details), ""]
    if header.interests:
        label, interests = header.interests
        lines += [f"**{text(label)}** {runs(interests)}", ""]
    for section in document.sections:
        lines += [f"## {text(section.title)}", ""]
        for block in section.blocks:
            lines += [*emit_block(block), ""]
    return "\n".join(lines).rstrip() + "\n"


def emit_block(block: doc.Block) -> list[str]:
    if isinstance(block, doc.Entry):
        title = " · ".join(runs(part) for part in block.title)
        if block.tags:
            title += " " + tags(block.tags)
        lines = [f"### {title}"]
        when = " – ".join(text(d) for d in block.dates)
        below = " · ".join(runs(part) for part in block.subtitle)
        facts = [part for part in (below, text(block.location), f"*{when}*" if when else "") if part]
        if facts:
            lines += ["", at_line_start(" · ".join(facts))]
        lines += body(block)
        for role in block.roles:
            held = " · ".join(runs(part) for part in role.subtitle)
            when = " – ".join(text(d) for d in role.dates)
            facts = [part for part in (f"**{held}**", text(role.location), f"*{when}*" if when else "") if part]
            lines += ["", at_line_start(" · ".join(facts)), *body(role)]
        return lines
    if isinstance(block, doc.Publications):
        papers = []
        for paper in block.items:
            parts = [runs(paper.authors), runs(paper.title), runs(paper.venue)]
            line = ". ".join(part for part in parts if part)
            extra = " ".join(part for part in (runs(paper.note), tags(paper.tags)) if part)
            papers.append([line + (f" {extra}" if extra else "")])
        return numbered(papers, doc.numbers(block))
    if isinstance(block, doc.Lines):
        return [f"- **{text(line.label)}** {runs(line.details)}" for line in block.items]
    if isinstance(block, doc.Items) and block.numbering != "none":
        return numbered([item_lines(item, "   ") for item in block.items], doc.numbers(block))
    if isinstance(block, doc.Items):
        return items(block.items)
    return [at_line_start(runs(block.text))]


def body(block: doc.Entry) -> list[str]:
    """What follows an entry's rows (or a role's): its summary, headed groups and points."""
    lines = [line for paragraph in block.summary for line in ("", at_line_start(runs(paragraph)))]
    for group in block.groups:
        lines += ["", *([f"**{text(group.heading)}**", ""] if group.heading else []), *items(group.items)]
    if block.items:
        lines += ["", *items(block.items)]
    return lines


def items(entries: tuple[doc.Item, ...]) -> list[str]:
    out = []
    for item in entries:
        first, *children = item_lines(item, "  ")
        out += [f"- {first}", *children]
    return out


def item_lines(item: doc.Item, indent: str) -> list[str]:
    """A point's text (to follow its bullet or number) and its own points, `indent` in."""
    return [
        f"{lead(item.label) if item.label else ''}{runs(item.text)}",
        *(f"{indent}- {runs(c)}" for c in item.children),
    ]


def numbered(entries: list[list[str]], numbers: tuple[int, ...]) -> list[str]:
    """A numbered list. CommonMark numbers a list on from its first number, so a list counting
    down is written as paragraphs that begin with their number ("7\\. ..."), shown as typed."""
    out = []
    for number, (first, *rest) in zip(numbers, entries, strict=True):
        if numbers[0] == 1:
            out += [f"{number}. {first}", *rest]
        else:
            out += [f"{number}\\. {first}", *rest, ""]
    return out[:-1] if out and out[-1] == "" else out


def lead(label: str) -> str:
    """A bullet's bold lead-in. A full-width mark that ends it (服务治理：) follows the bold: CommonMark
    closes no bold between a mark and a letter, and the space it would need shows on the page."""
    if ends_in_full_width_mark(label) and len(label) > 1:
        return f"**{text(label[:-1])}**{text(label[-1])}"
    return f"**{text(label)}** "
