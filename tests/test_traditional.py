"""Traditional Chinese: Taiwan's and Hong Kong's words, and the characters drawn in the forms their
readers write (Noto CJK's TC and HK faces) in the PDF, the browser and Word; and Japanese's and
Korean's (JP and KR)."""

import json
import subprocess
from functools import cache
from pathlib import Path

import pymupdf
import pytest
import yaml
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_text
from PIL import Image, ImageChops

from conftest import FIXTURES, chromium, pdf_text, render, squash, visible_strings
from resumetex import glyphs
from resumetex.cli import main
from resumetex.importer import import_file
from resumetex.load import load_cv
from resumetex.locales import glyph_forms, locale_for
from resumetex.model import CV
from resumetex.outputs import html, word
from resumetex.pipeline import Prepared, RenderRequest, build_all, prepare

TAIWAN = FIXTURES / "taiwan.zh-TW.yaml"
DIFFER = "新案骨述"  # drawn differently in Noto CJK's SC, TC and HK faces, and JP's and KR's (述)
FACES = {0: "JP", 1: "KR", 2: "SC", 3: "TC", 4: "HK"}  # Noto CJK's faces by their index in its collections


@cache
def glyph_of(font: str, face: int, char: str) -> int:
    """The glyph id face `face` of the Noto CJK collection `font` (NotoSerifCJK-Regular.ttc ...) draws `char` with."""
    collection = TTFont(glyphs.found_fonts()[font], fontNumber=face, lazy=True)
    return collection.getGlyphID(collection.getBestCmap()[ord(char)])


def forms_drawn(pdf: Path) -> set[str]:
    """The forms (SC, TC, HK, JP, KR) whose glyphs are every glyph the PDF draws DIFFER's
    characters with, by glyph id: Noto CJK's faces share one font program, so the PDF's font names
    do not tell them apart."""
    found = set(FACES.values())
    with pymupdf.open(pdf) as document:
        for page in document:
            for span in page.get_texttrace():
                font = span["font"].replace("CJKjp", "CJK") + ".ttc"  # NotoSerifCJKjp-Bold: NotoSerifCJK-Bold.ttc
                for point, glyph, *_ in span["chars"]:
                    if chr(point) in DIFFER:
                        found &= {forms for face, forms in FACES.items() if glyph_of(font, face, chr(point)) == glyph}
    return found


@pytest.mark.parametrize("lang", ["zh-HK", "zh"])
def test_each_chinese_is_drawn_in_its_own_forms(lang: str, rendered: dict[str, Path], tmp_path: Path) -> None:
    assert forms_drawn(rendered["taiwan.zh-TW"]) == {"TC"}
    pdf = render(tmp_path, TAIWAN, lang=lang)
    assert forms_drawn(pdf) == {glyph_forms(lang)}
    # the text layer reads the characters back from the face's own map (tounicode), in both extractors
    strings = [squash(s) for s in visible_strings(load_cv(TAIWAN).model_copy(update={"lang": lang}))]
    with pymupdf.open(pdf) as document:
        mupdf = squash("".join(page.get_text() for page in document))
    assert [s for s in strings if s not in squash(pdf_text(pdf)) or s not in mupdf] == []


def test_taiwan_and_hong_kong_have_their_words(rendered: dict[str, Path], tmp_path: Path) -> None:
    taiwan = pdf_text(rendered["taiwan.zh-TW"])
    assert "指導教授：王建民教授" in taiwan and "2021.07 – 至今" in taiwan and "导" not in taiwan
    info = subprocess.run(["pdfinfo", str(rendered["taiwan.zh-TW"])], capture_output=True, text=True).stdout
    assert "林怡君 - 履歷" in info
    assert "導師：王建民教授" in pdf_text(render(tmp_path, TAIWAN, lang="zh-HK"))


def cv(**fields: object) -> CV:
    return CV.model_validate({"header": {"name": "林怡君"}, "sections": [], **fields})


@pytest.mark.parametrize(
    ("lang", "forms", "advisor"),
    [
        ("zh-TW", "TC", "指導教授"),
        ("zh-Hant", "TC", "指導教授"),
        ("zh-Hant-TW", "TC", "指導教授"),
        ("zh-HK", "HK", "導師"),
        ("zh-MO", "HK", "導師"),
        ("zh-Hant-HK", "HK", "導師"),
        ("zh", "SC", "导师"),
        ("zh-CN", "SC", "导师"),
        ("zh-Hans", "SC", "导师"),
        ("zh-SG", "SC", "导师"),
        ("en", "SC", "Advisor"),  # (Chinese names in an English document: Noto CJK SC)
    ],
)
def test_a_language_code_picks_the_words_and_the_forms(lang: str, forms: str, advisor: str) -> None:
    locale = locale_for(cv(lang=lang))
    assert (glyph_forms(lang), locale.advisor, locale.lang) == (forms, advisor, "zh-CN" if lang == "zh" else lang)


