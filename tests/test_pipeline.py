"""End to end on the real résumé: what a reader finds in the PDF."""

import os
import subprocess
from pathlib import Path

import pytest

from conftest import SEED_EN, is_bold, pdf_text, render, squash, visible_strings
from resumetex.model import CV
from resumetex.pipeline import RenderRequest, build_date, default_output, prepare, render_pdf
from resumetex.source import default_source

TITLES = ["教育背景", "实习经历", "科研经历", "项目经历", "发表论文"]


def title_order(pdf: Path) -> list[str]:
    """The section titles in the order a reader meets them (a title is a line of its own)."""
    return [line.strip() for line in pdf_text(pdf).splitlines() if line.strip() in TITLES]


def test_every_string_of_the_data_is_in_the_pdf(seed_cv: CV, seed_pdf: Path) -> None:
    text = squash(pdf_text(seed_pdf))
    strings = visible_strings(seed_cv)
    assert len(strings) > 150  # the walk really found the résumé
    missing = [s for s in strings if squash(s) not in text]
    assert missing == []


def test_sections_in_the_seeds_order(seed_pdf: Path) -> None:
    assert title_order(seed_pdf) == TITLES


def test_header_and_extraction_fix(seed_pdf: Path) -> None:
    text = pdf_text(seed_pdf)
    for expected in ("杨子诡", "19924680829", "yangzy39@mail2.sysu.edu.cn", "yangzy39.github.io", "至今"):
        assert expected in text
    assert "Qwen-Doc" in text and "QwenLong-L1-32B" in text
    assert "Owen" not in text


def test_fonts_are_embedded_and_cjk_is_noto(seed_pdf: Path) -> None:
    rows = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True, check=True).stdout
    fonts = rows.splitlines()[2:]
    assert fonts, rows
    assert all(row.split()[-5] == "yes" for row in fonts), rows  # the `emb` column
    assert any("NotoSerifCJK" in row for row in fonts)


def test_seed_bold_and_owner_name_bold_by_default(seed_pdf: Path) -> None:
    assert all(is_bold(seed_pdf, "基于偏好优化的隐式模型融合"))
    assert all(is_bold(seed_pdf, "最强的32B推理模型"))
    assert is_bold(seed_pdf, "ZiyiYang") == [True] * 7
    assert not any(is_bold(seed_pdf, "DAPO"))


def test_bold_italic_chinese_is_bold(tmp_path: Path) -> None:
    """Chinese has no italic face: its italic is the upright face, and its bold italic the bold one."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: zh\nheader: {name: 王小明}\nsections:\n  - {key: summary, kind: text, title: 简介, entries: "
        "['普通文字，***粗斜体中文***，*斜体中文*，**粗体中文**，***Bold italic***。']}\n",
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    assert is_bold(pdf, "粗斜体中文") == [True] and is_bold(pdf, "粗体中文") == [True]
    assert is_bold(pdf, "Bolditalic") == [True]
    assert not any(is_bold(pdf, "斜体中文，")) and not any(is_bold(pdf, "普通文字"))


def test_order_and_hide_change_the_pdf(tmp_path: Path) -> None:
    pdf = render(tmp_path, order=("publications", "research"), hide=("education",))
    assert title_order(pdf) == ["发表论文", "科研经历", "实习经历", "项目经历"]
    assert "中山大学" not in pdf_text(pdf)


def test_emphasize_sets_exactly_the_term_in_bold(tmp_path: Path) -> None:
    pdf = render(tmp_path, emphasize=("DAPO", "L1.5"))
    assert is_bold(pdf, "DAPO") == [True]
    assert is_bold(pdf, "L1.5") == [True]
    assert not any(is_bold(pdf, "算法"))  # the words around it stay regular


EMPHASIZED = """lang: en
header: {name: Jane Doe}
emphasize: [DAPO]
variants:
  short: {emphasize: [Qwen]}
sections:
  - {key: summary, kind: text, title: Summary, entries: [We trained DAPO on Qwen models.]}
