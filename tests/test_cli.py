"""The command line: exit codes and the exact words a user sees."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text
from resumetex.cli import main


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    return CliRunner()


def test_render_defaults_to_the_language_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    result = runner.invoke(main, ["render", "--lang", "zh", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"wrote {out}\n")
    assert "杨子诡" in pdf_text(out)


def test_unknown_section_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "--hide", "awards", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert result.output == (
        "error: --hide: unknown section 'awards'; this CV has: "
        "education, experience, research, projects, publications\n"
    )
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_language_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "data/cv.zh.yaml", "--lang", "fr", "-o", str(tmp_path / "x.pdf")])
    assert (result.exit_code, result.output) == (2, "error: unknown language 'fr'; known: en, zh\n")


def test_bad_data_exits_1_with_located_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "tests/errors/bad-month.yaml", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.output == "error: " + (ROOT / "tests/errors/bad-month.txt").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_validate(runner: CliRunner) -> None:
    ok = runner.invoke(main, ["validate"])
    assert (ok.exit_code, ok.output) == (0, "data/cv.zh.yaml: valid (5 sections, 18 entries)\n")
    bad = runner.invoke(main, ["validate", "tests/errors/many-problems.yaml"])
    assert bad.exit_code == 1
    assert bad.output == "error: " + (ROOT / "tests/errors/many-problems.txt").read_text(encoding="utf-8")


def test_schema_prints_the_committed_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "schema" / "cv.schema.json").read_text(encoding="utf-8")


def test_help_shows_examples(runner: CliRunner) -> None:
    result = runner.invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--emphasize TERM" in result.output


def test_build_renders_every_language(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(result.output.splitlines()) == [f"wrote {tmp_path}/cv.en.pdf", f"wrote {tmp_path}/cv.zh.pdf"]
