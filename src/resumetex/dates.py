"""Dates as people write them: 2021, 2021.03, 2021-03, 2021/03, 2021-03-14, March 2021, Mar 2021,
the month or the day first (03/2021, 14.03.2021, 03/14/2021), a season (Fall 2020: a term, an
internship), one still to come (Expected May 2026) and `present`; and as a Chinese résumé prints
them: 2021年, 2021年3月, 2021年3月14日, 2020年秋季, 预计 2026.06, 至今; a Japanese one's, in Japan's
eras too: 令和3年4月, 平成30年3月, 2026年3月（見込み）, 現在; and a Korean one's: 2021년 3월, 현재.

A date keeps the precision it was given: a year is never printed with an invented month."""

import re
from dataclasses import dataclass, replace


def digits(ascii_class: str) -> str:
    """A class of the digits `ascii_class` names ("1-9"), as typed half-width or full-width (a
    Chinese or Japanese keyboard in full-width mode types ２０２１)."""
    wide = "".join(chr(ord(char) + 0xFEE0) if char.isdigit() else char for char in ascii_class)
    return f"[{ascii_class}{wide}]"


def any_case(word: str) -> str:
    """`word` in any case, spelled for any regex engine: editors check the schema's patterns in
    JavaScript, where an inline flag such as (?i:...) is a syntax error before Node 23."""
    return "".join(f"[{char.upper()}{char.lower()}]" if char.upper() != char.lower() else char for char in word)