@pytest.mark.parametrize(
    ("written", "lang"), [("zh_TW", "zh-TW"), ("zh-hk", "zh-HK"), ("EN", "en"), ("ja_JP", "ja-JP")]
)
def test_a_files_language_code_is_read_as_bcp47_writes_it(written: str, lang: str) -> None:
    """A code in another case, or with POSIX's underscore, is the language it names, and the
    document says it in BCP 47's form (the PDF's /Lang, the page's lang, Word's language)."""
    locale = locale_for(cv(lang=written))
    assert (locale.lang, locale.advisor) == (lang, locale_for(cv(lang=lang)).advisor)


def test_the_command_line_takes_taiwan_and_hong_kong() -> None:
    assert locale_for(cv(lang="zh"), "zh-TW").advisor == "指導教授"
    assert locale_for(cv(lang="zh-TW"), "zh-HK").lang == "zh-HK"


def test_a_file_that_does_not_say_is_read_by_its_characters() -> None:
    """No `lang:`: a Chinese name makes the CV Chinese; text in traditional characters throughout
    makes it Taiwan's (Hong Kong's text cannot be told from it by its characters)."""
    section = {"key": "a", "kind": "bullets", "title": "專案經歷", "entries": ["負責訂單服務"]}
    assert locale_for(cv(sections=[section])).lang == "zh-TW"
    simplified = {**section, "key": "b", "title": "项目经历"}
    assert locale_for(cv(sections=[section, simplified])).lang == "zh-CN"  # both kinds: mainland's
    assert locale_for(CV.model_validate({"header": {"name": "李明"}, "sections": []})).lang == "zh-CN"


def test_the_page_names_the_faces_of_its_forms(tmp_path: Path) -> None:
    """Each page's first Chinese face is of its forms, and the browser draws them so: 骨 printed
    from the Taiwan, Hong Kong and mainland pages is three different shapes."""
    shapes = []
    for lang in ("zh-TW", "zh-HK", "zh"):
        prepared = prepare(RenderRequest(source=TAIWAN, lang=lang))
        page = html.emit(prepared.document)
        assert f'"Noto Serif CJK {glyph_forms(lang)}"' in page.split("serif")[0]  # the body's first face
        target, pdf = tmp_path / f"{lang}.html", tmp_path / f"{lang}.pdf"
        target.write_text(page, encoding="utf-8")
        chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", target.as_uri(), folder=tmp_path)
        with pymupdf.open(pdf) as document:
            first = document[0]
            where = next(c[3] for s in first.get_texttrace() for c in s["chars"] if chr(c[0]) == "新")
            shot = first.get_pixmap(dpi=600, clip=pymupdf.Rect(where))
        shapes.append(Image.frombytes("RGB", (shot.width, shot.height), shot.samples).convert("L"))
    size = min(shape.size for shape in shapes)
    shapes = [shape.crop((0, 0, *size)) for shape in shapes]
    assert all(ImageChops.difference(shapes[i], shapes[j]).getbbox() for i, j in [(0, 1), (0, 2), (1, 2)])


def east_asian_faces(prepared: Prepared, folder: Path) -> tuple[str, str, str]:
    """The faces Word is told to set Chinese (East Asian) text in: Normal's, Heading 2's, Title's."""
    import docx
    from docx.oxml.ns import qn

    path = folder / "cv.docx"
    path.write_bytes(word.emit(prepared.document))
    styles = docx.Document(str(path)).styles

    def east_asian(style: str) -> str:
        return styles[style].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))  # type: ignore[no-any-return]

    return east_asian("Normal"), east_asian("Heading 2"), east_asian("Title")


@pytest.mark.parametrize(
    ("lang", "body", "heading"),
    [
        ("zh-TW", "PMingLiU", "Microsoft JhengHei"),
        ("zh-HK", "MingLiU_HKSCS", "Microsoft JhengHei"),
        ("zh", "SimSun", "SimHei"),
    ],
)
def test_word_names_the_faces_of_its_forms(lang: str, body: str, heading: str, tmp_path: Path) -> None:
    prepared = prepare(RenderRequest(source=TAIWAN, lang=lang))
    assert east_asian_faces(prepared, tmp_path) == (body, body, heading)


