"""Document → plain text for application forms and e-mail: every string in order, no markup,
lines wrapped at a width that counts East Asian wide characters twice."""

import unicodedata
from itertools import groupby

from resumetex import document as doc
from resumetex.inline import Inline, text_of
from resumetex.outputs import after_label

WIDTH = 80
KEPT_SPACE = "\0"  # a space no line breaks at (no CV holds a NUL: load refuses control characters)


def width(value: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def wrap(value: str, indent: str = "", hanging: str = "") -> list[str]:
    """`value` in lines of at most WIDTH columns: Latin text breaks at spaces (not at a
    KEPT_SPACE), Chinese anywhere (never before a closing mark); a word longer than a line (an
    address) stands whole on a line of its own."""
    lines, line = [], indent
    for token in tokens(value):
        if width(line) + width(token.rstrip()) > WIDTH and line.strip():
            lines.append(line.rstrip())
            line = hanging + token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return [line.replace(KEPT_SPACE, " ") for line in lines]


def tokens(value: str) -> list[str]:
    """Pieces a line may end after: a Latin word with the space after it, or one wide character;
    punctuation stays with what it follows, so no line starts with a comma."""
    out: list[str] = []
    for char in value:
        previous = out[-1][-1] if out else " "
        attach = out and (
            char == " "
            or unicodedata.category(char) in ("Pe", "Pf", "Po")
            or (not is_wide(char) and previous != " " and not is_wide(previous))
        )
        if attach:
            out[-1] += char
        else:
            out.append(char)
    return out


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def plain(inline: Inline) -> str:
    """`inline` as text, a link's address after its words (`words <address>`, as the contacts
    print it) unless they are the address: a form's reader has nothing to click."""
    out = []
    for url, runs in groupby(inline, key=lambda run: run.url):
        said = text_of(tuple(runs))
        out.append(said if url is None else linked(said, url))
    return "".join(out)


def linked(said: str, url: str) -> str:
    address = url.removeprefix("mailto:").removeprefix("tel:")
    return said if said == address else f"{said} <{address}>"


def tag(t: doc.Tag) -> str:
    """A tag as the head shows it, `[Code <https://…>]`, never cut at the end of a line."""
    return f"[{t.label if t.url is None else linked(t.label, t.url)}]".replace(" ", KEPT_SPACE)


def emit(document: doc.Document) -> str:
    """The résumé as plain text."""
    header = document.header
    lines = [plain(header.name)]
    if header.headline:
        lines += wrap(plain(header.headline))
    for contact in header.contacts:
        linked = contact.url and contact.kind not in ("email", "phone")  # a reader needs the address
        named = f"{contact.named}: " if contact.named else ""
        lines += wrap(named + (f"{contact.text} <{contact.url}>" if linked else contact.text))
    for label, value in header.details:
        lines += wrap(label + after_label(label) + value)
    if header.interests:
        label, interests = header.interests
        label = doc.with_colon(label, document.colon)  # (no bold to set it apart here)
        lines += wrap(label + after_label(label) + plain(interests))
    for section in document.sections:
        lines += ["", section.title, ""]
        for block in section.blocks:
            lines += emit_block(block, document.colon)
    return "\n".join(lines).rstrip() + "\n"


def emit_block(block: doc.Block, colon: str) -> list[str]:
    """`block`'s lines; `colon` after a row's label, which the other forms set in bold instead."""
    if isinstance(block, doc.Entry):
        head = "  ".join(plain(part) for part in block.title)
        if block.tags:
            head += "  " + " ".join(map(tag, block.tags))
        when = " – ".join(block.dates).replace(" ", KEPT_SPACE)  # a period is never cut in two
        lines = wrap(head + (f"  ({when})" if when else ""))
        below = "  ".join(part for part in (*(plain(p) for p in block.subtitle), block.location) if part)
        if below:
            lines += wrap(below)
        lines += body(block)
        for role in block.roles:
            held = "  ".join(part for part in (*(plain(p) for p in role.subtitle), role.location) if part)
            when = " – ".join(role.dates).replace(" ", KEPT_SPACE)
            lines += wrap(held + (f"  ({when})" if when else ""))
            lines += body(role)
        return [*lines, ""]
    if isinstance(block, doc.Publications):
        out = []
        for number, paper in zip(doc.numbers(block), block.items, strict=True):
            parts = [plain(paper.authors), plain(paper.title), plain(paper.venue), plain(paper.note)]
            parts += [tag(t) for t in paper.tags]
            out += wrap(f"[{number}] " + ". ".join(p for p in parts if p), hanging="    ")
        return [*out, ""]
    if isinstance(block, doc.Lines):
        rows = []
        for item in block.items:  # (a label alone, a language without its level, takes no colon)
            label = doc.with_colon(item.label, colon) if item.details else item.label
            rows += wrap(label + after_label(label) + plain(item.details), hanging="  ")
        return [*rows, ""]
    if isinstance(block, doc.Items):
        return [*items(block.items, [f"{number}. " for number in doc.numbers(block)]), ""]
    return [*wrap(plain(block.text)), ""]


def body(block: doc.Entry) -> list[str]:
    """What follows an entry's rows (or a role's): its summary, headed groups and points."""
    lines = [line for paragraph in block.summary for line in wrap(plain(paragraph))]  # (no blank: that ends the entry)
    for group in block.groups:
        lines += (wrap(group.heading) if group.heading else []) + items(group.items)
    return lines + items(block.items)


def items(entries: tuple[doc.Item, ...], marks: list[str] | None = None) -> list[str]:
    """Points, each after its mark (a bullet's `- `, else its number), its text's next lines under
    its first letter."""
    out = []
    for item, mark in zip(entries, marks or ["- "] * len(entries), strict=True):
        lead = item.label + after_label(item.label) if item.label else ""
        out += wrap(f"{mark}{lead}{plain(item.text)}", hanging=" " * len(mark))
        for child in item.children:
            out += wrap(f"{' ' * len(mark)}- {plain(child)}", hanging=" " * (len(mark) + 2))
    return out
