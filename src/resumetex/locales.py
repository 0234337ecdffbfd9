"""The words a résumé prints around the data, per language, and how each language is typeset.

The renderers hold no literals. A CV's `lang:` picks the words; its `locale:` block replaces any
of them, so a third language needs no code change."""

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import langcodes

    from resumetex.model import CV, Words


@dataclass(frozen=True)
class Locale:
    lang: str  # BCP 47, for the document's language tag
    cjk: bool  # typeset as Chinese: ctex line breaking, Noto CJK as the main face
    present: str  # the end of an ongoing period
    months: tuple[str, ...]  # for date_format `month YYYY`
    month_year: str  # with {month} and {year}
    day_month_year: str  # with {day}, {month} and {year}
    seasons: tuple[str, ...]  # spring, summer, fall, autumn, winter (dates.SEASON_NAMES)
    season_year: str  # with {season} and {year}
    expected: str  # a date still to come, with {date}
    advisor: str
    gpa: str
    interests: str
    colon: str  # after a label such as 导师 or a bullet's lead-in
    list_separator: str  # between research interests
    author_separator: str
    last_author_separator: str
    document_title: str  # the PDF's title, with {name}
    quotes: str  # the pair typewriter double quotes around Chinese text become
    line_spacing: float  # the default baseline distance / font size
    tight_line_spacing: float  # the least --max-pages may use


LOCALES = {
    "zh": Locale(
        lang="zh-CN",
        cjk=True,
        present="至今",
        months=tuple(f"{m}月" for m in range(1, 13)),
        month_year="{year}年{month}",
        day_month_year="{year}年{month}{day}日",
        seasons=("春季", "夏季", "秋季", "秋季", "冬季"),
        season_year="{year}年{season}",
        expected="预计 {date}",
        advisor="导师",
        gpa="GPA",
        interests="研究方向",
        colon="：",
        list_separator="、",
        author_separator=", ",
        last_author_separator=", and ",
        document_title="{name} - 简历",
        quotes="“”",
        line_spacing=1.45,
        tight_line_spacing=1.3,  # CJK lines need more air than Latin ones
    ),
    "en": Locale(
        lang="en",
        cjk=False,
        present="Present",
        months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        month_year="{month} {year}",
        day_month_year="{month} {day}, {year}",
        seasons=("Spring", "Summer", "Fall", "Autumn", "Winter"),
        season_year="{season} {year}",
        expected="Expected {date}",
        advisor="Advisor",
        gpa="GPA",
        interests="Research interests",
        colon=": ",
        list_separator=", ",
        author_separator=", ",
        last_author_separator=", and ",
        document_title="{name} - CV",
        quotes="“”",
        line_spacing=1.2,
        tight_line_spacing=1.1,
    ),
}


