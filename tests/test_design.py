"""Each design setting, from the file or from --design, changes what the PDF shows."""

import json
import re
import subprocess
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SEED_ZH, pdf_text, render, squash, visible_strings
from resumetex.cli import main
from resumetex.load import load_cv
from resumetex.pipeline import RenderRequest, render_pdf
from resumetex.themes import themes


def title_chars(pdf: Path, title: str = "教育背景") -> list[dict]:  # type: ignore[type-arg]
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
    text = "".join(c["text"] for c in chars)
    start = text.index(title)
    return chars[start : start + len(title)]


def body_size(pdf: Path) -> float:
    with pdfplumber.open(pdf) as document:
        sizes = [round(c["size"], 2) for c in document.pages[0].chars]
    return max(set(sizes), key=sizes.count)


def left_edge(pdf: Path) -> float:
    with pdfplumber.open(pdf) as document:
        return min(c["x0"] for c in document.pages[0].chars)


def line_gap(pdf: Path) -> float:
    """The usual distance between two lines of text on page 1 (between the baselines of body
    characters that follow one another), that is the line distance inside paragraphs."""
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
        size = max({round(c["size"], 1) for c in chars}, key=[round(c["size"], 1) for c in chars].count)
        baselines = sorted({round(c["matrix"][5], 1) for c in chars if round(c["size"], 1) == size})
    steps = [round(b - a, 1) for a, b in pairwise(baselines)]
    return max(set(steps), key=steps.count)


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("design"))


def test_accent_colour_is_drawn(default_pdf: Path, tmp_path: Path) -> None:
    red = render(tmp_path, design=(("accent", "#CC0000"),))
    assert title_chars(red)[0]["non_stroking_color"] == pytest.approx((0.8, 0, 0), abs=0.01)
    assert title_chars(default_pdf)[0]["non_stroking_color"] == pytest.approx(
        (0x1B / 255, 0x4F / 255, 0x8A / 255), abs=0.01
    )


def test_font_size_changes_text_height(default_pdf: Path, tmp_path: Path) -> None:
    assert body_size(default_pdf) == pytest.approx(10, abs=0.05)
    assert body_size(render(tmp_path, design=(("font_size", "11.5"),))) == pytest.approx(11.5, abs=0.05)


def test_margin_moves_the_text(default_pdf: Path, tmp_path: Path) -> None:
    wide = render(tmp_path, design=(("margin", "2.5"),))
    assert left_edge(wide) - left_edge(default_pdf) == pytest.approx(72 / 2.54, abs=1)  # 1 cm in points


def test_paper_size(tmp_path: Path) -> None:
    info = subprocess.run(
        ["pdfinfo", str(render(tmp_path, design=(("paper", "letter"),)))], capture_output=True, text=True
    )
    assert "612 x 792 pts (letter)" in info.stdout


def test_line_spacing(default_pdf: Path, tmp_path: Path) -> None:
    loose = render(tmp_path, design=(("line_spacing", "1.8"),))
    assert line_gap(default_pdf) == pytest.approx(14.5, abs=0.3)
    assert line_gap(loose) == pytest.approx(18, abs=0.3)


def test_link_style(default_pdf: Path, tmp_path: Path) -> None:
    def tag_colour(pdf: Path) -> object:
        return title_chars(pdf, "[Github]")[1]["non_stroking_color"]

    def rules(pdf: Path) -> int:
        with pdfplumber.open(pdf) as document:
            return len(document.pages[0].lines) + len(document.pages[0].rects)

    plain = render(tmp_path, design=(("links", "plain"),))
    assert tag_colour(default_pdf) != tag_colour(plain)
    underlined = render(tmp_path, design=(("links", "underline"),))
    assert rules(underlined) > rules(default_pdf)  # a rule under each link tag


def test_date_format(tmp_path: Path) -> None:
    text = pdf_text(render(tmp_path, design=(("date_format", "month YYYY"),)))
    assert "2023 年 9 月" in text or "2023年9月" in text
    assert "2023.09" not in text


