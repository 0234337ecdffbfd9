"""`resumetex new`: a starter CV showing every section kind, and the schema beside it for editors."""

import json
from importlib.resources import files
from pathlib import Path

from resumetex.errors import UsageError
from resumetex.inline import clean
from resumetex.locales import east_asian, has_cjk, words_of
from resumetex.model import SCHEMA_TITLE, cv_json_schema

SCHEMA_NAME = "resumetex.schema.json"  # the starter's first line points here
PLACEHOLDER_NAMES = {
    "zh": "你的名字",
    "zh-TW": "你的名字",
    "zh-HK": "你的名字",
    "ja": "山田 太郎",  # the name Japanese forms show, as Korean's show 홍길동
    "ko": "홍길동",
    "en": "Your Name",
    "fr": "Prénom Nom",
    "de": "Vorname Nachname",
    "es": "Nombre Apellido",
    "it": "Nome Cognome",
    "pt": "Nome Sobrenome",
    "nl": "Voornaam Achternaam",
    "he": "ישראל ישראלי",  # the name Hebrew forms show
    "ar": "فلان الفلاني",  # "so-and-so", as Arabic writes a name left open
}


def starter_cv(name: str | None, lang: str | None, file_name: str) -> str:
    """The starter CV's text in `lang` (default: the name's language, as locales.east_asian
    reads it, for a name in East Asian letters; else English)."""
    if name is not None and not clean(name):
        name = None  # spaces or hidden characters alone (an unset "$NAME"): the placeholder, as for none
    lang = lang or (east_asian(name) if name and has_cjk(name) else "en")
    starter = lang if lang in PLACEHOLDER_NAMES else words_of(lang)  # pt-BR: Portuguese's; zh-Hant: Taiwan's
    if starter not in PLACEHOLDER_NAMES or starter.split("-")[0] != lang.split("-")[0].lower():  # (words_of: en)
        raise UsageError(f"--lang: no starter in {lang!r}; known: {', '.join(sorted(PLACEHOLDER_NAMES))}")
    text = files("resumetex").joinpath("starters", f"{starter}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"\nlang: {starter}\n", f"\nlang: {lang}\n", 1)  # the code as given: pt-BR
    quoted = json.dumps(name or PLACEHOLDER_NAMES[starter], ensure_ascii=False)  # a JSON string is YAML
    return text.replace("{name}", quoted).replace("{file}", file_name)


def write_starter(path: Path, name: str | None, lang: str | None) -> list[Path]:
    """Write the starter CV at `path` and the schema beside it; never replace an existing CV."""
    return write_beside(path, starter_cv(name, lang, str(path)))


def write_beside(path: Path, text: str) -> list[Path]:
    """Write a new CV at `path` and the schema beside it; never replace an existing file."""
    if path.exists():
        raise UsageError(f"{path} already exists; choose another name with -o FILE")
    try:
        write_schema(path.parent / SCHEMA_NAME)  # (first: a file of that name not ours stops both)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise UsageError(f"{path}: cannot write the starter CV ({error.strerror})") from None
    return [path, path.parent / SCHEMA_NAME]


def write_schema(path: Path) -> None:
    """Write the CV format's JSON Schema at `path`, replacing only a schema resumetex wrote there
    before (an older one), never a CV or any other file that has the name."""
    if path.exists() and not is_schema(path):
        raise UsageError(f"{path} already exists and is not a resumetex schema; choose another name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(cv_json_schema() + "\n", encoding="utf-8")


def is_schema(path: Path) -> bool:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(found, dict) and found.get("title") == SCHEMA_TITLE
