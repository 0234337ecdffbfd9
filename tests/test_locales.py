"""The words around the data: from the file's language, overridable in the file."""

from resumetex.locales import locale_for
from resumetex.model import CV


def cv(**fields: object) -> CV:
    return CV.model_validate({"header": {"name": "Ziyi Yang"}, "sections": [], **fields})


def test_the_files_language_picks_the_words() -> None:
    assert locale_for(cv(lang="en")).present == "Present"
    assert locale_for(cv(lang="zh")).present == "至今"


def test_the_command_line_overrides_the_file() -> None:
    assert locale_for(cv(lang="en"), "zh").present == "至今"
    japanese = locale_for(cv(lang="zh"), "ja")  # a language of the file's own words, as `lang: ja` is
    assert (japanese.lang, japanese.present, japanese.cjk) == ("ja", "Present", False)


def test_without_lang_the_owners_name_decides() -> None:
    assert locale_for(cv()).present == "Present"
    chinese = CV.model_validate({"header": {"name": "杨子诡"}, "sections": []})
    assert locale_for(chinese).present == "至今"


def test_a_third_language_needs_only_words() -> None:
    french = locale_for(cv(lang="fr", locale={"present": "aujourd'hui", "advisor": "Directeur"}))
    assert (french.present, french.advisor, french.lang, french.cjk) == ("aujourd'hui", "Directeur", "fr", False)
    assert locale_for(cv(lang="en", locale={"months": [str(m) for m in range(1, 13)]})).months[0] == "1"
