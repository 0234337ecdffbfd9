"""`resumetex import` of a LinkedIn data export: the ZIP "Get a copy of your data" sends (or its
folder) becomes a CV whose PDF shows every part of the profile a résumé has, and nothing private."""

import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import pdf_text, render, squash
from resumetex import linkedin
from resumetex.cli import main
from resumetex.load import load_cv

# The export's résumé files as LinkedIn writes them (its column names; a description's points on
# lines of their own or run together with •; &amp; as the export has it), and one it is not.
EXPORT = {
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Jane,Doe,,1 Main St,"Jan 1, 1990",Staff Engineer,"Ten years of *search*.",Software,N1,'
    '"London, United Kingdom",[janedoe],"[PERSONAL:https://jane.dev,BLOG:https://blog.jane.dev]",\n',
    "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
    'Google,Staff Engineer,"• Led the evaluation team\n• Cut costs by 30%",London,Apr 2023,\n'
    'Google,Senior Engineer,"Pipelines. • Built the training pipeline • Ran on-call",Zürich,Jan 2020,Mar 2023\n'
    "Acme &amp; Co,Intern,,Berlin,Jun 2017,Aug 2017\n",
    "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "ETH Zürich,2014,2019,Thesis on ranking,MSc Computer Science,Rowing club\n",
    "Skills.csv": "Name\nPython\nC++\n",
    "Languages.csv": "Name,Proficiency\nGerman,Professional working proficiency\n",
    "Certifications.csv": "Name,Url,Authority,Started On,Finished On,License Number\n"
    "CKA,https://example.com/cka,CNCF,Mar 2022,Mar 2025,LF-123\n",
    "Projects.csv": "Title,Description,Url,Started On,Finished On\nRanker,A ranking library.,,Jun 2021,Aug 2021\n",
    "Publications.csv": "Name,Published On,Description,Publisher,Url\nFast ranking,Jun 2022,,SIGIR,\n",
    "Honors.csv": "Title,Description,Issued On\nBest Paper,For ranking,Jul 2022\n",
    "Courses.csv": "Name,Number\nMachine Learning,CS229\n",
    "Volunteering.csv": "Company Name,Role,Cause,Started On,Finished On,Description\n"
    "Code Club,Mentor,Literacy,2018,2019,\n",
    "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On\n"
    "old@x.org,Yes,No,1/1/20\njane@example.org,Yes,Yes,1/1/24\n",
    "PhoneNumbers.csv": "Extension,Number,Type\n,+44 20 1234 5678,Mobile\n",
    "Connections.csv": "First Name,Last Name,Company\nSecret,Contact,Initech\n",
    "Patents.csv": "Title,Number\nA ranking method,US123\n",
}
SHOWN = [
    *("Jane Doe", "Staff Engineer", "London, United Kingdom", "jane@example.org", "+44 20 1234 5678"),
    *("jane.dev", "blog.jane.dev", "janedoe", "Ten years of *search*.", "Google", "Led the evaluation team"),
    *("Cut costs by 30%", "Senior Engineer", "Zürich", "Pipelines.", "Built the training pipeline", "Ran on-call"),
    *("Acme & Co", "Intern", "Berlin", "ETH Zürich", "MSc Computer Science", "Thesis on ranking", "Rowing club"),
    *("Python, C++", "German", "Professional working proficiency", "CKA", "CNCF", "LF-123", "Ranker"),
    *("A ranking library.", "Fast ranking", "SIGIR", "Best Paper", "For ranking", "Machine Learning (CS229)"),
    *("Code Club", "Mentor", "Literacy"),
]


def export(folder: Path, files: dict[str, str] = EXPORT, inside: str = "") -> Path:
    path = folder / "Basic_LinkedInDataExport_11-27-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(inside + name, content)
    return path


