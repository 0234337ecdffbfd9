"""The words a résumé prints around the data, per language, and how each language is typeset.

The renderers hold no literals. A CV's `lang:` picks the words; its `locale:` block replaces any
of them, so a third language needs no code change."""

import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from resumetex.errors import UsageError

if TYPE_CHECKING:
    from resumetex.model import CV, Words


@dataclass(frozen=True)
class Locale:
    lang: str  # BCP 47, for the document's language tag
    cjk: bool  # typeset as Chinese: ctex line breaking, Noto CJK as the main face
    present: str  # the end of an ongoing period
    months: tuple[str, ...]  # for date_format `month YYYY`
    month_year: str  # with {month} and {year}
    day_month_year: str  # with {day}, {month} and {year}
    advisor: str
    gpa: str
    interests: str
    colon: str  # after a label such as 导师 or a bullet's lead-in
    list_separator: str  # between research interests
    author_separator: str
    last_author_separator: str
    document_title: str  # the PDF's title, with {name}
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
        advisor="导师",
        gpa="GPA",
        interests="研究方向",
        colon="：",
        list_separator="、",
        author_separator=", ",
        last_author_separator=", and ",
        document_title="{name} - 简历",
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
        advisor="Advisor",
        gpa="GPA",
        interests="Research interests",
        colon=": ",
        list_separator=", ",
        author_separator=", ",
        last_author_separator=", and ",
        document_title="{name} - CV",
        line_spacing=1.2,
        tight_line_spacing=1.1,
    ),
}


def get_locale(lang: str) -> Locale:
    """Return the words for `lang` (zh, en), or a UsageError listing the languages there are."""
    try:
        return LOCALES[lang]
    except KeyError:
        raise UsageError(f"unknown language {lang!r}; known: {', '.join(sorted(LOCALES))}") from None


def locale_for(cv: "CV", lang: str | None = None) -> Locale:
    """The words `cv` is printed with: `lang` (the command line's), else the file's `lang:`,
    else Chinese when the owner's name is, else English; then the file's own `locale:` words."""
    if lang is not None:
        base = get_locale(lang)
    elif cv.lang is not None:
        code = cv.lang
        base = replace(LOCALES["zh" if code.startswith("zh") else "en"], lang=code)
        if code in LOCALES:
            base = LOCALES[code]
    else:
        base = LOCALES["zh" if has_cjk(cv.header.name) else "en"]
    return with_words(base, cv.locale)


def with_words(locale: Locale, words: "Words") -> Locale:
    given = {key: value for key, value in words.model_dump().items() if value is not None}
    if "months" in given:
        given["months"] = tuple(given["months"])
    return replace(locale, **given)


def has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" and char.isalpha() for char in text)
