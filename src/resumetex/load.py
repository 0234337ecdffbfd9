"""Path → validated CV, or a DataError listing every problem as file:line:col."""

import contextlib
import difflib
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from resumetex import glyphs
from resumetex.errors import DataError
from resumetex.inline import clean
from resumetex.locales import locale_for
from resumetex.model import CV, KINDS, NOTHING
from resumetex.photo import PLACEABLE, SUFFIXES, image_kind, image_whole, oversized
from resumetex.slips import HINTS, line_hint, lost_words, quoted
from resumetex.source import photo_path, read_source

PHOTO_SUFFIXES = tuple(suffix for suffixes in SUFFIXES.values() for suffix in suffixes)
NULLS = ("", "~", "null", "Null", "NULL")

Loc = tuple[str | int, ...]


# libyaml (C) when PyYAML has it: twenty times faster than the Python parser on a CV. A file it
# refuses is read again by the Python parser, whose messages say more, and which takes the
# surrogate pairs JSON writes for an emoji.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def refuse_aliases(text: str, loader: type[yaml.SafeLoader]) -> None:
    """Anchors and aliases are refused, so a 'billion laughs' file fails at its first `&name`;
    a value that only looks like one (`&more`, `*note`: text YAML would drop or look up) is
    told to be quoted."""
    lines = text.splitlines()
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None and event.start_mark is not None:
            mark = event.start_mark
            said = "anchors and aliases (&name / *name) are not supported; write the value out"
            written = lines[mark.line][mark.column :].split(" #")[0].rstrip() if mark.line < len(lines) else ""
            if isinstance(event, yaml.AliasEvent | yaml.ScalarEvent) and written:
                said += f", or, if the {written[0]} is text, put the whole value in quotes: {quoted(written)}"
            raise yaml.MarkedYAMLError(None, None, said, mark)  # type: ignore[arg-type]  # (libyaml's: the same fields)


def load_cv(path: Path) -> CV:
    """Return the CV in `path`, validated; raise DataError with every problem found."""
    return parse_cv(read_source(path), path)


def parse_cv(raw: bytes, path: Path, lang: str | None = None) -> CV:
    """Return the CV in `raw` (the bytes of `path`), validated; raise DataError with every problem.
    `lang` (the command line's) decides the fonts the characters are checked against."""
    try:
        return parse_tree(raw, path, lang)
    except RecursionError:
        raise DataError([f"{path}: lists or mappings are nested too deeply here; a CV needs a few levels"]) from None


def parse_tree(raw: bytes, path: Path, lang: str | None) -> CV:
    text = decode(raw, path)
    root = compose(text, path)
    problems: list[str] = []
    data = to_python(root, path, problems)
    if problems:
        raise DataError(problems)
    if not isinstance(data, dict):
        raise DataError([f"{where(path, root)}: the file must be a mapping with `header:` and `sections:`"])
    foreign = foreign_format(data)
    if foreign and "header" not in data:  # (every field would be unknown: one line says what to do)
        said = f"a {foreign} file, not a resumetex CV; convert it first: {import_command(path)}"
        raise DataError([f"{where(path, root)}: {said}"])
    lost = lost_words(scalars(root), text, path)
    try:
        cv = CV.model_validate(data)
    except ValidationError as error:
        raise DataError(list(dict.fromkeys([*lost, *(describe(e, root, path) for e in error.errors())]))) from None
    if lost:
        raise DataError(lost)
    check_photo(cv, root, path)
    check_glyphs(cv, root, path, lang)
    return cv


def import_command(path: Path) -> str:
    """The command that converts another tool's file at `path` into a CV beside it."""
    return f"resumetex import {path} -o {path.with_name(path.stem + '.resumetex.yaml')}"


def foreign_format(data: dict[str, Any]) -> str | None:
    """The résumé format `data` is in when it is another tool's, which `resumetex import` reads."""
    if isinstance(data.get("cv"), dict):
        return "RenderCV"
    if isinstance(data.get("content"), dict) and ("basics" in data["content"] or "work" in data["content"]):
        return "YAMLResume"
    if "basics" in data or "work" in data:
        return "JSON Resume"
    return None


def check_glyphs(cv: CV, root: yaml.Node, path: Path, lang: str | None) -> None:
    """Every character must be in a font of the theme: each one missing is located."""
    cjk = locale_for(cv, lang).cjk
    text = "".join(clean(join_surrogates(node.value)) for _, node in scalars(root))  # as rendered
    absent = glyphs.missing(text, cjk)
    if absent:
        fonts = ", ".join(name for name, _ in glyphs.faces(cjk))
        hint = (
            f"  no installed font has these characters (tried the theme's {fonts}, then every font "
            "fontconfig lists); replace or remove them, or install a font that has them"
        )
        raise DataError([*where_characters(root, path, absent), hint])


