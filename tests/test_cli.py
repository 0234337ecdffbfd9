"""The command line: exit codes and the exact words a user sees."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text, squash
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


def test_unknown_language_without_a_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    """The default source, data/cv.fr.yaml, does not exist: the language is what is wrong."""
    result = runner.invoke(main, ["render", "--lang", "fr", "-o", str(tmp_path / "x.pdf")])
    assert (result.exit_code, result.output) == (2, "error: unknown language 'fr'; known: en, zh\n")


def test_missing_source_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nothere.yaml"
    result = runner.invoke(main, ["render", str(missing), "-o", str(tmp_path / "x.pdf")])
    assert (result.exit_code, result.output) == (1, f"error: {missing}: no such file\n")


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


def test_build_renders_every_language_and_variant(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = [f"cv.{lang}{variant}.pdf" for lang in ("en", "zh") for variant in ("", ".onepage", ".research")]
    assert sorted(result.output.splitlines()) == sorted(f"wrote {tmp_path}/{name}" for name in names)


MUTUAL_TAUGHT = "策略与奖励模型协同适应的互教学习"  # a research entry tagged `detail`
METHOD_BULLET = "提出成对教师蒸馏加模型合并的两阶段融合框架"  # a bullet tagged `detail`
INDUSTRY_BULLET = "当前客户日调用量达千万级"  # a bullet tagged `industry`


def rendered_text(runner: CliRunner, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "cv.pdf"
    result = runner.invoke(main, ["render", "--no-cache", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return squash(pdf_text(out))


def test_variant_onepage_cuts_the_detail_and_fits_one_page(runner: CliRunner, tmp_path: Path) -> None:
    text = rendered_text(runner, tmp_path, "--variant", "onepage")
    assert MUTUAL_TAUGHT not in text and METHOD_BULLET not in text
    assert INDUSTRY_BULLET in text and "Mutual-Taught" in text  # still in the publication list
    assert "\f" not in pdf_text(tmp_path / "cv.pdf").rstrip("\f")  # one page: no page break inside


def test_tags_keep_untagged_and_selected_items(runner: CliRunner, tmp_path: Path) -> None:
    text = rendered_text(runner, tmp_path, "--tags", "industry")
    assert INDUSTRY_BULLET in text and MUTUAL_TAUGHT not in text and METHOD_BULLET not in text
    assert "基于加权奖励偏好优化的隐式模型融合" in text  # untagged: kept


def test_flags_override_the_variant(runner: CliRunner, tmp_path: Path) -> None:
    research = rendered_text(runner, tmp_path, "--variant", "research")
    assert INDUSTRY_BULLET not in research and research.index("科研经历") < research.index("教育背景")
    overridden = rendered_text(runner, tmp_path, "--variant", "research", "--exclude-tags", "", "--order", "education")
    assert INDUSTRY_BULLET in overridden and overridden.index("教育背景") < overridden.index("科研经历")


def test_unknown_variant_and_tag_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    variant = runner.invoke(main, ["render", "--variant", "short", "-o", str(tmp_path / "x.pdf")])
    assert (variant.exit_code, variant.output) == (
        2,
        "error: --variant: unknown variant 'short'; this CV has: onepage, research\n",
    )
    tag = runner.invoke(main, ["render", "--exclude-tags", "rl", "-o", str(tmp_path / "x.pdf")])
    assert (tag.exit_code, tag.output) == (
        2,
        "error: --exclude-tags: unknown tag 'rl'; this CV has: detail, industry\n",
    )


def test_impossible_fit_exits_1_and_says_what_to_do(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "--max-pages", "1", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "needs 2 pages" in result.output and "--exclude-tags" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_theme_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "--theme", "modern", "-o", str(tmp_path / "x.pdf")])
    assert (result.exit_code, result.output) == (2, "error: --theme: unknown theme 'modern'; known: classic, default\n")


@pytest.mark.parametrize("given", ["src/", "existing", "src/resume.tex"])
def test_tex_takes_a_file_or_a_folder(given: str, runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "existing").mkdir()
    result = runner.invoke(main, ["render", "--tex", f"{tmp_path}/{given}", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 0, result.output
    written = tmp_path / given if given.endswith(".tex") else tmp_path / given / "cv.tex"
    assert written.read_text(encoding="utf-8").startswith("\\documentclass")
    assert (written.parent / "resumetex.sty").exists()
