"""The words a résumé prints around the data, per language. The renderer holds no literals."""

from dataclasses import dataclass

from resumetex.errors import UsageError


@dataclass(frozen=True)
class Locale:
    present: str  # the end of an ongoing period
    date_range: str  # with {start} and {end}
    advisor: str
    interests: str
    colon: str  # after a label such as 导师 or a bullet's lead-in
    list_separator: str  # between research interests
    author_separator: str
    last_author_separator: str
    babel_language: str  # hyphenation patterns for Latin text


LOCALES = {
    "zh": Locale(
        present="至今",
        date_range="{start} – {end}",
        advisor="导师",
        interests="研究方向",
        colon=": ",
        list_separator="、",
        author_separator=", ",
        last_author_separator=", and ",
        babel_language="english",
    ),
    "en": Locale(
        present="Present",
        date_range="{start} – {end}",
        advisor="Advisor",
        interests="Research interests",
        colon=": ",
        list_separator=", ",
        author_separator=", ",
        last_author_separator=", and ",
        babel_language="english",
    ),
}


def get_locale(lang: str) -> Locale:
    """Return the words for `lang`, or a UsageError listing the languages there are."""
    try:
        return LOCALES[lang]
    except KeyError:
        raise UsageError(f"unknown language {lang!r}; known: {', '.join(sorted(LOCALES))}") from None