def test_classic_theme_sets_titles_in_the_serif_face_in_black(default_pdf: Path, tmp_path: Path) -> None:
    classic = render(tmp_path, theme="classic")
    assert all("Sans" in c["fontname"] for c in title_chars(default_pdf))
    assert all("Serif" in c["fontname"] for c in title_chars(classic))
    assert title_chars(classic)[0]["non_stroking_color"] in ((0,), (0, 0, 0), 0)


def test_every_theme_renders_the_whole_cv(tmp_path: Path) -> None:
    for theme in themes():
        text = squash(pdf_text(render(tmp_path / theme, theme=theme)))
        assert [s for s in visible_strings(load_cv(SEED_ZH)) if squash(s) not in text] == [], theme


def space_before(pdf: Path, before: str, after: str) -> float:
    """The blank between the last glyph of `before` and the first of `after`, where they meet."""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            at = "".join(c["text"] for c in chars).find(before + after) + len(before)
            if at >= len(before):
                return float(chars[at]["x0"] - chars[at - 1]["x1"])
    raise AssertionError(f"{before}{after} is not in {pdf}")


def test_justified_chinese_lines_do_not_stretch_only_the_spaces(default_pdf: Path) -> None:
    """A full line with long Latin words (…目标模型 Llama-3.1-8B-Instruct 提升) shares its stretch
    with the gaps between Chinese characters; ctex's default gave the spaces almost all of it (2x)."""
    natural = space_before(default_pdf, "成为", "AlpacaEval")  # on the paragraph's last line, unstretched
    assert space_before(default_pdf, "目标模型", "Llama") < 1.6 * natural


def lines_of(pdf: Path) -> list[list[dict]]:  # type: ignore[type-arg]
    """The characters of each line (by baseline), left to right, page after page."""
    lines = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            by_baseline: dict[int, list[dict]] = {}  # type: ignore[type-arg]
            for char in page.chars:
                by_baseline.setdefault(round(char["matrix"][5]), []).append(char)
            lines += [sorted(chars, key=lambda c: c["x0"]) for _, chars in sorted(by_baseline.items(), reverse=True)]
    return lines


def ideograph_gaps(line: list[dict]) -> list[float]:  # type: ignore[type-arg]
    """Each gap between two neighbouring Chinese characters of a line, in ems of their size."""
    gaps = []
    for a, b in pairwise(line):
        gap = (b["x0"] - a["x1"]) / a["size"]
        if "\u4e00" <= a["text"] <= "\u9fff" and "\u4e00" <= b["text"] <= "\u9fff" and gap < 0.3:
            gaps.append(gap)  # (wider gaps are a label's space by design)
    return gaps


@pytest.mark.parametrize("size", ["9", "10.5", "12"])
def test_no_chinese_line_is_letter_spaced(size: str, tmp_path: Path) -> None:
    """Gaps between ideographs stretch 0.04 em at most (at 12 pt ctex's default spread a line out
    by 0.2 em a gap, "融 合 模 型"). More only on a line TeX cannot fill otherwise: one whose next
    line starts with a Latin name too long to end it ("Llama-3.1-8B-Instruct"), which would
    else run past the margin."""
    pdf = render(tmp_path, design=(("font_size", size),))
    lines = lines_of(pdf)
    assert sum(len(ideograph_gaps(line)) for line in lines) > 1000
    for line, after in pairwise(lines):
        if max(ideograph_gaps(line), default=0) >= 0.08:
            following = re.match(r"[!-~]*", "".join(c["text"] for c in after)).group(0)  # type: ignore[union-attr]
            assert len(following) >= 12, "".join(c["text"] for c in line)  # a long Latin name starts the next
    text = pdf_text(pdf)
    assert "融合模型" in text and "平均性能" in text  # the text layer keeps the words whole


