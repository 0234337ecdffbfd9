"""Several roles at one organization (a promotion): the organization once, with the time there,
then each role with its own dates, place and points, in every form; chosen by tags like entries."""

import json
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, in_order, pdf_text
from resumetex.cli import main
from resumetex.layout import span
from resumetex.load import load_cv
from resumetex.model import Role

ROLES = [
    {"role": "Staff Engineer", "start": "2023-04", "bullets": ["Led evaluation"], "tags": ["lead"]},
    {
        "role": "Senior Engineer",
        "location": "Zürich",
        "start": "2020-01",
        "end": "2023-03",
        "bullets": ["Built the pipeline", {"text": "Ran the on-call rota", "tags": ["ops"]}],
    },
    {"role": "Engineer", "team": "Search", "start": "2018", "end": "2019", "summary": "Search infrastructure."},
]


def cv_file(folder: Path, roles: list[dict[str, Any]] = ROLES) -> Path:
    google = {"organization": "Google", "team": "DeepMind", "location": "London", "roles": roles}
    later = {"organization": "Acme", "role": "Intern", "start": "2017", "end": "2017"}
    section = {"key": "work", "kind": "experience", "title": "Experience", "entries": [google, later]}
    source = folder / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "Jane"}, "sections": [section]}), encoding="utf-8")
    return source


def render(folder: Path, *options: str) -> Path:
    output = folder / "out" / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(cv_file(folder)), "-o", str(output), *options])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF and every other form, from one render."""
    return render(tmp_path_factory.mktemp("roles"), "--format", "pdf,html,docx,md,txt,json")


def lines_of(pdf: Path) -> list[tuple[float, str, float]]:
    """Each line of the first page: its top, its words, and where its last word ends."""
    with pdfplumber.open(pdf) as document:
        words = document.pages[0].extract_words()
        right = document.pages[0].width - 1.5 * 72 / 2.54
    rows: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        rows.setdefault(round(word["top"]), []).append(word)
    return [(top, " ".join(w["text"] for w in row), right - row[-1]["x1"]) for top, row in sorted(rows.items())]


def test_the_pdf_shows_the_organization_once_then_each_role_with_its_dates(made: Path) -> None:
    rows = {text: gap for _, text, gap in lines_of(made)}
    # the organization's time there, from its roles: the first start to an ongoing end
    assert "Google DeepMind 2018–Present" in rows and rows["Google DeepMind 2018–Present"] < 1
    for row in (
        "Staff Engineer 2023.04–Present",
        "Senior Engineer Zürich 2020.01–2023.03",
        "Engineer Search 2018–2019",
    ):
        assert rows[row] < 1  # each role's dates at the right margin, on its own row
    assert sum("Google" in text for text in rows) == 1
    order = ["Google", "Staff Engineer", "Led evaluation", "Senior Engineer", "Built the pipeline", "Engineer"]
    for text in (pdf_text(made), " ".join(text for _, text, _ in lines_of(made))):  # two extractors
        assert in_order([*order, "Search infrastructure.", "Acme", "Intern"], text) == []


def test_every_form_shows_each_role_with_its_dates_and_points(made: Path) -> None:
    text = made.with_suffix(".txt").read_text(encoding="utf-8")
    assert "Google  DeepMind  (2018 – Present)" in text
    assert "Senior Engineer  Zürich  (2020.01 – 2023.03)\n- Built the pipeline" in text
    assert "Engineer  Search  (2018 – 2019)" in text  # (a role's own team)
    markdown = made.with_suffix(".md").read_text(encoding="utf-8")
    assert "**Senior Engineer** · Zürich · *2020.01 – 2023.03*\n\n- Built the pipeline" in markdown
    page = made.with_suffix(".html").read_text(encoding="utf-8")
    assert '<div class="role">\n<div class="row sub"><span>Staff Engineer</span>' in page
    assert '<time datetime="2023-04">2023.04</time> – Present' in page
    paragraphs = [p.text for p in docx.Document(str(made.with_suffix(".docx"))).paragraphs]
    at = paragraphs.index("Senior Engineer  Zürich\t2020.01 – 2023.03")
    assert paragraphs[at + 1 : at + 3] == ["Built the pipeline", "Ran the on-call rota"]
    assert "Google · DeepMind\t2018 – Present" in paragraphs


def test_json_resume_has_an_item_per_role_and_imports_back(made: Path, tmp_path: Path) -> None:
    data = json.loads(made.with_suffix(".json").read_text(encoding="utf-8"))
    work = [
        (item["name"], item.get("position"), item.get("description"), item.get("location")) for item in data["work"]
    ]
    assert work == [
        ("Google", "Staff Engineer", "DeepMind", "London"),  # as JSON Resume's readers list positions
        ("Google", "Senior Engineer", "DeepMind", "Zürich"),
        ("Google", "Engineer", "Search", "London"),
        ("Acme", "Intern", None, None),
    ]
    back = tmp_path / "back.yaml"
    result = CliRunner().invoke(main, ["import", str(made.with_suffix(".json")), "-o", str(back)])
    assert result.exit_code == 0, result.output
    again = load_cv(back).sections[0].entries[0]
    assert [(r.role, r.team, r.location, r.start, r.end) for r in again.roles] == [  # type: ignore[union-attr]
        (r["role"], r.get("team"), r.get("location"), r["start"], r.get("end")) for r in ROLES
    ]
    assert again.team == "DeepMind"  # type: ignore[union-attr]
    result = CliRunner().invoke(main, ["render", str(back), "--format", "txt", "-o", str(tmp_path / "b" / "cv.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "cv.txt").read_text(encoding="utf-8") == made.with_suffix(".txt").read_text(
        encoding="utf-8"
    )


def test_tags_choose_roles_and_their_points(tmp_path: Path) -> None:
    """--exclude-tags drops a role as it drops an entry, and the organization's time follows what is
    left; a point's tag drops the point."""
    pdf = render(tmp_path, "--exclude-tags", "lead,ops")
    text = " ".join(line for _, line, _ in lines_of(pdf))
    assert "Staff Engineer" not in text and "Led evaluation" not in text and "on-call" not in text
    assert "Google DeepMind 2018–2023.03" in text and "Built the pipeline" in text