# French, German, Spanish, Italian, Portuguese and Dutch: English's settings with their own words
# (an advisor is named by the act, Encadrement, Betreuung, Dirección, which has no gender).
LOCALES["fr"] = replace(
    LOCALES["en"],
    lang="fr",
    present="aujourd’hui",
    months=("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    day_month_year="{day} {month} {year}",
    seasons=("printemps", "été", "automne", "automne", "hiver"),
    expected="{date} (prévu)",
    advisor="Encadrement",
    gpa="Moyenne",
    interests="Thèmes de recherche",
    colon="\u00a0: ",  # French spaces its colon, and never leaves it alone at a line's start
    last_author_separator=" et ",
)
LOCALES["de"] = replace(
    LOCALES["en"],
    lang="de",
    present="heute",
    months=("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
    day_month_year="{day}. {month} {year}",
    seasons=("Frühjahr", "Sommer", "Herbst", "Herbst", "Winter"),
    expected="voraussichtlich {date}",
    advisor="Betreuung",
    gpa="Note",
    interests="Forschungsinteressen",
    last_author_separator=" und ",
    document_title="{name} - Lebenslauf",
)
LOCALES["es"] = replace(
    LOCALES["en"],
    lang="es",
    present="actualidad",
    months=("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."),
    day_month_year="{day} {month} {year}",
    seasons=("primavera", "verano", "otoño", "otoño", "invierno"),
    expected="{date} (previsto)",
    advisor="Dirección",
    gpa="Nota media",
    interests="Líneas de investigación",
    last_author_separator=" y ",
)
LOCALES["it"] = replace(
    LOCALES["en"],
    lang="it",
    present="oggi",
    months=("gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.", "dic."),
    day_month_year="{day} {month} {year}",
    seasons=("primavera", "estate", "autunno", "autunno", "inverno"),
    expected="{date} (previsto)",
    advisor="Supervisione",
    gpa="Media",
    interests="Interessi di ricerca",
    last_author_separator=" e ",
)
LOCALES["pt"] = replace(
    LOCALES["en"],
    lang="pt",
    present="atual",
    months=("jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."),
    day_month_year="{day} {month} {year}",
    seasons=("primavera", "verão", "outono", "outono", "inverno"),
    expected="{date} (previsto)",
    advisor="Orientação",
    gpa="Média",
    interests="Interesses de pesquisa",
    last_author_separator=" e ",
    document_title="{name} - Currículo",
)
LOCALES["pt-PT"] = replace(LOCALES["pt"], lang="pt-PT", interests="Interesses de investigação")
LOCALES["nl"] = replace(
    LOCALES["en"],
    lang="nl",
    present="heden",
    months=("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
    day_month_year="{day} {month} {year}",
    seasons=("voorjaar", "zomer", "najaar", "najaar", "winter"),
    expected="{date} (verwacht)",
    advisor="Begeleiding",
    gpa="Gemiddelde",
    interests="Onderzoeksinteresses",
    last_author_separator=" en ",
    document_title="{name} - cv",
)
# Hebrew and Arabic: English's settings with their words (and Arabic's comma); "and" is a letter
# joined to the next word in both (ו, و).
LOCALES["he"] = replace(
    LOCALES["en"],
    lang="he",
    present="היום",
    months=("ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"),
    day_month_year="{day} {month} {year}",
    seasons=("אביב", "קיץ", "סתיו", "סתיו", "חורף"),
    expected="{date} (צפוי)",
    advisor="הנחיה",
    gpa="ממוצע",
    interests="תחומי מחקר",
    last_author_separator=" ו",
    document_title="{name} - קורות חיים",
)
LOCALES["ar"] = replace(
    LOCALES["en"],
    lang="ar",
    present="حتى الآن",
    months=(
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
    day_month_year="{day} {month} {year}",
    seasons=("ربيع", "صيف", "خريف", "خريف", "شتاء"),
    expected="{date} (متوقع)",
    advisor="الإشراف",
    gpa="المعدل",
    interests="الاهتمامات البحثية",
    list_separator="، ",
    author_separator="، ",
    last_author_separator=" و",
    document_title="{name} - السيرة الذاتية",
)


# Japanese and Korean: set as an English document is (xeCJK breaks lines between their
# characters), with the air between lines CJK text needs.
LOCALES["ja"] = Locale(
    lang="ja",
    cjk=False,
    present="現在",
    months=tuple(f"{m}月" for m in range(1, 13)),
    month_year="{year}年{month}",
    day_month_year="{year}年{month}{day}日",
    seasons=("春", "夏", "秋", "秋", "冬"),
    season_year="{year}年{season}",
    expected="{date}（予定）",
    advisor="指導教員",
    gpa="GPA",
    interests="研究分野",
    colon="：",
    list_separator="、",
    author_separator=", ",
    last_author_separator=", and ",
    document_title="{name} - 履歴書",
    quotes="「」",
    line_spacing=1.45,
    tight_line_spacing=1.3,
)
LOCALES["ko"] = replace(
    LOCALES["ja"],
    lang="ko",
    present="현재",
    months=tuple(f"{m}월" for m in range(1, 13)),
    month_year="{year}년 {month}",
    day_month_year="{year}년 {month} {day}일",
    seasons=("봄", "여름", "가을", "가을", "겨울"),
    season_year="{year}년 {season}",
    expected="{date} (예정)",
    advisor="지도교수",
    interests="연구 분야",
    colon=": ",
    list_separator=", ",
    document_title="{name} - 이력서",
    quotes="“”",
)


# Traditional Chinese: Taiwan's words (a thesis advisor is 指導教授, a quotation is in 「」) and
# Hong Kong's, each set in Noto CJK's faces of its own forms (see glyph_forms).
LOCALES["zh-TW"] = replace(
    LOCALES["zh"],
    lang="zh-TW",
    advisor="指導教授",
    document_title="{name} - 履歷",
    quotes="「」",
    expected="預計 {date}",
)
LOCALES["zh-HK"] = replace(LOCALES["zh-TW"], lang="zh-HK", advisor="導師")


def glyph_forms(lang: str) -> str:
    """How the Chinese characters of a document in `lang` are drawn, by the name Noto CJK's faces
    carry: TC for Traditional Chinese as Taiwan writes it (zh-TW, zh-Hant), HK for Hong Kong's
    and Macau's (zh-HK, zh-MO), JP and KR for Japanese's kanji and Korean's hanja, else SC,
    mainland China's and Singapore's (zh, zh-Hans, zh-SG, and the Chinese names in a document of
    another language)."""
    tags = lang.lower().replace("_", "-").split("-")
    if tags[0] != "zh":
        return {"ja": "JP", "ko": "KR"}.get(tags[0], "SC")
    if "hk" in tags or "mo" in tags:
        return "HK"
    return "TC" if "tw" in tags or "hant" in tags else "SC"


def locale_for(cv: "CV", lang: str | None = None) -> Locale:
    """The words `cv` is printed with: `lang` (the command line's), else the file's `lang:`,
    else the language of the owner's name (see east_asian), else English; then the file's own
    `locale:` words."""
    code = lang or cv.lang
    if code is not None:
        base = LOCALES.get(code) or replace(LOCALES[words_of(code)], lang=code)
    elif has_cjk(cv.header.name):
        base = LOCALES[east_asian(cv.model_dump_json())]
    else:
        base = LOCALES["en"]
    return with_words(base, cv.locale)


def east_asian(text: str) -> str:
    """The language of text written in East Asian letters: Korean or Japanese when a tenth of
    them are Hangul or kana (so a Korean name alone is Korean, and a Japanese CV whose name is in
    kanji is Japanese), else Chinese (see chinese_of)."""
    return kana_or_hangul(text) or chinese_of(text)


# Each language's most frequent short words that no other language here writes alike (not `de`,
# `en`, `con`, `als`, `que`, `is`): how many of each a text has tells its language.
FUNCTION_WORDS = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of with for to from by on at was were are",
        "de": "und der die das den dem ein eine einer eines mit für von im bei zur zum auf",
        "fr": "et les des pour avec dans sur aux une du est par au",
        "es": "y el los las sus también más mediante",
        "it": "il di della delle dei degli nel nella gli alla sono ed per",
        "pt": "os dos com em uma ao pelo pela na não são",
        "nl": "het van een voor bij naar werd zijn ook aan",
    }.items()
}


def western_language(text: str) -> str:
    """The language of text in Latin letters: the one with most of its FUNCTION_WORDS, when it
    has at least eight and twice as many as any other; else English (a terse CV, a list of
    skills, says too little to go by)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    found = {lang: sum(word in own for word in words) for lang, own in FUNCTION_WORDS.items()}
    best, second = sorted(found, key=lambda lang: found[lang], reverse=True)[:2]
    return best if found[best] >= 8 and found[best] >= 2 * found[second] else "en"


def right_to_left_language(text: str) -> str | None:
    """he or ar (fa, ur: by the letters Persian or Urdu adds to Arabic's) when half of `text`'s
    letters are Hebrew or Arabic; else None (an English CV with an Arabic co-author is English)."""
    letters = [char for char in text if char.isalpha()]
    hebrew = sum("\u0590" <= char <= "\u05ff" for char in letters)
    arabic = sum("\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff" for char in letters)
    if not letters or 2 * max(hebrew, arabic) < len(letters):
        return None
    if hebrew > arabic:
        return "he"
    if any(char in "ٹڈڑںےہ" for char in letters):
        return "ur"
    return "fa" if any(char in "پچژگکی" for char in letters) else "ar"


def kana_or_hangul(text: str) -> str | None:
    """ko or ja when a tenth of `text`'s East Asian letters are Hangul or kana; else None: Chinese
    characters alone, which Chinese, Japanese and Korean share."""
    letters = [char for char in text if unicodedata.east_asian_width(char) in "WF" and char.isalpha()]
    for lang, script in (("ko", HANGUL), ("ja", KANA)):
        if letters and 10 * sum(1 for char in letters if script.match(char)) >= len(letters):
            return lang
    return None


# Korean's letters (syllables and jamo) and Japanese's kana (with the long vowel mark ー).
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
KANA = re.compile("[\u3041-\u30ff\u31f0-\u31ff\uff66-\uff9f]")


def chinese_of(text: str) -> str:
    """zh-TW for Chinese text written in traditional characters throughout, else zh (Hong
    Kong's text reads as Taiwan's: the characters alone cannot tell the two apart)."""
    import hanzidentifier  # (30 ms to import: only for a file that does not say its language)

    return "zh-TW" if hanzidentifier.identify(text) == hanzidentifier.TRADITIONAL else "zh"


# The scripts written right to left: Arabic, Hebrew, Thaana, Syriac, N'Ko, Adlam, Hanifi Rohingya.
RIGHT_TO_LEFT_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"}


def likely(lang: str) -> "langcodes.Language":
    """`lang` with its likely script and region filled in (fr: fr-Latn-FR, he: he-Hebr-IL), from
    CLDR's likely subtags, as langcodes has them."""
    import langcodes  # (only for the HTML page and the Word file)

    try:
        return langcodes.Language.get(lang).maximize()
    except ValueError:  # a subtag where BCP 47 has no place for it (de-x1): the language alone
        return langcodes.Language.get(lang.split("-")[0]).maximize()


def words_of(code: str) -> str:
    """The locale whose words a language code without its own takes: Chinese's in the forms
    its readers write (zh-Hant-TW, zh-MO, zh-SG), a language's own for its regions' (ja-JP,
    fr-CA, de-AT), English's for any other language."""
    if not code.lower().startswith("zh"):
        language = code.lower().replace("_", "-").split("-")[0]  # fr-CA: fr
        return language if language in LOCALES else "en"
    return {"TC": "zh-TW", "HK": "zh-HK"}.get(glyph_forms(code), "zh")


def with_words(locale: Locale, words: "Words") -> Locale:
    from resumetex.inline import visible  # (the text rule: markdown-it's import is not needed before)

    given: dict[str, Any] = {  # (str, or a list of them: months, seasons)
        key: visible(value) if isinstance(value, str) else tuple(map(visible, value))
        for key, value in words.model_dump().items()
        if value is not None
    }
    return replace(locale, **given)


def has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" and char.isalpha() for char in text)