def imported(source: Path, target: Path) -> Path:
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_every_part_of_the_profile_a_resume_has_reaches_the_pdf(tmp_path: Path) -> None:
    cv = imported(export(tmp_path), tmp_path / "cv.yaml")
    shown = squash(pdf_text(render(tmp_path, cv)))
    assert [s for s in SHOWN if squash(s) not in shown] == []
    # nothing private, nothing of the account: listed at the top of the file, never printed
    for private in ("1 Main St", "1990", "old@x.org", "Secret", "Initech", "US123"):
        assert squash(private) not in shown
    comments = [line for line in cv.read_text(encoding="utf-8").splitlines() if line.startswith("# Not placed")]
    assert comments == [
        "# Not placed: Profile.csv Address: 1 Main St",
        "# Not placed: Profile.csv Birth Date: Jan 1, 1990",
        "# Not placed: Profile.csv Zip Code: N1",
        "# Not placed: Profile.csv Industry: Software",
        "# Not placed: Email Addresses.csv: old@x.org (the header has one e-mail)",
        "# Not placed: Patents.csv: 1 row, not read (add what you want by hand)",
    ]
    google = load_cv(cv).sections[1].entries[0]
    assert [(r.role, r.location, r.start, r.end) for r in google.roles] == [  # type: ignore[union-attr]
        ("Staff Engineer", None, "Apr 2023", None),  # an empty Finished On: ongoing
        ("Senior Engineer", "Zürich", "Jan 2020", "Mar 2023"),
    ]
    assert [b.text for b in google.roles[1].bullets] == ["Built the training pipeline", "Ran on-call"]  # type: ignore[union-attr]


def test_the_unpacked_folder_and_a_zip_with_a_folder_inside_read_the_same(tmp_path: Path) -> None:
    first = imported(export(tmp_path), tmp_path / "a.yaml")
    folder = tmp_path / "unpacked"
    folder.mkdir()
    for name, content in EXPORT.items():
        (folder / name).write_text(content, encoding="utf-8")
    second = imported(folder, tmp_path / "b.yaml")
    (tmp_path / "nested").mkdir()
    third = imported(export(tmp_path / "nested", inside="Basic_LinkedInDataExport/"), tmp_path / "c.yaml")
    body = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (first, second, third)]
    assert body[0] == body[1] == body[2]


def test_a_chinese_profile_imports_as_a_chinese_cv(tmp_path: Path) -> None:
    files = {
        "Profile.csv": "First Name,Last Name,Headline\n明,李,高级工程师\n",
        "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
        "蚂蚁集团,工程师,,上海,Mar 2021,\n",
        "Skills.csv": "Name\nGo\nJava\n",
    }
    cv = load_cv(imported(export(tmp_path, files), tmp_path / "cv.yaml"))
    assert (cv.lang, cv.header.name, cv.sections[0].title) == ("zh", "李明", "工作经历")
    assert cv.sections[1].entries[0].text == "Go、Java"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("first", "last", "company", "lang", "name", "title", "skills", "lead"),
    [
        ("太郎", "山田", "株式会社サンプル,エンジニア", "ja", "山田 太郎", "職歴", "Go、Java", "課外活動"),
        ("민준", "김", "예시 주식회사,개발자", "ko", "김민준", "경력", "Go, Java", "대외활동"),
        ("민준", "김", "Naver,Engineer", "en", "김민준", "Experience", "Go, Java", "Activities"),  # name alone
    ],
)
def test_a_japanese_or_korean_profile_imports_in_its_language(
    first: str, last: str, company: str, lang: str, name: str, title: str, skills: str, lead: str, tmp_path: Path
) -> None:
    """The family name first, as each writes it (Japanese with a space between the two), and
    the section titles, the export's own lead-ins and the list of skills in the profile's language."""
    files = {
        "Profile.csv": f"First Name,Last Name,Headline\n{first},{last},\n",
        "Positions.csv": f"Company Name,Title,Description,Location,Started On,Finished On\n{company},,,Mar 2021,\n",
        "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\nKAIST,2014,2018,,,Rowing\n",
        "Skills.csv": "Name\nGo\nJava\n",
    }
    cv = load_cv(imported(export(tmp_path, files), tmp_path / "cv.yaml"))
    assert (cv.lang, cv.header.name, cv.sections[0].title) == (lang, name, title)
    assert cv.sections[1].entries[0].bullets[0].label == lead  # type: ignore[union-attr]
    assert cv.sections[2].entries[0].text == skills  # type: ignore[union-attr]