def test_an_organization_whose_every_role_is_left_out_goes_too(tmp_path: Path) -> None:
    """Its row alone would be a heading with nothing under it."""
    from resumetex.selection import select_tags

    cv = load_cv(cv_file(tmp_path, [{**role, "tags": ["google"]} for role in ROLES]))
    assert [e.organization for e in select_tags(cv, drop=["google"]).sections[0].entries] == ["Acme"]  # type: ignore[union-attr]
    assert [e.organization for e in select_tags(cv, keep=["google"]).sections[0].entries] == ["Google", "Acme"]  # type: ignore[union-attr]


def test_the_time_at_an_organization_runs_from_its_first_start_to_its_last_end() -> None:
    def role(**dates: str) -> Role:
        return Role(role="R", **dates)

    assert span([role(start="2020", end="2021.06"), role(start="2019.03", end="2020")]).model_dump(
        include={"start", "end"}
    ) == {"start": "2019.03", "end": "2021.06"}
    assert span([role(start="2021"), role(start="2019", end="2020")]).end == "present"  # one ongoing
    assert span([role(date="2022"), role(start="2019.05", end="2022.03")]).end == "2022"  # a year is its end
    assert span([role(start="Fall 2019", end="2020 (expected)")]).end == "2020 (expected)"
    assert span([role()]).start is None


def test_validate_counts_roles_and_a_file_with_them_is_valid(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(FIXTURES / "engineer.en.yaml")])
    assert result.exit_code == 0, result.output
    spotify = load_cv(FIXTURES / "engineer.en.yaml").sections[1].entries[1]
    assert [r.role for r in spotify.roles] == ["Backend Engineer II", "Backend Engineer"]  # type: ignore[union-attr]


def test_the_round_trip_keeps_the_organizations_own_team_and_place_when_the_first_role_has_others(
    tmp_path: Path,
) -> None:
    """The first role's item names its own team and place (as JSON Resume's readers show them);
    the organization's come back from the item's `organization`, not from that role's."""
    roles = [
        {"role": "Lead", "team": "Ads", "location": "Zürich", "start": "2022"},
        {"role": "Engineer", "start": "2020"},
    ]
    output = tmp_path / "out" / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(cv_file(tmp_path, roles)), "--format", "json", "-o", str(output)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.yaml"
    assert CliRunner().invoke(main, ["import", str(output.with_suffix(".json")), "-o", str(back)]).exit_code == 0
    google = load_cv(back).sections[0].entries[0]
    assert (google.team, google.location) == ("DeepMind", "London")  # type: ignore[union-attr]
    assert [(r.team, r.location) for r in google.roles] == [("Ads", "Zürich"), (None, None)]  # type: ignore[union-attr]


def test_a_role_shows_its_team_and_place_only_where_they_are_not_the_organizations(tmp_path: Path) -> None:
    """The organization's row has them already: a role that repeats them (as an export of
    positions one by one does) does not print them twice, in any form."""
    roles = [
        {"role": "Lead", "team": "DeepMind", "location": "London ", "start": "2022"},
        {"role": "Engineer", "team": "Ads", "location": "Zürich", "start": "2020", "end": "2021"},
    ]
    output = tmp_path / "out" / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(cv_file(tmp_path, roles)), "-o", str(output), "--format", "txt"])
    assert result.exit_code == 0, result.output
    text = output.with_suffix(".txt").read_text(encoding="utf-8")
    assert "Google  DeepMind  (2020 – Present)\nLondon\n" in text
    assert "\nLead  (2022 – Present)\n" in text
    assert "\nEngineer  Ads  Zürich  (2020 – 2021)\n" in text
