"""The words around the data: from the file's language, overridable in the file."""

from pathlib import Path

import pytest

from conftest import pdf_text, render
from resumetex.locales import locale_for
from resumetex.model import CV


def cv(**fields: object) -> CV:
    return CV.model_validate({"header": {"name": "Ziyi Yang"}, "sections": [], **fields})


def test_the_files_language_picks_the_words() -> None:
    assert locale_for(cv(lang="en")).present == "Present"
    assert locale_for(cv(lang="zh")).present == "至今"


def test_the_command_line_overrides_the_file() -> None:
    assert locale_for(cv(lang="en"), "zh").present == "至今"
    japanese = locale_for(cv(lang="zh"), "ja")
    assert (japanese.lang, japanese.present, japanese.cjk) == ("ja", "現在", False)
    welsh = locale_for(cv(lang="zh"), "cy")  # a language of the file's own words, as `lang: cy` is
    assert (welsh.lang, welsh.present, welsh.cjk) == ("cy", "Present", False)


def test_japanese_and_korean_have_their_own_words() -> None:
    japanese, korean = locale_for(cv(lang="ja")), locale_for(cv(lang="ko"))
    assert (japanese.present, japanese.advisor, japanese.document_title) == ("現在", "指導教員", "{name} - 履歴書")
    assert (korean.present, korean.advisor, korean.document_title) == ("현재", "지도교수", "{name} - 이력서")
    assert japanese.month_year.format(month=japanese.months[3], year=2021) == "2021年4月"
    assert korean.day_month_year.format(day=1, month=korean.months[2], year=2021) == "2021년 3월 1일"
    # a region's code takes its language's words, as zh-SG takes Chinese's
    assert (locale_for(cv(lang="ja-JP")).present, locale_for(cv(lang="ko-KR")).lang) == ("現在", "ko-KR")


def named(name: str, *text: str) -> CV:
    entries = [{"title": line} for line in text]
    return CV.model_validate(
        {"header": {"name": name}, "sections": [{"key": "s", "kind": "entries", "title": "T", "entries": entries}]}
    )


def test_without_lang_the_owners_name_decides() -> None:
    assert locale_for(cv()).present == "Present"
    assert locale_for(named("杨子诡")).present == "至今"
    assert locale_for(named("김민준")).lang == "ko"  # Hangul: Korean, whatever else the CV is in
    assert locale_for(named("김민준", "Search infrastructure at scale")).lang == "ko"
    assert locale_for(named("やまだ はなこ")).lang == "ja"


def test_a_name_in_chinese_characters_takes_the_language_of_the_text() -> None:
    """Chinese, Japanese and Korean share Chinese characters; the kana and Hangul of the text
    tell Japanese and Korean apart, from a tenth of its East Asian letters up."""
    assert locale_for(named("山田太郎", "検索基盤の設計と運用を担当")).lang == "ja"
    assert locale_for(named("金民俊", "검색 시스템의 설계와 구현")).lang == "ko"
    assert locale_for(named("李伟", "负责检索系统的设计与实现")).lang == "zh-CN"
    # a Japanese product name in a Chinese CV leaves it Chinese
    assert (
        locale_for(named("李伟", "负责检索系统的设计与实现，并接入ソニー的数据平台与其他十二个内部系统")).lang
        == "zh-CN"
    )


def test_a_third_language_needs_only_words() -> None:
    swedish = locale_for(cv(lang="sv", locale={"present": "nu", "advisor": "Handledare"}))
    assert (swedish.present, swedish.advisor, swedish.lang, swedish.cjk) == ("nu", "Handledare", "sv", False)
    assert locale_for(cv(lang="en", locale={"months": [str(m) for m in range(1, 13)]})).months[0] == "1"


@pytest.mark.parametrize(
    ("lang", "present", "advisor", "march", "day"),
    [
        ("fr", "aujourd’hui", "Encadrement\u00a0: ", "mars 2021", "14 mars 2021"),
        ("de", "heute", "Betreuung: ", "März 2021", "14. März 2021"),
        ("es", "actualidad", "Dirección: ", "mar. 2021", "14 mar. 2021"),
        ("fr-CA", "aujourd’hui", "Encadrement\u00a0: ", "mars 2021", "14 mars 2021"),  # a region's: its language's
        ("it", "oggi", "Supervisione: ", "mar. 2021", "14 mar. 2021"),
        ("pt", "atual", "Orientação: ", "mar. 2021", "14 mar. 2021"),
        ("pt-BR", "atual", "Orientação: ", "mar. 2021", "14 mar. 2021"),
        ("nl", "heden", "Begeleiding: ", "mrt. 2021", "14 mrt. 2021"),
        ("he", "היום", "הנחיה: ", "מרץ 2021", "14 מרץ 2021"),
        ("ar", "حتى الآن", "الإشراف: ", "مارس 2021", "14 مارس 2021"),
        ("he-IL", "היום", "הנחיה: ", "מרץ 2021", "14 מרץ 2021"),
    ],
)
def test_other_languages_have_their_own_words(lang: str, present: str, advisor: str, march: str, day: str) -> None:
    words = locale_for(cv(lang=lang))
    assert (words.lang, words.present, words.advisor + words.colon) == (lang, present, advisor)
    assert words.month_year.format(month=words.months[2], year=2021) == march
    assert words.day_month_year.format(day=14, month=words.months[2], year=2021) == day


def test_portugal_says_investigacao_where_brazil_says_pesquisa() -> None:
    assert locale_for(cv(lang="pt-PT")).interests == "Interesses de investigação"
    assert locale_for(cv(lang="pt-BR")).interests == "Interesses de pesquisa"


def test_a_french_cv_prints_its_words(tmp_path: Path) -> None:
    """In the PDF: the end of an ongoing period, the advisor's label with French's spaced colon
    (never alone at a line's start), the months, and two authors joined by `et`."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: fr\ndesign: {date_format: month YYYY}\nheader: {name: Jean Dupont}\nsections:\n"
        "  - {key: education, title: Formation, entries: [\n"
        "      {school: ENS, advisor: Marie Curie, start: 2021-03, end: present}]}\n"
        "  - {key: publications, title: Publications, entries: [\n"
        "      {authors: [Jean Dupont, Marie Curie], title: T, venue: V}]}\n",
        encoding="utf-8",
    )
    text = " ".join(pdf_text(render(tmp_path, source)).split())
    assert "mars 2021 – aujourd’hui" in text and "Encadrement : Marie Curie" in text
    assert "Jean Dupont et Marie Curie" in text
