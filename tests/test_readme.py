"""README's command reference, tables and examples say what the commands do: each is compared
with the commands themselves, so the two cannot drift. `make update-golden` rewrites the
reference from `--help`."""

import os
import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT
from resumetex.cli import main
from resumetex.load import load_cv
from resumetex.model import KINDS
from resumetex.pipeline import FORMATS

README = ROOT / "README.md"
BEGIN = "<!-- commands: written from --help by `make update-golden`; a test compares -->\n"
END = "<!-- end of commands -->\n"


def reference() -> str:
    """Every command's usage, first line of help and options, as `--help` gives them."""
    commands: list[tuple[str, click.Command]] = [("resumetex", main)]
    for name, command in sorted(main.commands.items()):
        subcommands = sorted(command.commands.items()) if isinstance(command, click.Group) else [("", command)]
        commands += [(f"resumetex {name} {sub}".strip(), leaf) for sub, leaf in subcommands]
    return "\n\n".join(entry(path, command) for path, command in commands) + "\n"


def entry(path: str, command: click.Command) -> str:
    context = click.Context(command, info_name=path)
    summary = " ".join((command.help or "").split("\n\n")[0].split())
    rows = []
    for param in command.get_params(context):
        record = param.get_help_record(context) if isinstance(param, click.Option) else None
        if record is not None and param is not command.get_help_option(context):
            spec, text = (cell.replace("|", "\\|") for cell in record)  # a pipe ends a table cell
            rows.append(f"| `{spec}` | {text} |")
    table = ["", "| option | what it does |", "| --- | --- |", *rows] if rows else []
    usage = " ".join([path, *command.collect_usage_pieces(context)])
    return "\n".join([f"**`{usage}`**", "", summary, *table])


def test_the_command_reference_is_what_help_says() -> None:
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "README has no command reference"
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    expected = "\n" + reference() + "\n"
    if os.environ.get("RESUMETEX_UPDATE_GOLDEN"):
        README.write_text(text[:start] + expected + text[end:], encoding="utf-8")
    assert text[start:end] == expected


def first_column(title: str) -> list[str]:
    """The options the first column of README's table under `title` names."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index(title) :].split("\n\n")[0].splitlines()[2:]
    return [name for row in table for name in re.findall(r"--[a-z-]+|-o\b", row.split("|")[1])]


def test_the_render_tables_name_every_render_option_and_no_other() -> None:
    render = main.commands["render"]
    named = first_column("| option | what it does | example |") + first_column("| option | meaning |")
    options = {opt for p in render.params if isinstance(p, click.Option) for opt in [*p.opts, *p.secondary_opts]}
    assert set(named) <= options, "README names an option render does not have"
    missing = [
        p.opts for p in render.params if isinstance(p, click.Option) and not set(p.opts + p.secondary_opts) & set(named)
    ]
    assert missing == []


def test_every_example_in_the_render_table_is_a_valid_command_line() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| option | what it does | example |") :].split("\n\n")[0].splitlines()[2:]
    examples = [row.split("|")[3].strip().strip("`") for row in table]
    assert len(examples) >= 10
    render = main.commands["render"]
    for example in examples:
        words = shlex.split(example.removeprefix("resumetex render "))
        render.make_context("render", words, resilient_parsing=False)  # raises on a bad option or value


def test_the_formats_are_named_in_help_and_readme() -> None:
    help_text = " ".join(CliRunner().invoke(main, ["render", "--help"]).output.split())
    row = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `--format"))
    for name in FORMATS:
        assert re.search(rf"\b{name}\b", help_text[help_text.index("--format") :]), name
        assert f"`{name}`" in row, name


def test_the_error_example_is_what_validate_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    block = text[text.index("$ resumetex validate tests/errors/many-problems.yaml\n") :].split("```")[0]
    command, *shown = block.splitlines()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, shlex.split(command.removeprefix("$ resumetex ")))
    assert result.exit_code == 1
    assert result.output.splitlines() == shown


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_reference(command: str) -> None:
    assert f"**`resumetex {command}" in README.read_text(encoding="utf-8")


def test_the_example_of_each_kind_is_a_valid_cv_and_shows_what_its_comments_say(tmp_path: Path) -> None:
    """The block under "The kinds:" (every kind, several roles at one organization), as sections."""
    text = README.read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index("The kinds:")) + len("```yaml\n")
    block = text[start : text.index("```", start)]
    source = tmp_path / "cv.yaml"
    indented = "".join(f"  {line}\n" for line in block.splitlines())
    source.write_text(f"lang: en\nheader: {{name: Test}}\nsections:\n{indented}", encoding="utf-8")
    cv = load_cv(source)
    assert {s.kind for s in cv.sections} == set(KINDS)
    spotify = next(e for s in cv.sections for e in s.entries if getattr(e, "organization", "") == "Spotify")
    assert [r.role for r in spotify.roles] == ["Backend Engineer II", "Backend Engineer"]  # type: ignore[union-attr]
