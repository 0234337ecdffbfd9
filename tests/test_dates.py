"""Dates as people write them, printed at the precision they were given."""

from pathlib import Path

import pytest

from conftest import pdf_text, render, squash
from resumetex.dates import PartialDate, as_period, check_end, parse_date
from resumetex.layout import Emphasis, Words
from resumetex.locales import LOCALES
from resumetex.model import Design, Experience


@pytest.mark.parametrize(
    "written, date",
    [
        ("2021", PartialDate(2021)),
        ("2021.03", PartialDate(2021, 3)),
        ("2021-03", PartialDate(2021, 3)),
        ("2021/3", PartialDate(2021, 3)),
        ("2021-03-14", PartialDate(2021, 3, 14)),
        ("2021.3.4", PartialDate(2021, 3, 4)),
        ("2021年", PartialDate(2021)),  # as a Chinese résumé prints them
        ("2021年3月", PartialDate(2021, 3)),
        ("2021年03月14日", PartialDate(2021, 3, 14)),
        ("March 2021", PartialDate(2021, 3)),  # as an English résumé writes them
        ("Mar 2021", PartialDate(2021, 3)),
        ("sept. 2019", PartialDate(2019, 9)),
        ("May 2021", PartialDate(2021, 5)),
        ("14 March 2021", PartialDate(2021, 3, 14)),
        ("March 14, 2021", PartialDate(2021, 3, 14)),
        ("March 14 2021", PartialDate(2021, 3, 14)),
        ("14th March 2021", PartialDate(2021, 3, 14)),  # the day as an ordinal
        ("1st of March 2021", PartialDate(2021, 3, 1)),
        ("March 2nd, 2021", PartialDate(2021, 3, 2)),
        ("Mar 3rd 2021", PartialDate(2021, 3, 3)),
        ("January, 2021", PartialDate(2021, 1)),  # a comma, as many American résumés put one
        ("14 March, 2021", PartialDate(2021, 3, 14)),
        ("Jan-2021", PartialDate(2021, 1)),
        ("May '22", PartialDate(2022, 5)),  # a year cut to two digits: this century's up to '68
        ("Sept. ’68", PartialDate(2068, 9)),
        ("Dec '69", PartialDate(1969, 12)),
        ("Fall '20", PartialDate(2020, season=2)),
        ("03/2021", PartialDate(2021, 3)),  # the month first, as much of Europe and America write it
        ("3/2021", PartialDate(2021, 3)),
        ("03.2021", PartialDate(2021, 3)),
        ("12-2021", PartialDate(2021, 12)),
        ("14.03.2021", PartialDate(2021, 3, 14)),  # with full stops the day is first
        ("04.03.2021", PartialDate(2021, 3, 4)),
        ("14/03/2021", PartialDate(2021, 3, 14)),  # the day is the number over 12
        ("03/14/2021", PartialDate(2021, 3, 14)),
        ("5/5/2021", PartialDate(2021, 5, 5)),
        ("１４.０３.２０２１", PartialDate(2021, 3, 14)),
        ("２０２１．０３", PartialDate(2021, 3)),  # all full-width, as the full-width mode types it
        ("２０２１／３／１４", PartialDate(2021, 3, 14)),
        ("2021－03", PartialDate(2021, 3)),
        ("１４．０３．２０２１", PartialDate(2021, 3, 14)),
        ("2021 年 3 月", PartialDate(2021, 3)),  # spaced between Chinese and digits, as pangu spaces it
        ("2021 年 3 月 14 日", PartialDate(2021, 3, 14)),
        ("2020 年秋季", PartialDate(2020, season=2)),
        ("2021년 3월", PartialDate(2021, 3)),  # as a Korean CV writes it
        ("2021년3월14일", PartialDate(2021, 3, 14)),
        ("Fall 2020", PartialDate(2020, season=2)),  # a term, an internship
        ("autumn 2019", PartialDate(2019, season=3)),  # kept apart from fall: printed as written
        ("SUMMER 2021", PartialDate(2021, season=1)),
        ("Spring  2022", PartialDate(2022, season=0)),
        ("Winter 2021", PartialDate(2021, season=4)),
        ("2020年秋季", PartialDate(2020, season=2)),
        ("2021年春", PartialDate(2021, season=0)),
        ("2021冬季", PartialDate(2021, season=4)),
        ("Expected May 2026", PartialDate(2026, 5, expected=True)),  # still to come, as a graduation
        ("Anticipated May 2026", PartialDate(2026, 5, expected=True)),  # as American students write it
        ("2026 (anticipated)", PartialDate(2026, expected=True)),
        ("exp. 2026", PartialDate(2026, expected=True)),
        ("预计 2026.06", PartialDate(2026, 6, expected=True)),
        ("平成30年3月", PartialDate(2018, 3)),  # Japan's eras, as a Japanese résumé counts years
        ("令和元年5月", PartialDate(2019, 5)),  # 元年: an era's first year
        ("令和３年４月１日", PartialDate(2021, 4, 1)),
        ("昭和64年1月", PartialDate(1989, 1)),
        ("令和8年3月（見込み）", PartialDate(2026, 3, expected=True)),
        ("2026年3月見込み", PartialDate(2026, 3, expected=True)),
        ("2026年3月（予定）", PartialDate(2026, 3, expected=True)),
        ("2026.02 (예정)", PartialDate(2026, 2, expected=True)),
        ("2026년 2월 예정", PartialDate(2026, 2, expected=True)),
        ("März 2021", PartialDate(2021, 3)),  # French, German and Spanish months, whole or cut
        ("14. März 2021", PartialDate(2021, 3, 14)),
        ("févr. 2021", PartialDate(2021, 2)),
        ("août 2020", PartialDate(2020, 8)),
        ("marzo de 2021", PartialDate(2021, 3)),
        ("Dez. 2020", PartialDate(2020, 12)),
        ("14 de marzo de 2021", PartialDate(2021, 3, 14)),  # (not the month `de`)
        ("14 de março de 2021", PartialDate(2021, 3, 14)),  # Italian and Portuguese months
        ("giu. 2021", PartialDate(2021, 6)),
        ("14 settembre 2021", PartialDate(2021, 9, 14)),
        ("out. 2019", PartialDate(2019, 10)),
        ("fevereiro de 2020", PartialDate(2020, 2)),
        ("estate 2020", PartialDate(2020, season=1)),
        ("Verão 2020", PartialDate(2020, season=1)),
        ("19-Sep-2021", PartialDate(2021, 9, 19)),  # as forms in India and the UK write a day
        ("mar/2021", PartialDate(2021, 3)),  # as a Brazilian CV writes a month
        ("Jan/2020", PartialDate(2020, 1)),
        ("14 maart 2021", PartialDate(2021, 3, 14)),  # Dutch months and seasons
        ("mrt. 2021", PartialDate(2021, 3)),
        ("najaar 2020", PartialDate(2020, season=3)),
    ],
)
def test_dates_people_write(written: str, date: PartialDate) -> None:
    assert parse_date(written) == date