def where_characters(root: yaml.Node, path: Path, characters: list[str]) -> list[str]:
    """`file:line:col: field: ...` for each value that holds some of `characters`."""
    found = []
    for dotted, node in scalars(root):
        held = list(dict.fromkeys(c for c in clean(join_surrogates(node.value)) if c in characters))
        if held:
            shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in held)
            found.append(f"{where(path, node)}: {dotted}: no font for {shown}")
    return found


def scalars(node: yaml.Node, dotted: str = "") -> Iterator[tuple[str, yaml.ScalarNode]]:
    """Every scalar value under `node`, with its field path, in file order."""
    if isinstance(node, yaml.ScalarNode):
        yield dotted or "(top level)", node
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from scalars(item, f"{dotted}[{i}]")
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from scalars(value, f"{dotted}.{key.value}" if dotted else str(key.value))


def check_photo(cv: CV, root: yaml.Node, path: Path) -> None:
    """The header's photo must be a whole picture of a kind resumetex places (photo.PLACEABLE),
    its path relative to the CV; the kind is told by the content (a PDF named .jpg is no photo, a
    phone's HEIC named .jpg is one)."""
    if cv.header.photo is None:
        return
    photo = photo_path(path.parent, cv.header.photo)
    problem: str | None
    if re.match(r"[a-z]+://", cv.header.photo, re.IGNORECASE):
        problem = f"{cv.header.photo} is an address; a photo is a file: save it beside the CV and give its name"
    elif photo.suffix.lower() not in PHOTO_SUFFIXES:
        problem = f"{cv.header.photo} is not a photo resumetex can place; save it as JPEG or PNG"
    elif not photo.is_file():
        problem = f"no file {photo}; the path is relative to the CV file"
    else:
        problem = photo_problem(photo)
    if problem is not None:
        raise photo_error(problem, root, path)


def photo_located(problem: str, raw: bytes, path: Path) -> DataError:
    """`problem` with the photo, at the `photo:` line of the CV `raw` read from `path`."""
    return photo_error(problem, compose(decode(raw, path), path), path)


def photo_error(problem: str, root: yaml.Node, path: Path) -> DataError:
    node, dotted = locate(root, ("header", "photo"))
    return DataError([f"{where(path, node)}: {dotted}: {problem}"])


def photo_problem(photo: Path) -> str | None:
    """What keeps the image file `photo` from being placed, or None."""
    try:
        data = photo.read_bytes()
    except OSError as error:
        return f"{photo} cannot be read ({error.strerror})"
    kind = image_kind(data)
    if kind not in PLACEABLE:
        what = f"in {kind} format" if kind else "not a picture inside"
        return f"{photo.name} is {what}, whatever its name says; save the photo as JPEG or PNG"
    if not image_whole(data, kind):
        return damaged(photo.name, kind)
    size = oversized(data, kind)
    if size is not None:
        return f"{photo.name} is {size} pixels, more than resumetex decodes; save the photo smaller"
    return None


def damaged(name: str, kind: str) -> str:
    return f"{name} is {'an' if kind == 'AVIF' else 'a'} {kind} file cut short or damaged; save the photo again"


def decode(raw: bytes, path: Path) -> str:
    """The file's text; refuse non-UTF-8 or empty files."""
    if raw.startswith(b"PK\x03\x04"):  # a ZIP, as LinkedIn's data export is
        said = f"a ZIP file, not a resumetex CV; a LinkedIn data export is converted with: {import_command(path)}"
        raise DataError([f"{path}: {said}"])
    try:
        text = raw.decode("utf-8-sig")  # a leading BOM is harmless; drop it
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [f"{path}:{line}: not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"]
        ) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        if str(path) == "-":
            raise DataError(['-: standard input is empty; start a CV with: resumetex new "Your Name" -o cv.yaml'])
        starter = path if path.suffix.lower() in (".yaml", ".yml") else path.with_suffix(".yaml")  # new writes YAML
        raise DataError([f'{path}: the file is empty; start one with: resumetex new "Your Name" -o {starter}'])
    return text