def test_import_keeps_a_traditional_resume_traditional(tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(
        json.dumps({"basics": {"name": "林怡君"}, "education": [{"institution": "國立臺灣大學", "startDate": "2019"}]})
    )
    data = yaml.safe_load(import_file(source))
    assert (data["lang"], data["sections"][0]["title"]) == ("zh-TW", "學歷")
    rendercv = tmp_path / "r.yaml"
    rendercv.write_text(yaml.safe_dump({"cv": {"name": "陳大文", "sections": {}}, "locale": {"language": "zh-hk"}}))
    assert yaml.safe_load(import_file(rendercv))["lang"] == "zh-HK"


@pytest.mark.parametrize(
    ("name", "text", "lang", "title"),
    [
        ("山田太郎", "東京大学の研究室に所属", "ja", "学歴"),  # kanji alone: the kana of the text say Japanese
        ("김민준", "서울대학교", "ko", "학력"),
        ("林怡君", "國立臺灣大學", "zh-TW", "學歷"),
        ("李伟", "Tsinghua University", "en", "Education"),  # the owner's name alone: an English résumé
        ("김민준", "Seoul National University", "en", "Education"),
    ],
)
def test_import_reads_japanese_and_korean_apart_from_chinese(
    name: str, text: str, lang: str, title: str, tmp_path: Path
) -> None:
    source = tmp_path / "r.json"
    source.write_text(json.dumps({"basics": {"name": name}, "education": [{"institution": text, "startDate": "2019"}]}))
    data = yaml.safe_load(import_file(source))
    assert (data["lang"], data["sections"][0]["title"]) == (lang, title)


@pytest.mark.parametrize(("name", "lang"), [("李伟", "en"), ("김민준", "en"), ("山田 太郎", "en")])
def test_a_rendercv_file_in_english_whose_owner_writes_a_cjk_name_imports_in_english(
    name: str, lang: str, tmp_path: Path
) -> None:
    source = tmp_path / "r.yaml"
    cv = {"name": name, "sections": {"experience": [{"company": "Acme", "position": "Engineer", "start_date": "2021"}]}}
    source.write_text(yaml.safe_dump({"cv": cv}, allow_unicode=True), encoding="utf-8")
    assert yaml.safe_load(import_file(source))["lang"] == lang


@pytest.mark.parametrize(
    ("name", "lang", "words"),
    [
        ("김민준", "ko", ["현재", "지도교수: 김교수", "학력"]),
        ("やまだ はなこ", "ja", ["現在", "指導教員：鈴木教授", "学歴"]),
    ],
)
def test_new_writes_a_japanese_or_korean_starter(
    name: str, lang: str, words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name's letters (Hangul, kana) say the starter's language, which had been Chinese's."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", name]).exit_code == 0
    assert f"lang: {lang}\n" in (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    rendered = CliRunner().invoke(main, ["render", "cv.yaml"])
    assert (rendered.exit_code, rendered.output) == (0, "wrote build/cv.pdf\n")
    pdf = tmp_path / "build" / "cv.pdf"
    for text in (pdf_text(pdf), extract_text(pdf)):
        assert text.count(name) == 2  # the header's, and the paper's author list's (a Japanese one spaced)
        assert all(squash(word) in squash(text) for word in words)
    with pymupdf.open(pdf) as document:
        assert document.xref_get_key(document.pdf_catalog(), "Lang") == ("string", lang)
        assert document.metadata["title"] == f"{name} - {dict(ko='이력서', ja='履歴書')[lang]}"


@pytest.mark.parametrize(
    ("name", "title", "organization", "lang", "present"),
    [("김민준", "Experience", "Naver", "ko", "현재"), ("山田 太郎", "職歴", "株式会社サンプル", "ja", "現在")],
)
def test_a_korean_or_japanese_cv_without_lang_is_not_taken_for_chinese(
    name: str, title: str, organization: str, lang: str, present: str, tmp_path: Path
) -> None:
    """No `lang:`: a name in Hangul is Korean, one in kanji with Japanese text (kana) Japanese;
    both had been set as Chinese documents, with 至今 and ctex's Chinese punctuation."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"header: {{name: {name}}}\nsections: [{{key: w, kind: experience, title: {title}, entries: [\n"
        f"  {{organization: {organization}, role: Engineer, start: 2021-03, end: present}}]}}]\n",
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    text = pdf_text(pdf)
    assert present in text and "至今" not in text
    with pymupdf.open(pdf) as document:
        assert document.xref_get_key(document.pdf_catalog(), "Lang") == ("string", lang)


@pytest.mark.parametrize(("lang", "dates"), [("ja", "2021.04 – 2027.06（予定）"), ("ko", "2021.04 – 2027.06 (예정)")])
def test_a_cv_in_english_text_prints_its_languages_words(lang: str, dates: str, tmp_path: Path) -> None:
    """The language's words need its fonts even where the CV's own text is all Latin: the render
    had stopped at "no font of the document has these characters: '予' ..."."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"lang: {lang}\nheader: {{name: Jane Doe}}\nsections: [{{key: e, kind: education, title: Education,\n"
        "  entries: [{school: KAIST, start: 2021-04, end: Expected 2027-06}]}]\n",
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    for text in (pdf_text(pdf), extract_text(pdf)):
        assert dates in text


def test_new_writes_a_traditional_starter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "陳美玲"]).exit_code == 0  # (陳: a traditional character)
    assert "lang: zh-TW" in (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    rendered = CliRunner().invoke(main, ["render", "cv.yaml"])
    assert rendered.exit_code == 0, rendered.output
    text = pdf_text(tmp_path / "build" / "cv.pdf")
    assert "指導教授：張教授" in text and "至今" in text
    assert forms_drawn(tmp_path / "build" / "cv.pdf") == {"TC"}


def test_new_writes_hong_kongs_starter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang zh-HK was refused, though a render takes it: Hong Kong's words and forms."""
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["new", "陳大文", "--lang", "zh-HK"])
    assert made.exit_code == 0, made.output
    assert "lang: zh-HK" in (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    rendered = CliRunner().invoke(main, ["render", "cv.yaml"])
    assert rendered.exit_code == 0, rendered.output
    text = pdf_text(tmp_path / "build" / "cv.pdf")
    assert "導師：陳教授" in text and "工作經驗" in text and "+852" in text
    assert forms_drawn(tmp_path / "build" / "cv.pdf") == {"HK"}


def test_release_files_keep_taiwans_apart_from_the_mainlands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    text = TAIWAN.read_text(encoding="utf-8").replace("name: 林怡君", "name: 林怡君\n  author_names: [Yi-Chun Lin]")
    (data / "cv.zh-TW.yaml").write_text(text, encoding="utf-8")
    (data / "cv.zh.yaml").write_text(text.replace("lang: zh-TW", "lang: zh"), encoding="utf-8")
    result = build_all(data, dist=tmp_path / "dist")
    assert result.failures == []
    assert sorted(p.name for p in result.written) == ["Yi-Chun-Lin-CV-zh-TW.pdf", "Yi-Chun-Lin-CV-zh.pdf"]


@pytest.mark.parametrize(("lang", "forms"), [("ja", "JP"), ("ko", "KR")])
def test_a_japanese_or_korean_document_draws_its_own_forms(lang: str, forms: str, tmp_path: Path) -> None:
    """Kanji and hanja are drawn as Japan and Korea draw them (述 differs between the two), in
    the PDF and named first on the page and in Word."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"lang: {lang}\nheader: {{name: 山田太郎, headline: 新規事業の骨格}}\n"
        "sections: [{key: s, kind: text, title: 概要, entries: [案件の記述を担当]}]\n",
        encoding="utf-8",
    )
    assert forms_drawn(render(tmp_path, source)) == {forms}
    prepared = prepare(RenderRequest(source=source))
    assert f'"Noto Serif CJK {forms}"' in html.emit(prepared.document)
    assert east_asian_faces(prepared, tmp_path)[0] == {"JP": "Yu Mincho", "KR": "Batang"}[forms]


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_korean_keeps_the_spaces_between_its_words(lang: str, tmp_path: Path) -> None:
    """Korean spaces its words, in a Korean CV and in a Korean line of a Chinese one; xeCJK drops
    a space between two CJK characters, as Chinese wants (工作 经历 still prints 工作经历). A Korean
    CV adds no space of its own between a number and its counter (10억)."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"lang: {lang}\nheader: {{name: 김민준}}\n"
        "sections: [{key: s, kind: bullets, title: 경력,\n"
        "  entries: [검색 시스템의 설계와 구현, 工作 经历, 하루 10억 건]}]\n",
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    for text in (pdf_text(pdf), extract_text(pdf)):  # poppler's reading, and pdfminer's (most parsers')
        assert "검색 시스템의 설계와 구현" in text
        assert "工作经历" in text
        # Korean puts no space between a number and its counter; Chinese text spaces Latin apart
        assert ("하루 10억 건" in text, "하루 10 억 건" in text) == (lang == "ko", lang == "zh")


@pytest.mark.parametrize(("lang", "shown"), [("ja", "山田 太郎"), ("zh", "山田太郎")])
def test_a_japanese_name_keeps_the_space_between_its_parts(lang: str, shown: str, tmp_path: Path) -> None:
    """Japanese writes a name's family and given names apart (山田 太郎); the space typed around
    **bold** between two characters is still not printed, nor one in a Chinese name."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"lang: {lang}\nheader: {{name: 山田 太郎}}\n"
        "sections: [{key: s, kind: bullets, title: 職歴, entries: [検索 **基盤** を担当]}]\n",
        encoding="utf-8",
    )
    pdf = render(tmp_path, source)
    for text in (pdf_text(pdf), extract_text(pdf)):
        assert shown in text.splitlines() and "検索基盤を担当" in text
    assert f"<h1>{shown}</h1>" in html.emit(prepare(RenderRequest(source=source)).document)