@pytest.mark.parametrize(
    "written",
    [
        *("2021-13", "21.03", "2021.03.32", "2021-02-30", "Marc 2021", "2021 March", "March", "Feb 30, 2021"),
        *("soon", "", "2021年13月", "2021年3", "3月", "2021-25"),
        *("13/2021", "3/21", "0/2021", "14/15/2021", "31.04.2021", "2021/14/03"),
        *("Fall", "Fall, 2020", "Falls 2020", "2020年秋冬", "秋季"),
        *("令和", "平成年3月", "大化3年", "令和100年"),
    ],
)
def test_not_dates(written: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(written)


@pytest.mark.parametrize(
    ("written", "either"), [("04/03/2021", "2021-03-04 or 2021-04-03"), ("1-2-2020", "2020-02-01 or 2020-01-02")]
)
def test_a_day_and_a_month_either_could_be_asks_for_the_year_first(written: str, either: str) -> None:
    """04/03/2021 is the 4th of March in Britain and April the 3rd in America: the file says which."""
    with pytest.raises(
        ValueError, match=f"day first in some countries and month first in others; write it year first: {either}$"
    ):
        parse_date(written)


@pytest.mark.parametrize(
    "word",
    [
        *("present", "Present", "PRESENT", "now", "Today", "to date", "Till date", "till now", "Until now"),
        *("至今", "目前", "現在", "현재", "現在に至る", "在職中", "재직 중"),
        *("aujourd'hui", "Heute", "bis heute", "actualidad", "presente"),  # (as typed: a straight apostrophe)
        *("oggi", "ad oggi", "in corso", "Atual", "atualmente", "até o momento", "à ce jour", "en cours"),
        *("aktuell", "derzeit", "actualmente", "en curso", "heden", "tot heden"),
    ],
)
def test_present_in_any_case_and_as_a_chinese_cv_prints_it(word: str) -> None:
    assert check_end(word) == word


def test_an_end_that_is_no_date_says_present_will_do() -> None:
    with pytest.raises(ValueError, match=r'"soon" is not a date or `present`; use a year'):
        check_end("soon")
    with pytest.raises(ValueError, match=r"is a period, not one date; write it as start: 2019 and end: 2021$"):
        check_end("2019 – 2021")
    with pytest.raises(ValueError, match="that month has no day 31"):
        check_end("2021-04-31")


def printed(lang: str, fmt: str, **dates: str) -> tuple[str, ...]:
    words = Words(LOCALES[lang], Emphasis(), Design(date_format=fmt))  # type: ignore[arg-type]
    return words.dates(Experience(organization="x", **dates))


@pytest.mark.parametrize(
    "lang, fmt, dates, shown",
    [
        ("en", "YYYY.MM", {"start": "2017", "end": "2019"}, ("2017", "2019")),
        ("en", "month YYYY", {"start": "2017-11", "end": "2017-11"}, ("Nov 2017",)),  # never Nov 2017 – Nov 2017
        ("en", "YYYY-MM", {"start": "2017.11"}, ("2017-11", "Present")),  # no end: ongoing
        ("zh", "month YYYY", {"start": "2017.09", "end": "present"}, ("2017年9月", "至今")),
        ("zh", "YYYY.MM", {"start": "2017年9月", "end": "至今"}, ("2017.09", "至今")),
        ("en", "month YYYY", {"start": "2017年9月", "end": "至今"}, ("Sep 2017", "Present")),
        ("en", "MM/YYYY", {"date": "2023-11-14"}, ("14/11/2023",)),
        ("en", "DD/MM/YYYY", {"date": "2023-11-04"}, ("04/11/2023",)),
        ("en", "MM/DD/YYYY", {"date": "2023-11-04"}, ("11/04/2023",)),  # as America writes it
        ("en", "MM/DD/YYYY", {"start": "2023.03", "end": "2024"}, ("03/2023", "2024")),
        ("en", "month YYYY", {"date": "2023-11-14"}, ("Nov 14, 2023",)),
        ("en", "YYYY.MM", {"date": "2023"}, ("2023",)),
        ("en", "YYYY.MM", {}, ()),
        ("en", "YYYY.MM", {"start": "Summer 2021", "end": "fall 2021"}, ("Summer 2021", "Fall 2021")),  # in words
        ("en", "month YYYY", {"date": "Autumn 2019"}, ("Autumn 2019",)),
        ("zh", "YYYY.MM", {"start": "Fall 2020", "end": "2021年春季"}, ("2020年秋季", "2021年春季")),
        ("en", "MM/YYYY", {"start": "2020年冬", "end": "Winter 2020"}, ("Winter 2020",)),  # the same: once
        ("en", "month YYYY", {"start": "2022.09", "end": "Expected May 2026"}, ("Sep 2022", "Expected May 2026")),
        ("en", "YYYY.MM", {"start": "2022.09", "end": "2026.05 (expected)"}, ("2022.09", "Expected 2026.05")),
        ("en", "YYYY.MM", {"date": "exp. 2026"}, ("Expected 2026",)),
        ("zh", "YYYY.MM", {"start": "2022.09", "end": "预计 2026.06"}, ("2022.09", "预计 2026.06")),
        ("zh", "month YYYY", {"start": "2022.09", "end": "Expected June 2026"}, ("2022年9月", "预计 2026年6月")),
        ("zh-TW", "YYYY.MM", {"start": "2022.09", "end": "2026.06（預計）"}, ("2022.09", "預計 2026.06")),
        ("en", "YYYY.MM", {"start": "2026.05", "end": "Expected 2026.05"}, ("2026.05", "Expected 2026.05")),
    ],
)
def test_printed_at_the_precision_given(lang: str, fmt: str, dates: dict[str, str], shown: tuple[str, ...]) -> None:
    assert printed(lang, fmt, **dates) == shown


@pytest.mark.parametrize(
    "dates, problem",
    [
        ({"end": "2020"}, "`end` needs a `start`"),
        ({"start": "2021", "end": "2020"}, "is before `start`"),
        ({"date": "2021", "start": "2020"}, "either `date` or `start`/`end`"),
    ],
)
def test_dates_that_make_no_sense(dates: dict[str, str], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        Experience(organization="x", **dates)


@pytest.mark.parametrize(
    ("end", "start", "before"),
    [
        ("2020.06", "2020", False),  # the year holds June: this raised TypeError, a traceback in validate
        ("2020", "2020.05", False),
        ("2019.12", "2020", True),
        ("2020.05", "2020.06", True),
        ("2020-06-01", "2020.06", False),
        ("2020-05-31", "2020-06-01", True),
    ],
)
def test_an_end_is_before_its_start_only_at_the_precision_both_have(end: str, start: str, before: bool) -> None:
    assert parse_date(end).before(parse_date(start)) is before
    if before:
        with pytest.raises(ValueError, match="is before"):
            Experience(organization="x", start=start, end=end)
    else:
        assert Experience(organization="x", start=start, end=end).end == end


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("Sep 2019 – Present", "Sep 2019", "Present"),
        ("2019-2021", "2019", "2021"),
        ("2021.03 to 2022.01", "2021.03", "2022.01"),
        ("2019年至2021年", "2019年", "2021年"),
        ("2019至今", "2019", "至今"),
        ("平成30年4月～令和2年3月", "平成30年4月", "令和2年3月"),
        ("2021.09-", "2021.09", "present"),  # no end: still going, as a Chinese résumé writes it
        ("Sep 2019 – ", "Sep 2019", "present"),
        ("2021–22", "2021", "2022"),  # a school year (2011-12 is a month: December 2011)
        ("2019/20", "2019", "2020"),
        ("since 2019", "2019", "present"),  # still going, written as where it began
        ("Since March 2019", "March 2019", "present"),
        ("seit 03/2019", "03/2019", "present"),
        ("ab März 2019", "März 2019", "present"),
        ("depuis 2019", "2019", "present"),
        ("à partir de septembre 2019", "septembre 2019", "present"),
        ("desde 2019", "2019", "present"),
        ("dall'aprile 2019", "aprile 2019", "present"),
        ("sinds 2019", "2019", "present"),
        ("自2019年起", "2019年", "present"),
        ("2019年4月から", "2019年4月", "present"),
        ("2019년 3월부터", "2019년 3월", "present"),
        ("from 2019 to 2021", "2019", "2021"),  # the words around a period, in each language
        ("von März 2019 bis heute", "März 2019", "heute"),
        ("du 2019 au 2021", "2019", "2021"),
        ("desde 2019 hasta 2021", "2019", "2021"),
        ("dal 2019 al 2021", "2019", "2021"),
        ("van 2019 tot heden", "2019", "heden"),
        ("de marzo de 2019 a hoy", "marzo de 2019", "hoy"),
        ("2019 à ce jour", "2019", "à ce jour"),  # the end's first word is the mark
        ("dall'aprile 2019 ad oggi", "aprile 2019", "oggi"),
        (
            "２０２１．０３－２０２２．０６",
            "２０２１．０３",
            "２０２２．０６",
        ),  # full-width, as the full-width mode types it
    ],
)
def test_a_period_in_one_value_says_how_to_write_it(written: str, start: str, end: str) -> None:
    with pytest.raises(ValueError, match=f"is a period, not one date; write it as start: {start} and end: {end}$"):
        parse_date(written)