"""


def test_the_files_emphasize_list_is_bold_wherever_it_appears(tmp_path: Path) -> None:
    """As RenderCV's bold_keywords: the file's own terms, without --emphasize on every run."""
    source = tmp_path / "cv.yaml"
    source.write_text(EMPHASIZED, encoding="utf-8")
    pdf = render(tmp_path, source)
    assert (is_bold(pdf, "DAPO"), is_bold(pdf, "Qwen"), is_bold(pdf, "trained")) == ([True], [False], [False])


@pytest.mark.parametrize(
    ("options", "bold"),
    [
        ({}, ["DAPO"]),
        ({"variant": "short"}, ["Qwen"]),  # a variant's list replaces the file's
        ({"variant": "short", "emphasize": ("trained",)}, ["trained"]),  # and the command line's both
        ({"file_emphasis": False}, []),  # the file's own emphasis, all of it, is off
    ],
)
def test_the_files_emphasize_list_gives_way_as_a_variants_settings_do(
    tmp_path: Path, options: dict[str, object], bold: list[str]
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(EMPHASIZED, encoding="utf-8")
    document = prepare(RenderRequest(source=source, **options)).document  # type: ignore[arg-type]
    [summary] = document.sections[0].blocks
    assert [run.text for run in summary.text if run.bold] == bold  # type: ignore[union-attr]


def test_no_file_emphasis_turns_the_files_bold_off(tmp_path: Path) -> None:
    pdf = render(tmp_path, file_emphasis=False)
    assert not any(is_bold(pdf, "基于偏好优化的隐式模型融合研究问题"))
    assert not any(is_bold(pdf, "ZiyiYang,FanqiWan"))
    assert "**" not in pdf_text(pdf)


def test_tex_source_rebuilds_the_same_pdf(tmp_path: Path) -> None:
    tex = tmp_path / "src" / "cv.tex"
    pdf = render(tmp_path, tex=tex)
    assert (tex.parent / "resumetex.sty").exists()
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"],
        cwd=tex.parent,
        check=True,
        capture_output=True,
    )
    assert pdf_text(tex.parent / "cv.pdf") == pdf_text(pdf)


def test_the_owners_file_is_the_default_source() -> None:
    assert default_source(None) == Path("data/cv.zh.yaml") and default_source("en") == Path("data/cv.en.yaml")


@pytest.mark.parametrize(
    "source, variant, output",
    [
        ("data/cv.zh.yaml", None, "build/cv.zh.pdf"),
        ("my-cv.yaml", None, "build/my-cv.pdf"),
        ("cvs/jane.yml", "onepage", "build/jane.onepage.pdf"),
        ("-", None, "build/stdin.pdf"),
    ],
)
def test_output_names_follow_the_input(source: str, variant: str | None, output: str) -> None:
    assert default_output(Path(source), variant) == Path(output)


def test_the_build_date_runs_nothing_a_repositorys_config_names(tmp_path: Path) -> None:
    """git's log can be told to check signatures with any program; resumetex's git runs none."""
    marker = tmp_path / "ran"
    program = tmp_path / "gpg"
    program.write_text(f"#!/bin/sh\ntouch {marker}\n")
    program.chmod(0o755)
    source = tmp_path / "cv.yaml"
    source.write_text("header: {name: A}\nsections: []\n")
    git = ["git", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "config", "log.showSignature", "true"], check=True)
    subprocess.run([*git, "config", "gpg.program", str(program)], check=True)
    subprocess.run([*git, "add", "cv.yaml"], check=True)
    tree = subprocess.run([*git, "write-tree"], capture_output=True, text=True, check=True).stdout.strip()
    # A commit carrying a signature, so that showing signatures has something to verify.
    signed = (
        f"tree {tree}\nauthor t <t@t> 1700000000 +0000\ncommitter t <t@t> 1700000000 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n -----END PGP SIGNATURE-----\n\nsigned\n"
    )
    made = subprocess.run(
        [*git, "hash-object", "-t", "commit", "-w", "--stdin"], input=signed, capture_output=True, text=True, check=True
    )
    subprocess.run([*git, "update-ref", "HEAD", made.stdout.strip()], check=True)
    subprocess.run([*git, "log", "-1"], capture_output=True)  # git itself runs the program here
    assert marker.exists()
    marker.unlink()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert build_date(source) == 1700000000
    assert not marker.exists()


def test_what_is_cached_is_what_this_render_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another render replacing the shared output right after this one published must not put
    its PDF under this render's key."""
    import resumetex.pipeline as pipeline

    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    output = tmp_path / "shared.pdf"
    real_publish = pipeline.publish

    def publish_then_overwritten(made: Path, target: Path) -> None:
        real_publish(made, target)
        target.write_bytes(b"%PDF-1.5 another render's PDF")

    monkeypatch.setattr(pipeline, "publish", publish_then_overwritten)
    render_pdf(RenderRequest(source=SEED_EN, output=output))
    monkeypatch.undo()
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    again = render_pdf(RenderRequest(source=SEED_EN, output=tmp_path / "again.pdf"))
    assert again.cached and "Ziyi Yang" in pdf_text(tmp_path / "again.pdf")