def test_a_german_profile_imports_as_a_german_cv(tmp_path: Path) -> None:
    """LinkedIn's export does not say the profile's language: its words do."""
    about = (
        "Entwicklung einer Plattform für die Auswertung von Messdaten mit Python. "
        "Leitung eines Teams von vier Entwicklern bei der Migration auf Kubernetes. "
        "Einführung von Code-Reviews und Tests im gesamten Team."
    )
    files = {
        "Profile.csv": "First Name,Last Name,Headline\nJan,Berg,Softwareentwickler\n",
        "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
        f'Siemens,Entwickler,"{about}",München,Mar 2021,\n',
        "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\nTUM,2014,2018,,,Rudern\n",
    }
    cv = load_cv(imported(export(tmp_path, files), tmp_path / "cv.yaml"))
    assert (cv.lang, cv.sections[0].title, cv.sections[1].title) == ("de", "Berufserfahrung", "Ausbildung")
    assert cv.sections[1].entries[0].bullets[0].label == "Aktivitäten"  # type: ignore[union-attr]


def test_a_folder_that_is_not_an_unpacked_export_says_what_import_takes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", str(tmp_path), "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 1 and "a folder without Profile.csv or Positions.csv" in result.output


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"not a zip at all", "cannot be read as a ZIP file"),
        (None, "has no Profile.csv or Positions.csv: not a LinkedIn data export"),
        (b"PK\x03\x04 cut short", "cannot be read as a ZIP file"),
    ],
)
def test_what_is_not_an_export_is_one_clear_error(content: bytes | None, said: str, tmp_path: Path) -> None:
    path = export(tmp_path, {"Connections.csv": "First Name\nA\n"})
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 1 and said in result.output and "Traceback" not in result.output
    assert not (tmp_path / "cv.yaml").exists()


def test_rows_of_odd_shapes_and_oversized_files_never_end_in_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "Profile.csv": "First Name,Last Name\nJane\n",  # a short row
        "Positions.csv": "Company Name,Title,Started On,Finished On\nAcme,Dev,someday,Mar 2020,extra,cells\n",
    }
    cv = imported(export(tmp_path, files), tmp_path / "cv.yaml")
    assert "the date 'someday' is not one resumetex reads" in cv.read_text(encoding="utf-8")
    assert load_cv(cv).header.name == "Jane"
    monkeypatch.setattr(linkedin, "MAX_BYTES", 10)
    result = CliRunner().invoke(main, ["import", str(export(tmp_path, files)), "-o", str(tmp_path / "big.yaml")])
    assert result.exit_code == 1 and "Profile.csv is too large" in result.output


@pytest.mark.parametrize("command", ["render", "validate"])
def test_the_export_given_to_render_says_how_to_import_it(command: str, tmp_path: Path) -> None:
    """It was "not valid UTF-8 (byte 0xb3)"; the command it names now makes the CV."""
    path = export(tmp_path)
    result = CliRunner().invoke(main, [command, str(path)])
    target = path.with_name(path.stem + ".resumetex.yaml")
    named = f"resumetex import {path} -o {target}"
    assert result.exit_code == 1 and f"a LinkedIn data export is converted with: {named}" in result.output
    assert imported(path, target) and load_cv(target).header.name == "Jane Doe"


@pytest.mark.parametrize(
    ("value", "sites"),
    [
        ("[PERSONAL:https://jane.dev,BLOG:https://blog.jane.dev]", ["https://jane.dev", "https://blog.jane.dev"]),
        ("[PORTFOLIO:www.jane.art]", ["https://www.jane.art"]),  # as typed into LinkedIn: no scheme
        ("https://jane.dev", ["https://jane.dev"]),
        ("", []),
    ],
)
def test_the_profiles_websites_are_read_with_or_without_their_labels(value: str, sites: list[str]) -> None:
    assert linkedin.websites(value) == sites


def test_a_phones_extension_comes_with_it(tmp_path: Path) -> None:
    """LinkedIn keeps an extension in a column of its own; the header's phone prints it, and its
    link dials it as the number's extension."""
    files = {
        "Profile.csv": "First Name,Last Name\nJane,Doe\n",
        "PhoneNumbers.csv": "Extension,Number,Type\n12,+1 555 0100,Work\n",
    }
    header = load_cv(imported(export(tmp_path, files), tmp_path / "cv.yaml")).header
    assert header.phone == "+1 555 0100 ext. 12"