def test_a_school_year_is_a_period_only_where_no_month_could_be_meant() -> None:
    """2011-12 is December 2011 (as dates are read, and as a RenderCV date column is imported);
    2012-13 can only be a school year."""
    assert (as_period("2011-12"), as_period("2012-13"), as_period("2012-14")) == (None, ("2012", "2013"), None)


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        ("Winter 2021", "Fall 2021", False),  # a winter term is January's at one school,
        ("Fall 2021", "Winter 2021", False),  # December's at another
        ("2021.09", "Summer 2021", False),
        ("Fall 2021", "2020.05", True),
        ("2022", "Spring 2021", True),
    ],
)
def test_a_season_is_compared_by_its_year(start: str, end: str, before: bool) -> None:
    assert parse_date(end).before(parse_date(start)) is before


def test_a_language_of_ones_own_names_the_seasons() -> None:
    from resumetex.locales import locale_for
    from resumetex.model import CV

    seasons = ["printemps", "été", "automne", "automne", "hiver"]
    cv = CV.model_validate(
        {
            "lang": "fr",
            "header": {"name": "A"},
            "sections": [],
            "locale": {"seasons": seasons, "season_year": "{season} {year}"},
        }
    )
    words = Words(locale_for(cv), Emphasis(), Design())  # type: ignore[arg-type]
    assert words.dates(Experience(organization="x", start="Autumn 2020", end="Summer 2021")) == (
        "automne 2020",
        "été 2021",
    )


