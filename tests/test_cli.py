"""The command line: exit codes and the exact words a user sees."""

import os
import re
import signal
import subprocess
import sys
import types
from io import BytesIO
from pathlib import Path

import pdfplumber
import pymupdf
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT, pdf_text, render, squash
from resumetex import command, pipeline
from resumetex.cli import language_code, main
from resumetex.errors import CompileError
from resumetex.load import load_cv
from resumetex.locales import LOCALES
from test_pages import pages_of
from test_photo import SHOWN_AT, marked_photo, marks


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    """A project folder like the repository's, its data/ the fixture copies of the seed (so the
    tests pass whatever the owner keeps in data/), its tests/ the repository's."""
    project = tmp_path_factory.mktemp("project")
    (project / "data").mkdir()
    for lang in ("zh", "en"):
        (project / "data" / f"cv.{lang}.yaml").write_bytes((FIXTURES / f"seed.{lang}.yaml").read_bytes())
    (project / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(project)
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


def test_a_language_code_is_what_lang_takes(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "data/cv.zh.yaml", "--lang", "Fr!", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    said = "Invalid value for '--lang': 'Fr!' is not a language code; e.g. zh, zh-TW, en, ja or de\n"
    assert result.output.endswith(said), result.output


@pytest.mark.parametrize(
    ("given", "lang"), [("EN", "en"), ("zh-tw", "zh-TW"), ("ZH-HANT-TW", "zh-Hant-TW"), ("zh_CN", "zh-CN")]
)
def test_a_language_code_in_any_case_is_read_as_bcp47_writes_it(given: str, lang: str) -> None:
    assert language_code(None, None, given) == lang  # type: ignore[arg-type]


def test_a_language_without_a_file_names_the_ones_there_are(runner: CliRunner, tmp_path: Path) -> None:
    """The default source, data/cv.fr.yaml, does not exist: the languages data/ has are said."""
    result = runner.invoke(main, ["render", "--lang", "fr", "-o", str(tmp_path / "x.pdf")])
    assert (result.exit_code, result.output) == (2, "error: --lang fr: no data/cv.fr.yaml; data has: en, zh\n")


def test_lang_takes_a_language_resumetex_has_no_words_for(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a file's `lang: it` does: the words from the file's `locale:`, the PDF tagged Italian."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cv.it.yaml").write_text(
        "locale: {present: oggi}\nheader: {name: Mario Rossi}\n"
        "sections: [{key: w, kind: experience, title: Esperienza, entries: [{organization: Azienda, start: 2020}]}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["render", "--lang", "it"])
    assert (result.exit_code, result.output) == (0, "wrote build/cv.it.pdf\n")
    text = pdf_text(tmp_path / "build" / "cv.it.pdf")
    assert "2020 – oggi" in text and "Esperienza" in text
    with pymupdf.open(tmp_path / "build" / "cv.it.pdf") as pdf:  # the language the file did not say
        assert pdf.xref_get_key(pdf.pdf_catalog(), "Lang") == ("string", "it")


def test_missing_source_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nothere.yaml"
    result = runner.invoke(main, ["render", str(missing), "-o", str(tmp_path / "x.pdf")])
    assert (result.exit_code, result.output) == (1, f"error: {missing}: no such file\n")


def test_a_missing_source_names_the_cv_file_nearest_its_name(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "cv.en.yaml").write_text("header: {name: A}\nsections: []\n")
    (tmp_path / "notes.txt").write_text("")
    for typed in ("cv.en.yml", "cv.eng.yaml"):
        result = runner.invoke(main, ["validate", str(tmp_path / typed)])
        assert (result.exit_code, result.output) == (
            1,
            f"error: {tmp_path / typed}: no such file; did you mean {tmp_path / 'cv.en.yaml'}?\n",
        )
    result = runner.invoke(main, ["validate", str(tmp_path / "notes.txy")])  # only CV files are named
    assert result.output == f"error: {tmp_path / 'notes.txy'}: no such file\n"
    (tmp_path / "comment.yaml").write_text("")
    result = runner.invoke(main, ["validate", str(tmp_path / "nonexist.yaml")])  # (not near for its `.yaml`)
    assert result.output == f"error: {tmp_path / 'nonexist.yaml'}: no such file\n"


def test_bad_data_exits_1_with_located_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "tests/errors/bad-month.yaml", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.output == "error: " + (ROOT / "tests/errors/bad-month.txt").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_validate(runner: CliRunner) -> None:
    ok = runner.invoke(main, ["validate"])
    assert (ok.exit_code, ok.stdout) == (0, "data/cv.zh.yaml: valid (5 sections, 18 entries)\n")  # warnings aside
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


@pytest.mark.parametrize(
    ("folder", "said"), [("nowhere", "no such folder"), ("empty", "no CV files (*.yaml, *.yml) to build")]
)
def test_build_says_why_it_has_nothing_to_build(folder: str, said: str, runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["build", "--data", str(tmp_path / folder), "--out", str(tmp_path / "out")])
    assert (result.exit_code, result.output) == (1, f"error: {tmp_path / folder}: {said}\n")


def test_build_format_all_writes_every_format_of_every_variant(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "--out", str(tmp_path), "--format", "all"])
    assert result.exit_code == 0, result.output
    suffixes = ("pdf", "html", "docx", "md", "txt", "json")
    stems = [f"cv.{lang}{variant}" for lang in ("en", "zh") for variant in ("", ".onepage", ".research")]
    names = [f"{stem}.{suffix}" for stem in stems for suffix in suffixes]
    names += [f"{stem}-{page}.png" for stem in stems for page in range(1, pages_of(tmp_path / f"{stem}.pdf") + 1)]
    assert sorted(result.output.splitlines()) == sorted(f"wrote {tmp_path}/{name}" for name in names)
    assert "Long-context RL training is unstable" in (tmp_path / "cv.en.research.html").read_text(encoding="utf-8")
    assert "Long-context RL training is unstable" not in (tmp_path / "cv.en.onepage.md").read_text(encoding="utf-8")


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


def test_a_variants_design_reaches_every_form(runner: CliRunner, tmp_path: Path) -> None:
    """`variants.us.design: {paper: letter}`: the US cut on Letter paper, the file's on A4."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        "header: {name: A}\nvariants: {us: {design: {paper: letter, accent: '#8A1B1B'}}}\n"
        "sections: [{key: s, kind: text, title: S, entries: [t]}]\n",
        encoding="utf-8",
    )
    for variant, size in ((None, (595, 842)), ("us", (612, 792))):
        flags = ["--variant", variant] if variant else []
        out = tmp_path / f"{variant}.pdf"
        result = runner.invoke(main, ["render", str(source), *flags, "--format", "pdf,html", "-o", str(out)])
        assert result.exit_code == 0, result.output
        with pdfplumber.open(out) as document:
            assert (round(document.pages[0].width), round(document.pages[0].height)) == size
        page = out.with_suffix(".html").read_text(encoding="utf-8")
        assert ("size: letter" in page, "#8A1B1B" in page) == (variant == "us", variant == "us")


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
    expected = "error: --theme: unknown theme 'modern'; known: classic, default, or a folder ./NAME\n"
    assert (result.exit_code, result.output) == (2, expected)


def test_a_theme_folder_named_without_its_path_is_pointed_at(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["theme", "new", "mine"]).exit_code == 0
    result = runner.invoke(main, ["render", str(ROOT / "data" / "cv.zh.yaml"), "--theme", "mine", "-o", "x.pdf"])
    expected = "error: --theme: unknown theme 'mine'; for the theme in the folder mine, write ./mine\n"
    assert (result.exit_code, result.output) == (2, expected)


@pytest.mark.parametrize("given", ["src/", "existing", "src/resume.tex"])
def test_tex_takes_a_file_or_a_folder(given: str, runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "existing").mkdir()
    result = runner.invoke(main, ["render", "--tex", f"{tmp_path}/{given}", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 0, result.output
    written = tmp_path / given if given.endswith(".tex") else tmp_path / given / "cv.tex"
    assert written.read_text(encoding="utf-8").startswith("\\documentclass")
    assert (written.parent / "resumetex.sty").exists()


def test_tex_is_written_when_the_engine_fails(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the failure message says to do works: the LaTeX source is there to run by hand."""
    import resumetex.pipeline

    def fail(*_: object, **__: object) -> None:
        raise CompileError("xelatex failed:\nno error message in the log")

    monkeypatch.setattr(resumetex.pipeline, "typeset", fail)
    result = runner.invoke(main, ["render", "--tex", f"{tmp_path}/tex/", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 1 and "no error message in the log" in result.output
    assert (tmp_path / "tex" / "cv.tex").read_text(encoding="utf-8").startswith("\\documentclass")
    assert (tmp_path / "tex" / "resumetex.sty").exists() and not (tmp_path / "cv.pdf").exists()


def test_validate_takes_many_files_in_order(runner: CliRunner) -> None:
    result = runner.invoke(
        main,
        ["validate", "tests/fixtures/engineer.en.yaml", "tests/errors/bad-photo.yaml", "tests/fixtures/photo.zh.yaml"],
    )
    assert result.exit_code == 1
    assert result.output == (
        "tests/fixtures/engineer.en.yaml: valid (8 sections, 15 entries)\n"
        "error: "
        + (ROOT / "tests/errors/bad-photo.txt").read_text(encoding="utf-8")
        + "tests/fixtures/photo.zh.yaml: valid (5 sections, 10 entries)\n"
    )


def test_validate_takes_a_folder_of_cvs(runner: CliRunner, tmp_path: Path) -> None:
    """`validate data/`: each .yaml (or .yml) in it, in name order; a folder with none is an error."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "cvs").mkdir()
    for name in ("b.yml", "a.yaml", "notes.txt"):
        (tmp_path / "cvs" / name).write_text("header: {name: A}\nsections: []\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "data/", str(tmp_path / "cvs")])
    shown = ["data/cv.en.yaml: valid (5 sections, 18 entries)", "data/cv.zh.yaml: valid (5 sections, 18 entries)"]
    shown += [f"{tmp_path / 'cvs' / name}: valid (0 sections, 0 entries)" for name in ("a.yaml", "b.yml")]
    checked = [line for line in result.output.splitlines() if not line.startswith("warning:")]  # (the zh's commas)
    assert (result.exit_code, checked) == (0, shown)
    empty = runner.invoke(main, ["validate", str(tmp_path / "empty")])
    said = f"error: {tmp_path / 'empty'}: no CV files (*.yaml, *.yml) to check\n"
    assert (empty.exit_code, empty.output) == (1, said)


def test_new_writes_a_starter_that_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "Jane Doe", "-o", "cvs/jane.yaml"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cvs" / "resumetex.schema.json").exists()  # the schema line works where the file is
    rendered = CliRunner().invoke(main, ["render", "cvs/jane.yaml"])
    assert (rendered.exit_code, rendered.output) == (0, "wrote build/jane.pdf\n")
    text = pdf_text(tmp_path / "build" / "jane.pdf")
    for title in ("Summary", "Experience", "Education", "Projects", "Publications", "Awards", "Skills", "Interests"):
        assert title in text
    assert "Jane Doe" in text and "Present" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Prénom Nom", "Expérience professionnelle", "2022.03 – aujourd’hui", "Prénom Nom et Ada Example"]),
        ("de", ["Vorname Nachname", "Berufserfahrung", "2022.03 – heute", "Vorname Nachname und Ada Example"]),
        ("es", ["Nombre Apellido", "Experiencia", "2022.03 – actualidad", "Nombre Apellido y Ada Example"]),
        ("it", ["Nome Cognome", "Esperienza professionale", "2022.03 – oggi", "Nome Cognome e Ada Example"]),
        ("pt", ["Nome Sobrenome", "Experiência profissional", "2022.03 – atual", "Nome Sobrenome e Ada Example"]),
        ("nl", ["Voornaam Achternaam", "Werkervaring", "2022.03 – heden", "Voornaam Achternaam en Ada Example"]),
    ],
)
def test_new_writes_a_starter_in_a_european_language(
    lang: str, words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "--lang", lang]).exit_code == 0
    rendered = CliRunner().invoke(main, ["render", "cv.yaml"])
    assert (rendered.exit_code, rendered.output) == (0, "wrote build/cv.pdf\n")
    text = " ".join(pdf_text(tmp_path / "build" / "cv.pdf").split())
    assert all(word in text for word in words)
    with pymupdf.open(tmp_path / "build" / "cv.pdf") as pdf:
        assert pdf.xref_get_key(pdf.pdf_catalog(), "Lang") == ("string", lang)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("he", ["ישראל ישראלי", "ניסיון תעסוקתי", "היום"]), ("ar", ["فلان الفلاني", "الخبرة المهنية", "حتى الآن"])],
)
def test_new_writes_a_starter_in_hebrew_or_arabic(
    lang: str, words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its placeholder name, titles and words in the PDF (each word's letters, as set right to left),
    and a page laid out right to left."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "--lang", lang]).exit_code == 0
    rendered = CliRunner().invoke(main, ["render", "cv.yaml", "--format", "pdf,html"])
    assert (rendered.exit_code, rendered.output) == (0, "wrote build/cv.html\nwrote build/cv.pdf\n")
    with pymupdf.open(tmp_path / "build" / "cv.pdf") as pdf:
        assert pdf.xref_get_key(pdf.pdf_catalog(), "Lang") == ("string", lang)
        shown = [word[4] for page in pdf for word in page.get_text("words")]  # (x0, y0, x1, y1, text, ...)
    for word in words:
        assert all(part in shown or part[::-1] in shown for part in word.split())
    assert f'<html lang="{lang}" dir="rtl">' in (tmp_path / "build" / "cv.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "starter"), [("pt-BR", "pt"), ("fr_CA", "fr"), ("zh-Hant", "zh-TW"), ("EN-gb", "en")])
def test_new_takes_a_regions_code_and_writes_it(
    lang: str, starter: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new --lang pt-BR` was refused (a list of choices); it writes Portuguese's starter, saying pt-BR."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "--lang", lang]).exit_code == 0
    written = (tmp_path / "cv.yaml").read_text(encoding="utf-8").splitlines()
    ours = (ROOT / "src" / "resumetex" / "starters" / f"{starter}.yaml").read_text(encoding="utf-8").splitlines()
    code = language_code(None, None, lang)  # type: ignore[arg-type]
    assert [line for line in written if line.startswith("lang:")] == [f"lang: {code}"]
    assert len(written) == len(ours)
    kept = [(a, b) for a, b in zip(ours, written, strict=True) if not re.search("{name}|{file}|^lang:", a)]
    assert [a for a, b in kept if a != b] == []  # every other line is the starter's (its placeholders filled)


def test_new_in_a_language_without_a_starter_names_those_there_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "--lang", "sv"])
    said = "error: --lang: no starter in 'sv'; known: ar, de, en, es, fr, he, it, ja, ko, nl, pt, zh, zh-HK, zh-TW\n"
    assert (result.exit_code, result.output) == (2, said)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_new_in_each_language_with_words_writes_a_starter_or_says_there_is_none(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "--lang", lang])
    if result.exit_code == 0:
        assert load_cv(tmp_path / "cv.yaml").lang == lang
    else:
        assert (result.exit_code, result.output.startswith(f"error: --lang: no starter in {lang!r}")) == (2, True)


def test_new_in_chinese_and_never_over_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "李明"]).exit_code == 0
    assert "lang: zh" in (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["new", "Other"])
    assert (again.exit_code, again.output) == (2, "error: cv.yaml already exists; choose another name with -o FILE\n")
    rendered = CliRunner().invoke(main, ["render", "cv.yaml"])
    assert rendered.exit_code == 0 and "至今" in pdf_text(tmp_path / "build" / "cv.pdf")


@pytest.mark.parametrize("name", ["", "   ", "\u200b\t"])
def test_new_with_a_name_that_says_nothing_writes_the_placeholder(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", name]).exit_code == 0
    assert 'name: "Your Name"' in (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    checked = CliRunner().invoke(main, ["validate", "cv.yaml"])
    assert checked.exit_code == 0, checked.output


def test_render_with_nothing_to_render_says_how_to_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 2
    assert 'resumetex new "Your Name" -o cv.yaml' in result.output


@pytest.mark.parametrize("command", ["render", "validate"])
def test_with_no_file_given_the_cv_files_here_are_named(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new` writes cv.yaml here; `render` then, with no data/ folder, had said to run `new`."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "Jane Doe"]).exit_code == 0
    (tmp_path / "b.yml").write_text("header: {name: B}\nsections: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, [command])
    said = f"error: no CV file given, and no data/ folder here; give one:  resumetex {command} cv.yaml (or b.yml)\n"
    assert (result.exit_code, result.output) == (2, said)


def test_output_names_follow_the_input_and_a_failure_makes_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text("header: {name: A}\nsections: []\n")
    (tmp_path / "b.yaml").write_text("header: {name: B}\nsections: [{key: x, kind: nope}]\n")
    failed = CliRunner().invoke(main, ["render", "b.yaml"])
    assert failed.exit_code == 1 and not (tmp_path / "build").exists()
    done = CliRunner().invoke(main, ["render", "a.yaml"])
    assert (done.exit_code, done.output) == (0, "wrote build/a.pdf\n")


@pytest.mark.parametrize("flags", [["-o", "cv.yaml"], ["--tex", "cv.yaml"], ["-o", "x.pdf", "--tex", "x.pdf"]])
def test_an_output_never_replaces_the_source_or_another_output(
    flags: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = "header: {name: A}\nsections: []\n"
    (tmp_path / "cv.yaml").write_text(source)
    result = CliRunner().invoke(main, ["render", "cv.yaml", *flags])
    assert result.exit_code == 2 and (tmp_path / "cv.yaml").read_text() == source
    assert not (tmp_path / "x.pdf").exists()


def test_standard_input_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """... and the CV is laid out once for the PDF and the other formats."""
    monkeypatch.chdir(tmp_path)
    laid_out = []
    real = pipeline.prepare
    monkeypatch.setattr(pipeline, "prepare", lambda *given: laid_out.append(given) or real(*given))
    cv = "header: {name: From Stdin}\nsections: []\n"
    result = CliRunner().invoke(main, ["render", "-", "--no-cache", "--format", "md,pdf"], input=cv)
    assert (result.exit_code, result.output) == (0, "wrote build/stdin.md\nwrote build/stdin.pdf\n")
    assert "From Stdin" in pdf_text(tmp_path / "build" / "stdin.pdf")
    assert "# From Stdin" in (tmp_path / "build" / "stdin.md").read_text(encoding="utf-8")
    assert len(laid_out) == 1


def test_a_reused_pdf_still_writes_the_other_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text("header: {name: Twice}\nsections: []\n", encoding="utf-8")
    first = CliRunner().invoke(main, ["render", "cv.yaml", "--format", "pdf,md"])
    assert first.exit_code == 0, first.output
    (tmp_path / "build" / "cv.md").unlink()
    again = CliRunner().invoke(main, ["render", "cv.yaml", "--format", "pdf,md"])
    reused = "wrote build/cv.pdf (unchanged input: reused the last render)"
    assert (again.exit_code, again.output) == (0, f"wrote build/cv.md\n{reused}\n")
    assert "# Twice" in (tmp_path / "build" / "cv.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("given", "variant", "written"), [("out/", None, "out/cv.pdf"), ("there", "us", "there/cv.us.pdf")]
)
def test_an_output_folder_holds_the_pdf_by_its_usual_name(
    given: str, variant: str | None, written: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o out/`, or a folder that exists, as --tex takes one; `out/` wrote a file named `out`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "there").mkdir()
    (tmp_path / "cv.yaml").write_text("header: {name: A}\nvariants: {us: {hide: []}}\nsections: []\n")
    flags = ["--variant", variant] if variant else []
    result = CliRunner().invoke(main, ["render", "cv.yaml", *flags, "-o", given, "--format", "pdf,txt"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"wrote {written}"
    assert pdf_text(tmp_path / written).startswith("A") and (tmp_path / written).with_suffix(".txt").exists()


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["new", "Jane"], "out/cv.yaml"),
        (
            ["import", str(ROOT / "tests" / "samples" / "jsonresume.sample.json")],
            "out/jsonresume.sample.resumetex.yaml",
        ),
        (["schema"], "out/resumetex.schema.json"),
    ],
)
def test_every_output_folder_gets_the_usual_name(
    command: list[str], written: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*command, "-o", "out/"])
    assert result.exit_code == 0, result.output
    assert f"wrote {written}" in result.output.splitlines() and (tmp_path / written).is_file()


@pytest.mark.parametrize("watch", [[], ["--watch"]])
def test_a_pdf_path_another_format_would_take_is_refused(
    watch: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-o cv.html --format pdf,html wrote the page, then the PDF over it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text("header: {name: A}\nsections: []\n")
    result = CliRunner().invoke(main, ["render", "cv.yaml", "-o", "cv.html", "--format", "pdf,html", *watch])
    said = "error: cv.html: the PDF and the html file would be one file; give -o cv.pdf\n"
    assert (result.exit_code, result.output) == (2, said)
    assert not (tmp_path / "cv.html").exists()
    tex = CliRunner().invoke(main, ["render", "cv.yaml", "--tex", "out/cv.md", "-o", "out/cv.pdf", "--format", "md"])
    said = "error: out/cv.md: the md file and the LaTeX source (--tex) would be one file; give each its own path\n"
    assert (tex.exit_code, tex.output) == (2, said)
    alone = CliRunner().invoke(main, ["render", "cv.yaml", "-o", "cv.html", "--format", "html"])  # no PDF: fine
    assert alone.exit_code == 0 and (tmp_path / "cv.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_output_that_is_a_link_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text("header: {name: A}\nsections: []\n")
    (tmp_path / "elsewhere.pdf").write_bytes(b"keep")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    result = CliRunner().invoke(main, ["render", "cv.yaml", "-o", "link.pdf"])
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert (tmp_path / "elsewhere.pdf").read_bytes() == b"keep"


def test_ctrl_c_while_starting_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C that lands while the command is still importing its modules (before click runs)."""

    class Interrupted(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            if name == "main":
                raise KeyboardInterrupt
            raise AttributeError(name)

    monkeypatch.setitem(sys.modules, "resumetex.cli", Interrupted("resumetex.cli"))
    try:
        with pytest.raises(SystemExit) as stopped:
            command()
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped as a traceback")
    assert stopped.value.code == 130 and capsys.readouterr().err == "Aborted!\n"


def test_doctor_lists_tex_and_every_font_with_where_it_is(runner: CliRunner) -> None:
    result = runner.invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("ok       xelatex: /") and "XeTeX" in line for line in lines)
    fonts = ("NotoSerifCJK-Regular.ttc", "NotoSerif-Regular.ttf", "lmroman10-regular.otf", "FontAwesome.otf", "Symbola")
    for font in fonts:
        assert any(line.startswith(f"ok       {font}") and ": /" in line for line in lines), font
    assert lines[-1].startswith("cache    ")


def test_doctor_names_what_is_missing_and_fails(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import resumetex.glyphs

    real = resumetex.glyphs.font_files

    def without_latin_modern(names: tuple[str, ...]) -> dict[str, str]:
        return {name: path for name, path in real(names).items() if not name.startswith("lmroman")}

    monkeypatch.setattr(resumetex.glyphs, "font_files", without_latin_modern)
    monkeypatch.setenv("PATH", "/nonexistent")
    result = runner.invoke(main, ["doctor"])
    assert result.exit_code == 1
    assert "missing  xelatex: not found (Debian/Ubuntu: apt-get install texlive-xetex)" in result.output
    assert "missing  lmroman10-regular.otf: not found (Debian/Ubuntu: apt-get install fonts-lmodern)" in result.output
    assert "to install TeX and the fonts: Debian/Ubuntu: sudo apt-get install texlive-xetex" in result.output


@pytest.mark.parametrize(
    ("arguments", "last_line"),
    [
        (["render", "--bogus"], "error: No such option '--bogus'. Did you mean '--tags'?"),
        (["render", "--max-pages", "x"], "error: Invalid value for '--max-pages': 'x' is not a valid integer range."),
        (["nope"], "error: No such command 'nope'."),
        (["validate", "/nonexistent.yaml"], "error: /nonexistent.yaml: no such file"),
    ],
)
def test_every_error_is_written_one_way(arguments: list[str], last_line: str) -> None:
    """click's own errors (a bad option) read like resumetex's: `error: ...`, not `Error: ...`."""
    done = subprocess.run([sys.executable, "-m", "resumetex", *arguments], capture_output=True, text=True)
    assert done.returncode in (1, 2) and done.stderr.splitlines()[-1] == last_line
    assert "Error:" not in done.stderr and "Traceback" not in done.stderr


def test_design_help_and_readme_name_every_setting_of_the_model() -> None:
    """--design's help and README's table come from one list, which is the model's."""
    from resumetex.cli import DESIGN_SETTINGS
    from resumetex.model import Design

    assert list(DESIGN_SETTINGS) == list(Design.model_fields)
    help_text = " ".join(CliRunner().invoke(main, ["render", "--help"]).output.split())
    assert "(repeatable): " + ", ".join(DESIGN_SETTINGS) + "." in help_text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| setting | default | allowed |") :].split("\n\n")[0]
    assert [line.split("`")[1] for line in table.splitlines()[2:]] == list(DESIGN_SETTINGS)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("render F/seed.en.yaml --variant ", ["onepage", "research"]),
        ("render F/seed.zh.yaml --order education,p", ["education,projects", "education,publications"]),
        ("render F/photo.zh.yaml --hide ", ["summary", "education", "experience", "skills", "awards"]),
        ("render --theme c", ["classic"]),
        (
            "render --lang ",
            ["ar", "de", "en", "es", "fr", "he", "it", "ja", "ko", "nl", "pt", "pt-PT", "zh", "zh-HK", "zh-TW"],
        ),
    ],
)
def test_the_shell_completes_values_from_the_file_at_hand(words: str, expected: list[str]) -> None:
    """What bash asks (click's completion protocol): variants and section keys come from the CV
    named on the line, themes and languages from what there is."""
    words = "resumetex " + words.replace("F/", "tests/fixtures/")
    env = {**os.environ, "_RESUMETEX_COMPLETE": "bash_complete", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    done = subprocess.run([sys.executable, "-m", "resumetex"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert [line.split(",", 1)[1] for line in done.stdout.splitlines()] == expected, done.stderr


def test_the_command_ends_with_all_its_output_and_its_exit_code(tmp_path: Path) -> None:
    """The command leaves without Python's teardown (os._exit): what it wrote to a pipe is still
    all there, and the exit code is the command's."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # pipes buffer

    def resumetex(*arguments: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "resumetex", *arguments]
        return subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp_path)

    source = FIXTURES / "seed.en.yaml"
    valid = resumetex("validate", str(source))
    assert valid.returncode == 0 and valid.stdout.startswith(f"{source}: valid (") and valid.stdout.endswith(")\n")
    missing = resumetex("validate", "nowhere.yaml")
    assert (missing.returncode, missing.stderr) == (1, "error: nowhere.yaml: no such file\n")
    assert resumetex("render", "--bogus").returncode == 2
    listed = resumetex("--help").stdout  # longer than any pipe's first write
    assert listed.startswith("Usage: resumetex") and listed.splitlines()[-1].lstrip().startswith("validate ")


def test_the_cycle_collector_is_off_for_one_command_and_on_for_those_that_run_on(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-off command leaves its memory to the exit; a watch or a build, which can run on
    for long, collects its cycles."""
    program = "import gc, resumetex; resumetex.command = lambda: print(gc.isenabled()); resumetex.run()"
    said = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert said.stdout == "False\n"

    import gc

    import resumetex.pipeline
    import resumetex.watch

    seen = []
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    monkeypatch.setattr(resumetex.watch, "watch", lambda *_, **__: seen.append(gc.isenabled()))
    monkeypatch.setattr(resumetex.pipeline, "build_all", lambda *_, **__: seen.append(gc.isenabled()) or sys.exit(0))
    try:
        for arguments in (["render", str(FIXTURES / "engineer.en.yaml"), "--watch"], ["build", "--out", str(tmp_path)]):
            gc.disable()
            runner.invoke(main, arguments)
    finally:
        gc.enable()
        for number, handler in handlers.items():  # the watch set its own
            signal.signal(number, handler)
    assert seen == [True, True]


def test_standard_input_cannot_be_watched() -> None:
    said = subprocess.run(
        [sys.executable, "-m", "resumetex", "render", "-", "--watch"],
        input="lang: en\nheader: {name: A}\nsections: []\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert said.returncode == 2
    assert "error: Invalid value for --watch: standard input is read once: watch a CV file" in said.stderr


def test_a_photo_no_output_can_place_stops_every_format_with_its_line(runner: CliRunner, tmp_path: Path) -> None:
    """A PDF named .jpg: Word's writer raised a traceback, and the PDF's engine an error
    about a file of its own; now one located line, and nothing written."""
    (tmp_path / "me.jpg").write_bytes(b"%PDF-1.7\n")
    source = tmp_path / "cv.yaml"
    source.write_text("header:\n  name: Test\n  photo: me.jpg\nsections: []\n", encoding="utf-8")
    result = runner.invoke(main, ["render", str(source), "-o", str(tmp_path / "cv.pdf"), "--format", "pdf,docx,html"])
    problem = "me.jpg is in PDF format, whatever its name says; save the photo as JPEG or PNG"
    assert (result.exit_code, result.output) == (1, f"error: {source}:3:10: header.photo: {problem}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.yaml", "me.jpg"]


@pytest.mark.parametrize("kind", ["JPEG", "WEBP", "HEIC"])
def test_a_photo_is_placed_in_every_format_whatever_its_suffix(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    """A JPEG named .png; a WebP, as a web page saves a photo, and an iPhone's HEIC, named .png
    too: they failed with 'save the photo as JPEG or PNG'."""
    import docx
    from PIL import Image

    if kind == "HEIC":  # 80 x 80 pixels, as an iPhone keeps them: turned by the file's own say
        (tmp_path / "me.png").write_bytes((FIXTURES / "photo.heic").read_bytes())
    else:
        with Image.open(FIXTURES / "photo.jpg") as image:
            image.save(tmp_path / "me.png", kind)
    source = tmp_path / "cv.yaml"
    source.write_text("header:\n  name: Test\n  photo: me.png\nsections: []\n", encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    result = runner.invoke(main, ["render", str(source), "-o", str(pdf), "--format", "pdf,docx,html"])
    assert result.exit_code == 0, result.output
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = ["80", "80"] if kind == "HEIC" else ["100", "132"]
    assert [[*line.split()[3:5], line.split()[8]] for line in images.splitlines()[2:]] == [[*size, "jpeg"]]
    word = docx.Document(str(tmp_path / "cv.docx"))
    assert [part.content_type for part in word.part.package.image_parts] == ["image/jpeg"]
    assert "data:image/jpeg;base64," in (tmp_path / "cv.html").read_text(encoding="utf-8")


def test_a_phones_photo_makes_a_small_file_that_does_not_say_where_it_was_taken(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A phone's 4,032 x 3,024 photo made a PDF, a page and a Word file of megabytes (portals
    refuse them), and its EXIF, with where the photo was taken, was in the PDF and the page."""
    import base64
    import re
    import zipfile

    from PIL import Image

    from test_photo import big_photo

    with Image.open(BytesIO(big_photo((4032, 3024), "JPEG"))) as image:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 50.0)}
        stored = BytesIO()
        image.save(stored, "JPEG", quality=92, exif=exif.tobytes())
    pdf = tmp_path / "cv.pdf"
    result = runner.invoke(
        main, ["render", str(photo_cv(tmp_path, stored.getvalue())), "-o", str(pdf), "--format", "pdf,html,docx"]
    )
    assert result.exit_code == 0, result.output
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[3:5] for line in images.splitlines()[2:]] == [["600", "450"]]
    page = (tmp_path / "cv.html").read_text(encoding="utf-8")
    [picture] = re.findall(r"base64,([^\"]+)", page)
    with zipfile.ZipFile(tmp_path / "cv.docx") as word:
        pictures = [word.read(name) for name in word.namelist() if name.startswith("word/media/")]
    for made in (pdf.read_bytes(), base64.b64decode(picture), *pictures):
        assert b"PhoneMaker" not in made and b"Exif" not in made
    assert len(stored.getvalue()) > 1_000_000
    assert max(path.stat().st_size for path in tmp_path.glob("cv.*")) < 250_000


def test_a_photo_cut_short_in_its_pixels_stops_the_render_at_its_line(runner: CliRunner, tmp_path: Path) -> None:
    """Whole as far as its headers go (validate reads no further), its picture data cut short:
    decoding it fails, at the photo's line, and nothing is written."""
    from test_photo import big_photo

    source = photo_cv(tmp_path, big_photo((400, 300), "JPEG")[:-3000])
    pdf = tmp_path / "cv.pdf"
    result = runner.invoke(main, ["render", str(source), "-o", str(pdf), "--format", "pdf,html"])
    problem = "me.jpg is a JPEG file cut short or damaged; save the photo again"
    assert (result.exit_code, result.output) == (1, f"error: {source}:3:10: header.photo: {problem}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.yaml", "me.jpg"]


def test_a_photo_larger_than_tex_can_measure_is_placed(runner: CliRunner, tmp_path: Path) -> None:
    """17,000 pixels long, at 72 dpi (no resolution in the file): longer than TeX's largest length,
    16,384 pt, so graphicx, which measures the picture before scaling it, stopped the render."""
    import struct
    import zlib

    def chunk(name: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))

    width, height = 20, 17_000
    rows = b"".join(b"\0" + b"\x1b\x4f\x8a" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    (tmp_path / "wide.png").write_bytes(png)
    source = tmp_path / "cv.yaml"
    source.write_text("header:\n  name: Test\n  photo: wide.png\nsections: []\n", encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    result = runner.invoke(main, ["render", str(source), "-o", str(pdf)])
    assert (result.exit_code, result.output) == (0, f"wrote {pdf}\n")
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[3:5] for line in images.splitlines()[2:]] == [["20", "17000"]]


def photo_cv(folder: Path, photo: bytes) -> Path:
    """A CV of a name and `photo`, in `folder`."""
    (folder / "me.jpg").write_bytes(photo)
    source = folder / "cv.yaml"
    source.write_text("header:\n  name: Test\n  photo: me.jpg\nsections: []\n", encoding="utf-8")
    return source


def placed_photo(runner: CliRunner, folder: Path, photo: bytes) -> tuple[Path, dict[str, float]]:
    """The PDF of a CV with `photo`, and where the photo is on its page (pdfplumber's points)."""
    import pdfplumber

    pdf = folder / "cv.pdf"
    assert runner.invoke(main, ["render", str(photo_cv(folder, photo)), "-o", str(pdf)]).exit_code == 0
    with pdfplumber.open(pdf) as document:
        [image] = document.pages[0].images
    return pdf, image


@pytest.mark.parametrize("orientation", sorted(SHOWN_AT))
def test_a_photo_is_shown_as_its_exif_orientation_says_in_the_pdf(
    runner: CliRunner, tmp_path: Path, orientation: int
) -> None:
    """Turned and mirrored (a front camera's photo), as a browser shows it."""
    from PIL import Image

    pdf, image = placed_photo(runner, tmp_path, marked_photo(orientation))
    x0, top, x1, bottom = (round(image[k] * 150 / 72) for k in ("x0", "top", "x1", "bottom"))  # at 150 dpi
    inside = ["-x", str(x0 + 2), "-y", str(top + 2), "-W", str(x1 - x0 - 4), "-H", str(bottom - top - 4)]
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", *inside, str(pdf), str(tmp_path / "shown")], check=True
    )
    with Image.open(tmp_path / "shown.png") as shown:
        assert marks(shown) == SHOWN_AT[orientation]


def test_a_phones_sideways_photo_stands_upright_in_the_pdf(runner: CliRunner, tmp_path: Path) -> None:
    """A portrait kept as landscape pixels with EXIF orientation 6 (turn 90° clockwise), as
    phones save them: the browser turns it, and the PDF showed it on its side."""
    from test_photo import JPEG, with_orientation

    _, image = placed_photo(runner, tmp_path, with_orientation(JPEG, 6))  # 100 x 132 pixels: shown 132 x 100
    width, height = image["x1"] - image["x0"], image["bottom"] - image["top"]
    assert width == pytest.approx(2.5 / 2.54 * 72, abs=0.1)  # the photo's width, turned
    assert height == pytest.approx(width * 100 / 132, abs=0.2)


def test_validate_reads_standard_input_once(runner: CliRunner) -> None:
    """The checks after the schema's (Chinese punctuation, empty sections) read what was read,
    not standard input a second time (that ended in a traceback); --fix wants a file."""
    chinese = 'header: {name: 李明}\nsections: [{key: a, kind: bullets, title: 奖项, entries: ["获得一等奖,很好"]}]\n'
    result = runner.invoke(main, ["validate", "-"], input=chinese)
    assert (result.exit_code, result.stdout) == (0, "-: valid (1 section, 1 entry)\n")
    assert result.stderr == "warning: -:2:63: sections[0].entries[0]: half-width `,` in Chinese text; use `，`\n"
    fixing = runner.invoke(main, ["validate", "--fix", "-"], input=chinese)
    assert fixing.exit_code != 0 and "--fix mends a file in place; give its path" in fixing.stderr


def test_a_heading_with_nothing_under_it_is_not_printed_and_validate_says_so(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: en\nheader: {name: A}\nsections:\n"
        "  - {key: awards, kind: entries, title: Awards, entries: []}\n"
        "  - key: p\n    kind: projects\n    title: Projects\n    entries:\n"
        "      - {title: X, groups: [{heading: Results, bullets: []}, {heading: Method, bullets: [Did it]}]}\n",
        encoding="utf-8",
    )
    checked = CliRunner().invoke(main, ["validate", str(source)])
    assert checked.stderr.splitlines() == [
        f"warning: {source}:4:5: sections[0]: the section `awards` has no entries, so it is not printed",
        f"warning: {source}:9:29: sections[1].entries[0].groups[0]: `Results` has no points, so it is not printed",
    ]
    text = pdf_text(render(tmp_path, source, order=("awards", "p")))  # (still a key --order may name)
    assert "Awards" not in text and "Results" not in text and "Method" in text


def test_empty_standard_input_says_how_to_start_a_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "-", "-o", str(tmp_path / "x.pdf")], input="")
    assert result.exit_code == 1
    assert result.stderr == 'error: -: standard input is empty; start a CV with: resumetex new "Your Name" -o cv.yaml\n'


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        (["new", "A B", "-o", "-"], "'-o' / '--output'"),
        (["render", str(FIXTURES / "seed.en.yaml"), "-o", "-"], "'-o' / '--output'"),
        (["render", str(FIXTURES / "seed.en.yaml"), "--format", "txt", "-o", "-"], "'-o' / '--output'"),
        (["render", str(FIXTURES / "seed.en.yaml"), "--tex", "-"], "'--tex'"),
        (["import", str(ROOT / "tests" / "samples" / "jsonresume.sample.json"), "-o", "-"], "'-o' / '--output'"),
    ],
)
def test_a_dash_for_an_output_is_refused_not_a_file_named_dash(
    arguments: list[str], option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` wrote a file named `-` (then `next: ... resumetex render -`, which reads standard input)."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, arguments)
    said = f"Invalid value for {option}: this command writes files, not standard output; give a file or a folder\n"
    assert (result.exit_code, result.output.endswith(said)) == (2, True), result.output
    assert list(tmp_path.iterdir()) == []


def test_the_schema_to_a_dash_is_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["schema", "-o", "-"]).output == CliRunner().invoke(main, ["schema"]).output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["render", "new", "import x.json", "schema"])
def test_the_shell_completes_an_output_as_a_file(command: str) -> None:
    """-o takes a path: bash offers the files there (its `-` check kept its type)."""
    words = f"resumetex {command} -o "
    env = {**os.environ, "_RESUMETEX_COMPLETE": "bash_complete", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()))
    done = subprocess.run([sys.executable, "-m", "resumetex"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.stdout.splitlines() == ["file,"], done.stderr
