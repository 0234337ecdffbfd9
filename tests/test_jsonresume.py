"""`render --format json`: a JSON Resume document the published schema accepts, whose standard
fields other tools read, and which `resumetex import` turns back into the same CV."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT, SHAPES, squash, visible_strings
from resumetex.cli import main
from resumetex.load import load_cv

SCHEMA = json.loads((ROOT / "tests" / "samples" / "jsonresume.schema.json").read_text(encoding="utf-8"))


def export(tmp_path: Path, name: str, *options: str) -> Path:
    """The fixture's JSON Resume, written by the command a user runs, in a folder of its own
    (the CV and its photo are in cv/, the JSON file in out/)."""
    (tmp_path / "cv").mkdir(exist_ok=True)
    for file in (f"{name}.yaml", "photo.png"):
        shutil.copy(FIXTURES / file, tmp_path / "cv" / file)
    output = tmp_path / "out" / f"{name}.pdf"
    result = CliRunner().invoke(
        main, ["render", str(tmp_path / "cv" / f"{name}.yaml"), "--format", "json", "-o", str(output), *options]
    )
    assert result.exit_code == 0, result.output
    return output.with_suffix(".json")


@pytest.mark.parametrize("name", SHAPES)
def test_the_export_is_valid_json_resume_and_imports_back_to_the_same_cv(name: str, tmp_path: Path) -> None:
    exported = export(tmp_path, name)
    data = json.loads(exported.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    back = tmp_path / "back" / "deeper" / "back.yaml"
    result = CliRunner().invoke(main, ["import", str(exported), "-o", str(back)])
    assert result.exit_code == 0, result.output
    original, again = load_cv(FIXTURES / f"{name}.yaml"), load_cv(back)
    assert [(s.key, s.title, s.kind, len(s.entries)) for s in again.sections] == [
        (s.key, s.title, s.kind, len(s.entries)) for s in original.sections
    ]
    assert again.header.model_dump(exclude={"photo"}) == original.header.model_dump(exclude={"photo"})
    # the photo is named from each file's own folder: the same file, wherever the export and import go
    photos = [
        (folder / cv.header.photo).resolve() if cv.header.photo else None
        for folder, cv in ((tmp_path / "cv", original), (back.parent, again))
    ]
    assert photos[0] == photos[1]
    assert again.design == original.design and again.lang == (original.lang or again.lang)
    shown = squash("".join(visible_strings(again)))
    assert [s for s in visible_strings(original) if squash(s) not in shown] == []


def test_standard_fields_hold_what_other_tools_show(tmp_path: Path) -> None:
    data = json.loads(export(tmp_path, "academic.en").read_text(encoding="utf-8"))
    assert data["basics"]["name"] == "Hannah Okonkwo-Berg"
    assert {"network": "GitHub", "username": "hob-lab", "url": "https://github.com/hob-lab"}.items() <= next(
        p for p in data["basics"]["profiles"] if p["network"] == "GitHub"
    ).items()
    work = data["work"][0]
    assert (work["name"], work["position"], work["startDate"]) == (
        "University of Edinburgh",
        "Assistant Professor",
        "2021",
    )
    assert "endDate" not in work  # ongoing, as JSON Resume says it
    paper = data["publications"][0]
    assert paper["name"] == "Sparse attention for long documents" and paper["releaseDate"] == "2024"
    assert paper["authors"][:2] == ["Hannah Okonkwo-Berg", "Łukasz Kaiser"]
    assert data["education"][0]["studyType"] == "PhD" and data["education"][0]["area"] == "Machine Learning"


def test_the_export_is_of_the_selected_cv(tmp_path: Path) -> None:
    full = json.loads(export(tmp_path, "seed.zh").read_text(encoding="utf-8"))
    cut = json.loads(export(tmp_path, "seed.zh", "--hide", "publications,projects").read_text(encoding="utf-8"))
    keys = [s["key"] for s in cut["meta"]["resumetex"]["sections"]]
    assert "publications" in [s["key"] for s in full["meta"]["resumetex"]["sections"]]
    assert "publications" not in keys and "projects" not in keys and "publications" not in cut


def test_typed_text_stays_one_string(tmp_path: Path) -> None:
    typed = '"}, "basics": {"name": "x"}, "a": "<script>{{ user }} 100%'
    source = tmp_path / "cv.yaml"
    source.write_text(
        json.dumps(
            {
                "header": {"name": "Test"},
                "sections": [{"key": "a", "kind": "entries", "title": typed, "entries": [{"title": typed}]}],
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["render", str(source), "--format", "json", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "cv.json").read_text(encoding="utf-8"))
    assert data["basics"]["name"] == "Test" and set(data) == {"$schema", "basics", "awards", "meta"}
    assert data["awards"][0]["title"] == typed and data["meta"]["resumetex"]["sections"][0]["title"] == typed


def test_an_export_with_no_sections_imports_back_as_resumetexs_own(tmp_path: Path) -> None:
    """Its header alone, profiles on every network: read as a foreign JSON Resume it kept each
    address the username makes (an empty list of sections was left out of `meta`)."""
    source = tmp_path / "cv.yaml"
    profiles = [
        {"network": "dblp", "username": "123/4567"},
        {"network": "mastodon", "username": "@jane@hachyderm.io"},
        {"network": "wechat", "username": "jane_wx"},
        {"network": "github", "username": "jane"},
    ]
    source.write_text(json.dumps({"header": {"name": "Jane", "profiles": profiles}, "sections": []}), encoding="utf-8")
    output = tmp_path / "cv.pdf"
    assert CliRunner().invoke(main, ["render", str(source), "--format", "json", "-o", str(output)]).exit_code == 0
    back = tmp_path / "back.yaml"
    result = CliRunner().invoke(main, ["import", str(output.with_suffix(".json")), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert load_cv(back).header == load_cv(source).header


def test_dates_iso_cannot_hold_come_back_as_written(tmp_path: Path) -> None:
    """A season and a date still to come: JSON Resume's ISO dates keep the year and month, and the
    export writes each as the résumé shows it beside them, so the import brings back its words."""
    source = tmp_path / "cv.yaml"
    education = {"school": "MIT", "degree": "BSc", "start": "Fall 2022", "end": "Expected May 2026"}
    paper = {"authors": ["Ada"], "title": "A paper", "venue": "NeurIPS", "date": "2026 (expected)"}
    sections = [
        {"key": "education", "kind": "education", "title": "Education", "entries": [education]},
        {"key": "papers", "kind": "publications", "title": "Papers", "entries": [paper]},
        {"key": "awards", "kind": "entries", "title": "Awards", "entries": [{"title": "Prize", "date": "Spring 2024"}]},
    ]
    source.write_text(json.dumps({"lang": "en", "header": {"name": "Ada"}, "sections": sections}), encoding="utf-8")
    output = tmp_path / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(source), "--format", "json,txt", "-o", str(output)])
    assert result.exit_code == 0, result.output
    data = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert (data["education"][0]["startDate"], data["education"][0]["endDate"]) == ("2022", "2026-05")
    assert data["publications"][0]["releaseDate"] == "2026"
    back = tmp_path / "back.yaml"
    result = CliRunner().invoke(main, ["import", str(output.with_suffix(".json")), "-o", str(back)])
    assert result.exit_code == 0, result.output
    again = load_cv(back)
    assert again.sections[0].entries[0].start == "Fall 2022"
    assert again.sections[0].entries[0].end == "Expected May 2026"
    assert again.sections[1].entries[0].date == "2026 (expected)"
    assert again.sections[2].entries[0].date == "Spring 2024"
    shown = output.with_suffix(".txt").read_text(encoding="utf-8")
    assert "Fall 2022 – Expected 2026.05" in shown and "Expected 2026" in shown  # (en writes 2026.05)
    result = CliRunner().invoke(main, ["render", str(back), "--format", "txt", "-o", str(tmp_path / "b" / "cv.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "cv.txt").read_text(encoding="utf-8") == shown


@pytest.mark.parametrize("name", ["李伟", "Wei Li"])
def test_a_cv_without_lang_comes_back_in_the_words_it_had(name: str, tmp_path: Path) -> None:
    """Read by its owner's name (李伟's English text gets 至今), and so again once imported back,
    though the import reads a JSON Resume's language from its text, the owner's name left out."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"header: {{name: {name}}}\nsections: [{{key: w, kind: experience, title: Experience,\n"
        "  entries: [{organization: Acme, start: 2021, end: present}]}]\n",
        encoding="utf-8",
    )
    assert (
        CliRunner()
        .invoke(main, ["render", str(source), "--format", "json,txt", "-o", str(tmp_path / "cv.pdf")])
        .exit_code
        == 0
    )
    back = tmp_path / "back" / "cv.yaml"
    assert CliRunner().invoke(main, ["import", str(tmp_path / "cv.json"), "-o", str(back)]).exit_code == 0
    again = tmp_path / "back" / "cv.pdf"
    assert CliRunner().invoke(main, ["render", str(back), "--format", "txt", "-o", str(again)]).exit_code == 0
    assert again.with_suffix(".txt").read_text(encoding="utf-8") == (tmp_path / "cv.txt").read_text(encoding="utf-8")
