"""Chinese punctuation in a Chinese CV: half-width `, ; : ! ?` after a Chinese character,
`( )` and `" "` around Chinese text are found (`validate` warns, located) and made full-width
(`validate --fix`), in the file itself and nowhere else.

autocorrect-py knows where a mark belongs to Chinese text (not inside a URL, a number or an
English passage); it is asked for that rule alone. It leaves parentheses be, so those have a
rule here. Publication titles keep their own punctuation; comments, keys and YAML's own
commas are never touched, as only the source text of each prose value is rewritten."""

import difflib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import autocorrect_py
import yaml

from resumetex import glyphs
from resumetex.errors import DataError, UsageError
from resumetex.inline import chinese_quotes
from resumetex.load import compose, decode, parse_cv, scalars
from resumetex.locales import locale_for
from resumetex.source import read_source, written_as

if TYPE_CHECKING:
    from resumetex.model import CV

# Only autocorrect's full-width rule: its spacing and spelling rules are a matter of taste, and
# xeCJK already spaces Chinese from Latin text on the page.
RULES = (
    *("space-word", "space-punctuation", "space-bracket", "space-backticks", "space-dash", "space-dollar"),
    *("no-space-fullwidth", "no-space-fullwidth-quote", "halfwidth-word", "halfwidth-punctuation", "spellcheck"),
)
autocorrect_py.load_config(  # type: ignore[attr-defined]  # there, but not in its stubs
    json.dumps({"rules": {**dict.fromkeys(RULES, 0), "fullwidth": 1}})
)
HAN = f"[{glyphs.HAN}]"
CHINESE = rf"(?:{HAN}|[，。；：！？、（）“”「」《》])"  # a Chinese character or full-width mark
# ( ) next to Chinese text, outside or in (never a link's `](`), and the spaces around them.
PARENTHESES = re.compile(
    rf"(?<={CHINESE}) ?\(([^()\[\]\n]*)\) ?"
    rf"|(?<!\]) ?\(([^()\[\]\n]*{HAN}[^()\[\]\n]*)\) ?"
    rf"|(?<!\]) ?\(([^()\[\]\n]*)\) ?(?={CHINESE})"
)
# A mark that a Chinese character follows belongs to the Chinese sentence ("o3-mini;现阶段").
BEFORE_CHINESE = re.compile(rf"([,;:!?]) ?(?={HAN})")
AFTER_EMPHASIS = re.compile(rf"(?<={HAN})(\*\*?)([,;:!?]) ?")  # "**最强的 32B 推理模型**, AIME24"
FULL_WIDTH = dict(zip(",;:!?()", "，；：！？（）", strict=True))
# All that autocorrect's full-width rule changes is a half-width mark next to a Chinese or Japanese
# character. Text without a mark beside any non-ASCII character is left as it is without asking
# it: its first call takes 30 ms, compiling its patterns, and a CV already mended has none.
MAY_CHANGE = re.compile(r"[^\x00-\x7f][,.:;!?]|[,.:;!?][^\x00-\x7f]")
MARKS = ',;:!?()"'  # what a warning is about


def fix(text: str, quotes: str | None = "“”") -> str:
    """`text` with the half-width marks of its Chinese passages made full-width; with `quotes`,
    its double quotes around Chinese text made that pair too (not in the source of a YAML string
    in double quotes, where they are the string's own)."""
    if quotes:
        text = chinese_quotes(text, quotes)
    text = PARENTHESES.sub(lambda m: f"（{next(g for g in m.groups() if g is not None)}）", text)
    text = BEFORE_CHINESE.sub(lambda m: FULL_WIDTH[m.group(1)], text)
    text = AFTER_EMPHASIS.sub(lambda m: m.group(1) + FULL_WIDTH[m.group(2)], text)
    return full_width(text)


def full_width(text: str) -> str:
    """autocorrect's full-width rule applied to `text`."""
    return str(autocorrect_py.format(text)) if MAY_CHANGE.search(text) else text


@dataclass(frozen=True)
class Mark:
    """A half-width mark in Chinese text: where, in which field, and what it becomes."""

    line: int
    column: int
    field: str
    mark: str
    replacement: str

    def warning(self, path: Path) -> str:
        where = f"{path}:{self.line}:{self.column}: {self.field}"
        return f"{where}: half-width `{self.mark}` in Chinese text; use `{self.replacement}`"


