"""The CV format: strict, typed, and published as a JSON Schema that matches the data."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import regress
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from conftest import ROOT
from resumetex.cli import main
from resumetex.dates import DATE_PATTERN, END_PATTERN, check_date, check_end
from resumetex.model import CV, Bullet, Link, cv_json_schema


class EditorLoader(yaml.SafeLoader):
    """YAML as the YAML language server reads it: no timestamps (YAML 1.2 has none)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ValidationError):
        Link.model_validate({"label": "x", "ur": "https://a"})


def test_a_bullet_may_be_a_bare_string() -> None:
    assert Bullet.model_validate("did X") == Bullet(text="did X")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x", "tel:"])
def test_only_web_mail_and_phone_links(url: str) -> None:
    with pytest.raises(ValidationError):
        Link(label="x", url=url)


def test_section_keys_are_unique() -> None:
    section = {"key": "education", "title": "t", "entries": []}
    with pytest.raises(ValidationError, match="is used by two sections"):
        CV.model_validate({"header": {"name": "n"}, "sections": [section, section]})


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "cv.schema.json").read_text(encoding="utf-8")
    assert committed == cv_json_schema() + "\n", "run: resumetex schema > schema/cv.schema.json"


@pytest.mark.parametrize("data_file", sorted((ROOT / "tests" / "fixtures").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_the_fixtures(data_file: object) -> None:
    text = data_file.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert text.startswith("# yaml-language-server: $schema=../../schema/cv.schema.json")
    # As an editor's YAML server reads it (YAML 1.2): numbers and booleans are so, dates are text.
    jsonschema.validate(yaml.load(text, Loader=EditorLoader), json.loads(cv_json_schema()))


def test_schema_rejects_what_the_model_rejects() -> None:
    schema = json.loads(cv_json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"header": {"name": "n", "homepag": "x"}, "sections": []}, schema)
    bad_month = {
        "key": "education",
        "title": "t",
        "entries": [{"school": "s", "degree": "d", "start": "2023-13", "end": "present"}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"header": {"name": "n"}, "sections": [bad_month]}, schema)


def test_schema_takes_the_dates_a_chinese_resume_prints() -> None:
    entry = {"school": "s", "degree": "d", "start": "2021年9月", "end": "至今"}
    section = {"key": "education", "title": "t", "entries": [entry]}
    jsonschema.validate({"header": {"name": "n"}, "sections": [section]}, json.loads(cv_json_schema()))
    CV.model_validate({"header": {"name": "n"}, "sections": [section]})


def patterns_of(schema: object) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(patterns_of(value) for value in schema.values()))
    return set().union(*(patterns_of(value) for value in schema)) if isinstance(schema, list) else set()


def takes(check: Callable[[str], str], value: str) -> bool:
    try:
        check(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "value",
    [
        *("2021", "2021.03", "2021/3", "2021-03-14", "2021年3月14日", "２０２１年３月"),
        *("March 2021", "Sept. 2019", "14 March 2021", "March 14, 2021", "January, 2021", "Jan-2021"),
        *("May '22", "Fall ’20", "May '2022", "May 22"),
        *("03/2021", "3.2021", "14.03.2021", "03/14/2021", "14/03/2021", "13/2021", "3/21"),
        *("2021.13", "2021年13月", "21.03", "٢٠٢١", "Marc 2021", "2021 March"),
        *("present", "PRESENT", "Now", "To Date", "till date", "till now", "至今", "現在", "soon"),
        *("Expected May 2026", "2026 (expected)", "exp. 2026.06", "预计 2026.06", "2026年6月（預計）", "Expected"),
    ],
)
def test_the_schemas_patterns_are_javascripts_and_take_what_validate_takes(value: str) -> None:
    """An editor checks the schema's patterns with JavaScript's regular expressions (the `u`
    flag), where \\d is an ASCII digit, and an inline flag such as (?i:...) is a syntax error before
    Node 23 (on which VS Code's YAML extension runs). Each pattern compiles as ECMAScript
    (regress, Rust's engine of it), has no inline flag, and takes the dates and ends validate
    takes (a calendar's days aside: no pattern knows that April has 30, nor which of 04/03/2021
    is the month)."""
    patterns = patterns_of(json.loads(cv_json_schema()))
    for pattern in patterns:
        regress.Regex(pattern, "u")
        assert not re.search(r"\(\?[A-Za-z]", pattern), pattern
    assert {DATE_PATTERN, END_PATTERN} <= patterns
    assert bool(regress.Regex(DATE_PATTERN, "u").find(value)) == takes(check_date, value)
    assert bool(regress.Regex(END_PATTERN, "u").find(value)) == takes(check_end, value)