# The patterns are the schema's too (model.py), so they keep to what JavaScript's regexes read.
YEAR = digits("0-9") + "{4}"
SHORT_YEAR = "['’‘]" + digits("0-9") + "{2}"  # May '22, as American résumés shorten it
MONTH = f"({digits('0')}?{digits('1-9')}|{digits('1')}{digits('0-2')})"
DAY = f"({digits('0')}?{digits('1-9')}|{digits('12')}{digits('0-9')}|{digits('3')}{digits('01')})"
ORDINAL = "(st|nd|rd|th)"  # the 14th, as British and American dates may write the day
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# The months in French, German, Spanish, Italian, Portuguese, Dutch, Hebrew and Arabic, whole and
# as their CVs print them (févr., März, mar., giu., set., mrt.).
OTHER_MONTHS = [
    ("janvier", "janv", "januar", "jan", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "ינואר", "يناير"),
    ("février", "févr", "februar", "feb", "febrero", "febbraio", "fevereiro", "fev", "februari", "פברואר", "فبراير"),
    ("mars", "märz", "marzo", "mar", "março", "maart", "mrt", "מרץ", "מרס", "مارس"),
    ("avril", "avr", "april", "apr", "abril", "abr", "aprile", "אפריל", "أبريل", "إبريل"),
    ("mai", "mayo", "may", "maggio", "mag", "maio", "mei", "מאי", "مايو"),
    ("juin", "juni", "junio", "jun", "giugno", "giu", "junho", "יוני", "يونيو"),
    ("juillet", "juil", "juli", "julio", "jul", "luglio", "lug", "julho", "יולי", "يوليو"),
    ("août", "august", "aug", "agosto", "ago", "augustus", "אוגוסט", "أغسطس"),
    ("septembre", "sept", "september", "septiembre", "settembre", "set", "setembro", "ספטמבר", "سبتمبر"),
    ("octobre", "oct", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out", "אוקטובר", "أكتوبر"),
    ("novembre", "nov", "november", "noviembre", "novembro", "נובמבר", "نوفمبر"),
    ("décembre", "déc", "dezember", "dez", "diciembre", "dic", "dicembre", "dezembro", "דצמבר", "ديسمبر"),
]
# Each way a month is written, to its number: English's whole or cut to three letters (Sept
# too), and the others'.
MONTH_WORDS = {
    word: number
    for number, (name, others) in enumerate(zip(MONTH_NAMES, OTHER_MONTHS, strict=True), 1)
    for word in (name, name[:3], *(["sept"] if number == 9 else []), *others)
}
# A month's name, with or without a full stop after it (Mar., févr.); the longest first.
NAMED = "(" + "|".join(any_case(word) + r"\.?" for word in sorted(MONTH_WORDS, key=len, reverse=True)) + ")"
LETTERS = r"[^\W\d_]+"  # a word: a month's name is one
SEP = "[.\\-/．－／]"  # between numbers; full-width as the full-width mode types them: ２０２１．０３
# A season, as American and British terms and internships are dated; fall and autumn are kept
# apart, so each prints as it was written. Chinese writes 春季 to 冬季.
SEASON_NAMES = ["spring", "summer", "fall", "autumn", "winter"]
CHINESE_SEASONS = {"春": "spring", "夏": "summer", "秋": "fall", "冬": "winter"}
# Other languages' seasons, as their CVs print them (automne 2020, Herbst 2020, 2020년 가을).
OTHER_SEASONS = {
    **{"printemps": "spring", "été": "summer", "automne": "autumn", "hiver": "winter"},
    **{"frühjahr": "spring", "frühling": "spring", "sommer": "summer", "herbst": "autumn"},
    **{"primavera": "spring", "verano": "summer", "otoño": "autumn", "invierno": "winter"},
    **{"estate": "summer", "autunno": "autumn", "inverno": "winter", "verão": "summer", "outono": "autumn"},
    **{"voorjaar": "spring", "lente": "spring", "zomer": "summer", "najaar": "autumn", "herfst": "autumn"},
    **{"봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"},
    **{"אביב": "spring", "קיץ": "summer", "סתיו": "autumn", "חורף": "winter"},
    **{"ربيع": "spring", "صيف": "summer", "خريف": "autumn", "شتاء": "winter"},
}
SEASON_WORDS = {**{name: name for name in SEASON_NAMES}, **OTHER_SEASONS}
SEASONED = "(" + "|".join(map(any_case, sorted(SEASON_WORDS, key=len, reverse=True))) + ")"
# Japan's eras, as a Japanese résumé often counts its years: 令和元年 is 2019, 平成30年 2018.
ERAS = {"令和": 2019, "平成": 1989, "昭和": 1926}
DATE = "|".join(
    [
        rf"{YEAR}({SEP}{MONTH}({SEP}{DAY})?)?",  # 2021, 2021.03, 2021-03-14
        rf"{MONTH}{SEP}{YEAR}",  # 03/2021, 03.2021, as much of Europe and America write them
        rf"{DAY}[.．]{MONTH}[.．]{YEAR}",  # 14.03.2021: with full stops, the day is first
        rf"{DAY}[\-/－／]{DAY}[\-/－／]{YEAR}",  # 14/03/2021 or 03/14/2021: the day is the one over 12
        rf"{YEAR} ?年( ?{MONTH} ?月( ?{DAY} ?日)?)?",  # 2021年3月14日, 2021 年 3 月 (spaced, as pangu spaces it)
        rf"({DAY}(\.? +(de +)?|{ORDINAL} +(of +)?|-))?{NAMED}(,? +(de +)?|[-/]){YEAR}",  # March 2021, 14 March 2021,
        # March, 2021, Mar-2021, 14-Mar-2021, mar/2021 (as Brazil writes it), 14. März 2021, marzo de 2021,
        # 14 de março de 2021, 14th March 2021, 1st of March 2021
        rf"{NAMED} +{DAY}({ORDINAL})?(, *| +){YEAR}",  # March 14, 2021, March 14th 2021
        rf"({NAMED}|{SEASONED}) +{SHORT_YEAR}",  # May '22, Fall '20
        rf"{SEASONED} +{YEAR}",  # Fall 2020
        rf"{YEAR} ?年?[{''.join(CHINESE_SEASONS)}]季?",  # 2020年秋季
        rf"{YEAR} ?년( ?{MONTH} ?월( ?{DAY} ?일)?)?",  # 2021년 3월 14일, as a Korean CV writes it
        rf"{YEAR} ?년 ?{SEASONED}",  # 2020년 가을
        rf"({'|'.join(ERAS)})(元|{digits('0-9')}{{1,2}})年( ?{MONTH} ?月( ?{DAY} ?日)?)?",  # 令和3年4月1日
    ]
)
# A date still to come, as a student writes a graduation: Expected May 2026, Anticipated May 2026,
# 2026 (expected), 预计 2026.06, 2026年3月（予定）, 2026年3月見込み, 2026.02 (예정); and as each
# language's words print it (2026.06 (prévu), voraussichtlich 2026.06), so a printed date reads back.
TO_COME = rf"{any_case('expected')}|{any_case('anticipated')}"
EXPECTED_BEFORE = rf"({TO_COME}|{any_case('exp')}\.|{any_case('voraussichtlich')}) +|(预计|預計) ?"
FOREIGN_TO_COME = "|".join(map(any_case, ("prévu", "prévue", "previsto", "prevista", "verwacht", "צפוי", "متوقع")))
EXPECTED_AFTER = rf" *\(({TO_COME}|{FOREIGN_TO_COME})\)| ?[（(](预计|預計|予定|見込み?|예정)[）)]| ?(予定|見込み?|예정)"
A_DATE = rf"({EXPECTED_BEFORE})?({DATE})({EXPECTED_AFTER})?"
DATE_PATTERN = rf"^{A_DATE}$"
PRESENT_WORDS: tuple[str, ...] = ("present", "now", "current", "ongoing", "today", "to date", "till date")
PRESENT_WORDS += ("till now", "until now", "至今", "今", "现在", "現在", "目前", "현재")
PRESENT_WORDS += ("現在に至る", "在職中", "在学中", "재직 중", "재직중", "재학 중", "재학중")
PRESENT_WORDS += ("aujourd'hui", "aujourd’hui", "présent", "heute", "bis heute", "actualidad", "presente", "hoy")
PRESENT_WORDS += ("à ce jour", "en cours", "actuellement", "aktuell", "derzeit", "laufend", "actualmente", "a la fecha")
PRESENT_WORDS += ("en curso", "oggi", "ad oggi", "a oggi", "in corso", "attuale", "attualmente")
PRESENT_WORDS += ("atual", "atualmente", "o momento", "até o momento", "até hoje", "atualidade")
PRESENT_WORDS += ("heden", "tot heden", "nu", "huidig")
PRESENT_WORDS += ("היום", "עד היום", "הווה", "כיום", "حتى الآن", "الآن", "حاليا", "حاليًا", "حتى اليوم")
END_PATTERN = rf"^({A_DATE}|{'|'.join(map(any_case, PRESENT_WORDS))})$"
DATE_HINT = (
    "use a year, year.month, year-month-day, month and year or season and year, "
    "e.g. 2021, 2021.03, 2021-03-14, Mar 2021 or Fall 2020"
)


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None  # of SEASON_NAMES, in place of a month
    expected: bool = False  # still to come (Expected May 2026)

    def before(self, other: "PartialDate") -> bool:
        """Whether this date is earlier than `other` at the precision both have: 2020.06 is not
        before 2020 (the year holds June), 2019.12 is. A season has no month, so it is compared by
        its year: its months differ from school to school (Winter 2021 is January's term at one,
        December's at another)."""
        mine, theirs = (self.year, self.month, self.day), (other.year, other.month, other.day)
        common = next((i for i in range(3) if mine[i] is None or theirs[i] is None), 3)
        return mine[:common] < theirs[:common]


# Between the ends of a period written in one value: 2019 – 2021, 2019 to 2021, 2019 bis heute,
# 2019 à 2021, 2019年至2021年, 2019至今 (至今 the end itself); 2021.09– (no end: still going)
UNTIL = ("to", "until", "till", "bis", "à", "au", "a", "ad", "al", "hasta", "até", "tot")
PERIOD_MARK = re.compile(rf"\s*(?:[-–—~～－]|\b(?:{'|'.join(UNTIL)})\b|至(?!今)|(?=至今))\s*", re.IGNORECASE)
# Before the start of such a period: from 2019 to 2021, von 2019 bis 2021, du 2019 au 2021,
# desde 2019 hasta 2021, dal 2019 al 2021, van 2019 tot 2021.
FROM = re.compile(r"(?:(?:from|von|vom|de|du|desde|dal|da|van|vanaf)\s+|dall['’])", re.IGNORECASE)
# A period still going, written as where it began: since 2019, seit März 2019, depuis 2019,
# desde 2019, dal 2019, sinds 2019, ab 2019; 自2019年起, 2019年以来, 2019年から, 2019년부터.
SINCE = re.compile(
    r"(?:(?:since|from|seit|ab|depuis|dès|[àa] partir de|desde|dal|da|a partire dal?|sinds|vanaf)\s+|dall['’]|自\s*)"
    r"(?P<after>.+?)(?:\s*(?:起|以来))?|(?P<before>.+?)\s*(?:起|以来|から|より|以降|부터)",
    re.IGNORECASE,
)


def as_period(value: str) -> tuple[str, str] | None:
    """The start and end of a period written in one value (Sep 2019 – Present, von 2019 bis
    heute; 2021.09– and since 2019, whose end is `present`), else None."""
    text = value.strip()
    since = SINCE.fullmatch(text)
    if since and re.fullmatch(DATE_PATTERN, since.group("after") or since.group("before")):
        return since.group("after") or since.group("before"), "present"
    school_year = re.fullmatch(r"(\d{4}) ?[-–—/] ?(\d\d)", text)  # 2021–22; 2011-12 is December's
    if school_year and int(school_year.group(2)) > 12:
        first = int(school_year.group(1))
        if int(school_year.group(2)) == (first + 1) % 100:
            return str(first), str(first + 1)
    opening = FROM.match(text)
    for begun in (text, text[opening.end() :]) if opening else (text,):
        for mark in PERIOD_MARK.finditer(begun):
            start, end, worded = begun[: mark.start()], begun[mark.end() :], begun[mark.start() :].strip()
            if not re.fullmatch(DATE_PATTERN, start):
                continue
            if not end or is_present(end) or re.fullmatch(DATE_PATTERN, end):
                return start, end or "present"
            if is_present(worded):  # the mark is the end's first word: à ce jour, ad oggi
                return start, worded
    return None


def parse_date(value: str) -> PartialDate:
    """The date `value` names, at its precision; ValueError says how to write one."""
    if not re.fullmatch(DATE_PATTERN, value.strip()):
        period = as_period(value)
        if period:
            raise ValueError(
                f'"{value}" is a period, not one date; write it as start: {period[0]} and end: {period[1]}'
            )
        raise ValueError(f'"{value}" is not a date; {DATE_HINT}')
    bare = re.sub(rf"^({EXPECTED_BEFORE})|({EXPECTED_AFTER})$", "", value.strip())
    date = date_of(bare)
    return replace(date, expected=True) if bare != value.strip() else date


def date_of(value: str) -> PartialDate:
    """The date `value` (a date as DATE_PATTERN reads one, not marked expected) names."""
    value = western(value)
    runs = re.findall(r"\d+", value)
    numbers = [int(run) for run in runs]
    months = (word for word in re.finditer(LETTERS, value) if word.group().lower() in MONTH_WORDS)
    named = re.search(SEASONED, value) or next(months, None)  # (not `de`, as in 14 de marzo de 2021)
    chinese = re.search(f"[{''.join(CHINESE_SEASONS)}]", value)
    season = CHINESE_SEASONS[chinese.group()] if chinese else SEASON_WORDS.get(named.group().lower()) if named else None
    if named and len(runs[-1]) == 2:  # May '22: this century's up to '68, as strptime reads %y
        numbers[-1] += 2000 if numbers[-1] < 69 else 1900
    if season in SEASON_NAMES:
        return PartialDate(numbers[0], season=SEASON_NAMES.index(season))
    if named:  # the year last, a day before it if any: March 2021, 14 March 2021, March 14, 2021
        written = MONTH_WORDS[named.group().lower()]
        numbers = [numbers[-1], written, *numbers[:-1]]
    elif len(runs[0]) < 4 and len(numbers) == 3 and not re.search("[.．]", value):  # 14/03/2021, 03/14/2021
        first, second, year = numbers
        if first != second and max(first, second) <= 12:
            raise ValueError(
                f'"{value}" is read day first in some countries and month first in others; '
                f"write it year first: {year}-{second:02d}-{first:02d} or {year}-{first:02d}-{second:02d}"
            )
        numbers = [year, *((second, first) if first > 12 else (first, second))]  # the day is over 12
        if numbers[1] > 12:
            raise ValueError(f'"{value}" is not a date: neither {first} nor {second} is a month')
    elif len(runs[0]) < 4:  # the year last: 03/2021, 14.03.2021
        numbers = numbers[::-1]
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    if (day is not None and month in (4, 6, 9, 11) and day > 30) or (month == 2 and (day or 0) > 29):
        raise ValueError(f'"{value}" is not a date: that month has no day {day}')
    return PartialDate(numbers[0], month, day)


def western(value: str) -> str:
    """`value` with a year counted in Japan's eras (令和3年: the era's third year; 元年, its
    first) as the Western year (2021年)."""
    era = re.match(f"({'|'.join(ERAS)})(元|\\d+)", value)
    if not era:
        return value
    count = 1 if era.group(2) == "元" else int(era.group(2))
    return f"{ERAS[era.group(1)] - 1 + count}{value[era.end() :]}"


def iso(date: PartialDate) -> str:
    """`date` in ISO 8601 at its precision: 2021, 2021-03 or 2021-03-14."""
    return "-".join(f"{part:02d}" for part in (date.year, date.month, date.day) if part is not None)


def is_present(value: str) -> bool:
    return value.strip().lower() in PRESENT_WORDS


def check_date(value: str) -> str:
    parse_date(value)
    return value


def check_end(value: str) -> str:
    if is_present(value):
        return value
    if not re.fullmatch(DATE_PATTERN, value.strip()) and not as_period(value):  # (a period: its own hint)
        raise ValueError(f'"{value}" is not a date or `present`; {DATE_HINT}')
    return check_date(value)