def compose(text: str, path: Path) -> yaml.Node:
    with contextlib.suppress(yaml.YAMLError):
        refuse_aliases(text, FAST_LOADER)
        node = yaml.compose(text, Loader=FAST_LOADER)
        assert node is not None  # read_text refused documents with nothing in them
        return node
    try:
        refuse_aliases(text, yaml.SafeLoader)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.context_mark and error.problem_mark:
            opened = error.context_mark
            problem += f" ({error.context} that starts at {opened.line + 1}:{opened.column + 1})"
        for clue, hint in HINTS.items():
            if clue in problem:
                problem += f"; {hint}"
        position = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        position, problem = line_hint(text.splitlines(), error) or (position, problem)  # (what it misnamed)
        raise DataError([f"{path}:{position}: YAML syntax: {problem}"]) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise DataError(
            [
                f"{path}:{line}:{column}: the control character U+{error.character:04X} cannot appear raw in YAML; "
                f'remove it, or write it as "\\u{error.character:04X}" inside double quotes'
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataError([f"{path}: YAML syntax: {error}"]) from None
    assert node is not None  # read_text refused documents with nothing in them
    return node


def to_python(node: yaml.Node, path: Path, problems: list[str]) -> Any:
    """Plain data from nodes. Every scalar stays a string: no YAML 1.1 guessing of
    booleans (`no`), numbers (`2023.10` → 2023.1) or dates; pydantic decides types."""
    if not node.tag.startswith("tag:yaml.org,2002:"):  # (`!important note`: YAML keeps "note" alone)
        said = f"{where(path, node)}: YAML reads `{node.tag}` before a value as a type tag, and drops it"
        if isinstance(node, yaml.ScalarNode):
            problems.append(f"{said}; put the whole value in quotes: {quoted(f'{node.tag} {node.value}')}")
        else:
            problems.append(f"{said}; remove it")
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style  # (libyaml's plain style is "", Python's None)
        return None if plain and node.value in NULLS else join_surrogates(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item, path, problems) for item in node.value]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    first_seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(f"{where(path, key_node)}: a key must be plain text")
            continue
        key = key_node.value
        if key in first_seen:
            first = first_seen[key].start_mark.line + 1
            problems.append(f"{where(path, key_node)}: duplicate key `{key}` (also on line {first}); keep one of them")
            continue
        first_seen[key] = key_node
        result[key] = to_python(value_node, path, problems)
    return result


def join_surrogates(value: str) -> str:
    """JSON-style escapes write 🚀 as "\\ud83d\\ude80"; YAML reads two halves. Join them."""
    if not any("\ud800" <= char <= "\udfff" for char in value):
        return value
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def describe(error: Any, root: yaml.Node, path: Path) -> str:
    """One pydantic error as `file:line:col: field.path: message`."""
    slip = colon_slip(error, root, path)
    if slip:
        return slip
    loc = error["loc"] + (("key",) if error["type"] == "union_tag_invalid" else ())
    text = message(error)
    # A check over the whole CV names the field it concerns first: "variants.short.hide: ..."
    named = re.match(r"^([A-Za-z_][\w.]*): (.*)$", text, re.DOTALL)
    if not loc and named:
        loc = tuple(int(part) if part.isdigit() else part for part in named.group(1).split("."))
        text = named.group(2)
    if error["type"] == "section_kind" and isinstance(error["input"], dict) and "kind" in error["input"]:
        loc = (*loc, "kind")
    if loc and loc[-1] == "[key]":  # a mapping's key is wrong (a variant's name): point at the key
        node, _ = locate(root, loc[:-1], at_key=True)
        return f"{where(path, node)}: {locate(root, loc[:-2])[1]}: {text.replace('is not a key', 'is not a name')}"
    node, dotted = locate(root, in_file(loc), at_key=error["type"] == "extra_forbidden")
    return f"{where(path, node)}: {dotted}: {text}"


def colon_slip(error: Any, root: yaml.Node, path: Path) -> str | None:
    """`- Result: 40% faster`, where a text was meant, is a mapping to YAML: a field `Result` (its
    key ends at ": "). Said as that, once, where pydantic has a missing `text` and an unknown
    `Result`, or a mapping where text belongs."""
    loc = error["loc"]
    if error["type"] in ("missing", "extra_forbidden"):
        loc = loc[:-1]  # (the field missing, or the key)
    elif error["type"] != "string_type":
        return None
    if not loc or not isinstance(loc[-1], int):
        return None  # (only a list's item can be one: a field's `text: a: b` is YAML's own error)
    node, dotted = locate(root, in_file(loc))
    if not (isinstance(node, yaml.MappingNode) and len(node.value) == 1):
        return None
    key, value = node.value[0]
    plain = all(isinstance(part, yaml.ScalarNode) and not part.style for part in (key, value))  # unquoted
    fields = field_names(loc)
    if not plain or not value.value or key.value in fields or (fields and "text" not in fields):
        return None  # (a field of its own; or a place that takes no text, e.g. an entry)
    written = f"{key.value}: {value.value}"
    quoted = f'"{written}"' if '"' not in written else "'" + written.replace("'", "''") + "'"
    said = f'`{written}` reads as a field named `{key.value}` (YAML ends a key at ": "); for text, quote it: {quoted}'
    return f"{where(path, node)}: {dotted}: {said}"


def in_file(loc: Loc) -> Loc:
    """`loc` without the kind pydantic names after a section's index (sections, 2, entries, ...):
    no key of the file, and `entries` is also a field's name, which led an error in the section
    itself (a field unknown or missing) to its `entries:` line."""
    if len(loc) > 2 and loc[0] == "sections" and isinstance(loc[1], int) and loc[2] in KINDS:
        return (*loc[:2], *loc[3:])
    return loc


def locate(root: yaml.Node, loc: Loc, at_key: bool = False) -> tuple[yaml.Node, str]:
    """The YAML node an error points at, and its field path like `sections[1].entries[0].start`.

    Items of `loc` that name no key are union tags added by pydantic (e.g. the section
    key `education`); they are skipped, except a last one, the name of a missing field.
    With `at_key`, a found field points at its key (an unknown key), else at its value."""
    node, dotted = root, ""
    for i, item in enumerate(loc):
        if isinstance(item, int) and isinstance(node, yaml.SequenceNode) and item < len(node.value):
            node, dotted = node.value[item], f"{dotted}[{item}]"
            continue
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == item]
            last = i == len(loc) - 1
            if match:
                key_node, value_node = match[0]
                node = key_node if last and at_key else value_node
                dotted = f"{dotted}.{item}" if dotted else str(item)
            elif last:
                dotted = f"{dotted}.{item}" if dotted else str(item)
    return node, dotted or "(top level)"