def prose(root: yaml.Node, kinds: list[str]) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """The text values of the CV, with their field paths: all but publication titles (`kinds`
    are the sections' kinds, in file order)."""
    for dotted, node in scalars(root):
        found = re.match(r"sections\[(\d+)\]\.entries\[\d+\]\.title$", dotted)
        if found and int(found.group(1)) < len(kinds) and kinds[int(found.group(1))] == "publications":
            continue
        if isinstance(node.value, str) and node.tag == "tag:yaml.org,2002:str":
            yield dotted, node


def marks(text: str, root: yaml.Node, kinds: list[str], quotes: str = "“”") -> list[Mark]:
    """Every half-width mark that `fix` would change, located in the file's text."""
    found = []
    for dotted, node in prose(root, kinds):
        start, end = node.start_mark.index, node.end_mark.index
        source = text[start:end]
        made = fix(source, quotes if node.style != '"' else None)
        for offset, mark, replacement in changed_marks(source, made):
            line = text.count("\n", 0, start + offset) + 1
            column = start + offset - (text.rfind("\n", 0, start + offset) + 1) + 1
            found.append(Mark(line, column, dotted, mark, replacement))
    return found


def changed_marks(source: str, fixed: str) -> list[tuple[int, str, str]]:
    """(offset, mark, what replaces it) for each half-width mark in `source` that `fix` replaced
    in making `fixed` (the spaces it drops after one go with it)."""
    if fixed == source:  # (most text: comparing them costs a CV already mended 15 ms)
        return []
    found = []
    for operation, low, high, new_low, new_high in difflib.SequenceMatcher(
        None, source, fixed, autojunk=False
    ).get_opcodes():
        if operation != "equal":
            found += [
                (offset, source[offset], fixed[min(new_low + offset - low, new_high - 1)])
                for offset in range(low, high)
                if source[offset] in MARKS and new_high > new_low
            ]
    return found


def chinese_text(text: str, path: Path, cv: "CV") -> tuple[str, yaml.Node, list[str], str] | None:
    """(text, tree, section kinds, the language's quotes) of `text`, the file `path` of `cv`, a
    valid CV; None unless it is Chinese."""
    locale = locale_for(cv)
    if not locale.cjk:
        return None
    return text, compose(text, path), [section.kind for section in cv.sections], locale.quotes


def check(text: str, path: Path, cv: "CV") -> list[str]:
    """validate's warnings for `text`, the file `path` of `cv`: each mark, then how to fix them all."""
    found = chinese_text(text, path, cv)
    warnings = [mark.warning(path) for mark in marks(*found)] if found else []
    if warnings and str(path) != "-":  # (--fix mends a file, not standard input)
        these = "this mark" if len(warnings) == 1 else f"these {len(warnings)} marks"
        warnings.append(f"{path}: `resumetex validate --fix {path}` makes {these} full-width")
    return warnings


def fix_file(path: Path, cv: "CV") -> int:
    """Make the marks `check` finds full-width in `path` itself; return how many were changed.
    Only the source text of prose values changes; the file is checked to read back as the same
    CV with those values fixed before it replaces the original."""
    if str(path) == "-":
        raise UsageError("--fix mends a file in place; give its path, not - (standard input)")
    found = chinese_text(decode(read_source(path), path), path, cv)
    if found is None:
        return 0
    text, root, kinds, pair = found
    fixed, count = text, 0
    expected = []
    for _, node in reversed(list(prose(root, kinds))):  # from the end: earlier offsets stay put
        start, end = node.start_mark.index, node.end_mark.index
        quotes = pair if node.style != '"' else None
        source = text[start:end]
        made = fix(source, quotes)
        count += len(changed_marks(source, made))
        fixed = fixed[:start] + made + fixed[end:]
        expected.append(fix(node.value, quotes))
    if count == 0:
        return 0
    reread = compose(fixed, path)
    if [node.value for _, node in reversed(list(prose(reread, kinds)))] != expected:
        raise DataError([f"{path}: cannot fix its punctuation safely; change the marks `validate` names by hand"])
    parse_cv(fixed.encode("utf-8"), path)  # still a valid CV
    with path.open("rb") as stream:
        mark, encoding = written_as(stream.read(4))  # written back as it was: UTF-8, or UTF-16 with its mark
    replace_file(path, mark + fixed.encode(encoding))
    return count


def replace_file(path: Path, content: bytes) -> None:
    """Write `content` to `path` at once: a crash leaves the old file or the new, never half of one.
    A link is followed: the file it names is the one replaced, and the link stays."""
    path = path.resolve()
    handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(staged, path.stat().st_mode & 0o7777)
        os.replace(staged, path)
    except BaseException:
        Path(staged).unlink(missing_ok=True)
        raise
