"""YAML's traps for people who write a CV by hand: where what was typed and what YAML reads
differ (a point indented one space too far, `#1` taken for a comment, `**Bold**` for an alias),
said at the line, in words, with the value to paste where quoting mends it."""

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

# What to do, by the words of the parser's message.
HINTS = {
    "'\\t'": "indent with spaces, not tabs",
    "tab character": "indent with spaces, not tabs",
    "mapping values are not allowed": "check this line's indentation, or quote a value that contains ': '",
    "quoted scalar": "close the quote",
    "expected <block end>": "check the indentation of this line against the one above",
}


def line_hint(lines: list[str], error: yaml.MarkedYAMLError) -> tuple[str, str] | None:
    """Where and what went wrong, when the lines a YAML error points at show it and the parser's
    words mislead: a quote inside a quoted value (it ended the value there), a value that starts
    with one of YAML's own marks (`**Bold** lead`, `[Paper](url) accepted`), a list item's `-`
    or a key's `:` with no space after it. (line:column, what to do)"""
    problem, opened = error.problem_mark, error.context_mark
    if problem and problem.line < len(lines) and 0 < problem.column <= len(lines[problem.line]):
        quote = lines[problem.line][problem.column - 1]
        if quote in "\"'" and lines[problem.line][: problem.column - 1].count(quote) % 2:
            inside, other = ('\\"', "'") if quote == '"' else ("''", '"')
            said = f"this {quote} ends the {quote}-quoted value; write it {inside}, or quote the value with {other}"
            return f"{problem.line + 1}:{problem.column}", said
    line = lines[problem.line] if problem and problem.line < len(lines) else ""
    value = re.match(r"(\s*(?:-\s+)*(?:[^\s:#][^:#]*:\s+)?)(\S.*)$", line)
    parser_said = f"{error.context or ''} {error.problem or ''}"
    if problem and value and value.group(2)[0] in MARKS and MARKS[value.group(2)[0]][1] in parser_said:
        first = value.group(2)[0]
        said = f"YAML reads a value that starts with {first} as {MARKS[first][0]}; put the whole value in quotes"
        return f"{problem.line + 1}:{value.end(1) + 1}", f"{said}: {quoted(value.group(2).rstrip())}"
    if opened and "flow" in (error.context or "") and opened.line < len(lines):
        hidden = lines[opened.line].find(" #", opened.column)
        if hidden >= 0:  # [Ranked #1 of 300, b]: the rest of the line is a comment, the list left open
            held = next(item for item in lines[opened.line][opened.column + 1 :].split(",") if "#" in item)
            said = "YAML reads ` #` and the rest of the line as a comment, which leaves the list open; quote"
            return f"{opened.line + 1}:{hidden + 2}", f"{said} the value that holds it: {quoted(held.strip(' ]}'))}"
    for mark in (opened, problem):
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        dash = re.match(r"\s*-[^\s-]", line)
        if mark and dash:
            return f"{mark.line + 1}:{dash.end() - 1}", "a list item needs a space after its `-`"
        key = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w-]*):(?=[^\s:/])", line)
        if mark and key:
            return f"{mark.line + 1}:{key.end()}", f"a key needs a space after its `:` (`{key.group(1)}: ...`)"
    return None


# What YAML takes the first character of a value for (a bullet that opens with **bold**, a link).
MARKS = {  # (its meaning, and what the parser then says)
    "*": ("a reference to another value (an alias)", "scanning an alias"),
    "&": ("a name for the value (an anchor)", "scanning an anchor"),
    "[": ("a list, which ends at its ]", "expected <block"),
    "{": ("a mapping, which ends at its }", "expected <block"),
    '"': ("a quoted value, which ends at its closing quote", "expected <block"),
    "'": ("a quoted value, which ends at its closing quote", "expected <block"),
    "|": ("the start of a block of lines", "scanning a block scalar"),
    ">": ("the start of a block of lines", "scanning a block scalar"),
    "%": ("a directive", "cannot start any token"),
    "@": ("a reserved mark", "cannot start any token"),
    "`": ("a reserved mark", "cannot start any token"),
    "?": ("a key of a mapping", "mapping keys are not allowed"),
    "-": ("an item of a list", "sequence entries are not allowed"),
}


def quoted(value: str) -> str:
    """`value` in YAML quotes, to paste: single ones (a ' inside doubled), or double ones when
    it has a ' and no \" or backslash."""
    if "'" in value and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def lost_words(values: Iterable[tuple[str, yaml.ScalarNode]], text: str, path: Path) -> list[str]:
    """An error for each of the `values` (a CV's scalars, by field) where YAML would quietly lose
    what was typed: a `- ` line indented one space past its list, which it joins to the item
    above ("Built X - Built Y"), and words after ` #` with no space after the `#`, which it takes
    for a comment (`Ranked #1 of 300 teams` is `Ranked`). A `# comment` with its space is one."""
    lines = text.splitlines()
    found = []
    for dotted, node in values:
        if node.style:  # quoted or | >: the line is the text's, as written (libyaml says plain with "")
            continue
        start, end = node.start_mark, node.end_mark
        for number in range(start.line + 1, min(end.line + 1, len(lines))):
            dash = re.match(r"\s*-(\s|$)", lines[number])
            if dash:
                found.append(
                    f"{path}:{number + 1}:{dash.end(0) - len(dash.group(1))}: {dotted}: this `-` line reads as "
                    "more of the text above, not as an item of a list; indent it as the list's other items are, "
                    "or, for points under the one above, give that one `text:` and `bullets:` (or quote the "
                    "text, if the dash is meant)"
                )
        after = lines[end.line][end.column :] if end.line < len(lines) else ""
        comment = re.match(r"\s+#[^\s#]", after)
        if comment:
            typed = lines[start.line][start.column :].rstrip() if start.line == end.line else None
            paste = f": {quoted(typed)}" if typed else ""
            found.append(
                f"{path}:{end.line + 1}:{end.column + comment.end() - 1}: {dotted}: YAML reads ` #` and what "
                f"follows as a comment, and drops it; put the whole value in quotes{paste} (for a comment, "
                "write a space after the `#`)"
            )
    return found