@pytest.mark.parametrize(
    ("typed", "doi"),
    [
        *(("10.1000/xyz123", "10.1000/xyz123"), ("10.48550/arXiv.2401.00001", "10.48550/arXiv.2401.00001")),
        *(("10.1000.5/a(b)c", "10.1000.5/a(b)c"), (" 10.1000/x ", "10.1000/x")),
        *(("https://doi.org/10.1000/x", "10.1000/x"), ("http://dx.doi.org/10.1000/x", "10.1000/x")),
        *(("HTTPS://DOI.ORG/10.1000/x", "10.1000/x"), ("doi:10.1000/x", "10.1000/x"), ("DOI: 10.1000/x", "10.1000/x")),
        *(("not a doi", None), ("10.1000/with space", None), ("arXiv:2401.00001", None)),
        *(("doi:doi:10.1000/x", None), ("11.1000/x", None), ("10.10/x", None), ("10.1000/", None)),
    ],
)
def test_a_doi_is_read_from_its_address_too(typed: str, doi: str | None) -> None:
    """A DOI pasted as its doi.org address (or after doi:) linked to doi.org/https://doi.org/...;
    it gives the DOI in it. What is no DOI is an error, in validate and in the editor alike."""
    from resumetex.model import DOI_PATTERN, check_doi

    assert (check_doi(typed) if doi else None) == doi
    if doi is None:
        with pytest.raises(ValueError, match="DOI"):
            check_doi(typed)
    assert bool(regress.Regex(DOI_PATTERN, "u").find(typed.strip())) == (doi is not None)
    assert DOI_PATTERN in patterns_of(json.loads(cv_json_schema()))


def test_schema_knows_every_kind_and_wants_a_kind_or_a_kind_key() -> None:
    schema = json.loads(cv_json_schema())
    section = {"key": "awards", "title": "Awards", "entries": [{"title": "Prize", "date": "2021"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"header": {"name": "n"}, "sections": [section]}, schema)  # no kind
    jsonschema.validate({"header": {"name": "n"}, "sections": [{**section, "kind": "entries"}]}, schema)
    for kind in ("education", "experience", "projects", "publications", "entries", "lines", "bullets", "text"):
        jsonschema.validate(
            {"header": {"name": "n"}, "sections": [{"key": "k", "kind": kind, "title": "t", "entries": []}]}, schema
        )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ({"homepage": "ftp://x.org"}, "not a link resumetex will write"),
        ({"homepage": "tel:"}, "not a link resumetex will write"),
    ],
)
def test_an_editor_gives_validates_words_for_a_bad_value(header: dict[str, str], message: str) -> None:
    """The schema's `patternErrorMessage` (what yaml-language-server shows) is validate's message,
    and the schema and the model agree on what passes."""
    schema = json.loads(cv_json_schema())
    data = {"header": {"name": "n", **header}, "sections": []}
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.validate(data, schema)
    assert caught.value.schema.get("patternErrorMessage", "").startswith(message)
    with pytest.raises(ValidationError, match=message[:20]):
        CV.model_validate(data)
    for good in ("https://x.org", "http://", "mailto:me@x.org", "tel:+86 199"):  # both accept these
        jsonschema.validate({"header": {"name": "n", "homepage": good}, "sections": []}, schema)
        CV.model_validate({"header": {"name": "n", "homepage": good}, "sections": []})


