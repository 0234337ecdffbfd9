"""Text longer than any résumé needs still renders whole, and in time that grows with its length:
TeX's line buffer, xeCJK's per-paragraph cost and the cache key's scan of the file are all bounded."""

import subprocess
import sys
import unicodedata
from itertools import pairwise
from pathlib import Path

import pdfplumber
from hypothesis import given
from hypothesis import strategies as st

from conftest import body_text, render, squash
from resumetex.inline import Run
from resumetex.markup import PARAGRAPH_PIECE, escape, pieces, prose

SENTENCE = "大模型推理能力研究，包括 GPT-4 与 Llama 3 的对比实验；"


def paragraph_cv(folder: Path, name: str, text: str, lang: str = "zh") -> Path:
    source = folder / f"{name}.yaml"
    source.write_text(
        f"lang: {lang}\nheader:\n  name: Test Person\nsections:\n"
        f'  - key: summary\n    kind: text\n    title: Summary\n    entries:\n      - "{text}"\n',
        encoding="utf-8",
    )
    return source


def test_long_text_ends_its_source_lines_where_nothing_changes() -> None:
    for text in ("word " * 3000, "研究" * 3000, SENTENCE * 200):
        latex = escape(text)
        assert max(len(line) for line in latex.splitlines()) <= 1010  # TeX reads at most 200 000
        assert latex.replace("%\n", "") == text  # the line ends are comments: no space is added


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["研究能力，", "word ", "x" * 40, "链接 ", " ", "（注）", "10\u202f000", "a\u00a0b "]),
            st.integers(1, 400),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_pieces_keep_every_character_and_style_in_order(parts: list[tuple[str, int, bool]]) -> None:
    inline = tuple(Run(text * count, bold=bold) for text, count, bold in parts)
    cut = list(pieces(inline))
    assert [(c, run.bold) for piece in cut for run in piece for c in run.text] == [
        (c, run.bold) for run in inline for c in run.text
    ]
    for piece, after in pairwise(cut):  # cut at the first place a line may end after the mark
        text, following = "".join(run.text for run in piece), "".join(run.text for run in after)
        assert len(text) > PARAGRAPH_PIECE and may_end(text[-1], following[0])
        assert not any(
            may_end(a, b) for a, b in zip(text[PARAGRAPH_PIECE:-1], text[PARAGRAPH_PIECE + 1 :], strict=True)
        )


def may_end(before: str, after: str) -> bool:
    """Whether a line may end between `before` and `after`: after a space that breaks, or between
    two East Asian letters (never before 。 or （'s closing mark, after （, or at a no-break space)."""
    if before.isspace():
        return before not in "\u00a0\u202f\u2007"
    letters = before + after
    return letters.isalpha() and all(unicodedata.east_asian_width(c) in "WF" for c in letters)


def test_a_long_chinese_paragraph_is_set_as_one_with_every_line_full(tmp_path: Path) -> None:
    text = SENTENCE * 250  # 9 000 characters: four pieces
    assert prose((Run(text),)).count(r"\cvjoin{}") >= 3
    pdf = render(tmp_path, paragraph_cv(tmp_path, "long", text))
    assert squash(text) in squash(body_text(pdf))
    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()]
        right = max(line["x1"] for line in lines)
        body = [line for line in lines if "大模型" in line["text"] or "Llama" in line["text"]]
        short = [line["text"] for line in body[:-1] if line["x1"] < right - 10]
    assert len(body) > 100 and short == []  # no piece ends in a short line: the joins do not show


def test_a_200k_character_english_paragraph_renders(tmp_path: Path) -> None:
    text = " ".join(f"word{i % 97}" for i in range(30_000))  # 200 000 characters on one YAML line
    pdf = render(tmp_path, paragraph_cv(tmp_path, "long", text, lang="en"))
    assert squash(text) in squash(body_text(pdf))


def test_a_420_kb_chinese_file_renders_within_the_engine_time(tmp_path: Path) -> None:
    source = paragraph_cv(tmp_path, "big", "研究大模型的推理能力，" * 12_700)
    assert 400_000 < source.stat().st_size < 1_000_000
    done = subprocess.run(
        [sys.executable, "-m", "resumetex", "render", str(source), "-o", str(tmp_path / "big.pdf"), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,  # the time one engine run is allowed; before, the key's file scan alone took minutes
    )
    assert done.returncode == 0, done.stderr
    assert squash(body_text(tmp_path / "big.pdf")).count("推理能力") == 12_700
