"""Chinese punctuation: what resumetex adds is full-width, `validate` finds half-width marks in
Chinese text where they are, and `validate --fix` mends the file and nothing else."""

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED_EN, pdf_text, render, squash
from resumetex.cli import main
from resumetex.load import load_cv
from resumetex.punctuation import fix, full_width

SAMPLE = ROOT / "tests" / "samples" / "punctuation.zh.yaml"  # also README's example
CV = SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("模型融合,推理模型", "模型融合，推理模型"),
        ("研究方向: 模型", "研究方向：模型"),
        ("模型;然后", "模型；然后"),
        ("真的!好?", "真的！好？"),
        ("在(基座)模型上", "在（基座）模型上"),
        ("优化方法 (WRPO),其核心", "优化方法（WRPO），其核心"),
        ("媲美 o3-mini;现阶段", "媲美 o3-mini；现阶段"),
        ("**最强的模型**, AIME24", "**最强的模型**，AIME24"),
        # English passages, numbers, times, URLs and links keep their marks.
        ("Evaluated on MT-Bench (English), Arena-Hard.", "Evaluated on MT-Bench (English), Arena-Hard."),
        ("下载 1,000 次", "下载 1,000 次"),
        ("时间:10:30", "时间:10:30"),
        ("见 https://a.cn/x,y 页面", "见 https://a.cn/x,y 页面"),
        ("[主页](https://x.io)中文", "[主页](https://x.io)中文"),
        ("ICLR 2025 (Oral)", "ICLR 2025 (Oral)"),
        ('获 2024 "天河之星"优秀应用奖', "获 2024 “天河之星”优秀应用奖"),
        ('the "Best Paper" award', 'the "Best Paper" award'),  # curled on the page, not in the file
    ],
)
def test_fix_makes_chinese_marks_full_width_and_leaves_the_rest(text: str, expected: str) -> None:
    assert fix(text) == expected


def test_autocorrect_is_asked_only_where_it_can_change_something() -> None:
    """Text with no half-width mark beside a non-ASCII character is kept without a call to
    autocorrect (see MAY_CHANGE): over thousands of strings of Chinese, Latin, digits, marks and
    spaces, that is exactly what autocorrect makes of them."""
    import random

    import autocorrect_py

    pick = random.Random(7)
    letters = ["中", "文", "。", "a", "B", "1", ",", ".", ":", ";", "!", "?", " ", "(", '"', "*", "/", "\n"]
    texts = ["".join(pick.choices(letters, k=pick.randint(1, 12))) for _ in range(5000)]
    assert [full_width(text) for text in texts] == [autocorrect_py.format(text) for text in texts]
    assert sum(full_width(text) != text for text in texts) > 500  # the rule did change many


@pytest.fixture
def chinese_cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.yaml"
    path.write_bytes(CV.replace("\n", "\r\n").encode())  # written on Windows
    path.chmod(0o640)
    return path