def test_an_edit_during_a_render_cannot_poison_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key and the CV come from one read of the file: an edit while rendering changes neither."""
    import resumetex.pipeline as pipeline

    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "cv.yaml"
    source.write_text("header: {name: Before Edit}\nsections: []\n")
    real_prepare = pipeline.prepare

    def prepare_after_an_edit(request: RenderRequest, raw: bytes | None = None) -> object:
        source.write_text("header: {name: After Edit}\nsections: []\n")
        return real_prepare(request, raw)

    monkeypatch.setattr(pipeline, "prepare", prepare_after_an_edit)
    render_pdf(RenderRequest(source=source, output=tmp_path / "a.pdf"))
    assert "Before Edit" in pdf_text(tmp_path / "a.pdf")
    monkeypatch.undo()
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    render_pdf(RenderRequest(source=source, output=tmp_path / "b.pdf"))
    assert "After Edit" in pdf_text(tmp_path / "b.pdf")  # not the cached PDF of the old text


def test_a_cv_in_no_repository_is_dated_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its modification time, as git would have left it, without the 5 ms of running git on each
    re-render; in a repository, or a worktree (whose .git is a file), git is asked."""
    from types import SimpleNamespace

    import resumetex.pipeline as pipeline

    source = tmp_path / "cv.yaml"
    source.write_text("header: {name: A}\nsections: []\n")
    os.utime(source, (1600000000, 1600000000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)
    ran: list[object] = []
    monkeypatch.setattr(pipeline.subprocess, "run", lambda *a, **k: ran.append(a) or SimpleNamespace(stdout=""))
    assert tmp_path.resolve().parents[-1] == Path("/") and not pipeline.in_repository(tmp_path)
    assert build_date(source) == 1600000000 and ran == []
    (tmp_path / ".git").write_text("gitdir: /elsewhere\n")  # a worktree's
    assert pipeline.in_repository(tmp_path / "sub")
    assert build_date(source) == 1600000000 and ran  # asked (and its answer, none, read as none)


def test_a_commit_time_is_kept_for_the_commit_checked_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git's log, which walks the history, runs again only when another commit is checked out;
    and always in a shallow clone, whose history a fetch can deepen under the same commit."""
    import resumetex.pipeline as pipeline

    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)
    project = tmp_path / "cvs"
    project.mkdir()
    source = project / "cv.yaml"

    def commit(name: str, text: str, when: int, folder: Path = project) -> None:
        (folder / name).write_text(text)
        subprocess.run(["git", "-C", str(folder), "add", name], check=True)
        stamp = {"GIT_COMMITTER_DATE": f"{when} +0000", "GIT_AUTHOR_DATE": f"{when} +0000"}
        who = ["-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run(["git", "-C", str(folder), *who, "commit", "-qm", name], check=True, env={**os.environ, **stamp})

    subprocess.run(["git", "init", "-q", str(project)], check=True)
    commit("cv.yaml", "header: {name: A}\n", 1600000000)
    logs: list[object] = []
    real_git = pipeline.git
    monkeypatch.setattr(pipeline, "git", lambda folder, *command: logs.append(command[0]) or real_git(folder, *command))
    assert [build_date(source), build_date(source)] == [1600000000, 1600000000]
    assert logs.count("log") == 1
    commit("cv.yaml", "header: {name: B}\n", 1700000000)
    assert build_date(source) == 1700000000
    # A replacement object would give the same commit another history (and another answer)
    subprocess.run(["git", "-C", str(project), "replace", "HEAD", "HEAD~1"], check=True)
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "another cache"))
    assert build_date(source) == 1700000000
    commit("notes.txt", "not the CV", 1750000000)
    assert build_date(source) == 1700000000 and logs.count("log") == 4
    commit("cv.en.yaml", "header: {name: C}\n", 1760000000)
    assert [build_date(source), build_date(project / "cv.en.yaml")] == [1700000000, 1760000000]
    (project / "sub").mkdir()
    commit("sub/cv.yaml", "header: {name: D}\n", 1770000000)  # the same name in another folder
    assert [build_date(source), build_date(project / "sub" / "cv.yaml")] == [1700000000, 1770000000]
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(shallow)], check=True)
    logs.clear()
    assert [build_date(shallow / "cv.yaml"), build_date(shallow / "cv.yaml")] == [1770000000, 1770000000]
    assert logs.count("log") == 2