def test_dates_colours_and_keys_carry_validates_words_in_the_schema() -> None:
    text = cv_json_schema()
    for words in ("not a date; use a year", "not a colour; write it as #RRGGBB", "not a key; use lowercase letters"):
        assert f'"patternErrorMessage": "{words}' in text


def test_schema_writes_to_a_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "deep" / "s.json")])
    assert result.exit_code == 0 and result.output == f"wrote {tmp_path / 'deep' / 's.json'}\n"
    assert (tmp_path / "deep" / "s.json").read_text(encoding="utf-8") == (ROOT / "schema" / "cv.schema.json").read_text(
        encoding="utf-8"
    )


def test_schema_replaces_an_older_schema_and_nothing_else(tmp_path: Path) -> None:
    """`schema -o cv.yaml` by a slip wrote the schema over the CV; `new` and `import` put one beside
    the CV they write, over whatever had the name."""
    cv = tmp_path / "cv.yaml"
    cv.write_text("header: {name: Me}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "-o", str(cv)])
    assert result.exit_code == 2
    assert result.output == f"error: {cv} already exists and is not a resumetex schema; choose another name\n"
    assert cv.read_text(encoding="utf-8") == "header: {name: Me}\n"
    older = tmp_path / "resumetex.schema.json"
    older.write_text('{"title": "resumetex CV", "properties": {}}\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["schema", "-o", str(older)]).exit_code == 0
    assert older.read_text(encoding="utf-8") == (ROOT / "schema" / "cv.schema.json").read_text(encoding="utf-8")
    older.write_text("my notes\n", encoding="utf-8")  # a file of that name, not ours
    result = CliRunner().invoke(main, ["new", "Me", "-o", str(tmp_path / "new.yaml")])
    assert result.exit_code == 2 and "is not a resumetex schema" in result.output
    assert older.read_text(encoding="utf-8") == "my notes\n" and not (tmp_path / "new.yaml").exists()


@pytest.mark.parametrize("username", ["jane", "@jane", "jane@localhost", "https://hachyderm.io/@jane"])
def test_a_mastodon_username_names_its_server(username: str) -> None:
    """@jane alone has no address: Mastodon is many servers."""
    from resumetex.model import Profile

    with pytest.raises(ValueError, match=r"a mastodon username is the full address, user@server: @jane@hachyderm.io"):
        Profile(network="mastodon", username=username)
    assert Profile(network="mastodon", url="https://hachyderm.io/@jane").url  # or the address itself


@pytest.mark.parametrize("username", ["555 123 4567", "0171 1234567", "+", "wa.me/"])
def test_a_whatsapp_number_has_its_countrys_code(username: str) -> None:
    """wa.me opens a chat with the number as dialled from abroad: a local one opens none."""
    from resumetex.model import Profile

    with pytest.raises(ValueError, match=r"a whatsapp username is the number with its country's code: \+1 555"):
        Profile(network="whatsapp", username=username)
    assert Profile(network="whatsapp", username="+49 171 1234567").username  # with it


@pytest.mark.parametrize("username", ["https://gitlab.com/jane", "gitlab.com/jane", "www.jane.dev"])
def test_an_address_of_another_site_is_no_username(username: str) -> None:
    """An address of the network's own page gives its name (test_outputs); another is an error."""
    from resumetex.model import Profile

    with pytest.raises(ValueError, match=f"`{re.escape(username)}` is an address, not a github username"):
        Profile(network="github", username=username)
    assert Profile(network="github", username=username, url="https://gitlab.com/jane").url  # (the url is used)


@pytest.mark.parametrize(
    ("email", "alone"),
    [("mailto:jane@example.com", "jane@example.com"), ("Jane Doe <jane@example.com>", "jane@example.com")],
)
def test_an_email_written_as_a_link_or_with_a_name_says_what_to_write(email: str, alone: str) -> None:
    """It would print as written, `mailto:` or name and brackets included."""
    with pytest.raises(ValueError, match=f"prints as it is written; write the address alone: {alone}"):
        CV.model_validate({"header": {"name": "A", "email": email}, "sections": []})
