"""The English twin, reproducible bytes, PDF metadata, and the release build and its CI."""

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEED_EN, SEED_ZH, pdf_text, render, squash, visible_strings
from resumetex import __version__
from resumetex.load import load_cv
from resumetex.model import CV
from resumetex.pipeline import build_all, owner_slug

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
EN_TITLES = ["Education", "Internship", "Research", "Projects", "Publications"]


def test_english_pdf_has_every_string_and_english_titles(english_pdf: Path) -> None:
    text = pdf_text(english_pdf)
    missing = [s for s in visible_strings(load_cv(SEED_EN)) if squash(s) not in squash(text)]
    assert missing == []
    assert [line.strip() for line in text.splitlines() if line.strip() in EN_TITLES] == EN_TITLES
    assert "Present" in text and "Sep 2023" in text


def test_english_pdf_has_no_cjk_and_no_cjk_font(english_pdf: Path) -> None:
    assert CJK.findall(pdf_text(english_pdf)) == []
    fonts = subprocess.run(["pdffonts", str(english_pdf)], capture_output=True, text=True).stdout
    assert "Noto" not in fonts and "LMRoman10" in fonts


def test_translation_keeps_every_entry_number_and_link() -> None:
    zh, en = load_cv(SEED_ZH), load_cv(SEED_EN)
    assert [s.key for s in zh.sections] == [s.key for s in en.sections]
    assert [len(s.entries) for s in zh.sections] == [len(s.entries) for s in en.sections]
    urls = re.compile(r"https?://[^\s'\"]+")
    assert sorted(urls.findall(str(zh.model_dump()))) == sorted(urls.findall(str(en.model_dump())))
    numbers = re.compile(r"\d+(?:\.\d+)?")
    # Every figure of the Chinese text (5.17, 16.8%, 106, 600 ...) appears in the English.
    en_numbers = set(numbers.findall(str(en.model_dump()).replace(",", "")))
    zh_numbers = set(numbers.findall(str(zh.model_dump()))) - {"10"}  # 10 万 is written 100,000
    assert zh_numbers - en_numbers == set()


@pytest.mark.parametrize("source,lang", [(SEED_ZH, "zh"), (SEED_EN, "en")])
def test_same_input_same_bytes(source: Path, lang: str, tmp_path: Path) -> None:
    first = render(tmp_path / "a", source, lang=lang).read_bytes()
    second = render(tmp_path / "b", source, lang=lang).read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_source_date_epoch_sets_the_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    info = subprocess.run(["pdfinfo", str(render(tmp_path))], capture_output=True, text=True).stdout
    assert "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" in info


@pytest.mark.parametrize(
    "pdf_fixture,title,author",
    [("seed_pdf", "杨子诡 - 简历", "杨子诡"), ("english_pdf", "Ziyi Yang - CV", "Ziyi Yang")],
)
def test_pdf_metadata(pdf_fixture: str, title: str, author: str, request: pytest.FixtureRequest) -> None:
    info = subprocess.run(["pdfinfo", str(request.getfixturevalue(pdf_fixture))], capture_output=True, text=True).stdout
    assert f"Title:           {title}\n" in info
    assert f"Author:          {author}\n" in info
    assert f"Creator:         resumetex {__version__}\n" in info
    assert "Reinforcement Learning" in info or "强化学习" in info  # subject and keywords


