"""The words a résumé prints around the data, per language. The renderer holds no literals."""

from typing import NamedTuple

from resumetex.errors import UsageError

THEME_PACKAGE = "resumetex"  # templates/<theme>/resumetex.sty
DEFAULT_LANG = "zh"


# A NamedTuple rather than a dataclass: the command imports this before it starts the engine
# (launch.py), and importing dataclasses would cost 8 ms there.
class Locale(NamedTuple):
    present: str  # the end of an ongoing period
    months: tuple[str, ...]  # for date_format `month YYYY`
    month_year: str  # with {month} and {year}
    advisor: str
    interests: str
    colon: str  # after a label such as 导师 or a bullet's lead-in
    list_separator: str  # between research interests
    author_separator: str
    last_author_separator: str
    latex_class: str  # the document class and its options
    class_options: tuple[str, ...]
    line_spacing: float  # the default baseline distance / font size
    tight_line_spacing: float  # the least --max-pages may use
    document_title: str  # the PDF's title, with {name}
    language_tag: str  # BCP 47, for the PDF's /Lang

    @property
    def document_head(self) -> str:
        """The first lines of every document in this language: the class and the theme.
        Nothing in them comes from the CV, so XeLaTeX loads them, fonts and all, while the
        CV is still being read (see compile.Engine). render_cv's output starts with them."""
        options = f"[{','.join(self.class_options)}]" if self.class_options else ""
        return f"\\documentclass{options}{{{self.latex_class}}}%\n\\usepackage{{{THEME_PACKAGE}}}%\n"


LOCALES = {
    "zh": Locale(
        present="至今",
        months=tuple(f"{m}月" for m in range(1, 13)),
        month_year="{year}年{month}",
        advisor="导师",
        interests="研究方向",
        colon=": ",
        list_separator="、",
        author_separator=", ",
        last_author_separator=", and ",
        # ctex for CJK line breaking and spacing; the theme loads the fonts itself
        # (fontset=none: ctex's `ubuntu` set picks the JP face of Noto CJK) and sets line spacing.
        latex_class="ctexart",
        class_options=("fontset=none", "linespread=1"),
        line_spacing=1.45,
        tight_line_spacing=1.3,  # CJK lines need more air than Latin ones
        document_title="{name} - 简历",
        language_tag="zh-CN",
    ),
    "en": Locale(
        present="Present",
        months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        month_year="{month} {year}",
        advisor="Advisor",
        interests="Research interests",
        colon=": ",
        list_separator=", ",
        author_separator=", ",
        last_author_separator=", and ",
        latex_class="article",
        class_options=(),
        line_spacing=1.2,
        tight_line_spacing=1.1,
        document_title="{name} - CV",
        language_tag="en",
    ),
}


def get_locale(lang: str) -> Locale:
    """Return the words for `lang`, or a UsageError listing the languages there are."""
    try:
        return LOCALES[lang]
    except KeyError:
        raise UsageError(f"unknown language {lang!r}; known: {', '.join(sorted(LOCALES))}") from None