def test_a_url_stays_whole_and_inside_the_margin(tmp_path: Path) -> None:
    """项目地址：https://github.com/... at every place along a line. There was no break before a
    Latin name after a Chinese mark, only after a space, so ten of these ran past the margin (by up
    to 88 pt) and four were letter-spaced; and a URL could split at its 30th character, where a
    kern let TeX break for nothing. A word longer than the line still breaks, inside the margin."""
    filler = "负责前端工程化建设与组件库维护，推动团队采用统一的代码规范和自动化测试流程以提升交付质量"
    url = "https://github.com/0xLLLLH/resume-generator"
    bullets = [f"{filler[:n]}项目地址：{url}，基于 Vue.js 实现" for n in range(len(filler))]
    long_word = "Supercalifragilisticexpialidociously" + "extraordinaryunbreakablewordthatgoesonandonwithoutanyspaces"
    bullets.append(long_word + " done")
    source = tmp_path / "cv.yaml"
    section = {"key": "projects", "title": "项目", "kind": "bullets", "entries": bullets}
    source.write_text(json.dumps({"lang": "zh", "header": {"name": "张三"}, "sections": [section]}), encoding="utf-8")
    result = render_pdf(RenderRequest(source=source, output=tmp_path / "cv.pdf", use_cache=False))
    assert result.warnings == ()  # no line past the margin
    assert pdf_text(result.pdf).count(url) == len(filler)  # every URL on one line
    lines = lines_of(result.pdf)
    assert [line for line in lines if max(ideograph_gaps(line), default=0) >= 0.08] == []
    english = "Led the migration of the build system to a reproducible pipeline and wrote the guide"
    bullets = [f"{english[:n]} code at {url}, in Vue.js" for n in range(len(english))]
    section = {"key": "projects", "title": "Projects", "kind": "bullets", "entries": bullets}
    source.write_text(json.dumps({"lang": "en", "header": {"name": "Jane"}, "sections": [section]}), encoding="utf-8")
    result = render_pdf(RenderRequest(source=source, output=tmp_path / "en.pdf", use_cache=False))
    assert result.warnings == () and pdf_text(result.pdf).count(url) == len(english)  # moved down whole