def test_release_build_names_files_for_the_owner_with_checksums(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for lang in ("zh", "en"):
        (data / f"cv.{lang}.yaml").write_bytes((ROOT / "tests" / "fixtures" / f"seed.{lang}.yaml").read_bytes())
    formats = make_variable("RELEASE_FORMATS").split(",")
    assert "pdf" in formats and "html" in formats and "docx" in formats
    result = build_all(data, dist=tmp_path / "dist", formats=tuple(formats))
    assert result.failures == []
    names = sorted(p.name for p in (tmp_path / "dist").iterdir())
    files = [
        f"Ziyi-Yang-CV-{lang}{variant}.{suffix}"
        for lang in ("en", "zh")
        for variant in ("", "-onepage", "-research")
        for suffix in formats
    ]
    assert names == sorted(["SHA256SUMS", *files])
    check = subprocess.run(["sha256sum", "--check", "SHA256SUMS"], cwd=tmp_path / "dist", capture_output=True)
    assert check.returncode == 0 and len((tmp_path / "dist" / "SHA256SUMS").read_text().splitlines()) == len(files)
    again = build_all(data, dist=tmp_path / "again", formats=tuple(formats))  # reproducible, every format
    assert (tmp_path / "again" / "SHA256SUMS").read_text() == (tmp_path / "dist" / "SHA256SUMS").read_text()
    assert again.failures == []


def make_variable(name: str) -> str:
    found = re.search(rf"^{name} := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert found, f"the Makefile no longer sets {name}"
    return found.group(1).strip()


def test_build_reports_a_bad_file_and_builds_the_rest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "cv.zh.yaml").write_bytes(SEED_ZH.read_bytes())
    (data / "cv.en.yaml").write_text("header: {name: x}\nsections: [{key: awards, kind: prizes}]\n")
    result = build_all(data, tmp_path / "out")
    assert sorted(p.name for p in result.written) == ["cv.zh.onepage.pdf", "cv.zh.pdf", "cv.zh.research.pdf"]
    assert len(result.failures) == 1 and "unknown kind `prizes`" in result.failures[0]
    assert result.failures[0].startswith(f"{data / 'cv.en.yaml'}:2:") and result.failures[0].count("cv.en.yaml") == 1


def workflow(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def commands(flow: dict) -> list[str]:  # type: ignore[type-arg]
    return [step["run"] for job in flow["jobs"].values() for step in job["steps"] if "run" in step]


def test_release_workflow_runs_on_tags_and_publishes_make_release() -> None:
    flow = workflow("release.yml")
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as True
    assert triggers == {"push": {"tags": ["v*"]}}
    assert commands(flow) == ["make release"]
    uploads = [
        step for job in flow["jobs"].values() for step in job["steps"] if "action-gh-release" in step.get("uses", "")
    ]
    uploaded = uploads[0]["with"]["files"].split()
    assert "dist/SHA256SUMS" in uploaded
    assert {f"dist/*.{suffix}" for suffix in make_variable("RELEASE_FORMATS").split(",")} <= set(uploaded)
    assert re.search(r"^release: .*\btest\b", (ROOT / "Makefile").read_text(), re.MULTILINE)  # tests first


def test_test_workflow_runs_make_test_on_pushes_and_pull_requests() -> None:
    flow = workflow("test.yml")
    triggers = flow.get("on", flow.get(True))
    assert set(triggers) == {"push", "pull_request"}
    assert commands(flow) == ["make test"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_make_test_runs_lint_types_and_the_tests() -> None:
    plan = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for step in ("ruff check", "ruff format --check", "mypy", "zizmor", "pytest"):
        assert step in plan, f"`make test` no longer runs {step}"


def test_workflows_pin_actions_by_commit_with_least_privilege() -> None:
    for name in ("test.yml", "release.yml"):
        flow = workflow(name)
        assert flow["permissions"] == {} and "concurrency" in flow
        for job in flow["jobs"].values():
            assert set(job["permissions"].values()) <= {"read", "write"}
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
                if "actions/checkout" in step.get("uses", ""):
                    assert step["with"]["persist-credentials"] is False
    assert workflow("test.yml")["jobs"]["test"]["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(
    ("header", "slug"),
    [
        ({"name": "Ziyi Yang"}, "Ziyi-Yang"),
        ({"name": "杨子诡", "author_names": ["Ziyi Yang", "Z. Yang"]}, "Ziyi-Yang"),
        ({"name": "José Núñez"}, "Jose-Nunez"),  # was Jos-N-ez
        ({"name": "Søren Łukasz Michał Weiß"}, "Soren-Lukasz-Michal-Weiss"),
        ({"name": "øØłŁßæÆœŒđĐþÞðÐı"}, "oOlLssaeAEoeOEdDthThdDi"),  # each letter NFKD does not part
        ({"name": "李伟 (Wei Li)"}, "Wei-Li"),
        ({"name": "山田 太郎"}, "cv"),  # no Latin letters to name the file by: give author_names
    ],
)
def test_release_files_are_named_in_latin_letters(header: dict[str, object], slug: str) -> None:
    assert owner_slug(CV.model_validate({"header": header, "sections": []})) == slug