def test_validate_warns_at_each_half_width_mark(chinese_cv: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(chinese_cv)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    at = f"warning: {chinese_cv}"
    assert warnings == [
        f"{at}:9:19: sections[0].summary: half-width `(` in Chinese text; use `（`",
        f"{at}:9:24: sections[0].summary: half-width `)` in Chinese text; use `）`",
        f"{at}:9:25: sections[0].summary: half-width `,` in Chinese text; use `，`",
        f"{at}:9:32: sections[0].summary: half-width `;` in Chinese text; use `；`",
        f"{at}:11:25: sections[0].entries[0].title: half-width `:` in Chinese text; use `：`",
        f"{at}:13:37: sections[0].entries[0].bullets[0]: half-width `,` in Chinese text; use `，`",
        f"{at}: `resumetex validate --fix {chinese_cv}` makes these 6 marks full-width",
    ]
    assert result.stdout == f"{chinese_cv}: valid (2 sections, 2 entries)\n"


def test_fix_mends_the_chinese_text_and_nothing_else(chinese_cv: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--fix", str(chinese_cv)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{chinese_cv}: valid (2 sections, 2 entries); made 6 marks full-width\n"
    expected = (
        CV.replace("提出方法 (WRPO),显著提升性能;成果", "提出方法（WRPO），显著提升性能；成果")
        .replace('"FuseChat: 对话模型融合"', '"FuseChat：对话模型融合"')
        .replace("10.5%,达到", "10.5%，达到")
        .replace("\n", "\r\n")
    )
    assert chinese_cv.read_bytes() == expected.encode()  # comments, lists, English, titles of papers kept
    assert chinese_cv.stat().st_mode & 0o777 == 0o640
    cv = load_cv(chinese_cv)
    assert cv.sections[0].summary == "提出方法（WRPO），显著提升性能；成果发表于 ICLR"
    again = CliRunner().invoke(main, ["validate", str(chinese_cv)])
    assert again.exit_code == 0 and "warning" not in again.stderr
    assert os.listdir(chinese_cv.parent) == ["cv.yaml"]  # no staging file left


@pytest.mark.parametrize(("mark", "encoding"), [(codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")])
def test_fix_writes_the_file_back_in_its_own_encoding(mark: bytes, encoding: str, tmp_path: Path) -> None:
    """A file Notepad saved as "Unicode" (UTF-16 with its mark), or as UTF-8 with a mark, stays so."""
    path = tmp_path / "cv.yaml"
    path.write_bytes(mark + CV.encode(encoding))
    result = CliRunner().invoke(main, ["validate", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    expected = CV.replace("10.5%,达到", "10.5%，达到").replace('"FuseChat: 对话模型融合"', '"FuseChat：对话模型融合"')
    expected = expected.replace("提出方法 (WRPO),显著提升性能;成果", "提出方法（WRPO），显著提升性能；成果")
    assert path.read_bytes() == mark + expected.encode(encoding)


def test_fix_through_a_link_mends_the_file_it_names_and_keeps_the_link(chinese_cv: Path, tmp_path: Path) -> None:
    """A CV kept elsewhere (dotfiles, a synced folder) and linked in: the link was replaced by a
    mended copy, and the file itself left as it was."""
    (tmp_path / "project").mkdir()
    link = tmp_path / "project" / "cv.yaml"
    link.symlink_to(chinese_cv)
    result = CliRunner().invoke(main, ["validate", "--fix", str(link)])
    assert result.exit_code == 0 and "made 6 marks" in result.stdout, result.output
    assert link.is_symlink() and link.resolve() == chinese_cv.resolve()
    assert "提出方法（WRPO）" in chinese_cv.read_text(encoding="utf-8")
    assert chinese_cv.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["cv.yaml", "project"]  # staged beside the file, and gone
    assert os.listdir(tmp_path / "project") == ["cv.yaml"]


def test_an_english_cv_is_neither_warned_about_nor_changed(tmp_path: Path) -> None:
    english = tmp_path / "cv.en.yaml"
    english.write_bytes(SEED_EN.read_bytes())
    result = CliRunner().invoke(main, ["validate", "--fix", str(english)])
    assert result.exit_code == 0 and "warning" not in result.stderr and "made" not in result.stdout
    assert english.read_bytes() == SEED_EN.read_bytes()


def test_a_failed_write_leaves_the_file_as_it_was(chinese_cv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = chinese_cv.read_bytes()

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("resumetex.punctuation.os.replace", full_disk)
    result = CliRunner().invoke(main, ["validate", "--fix", str(chinese_cv)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {chinese_cv}: cannot write it (No space left on device)\n"
    assert chinese_cv.read_bytes() == before and os.listdir(chinese_cv.parent) == ["cv.yaml"]


@pytest.mark.parametrize("theme", ["default", "classic"])
def test_the_words_resumetex_adds_are_full_width_in_both_themes(theme: str, tmp_path: Path) -> None:
    text = squash(pdf_text(render(tmp_path, theme=theme)))
    for label in ("导师：", "业务模型优化："):  # a label, and a bullet's lead-in
        assert label in text, (theme, label)
    assert not any(f"{label}:" in text for label in ("研究方向", "导师", "业务模型优化"))


def test_readmes_example_is_what_validate_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = f"$ resumetex validate {SAMPLE.relative_to(ROOT)}\n"
    shown = readme[readme.index(command) + len(command) :].split("```")[0].split("\n$ ")[0].splitlines()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate", str(SAMPLE.relative_to(ROOT))])
    assert result.exit_code == 0 and result.output.splitlines() == shown


def test_quotes_of_a_double_quoted_yaml_string_are_its_own(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text('lang: zh\nheader:\n  name: 杨子诡\n  headline: "获\\"天河之星\\"奖"\nsections: []\n')
    result = CliRunner().invoke(main, ["validate", "--fix", str(path)])
    assert result.exit_code == 0 and "made" not in result.stdout, result.output
    quoted = tmp_path / "plain.yaml"
    quoted.write_text('lang: zh\nheader:\n  name: 杨子诡\n  headline: 获"天河之星"奖\nsections: []\n')
    result = CliRunner().invoke(main, ["validate", "--fix", str(quoted)])
    assert result.exit_code == 0 and "made 2 marks" in result.stdout, result.output
    assert load_cv(quoted).header.headline == "获“天河之星”奖"


def test_a_traditional_chinese_cv_quotes_in_corner_brackets(tmp_path: Path) -> None:
    """Taiwan's and Hong Kong's quotation marks are 「」: `validate` names them, `--fix` writes
    them, and a render prints them where the file still has typewriter quotes."""
    path = tmp_path / "cv.yaml"
    path.write_text(
        "lang: zh-TW\nheader: {name: 林怡君}\nsections:\n  - key: a\n    kind: bullets\n    title: 榮譽\n"
        '    entries:\n      - 獲選為"年度傑出工程師"\n',
        encoding="utf-8",
    )
    assert "「年度傑出工程師」" in pdf_text(render(tmp_path, path))
    warned = CliRunner().invoke(main, ["validate", str(path)])
    assert f'{path}:8:12: sections[0].entries[0]: half-width `"` in Chinese text; use `「`' in warned.stderr
    assert CliRunner().invoke(main, ["validate", "--fix", str(path)]).exit_code == 0
    assert "獲選為「年度傑出工程師」" in path.read_text(encoding="utf-8")