def test_a_theme_of_your_own_from_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`theme new` starts one from the classic theme; an edit to it shows in the PDF and the HTML,
    and a render after the edit is not served from the cache."""
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["theme", "new", "mytheme"])
    assert made.exit_code == 0 and made.output.startswith("wrote mytheme/resumetex-theme.sty\n")
    again = CliRunner().invoke(main, ["theme", "new", "mytheme"])
    assert again.exit_code == 2 and "already exists" in again.output
    before = render(tmp_path / "a", design=(), theme="./mytheme", use_cache=True)
    assert sum(title_chars(before)[0]["non_stroking_color"]) == pytest.approx(0, abs=0.01)  # black, as classic
    sheet = tmp_path / "mytheme" / "resumetex-theme.sty"
    edited = sheet.read_text().replace("{HTML}{000000}", "{HTML}{8A1B1B}")
    edited = edited.replace(r"\large\rmfamily\bfseries #1", r"\large\rmfamily\bfseries\color{cvaccent} #1")
    assert edited.count("8A1B1B") == 1 and edited.count(r"\color{cvaccent} #1") == 1
    sheet.write_text(edited)  # titles in a dark red
    after = render(tmp_path / "b", theme="./mytheme", use_cache=True)
    assert title_chars(after)[0]["non_stroking_color"] == pytest.approx((0x8A / 255, 0x1B / 255, 0x1B / 255), abs=0.01)
    page = CliRunner().invoke(main, ["render", str(SEED_ZH), "--theme", "./mytheme", "--format", "html", "-o", "x.pdf"])
    assert page.exit_code == 0 and "--accent: #8A1B1B;" in (tmp_path / "x.html").read_text()
    missing = CliRunner().invoke(main, ["render", str(SEED_ZH), "--theme", "./nothere"])
    assert missing.exit_code == 2 and "no resumetex-theme.sty there" in missing.output


def headings(source: Path) -> tuple[set[str], set[str]]:
    """The section titles, and the entry titles and group headings, of a CV, without spaces."""
    cv = load_cv(source)
    sections = {squash(section.title) for section in cv.sections}
    entries = set()
    for section in cv.sections:
        for entry in section.entries:
            for field in ("title", "organization", "school"):
                if isinstance(getattr(entry, field, None), str):
                    entries.add(squash(getattr(entry, field)))
            entries.update(squash(group.heading) for group in getattr(entry, "groups", []))
    return sections, entries


MARGIN = 1.5 * 72 / 2.54  # the default margin, in pt (top and bottom: 0.8 of it)


@pytest.mark.parametrize("theme", ["default", "classic"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_size_and_spacing_keeps_the_layout_whole(lang: str, theme: str, tmp_path: Path) -> None:
    """Type 9-12 pt, spacing 0.3-2, margins 1-3 cm: no text outside the text block (the footer aside), no page
    ending with a section title, an entry's title row or a group heading (each keeps its first
    line; before, 9-10 pt left 项目经历/Projects alone at a page foot), and no last line holding
    one Chinese character alone (孤字)."""
    source = SEED_ZH.with_name(f"seed.{lang}.yaml")
    sections, entries = headings(source)
    for size, spacing, margin in (
        ("9", "0.3", 1.5),
        ("9", "2", 1),
        ("10.5", "1", 1.5),
        ("12", "0.3", 3),
        ("12", "2", 1.5),
    ):
        where = f"{size} pt, spacing {spacing}, margin {margin} cm"
        design = (("font_size", size), ("spacing", spacing), ("margin", str(margin)))
        pdf = render(tmp_path / where.replace(" ", ""), source, design=design, theme=theme)
        edge = margin * MARGIN / 1.5
        with pdfplumber.open(pdf) as document:
            for page in document.pages:
                body = [c for c in page.chars if c["top"] < page.height - 0.8 * edge]  # above the footer
                assert min(c["x0"] for c in page.chars) >= edge - 1, where
                assert max(map(ink_right, page.chars)) <= page.width - edge + 1, where
                baseline = max(page.height - c["matrix"][5] for c in body)  # (descenders may hang below)
                assert baseline <= page.height - 0.8 * edge + 1, where
                if page is not document.pages[-1]:
                    last = squash(page.extract_text_lines()[-1]["text"])
                    stranded = last in sections or any(last.startswith(title) for title in entries)
                    assert not stranded, f"{where}: page {page.page_number} ends with {last!r}"
        for line in lines_of(pdf):
            alone = re.sub(r"\W", "", "".join(c["text"] for c in line))
            assert not (len(alone) == 1 and "\u3400" <= alone <= "\u9fff"), f"{where}: {alone} alone on a line"


# Full-width closing marks, drawn in the left half of their square: at a line's end xeCJK sets
# them half-width, so the square's blank right half may reach into the margin.
CLOSING_MARKS = "，。、；：！？”’）」』》〉】"


def ink_right(char: dict[str, Any]) -> float:
    """Where a glyph's ink may end: its box's right edge; a closing mark's, half way."""
    box = float(char["x1"]) - float(char["x0"])
    return float(char["x0"]) + box / 2 if char["text"] in CLOSING_MARKS else float(char["x1"])


def footers(pdf: Path) -> list[str]:
    """The text below each page's text block (in the bottom margin), page by page."""
    with pdfplumber.open(pdf) as document:
        return [
            " ".join(w["text"] for w in page.extract_words() if w["top"] > page.height - 1.2 * 28.35)
            for page in document.pages
        ]


def test_pages_after_the_first_carry_the_name_and_page_of_total(default_pdf: Path, tmp_path: Path) -> None:
    assert footers(default_pdf) == ["", "杨子诡 2/2"]
    # Three pages: page 2 draws the total before the last page has set it, in the same single pass.
    longer = render(tmp_path, design=(("font_size", "12"), ("spacing", "2")))
    assert footers(longer) == ["", "杨子诡 2/3", "杨子诡 3/3"]