RENAMED = {"twitter": "x"}  # words a value was once written as
# Fields as other formats (JSON Resume, RenderCV, LinkedIn) name them: an unknown field is shown
# the first of these that is a field where it was written.
ALSO_CALLED = {
    "institution": ("school",),
    "university": ("school",),
    "area": ("major",),
    "field": ("major",),
    "studytype": ("degree",),
    "score": ("gpa",),
    "company": ("organization",),
    "employer": ("organization",),
    "name": ("organization", "title"),
    "position": ("role",),
    "job_title": ("role",),
    "title": ("role",),
    "startdate": ("start",),
    "start_date": ("start",),
    "enddate": ("end",),
    "end_date": ("end",),
    "releasedate": ("date",),
    "highlights": ("bullets",),
    "achievements": ("bullets",),
    "items": ("bullets", "entries"),
    "description": ("summary",),
    "website": ("homepage", "links"),
    "url": ("homepage", "links"),
    "social_networks": ("profiles",),
    "label": ("headline",),
    "image": ("photo",),
    "picture": ("photo",),
    "mobile": ("phone",),
    "publisher": ("venue",),
    "journal": ("venue",),
    "conference": ("venue",),
}
# What pydantic calls a value of the wrong type; given none (an empty value), it is a field left empty.
EMPTY_VALUE = ("string_type", "model_type", "model_attributes_type", "dict_type", "list_type")


