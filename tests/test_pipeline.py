"""End to end on the real résumé: what a reader finds in the PDF."""

import subprocess
from pathlib import Path

import pytest

from conftest import is_bold, pdf_text, render, squash, visible_strings
from resumetex.model import CV
from resumetex.pipeline import default_output, default_source

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


def test_order_and_hide_change_the_pdf(tmp_path: Path) -> None:
    pdf = render(tmp_path, order=("publications", "research"), hide=("education",))
    assert title_order(pdf) == ["发表论文", "科研经历", "实习经历", "项目经历"]
    assert "中山大学" not in pdf_text(pdf)


def test_emphasize_sets_exactly_the_term_in_bold(tmp_path: Path) -> None:
    pdf = render(tmp_path, emphasize=("DAPO", "L1.5"))
    assert is_bold(pdf, "DAPO") == [True]
    assert is_bold(pdf, "L1.5") == [True]
    assert not any(is_bold(pdf, "算法"))  # the words around it stay regular


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