def test_a_one_page_cv_has_no_footer(tmp_path: Path) -> None:
    one = render(tmp_path, FIXTURES / "engineer.en.yaml")
    with pdfplumber.open(one) as document:
        assert len(document.pages) == 1
    assert footers(one) == [""]


def test_a_theme_of_ones_own_sets_its_own_faces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme may set its faces as LaTeX users do (fontspec's \\setmainfont, xeCJK's
    \\setCJKmainfont): the render and the --tex source compiled by hand both set the text in
    them. (The render set the theme's fonts at 0 pt and failed; once it ran, the default faces
    replaced them.)"""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["theme", "new", "faces"]).exit_code == 0
    sheet = tmp_path / "faces" / "resumetex-theme.sty"
    sheet.write_text(
        sheet.read_text()
        + "\\setmainfont{lmsans10-regular.otf}\n\\setCJKmainfont{NotoSansCJK-Regular.ttc}[FontIndex=2]\n"
        + "\\newfontfamily\\cvsymbolfont{lmsans10-bold.otf}\n"  # the bullets' face
    )
    result = CliRunner().invoke(
        main, ["render", str(SEED_ZH), "--theme", "./faces", "--no-cache", "--tex", "src/cv.tex", "-o", "cv.pdf"]
    )
    assert result.exit_code == 0, result.output
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "cv.tex"], cwd=tmp_path / "src", capture_output=True, check=True
    )
    for pdf in (tmp_path / "cv.pdf", tmp_path / "src" / "cv.pdf"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(face in fonts for face in ("LMSans10-Regular", "NotoSansCJKjp-Regular", "LMSans10-Bold")), fonts
        assert "NotoSerif-Regular" not in fonts and "NotoSerifCJK" not in fonts, fonts


def test_a_line_past_the_margin_is_named_and_never_fitted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The themes keep every line inside the text block; a theme of one's own may not (here the
    name in one unbreakable box). The render then warns, naming the line, and does not keep the
    PDF in the cache (the next render warns again); --max-pages refuses such a layout."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["theme", "new", "wide"]).exit_code == 0
    sheet = tmp_path / "wide" / "resumetex-theme.sty"
    sheet.write_text(sheet.read_text() + "\\renewcommand\\cvname[1]{{\\cv@fontat{2.2}\\mbox{#1 #1 #1}\\par}}\n")
    command = ["render", str(FIXTURES / "engineer.en.yaml"), "--theme", "./wide", "-o", "cv.pdf"]
    for _ in range(2):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0 and "reused" not in result.stdout, result.output
        assert re.fullmatch(
            r"warning: cv\.pdf: a line \d+\.\d pt past the margin: “(Sofia Álvarez-Nyström ){2}Sofia Álvarez-N…”\n",
            result.stderr,
        ), result.stderr
    fitted = CliRunner().invoke(main, [*command, "--max-pages", "1"])
    assert fitted.exit_code == 1
    assert "fits in 1 page only with a line" in fitted.stderr and "past the margin: “Sofia Álvarez" in fitted.stderr


def test_the_themes_keep_long_names_inside_the_margin(tmp_path: Path) -> None:
    """At 12 pt a Chinese line once ended 41 pt past the margin before a long Latin name
    ("Claude-3.7-Thinking"): the line now ends short before it instead, and no line is overfull."""
    result = CliRunner().invoke(
        main, ["render", str(SEED_ZH), "--design", "font_size=12", "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 0 and result.stderr == ""
    with pdfplumber.open(tmp_path / "x.pdf") as document:
        for page in document.pages:
            assert max(c["x1"] for c in page.chars) <= page.width - 1.5 * 72 / 2.54 + 1


def faces_of(pdf: Path, text: str) -> set[tuple[str, tuple[float, ...], float]]:
    """The (font, colour, size) of each character of the first occurrence of `text`."""
    with pdfplumber.open(pdf) as document:
        chars = [c for page in document.pages for c in page.chars if c["text"].strip()]
    flat = "".join(c["text"] for c in chars)
    at = flat.index(text)
    return {
        (c["fontname"].split("+")[-1], tuple(c["non_stroking_color"]), round(c["size"], 1))
        for c in chars[at : at + len(text)]
    }


@pytest.mark.parametrize("theme", ["default", "classic"])
def test_entries_groups_and_lead_ins_are_three_levels(theme: str, default_pdf: Path, tmp_path: Path) -> None:
    pdf = default_pdf if theme == "default" else render(tmp_path, theme=theme)
    title, heading, lead = (faces_of(pdf, text) for text in ("阿里通义实验室", "研究内容", "业务模型优化"))
    assert len(title) == len(heading) == len(lead) == 1
    assert title != heading != lead != title  # each its own face, colour or size
    assert "Bold" in next(iter(title))[0] and "Bold" in next(iter(lead))[0] and "Bold" not in next(iter(heading))[0]
    if theme == "default":
        assert "Sans" in next(iter(title))[0] and "Serif" in next(iter(lead))[0]


@pytest.mark.parametrize("theme", ["default", "classic"])
def test_a_date_or_place_with_no_room_goes_whole_to_a_line_of_its_own(theme: str, tmp_path: Path) -> None:
    """A role filling its line pushed its place to the next line cut in two ("Garmisch-
    Partenkirchen, Upper" / "Bavaria" at the left), and a name filling its line pushed its dates to
    the left of the next. Each now stands whole at the right margin, the role kept whole too."""
    role = "Principal Distinguished Senior Staff Machine Learning Infrastructure Engineer"
    entries = [{"organization": "Example", "role": role, "location": "Garmisch-Partenkirchen, Upper Bavaria"}]
    # names a letter longer each: some end where the dates have no room left on their line
    long_name = "Gesellschaft für Internationale Zusammenarbeit und Entwicklung der Bundesrepublik"
    entries += [{"organization": f"{long_name} {'W' * n}", "start": "Sep 2019"} for n in range(1, 25)]
    section = {"key": "x", "kind": "experience", "title": "Experience", "entries": entries}
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "T"}, "sections": [section]}), encoding="utf-8")
    pdf = render(tmp_path, source, theme=theme)
    with pdfplumber.open(pdf) as document:
        words = [w for page in document.pages for w in page.extract_words()]
        right = document.pages[0].width - 1.5 * 72 / 2.54  # the default design's margin

    def word(text: str) -> dict[str, Any]:
        return next(w for w in words if w["text"] == text)

    assert word("Garmisch-Partenkirchen,")["top"] == pytest.approx(word("Bavaria")["top"], abs=1)
    assert word("Bavaria")["x1"] == pytest.approx(right, abs=1)
    assert word("Principal")["top"] == pytest.approx(word("Engineer")["top"], abs=1)  # the role whole
    dates = [(at, w) for at, w in enumerate(words) if w["text"].startswith("2019.09")]
    assert len(dates) == 24 and all(w["x1"] == pytest.approx(right, abs=1) for _, w in dates)
    alone = [w for at, w in dates if w["top"] > words[at - 1]["top"] + 5]  # below the name's last word
    assert alone  # (the case this guards: on a line of its own)


def test_a_title_filling_its_line_without_dates_has_no_empty_line_after_it(english_pdf: Path) -> None:
    """The seed's QwenLong-L1 project: its title and link tags end a few points short of the margin."""
    after = {}  # from a project's title (at the left margin) to its first bullet, on its page
    with pdfplumber.open(english_pdf) as document:
        for page in document.pages:
            words = page.extract_words()
            for at, title in enumerate(words):
                if title["text"] in ("QwenLong-L1:", "FuseO1:") and title["x0"] < 50:
                    bullet = next(w for w in words[at:] if w["text"] == "•")
                    after[title["text"]] = bullet["top"] - title["top"]
    assert after["QwenLong-L1:"] == pytest.approx(after["FuseO1:"], abs=0.5)