def message(error: Any) -> str:
    kind, loc = error["type"], error["loc"]
    if error.get("input", "") is None and kind in EMPTY_VALUE:  # `title:` with nothing after it, a `-` alone
        return NOTHING
    if kind == "missing":
        return f"missing required field `{loc[-1]}`"
    if kind == "extra_forbidden":
        text = f"unknown field `{loc[-1]}`"
        known = field_names(loc[:-1])
        below = next((child for child in ("header", "entries") if str(loc[-1]) in belongs_in(loc[:-1], child)), None)
        if below:  # the header's `name` at the top, an entry's `school` in its section
            whose = "the header" if below == "header" else "an entry"
            return f"{text} here; it is a field of {whose}: put it under `{below}:`"
        close = [name for name in ALSO_CALLED.get(str(loc[-1]).lower(), ()) if name in known]
        close = close or difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            return f"{text}; did you mean `{close[0]}`?"
        return f"{text}; expected one of: {', '.join(known)}" if known else text
    if kind == "section_kind":
        given = error["input"].get("kind") if isinstance(error["input"], dict) else None
        if given is not None:
            return f"unknown kind `{given}`; use one of: {', '.join(KINDS)}"
        return f"a section needs a `kind:`, one of: {', '.join(KINDS)}"
    if kind == "union_tag_invalid":
        return f"unknown kind `{error['ctx']['tag']}`; use one of: {', '.join(KINDS)}"
    if kind == "literal_error":  # a network, a paper size ...: the words it may be, and the nearest
        choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        given = str(error["input"])
        written = given.lower().replace(" ", "_")
        near = [RENAMED[written]] if written in RENAMED else difflib.get_close_matches(written, choices, 1, 0.6)
        hint = f"did you mean `{near[0]}`?" if near else f"use one of: {', '.join(choices)}"
        if loc[-1] == "network" and not near:
            hint += "; for another site, give `label:` and `url:` instead"
        return f"unknown {loc[-1]} `{given}`; {hint}"
    if kind == "less_than_equal":  # a design setting out of its range
        return f"{error['input']} is too large; {loc[-1]} is at most {error['ctx']['le']:g}"
    if kind == "greater_than_equal":
        return f"{error['input']} is too small; {loc[-1]} is at least {error['ctx']['ge']:g}"
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):  # a list or a text's length
        least = kind.endswith("short")
        bound = error["ctx"]["min_length" if least else "max_length"]
        noun = ("character" if kind.startswith("string") else "item") + ("s" if bound != 1 else "")
        return f"needs {'at least' if least else 'at most'} {bound} {noun}, not {len(error['input'])}"
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type"):
        return f"`{error['input']}` is not a number"
    if kind in ("value_error", "assertion_error"):
        return str(error["ctx"]["error"])
    if kind == "string_type":
        return "expected text here, not a list or mapping"
    if kind == "list_type" and loc == ("sections",) and isinstance(error["input"], dict) and error["input"]:
        title = str(next(iter(error["input"])))
        key = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"
        return (
            "expected a list of sections, not titles over their entries (RenderCV's way); write each as "
            f"`- key: {key}`, `title: {title}`, its `kind:` and its `entries:`"
        )
    if kind == "list_type" and isinstance(error["input"], str):  # authors: A, B and C
        return f"expected a list, one item each: {as_list(error['input'], names=loc[-1] == 'authors')}"
    if kind in ("list_type", "model_type", "model_attributes_type", "dict_type"):
        wanted = "a list (lines starting with `- `)" if kind == "list_type" else "a mapping (`key: value` lines)"
        if kind != "list_type" and isinstance(error["input"], list) and isinstance(loc[-1], int):  # - - Led ...
            return f"expected {wanted}, not a list inside the list; is there one `- ` too many?"
        return f"expected {wanted}"
    return str(error["msg"])


def as_list(text: str, names: bool) -> str:
    """`text`, one value written where a list belongs, as the YAML list it most likely means: split
    at semicolons if it has any (Doe, J.; Smith, J.), else at commas; names at `and` and `&` too."""
    between = "[;；]" if re.search("[;；]", text) else "[,，、]"  # (a Chinese list's marks too)
    parts = re.split(rf"{between}|\s+and\s+|\s+&\s+" if names else between, text)
    items = [part.strip() for part in parts if part.strip()]
    return yaml.safe_dump(items, default_flow_style=True, allow_unicode=True, width=1_000_000).strip()


def belongs_in(loc: Loc, child: str) -> list[str]:
    """The fields of `child` (the header, or an entry of the section) of what is at `loc`; none
    when it has no such child."""
    return field_names((*loc, child, 0) if child == "entries" else (*loc, child))


def field_names(loc: Loc) -> list[str]:
    """The field names valid at `loc`, found by walking the models along it."""
    current: Any = CV
    for item in loc:
        current = _unwrap(current)
        if isinstance(item, int) and typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:  # a name's value: variants.NAME
            current = typing.get_args(current)[1]
        elif isinstance(current, type) and issubclass(current, BaseModel) and item in current.model_fields:
            current = current.model_fields[str(item)].annotation
        elif typing.get_origin(current) is typing.Union:
            # A discriminated union: pick the member whose `kind` is the tag.
            members = [_unwrap(m) for m in typing.get_args(current) if _tag(_unwrap(m)) == item]
            current = members[0] if members else current
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _unwrap(args[0])
    return annotation


def _tag(member: Any) -> Any:
    field = getattr(member, "model_fields", {}).get("kind")
    return field.default if field else None