def test_dates_as_people_write_them_reach_the_pdf_and_the_page(tmp_path: Path) -> None:
    """A summer internship and a term, a month first and a day first, as an American or a
    European CV dates them, and a graduation still to come: in the PDF in the design's format (a
    season in words), and on the page with machine-readable dates (a season at its year)."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: en\nheader: {name: A}\nsections:\n  - key: experience\n    title: Experience\n    entries:\n"
        "      - {organization: Acme, role: Intern, start: Summer 2021, end: Fall 2021}\n"
        "      - {organization: Initech, role: Engineer, start: 03/2022, end: 14.05.2023}\n"
        "      - {organization: MIT, role: Student, start: 2024.09, end: Expected May 2026}\n",
        encoding="utf-8",
    )
    from resumetex.pipeline import RenderRequest, render_pdf

    made = render_pdf(RenderRequest(source=source, output=tmp_path / "cv.pdf", use_cache=False), others=("html",))
    text = squash(pdf_text(made.pdf))
    assert "Summer2021–Fall2021" in text and "2022.03–2023.05.14" in text and "2024.09–Expected2026.05" in text
    page = (tmp_path / "cv.html").read_text(encoding="utf-8")
    assert '<time datetime="2021">Summer 2021</time>' in page
    assert '<time datetime="2023-05-14">2023.05.14</time>' in page
    assert '<time datetime="2026-05">Expected 2026.05</time>' in page  # (a date still to come at its date)


def test_japans_eras_reach_the_pdf_as_years(tmp_path: Path) -> None:
    """A Japanese résumé's 平成30年4月 and 現在に至る print as the design's dates, and a year still
    to come with its mark."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: ja\nheader: {name: 山田 太郎}\n"
        "sections:\n  - key: w\n    kind: experience\n    title: 職歴\n    entries:\n"
        "      - {organization: 株式会社サンプル, role: エンジニア, start: 平成30年4月, end: 現在に至る}\n"
        "      - {organization: 東京大学, role: 博士課程, start: 令和元年5月, end: 令和9年3月（見込み）}\n",
        encoding="utf-8",
    )
    text = squash(pdf_text(render(tmp_path, source)))
    assert "2018.04–現在" in text and "2019.05–2027.03（予定）" in text


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_each_languages_words_for_a_date_read_back_as_one(lang: str) -> None:
    """What a CV prints (至今, aujourd’hui, 2026.06 (prévu), voraussichtlich 2026.06, 14. März 2021)
    is taken back as written, as a CV moved from one language to another, or copied from a PDF,
    has it."""
    words = LOCALES[lang]
    assert check_end(words.present) == words.present and check_end(words.present.upper()) == words.present.upper()
    for date, read in (("2026.06", PartialDate(2026, 6, expected=True)), ("2026", PartialDate(2026, expected=True))):
        assert parse_date(words.expected.format(date=date)) == read
    printer = Words(words, Emphasis(), Design())  # type: ignore[arg-type]
    for season in words.seasons:  # printed again as it was
        shown = words.season_year.format(season=season, year=2020)
        assert printer.date(parse_date(shown)) == shown
    for number, month in enumerate(words.months, 1):  # (a month's name: date_format `month YYYY`)
        assert parse_date(words.month_year.format(month=month, year=2021)) == PartialDate(2021, number)
        assert parse_date(words.day_month_year.format(day=14, month=month, year=2021)) == PartialDate(2021, number, 14)
