"""The peers `make bench` times beside resumetex, on the same résumé, where they are installed.

RenderCV (Typst): `rendercv` on PATH, or its path in $RENDERCV. It compiles with Typst packages
(@preview/rendercv, @preview/fontawesome) that Typst would download at run time; the bench runs it
with XDG_CACHE_HOME=$TYPST_PACKAGES_HOME, where they are placed by hand as
typst/packages/preview/NAME/VERSION/ (see docs/BENCHMARKS.md), so nothing is fetched.

Each peer's input is made from resumetex's own JSON Resume export of the CV: the same words,
in the peer's format."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml


def rendercv() -> str | None:
    return os.environ.get("RENDERCV") or shutil.which("rendercv")


def rendercv_input(resume: dict[str, Any]) -> dict[str, Any]:
    """A RenderCV (v2) file with the JSON Resume document's content, in its classic theme."""
    basics = resume["basics"]

    def dates(item: dict[str, Any]) -> dict[str, str]:
        found = {"start_date": item.get("startDate"), "end_date": item.get("endDate") or "present"}
        return {key: value for key, value in found.items() if value} if item.get("startDate") else {}

    sections: dict[str, list[Any]] = {}
    if resume.get("education"):
        sections["education"] = [
            {
                "institution": item["institution"],
                "area": item.get("area") or item.get("studyType") or "-",
                "degree": item.get("studyType"),
                **dates(item),
                "highlights": [text for text in (item.get("department"), item.get("advisor")) if text],
            }
            for item in resume["education"]
        ]
    if resume.get("work"):
        sections["experience"] = [
            {
                "company": item["name"],
                "position": item.get("position") or item.get("description") or "-",
                **dates(item),
                "highlights": item.get("highlights", []),
            }
            for item in resume["work"]
        ]
    if resume.get("projects"):
        sections["projects"] = [
            {"name": item["name"], **dates(item), "highlights": item.get("highlights", [])}
            for item in resume["projects"]
        ]
    if resume.get("publications"):
        sections["publications"] = [
            {
                "title": item["name"],
                "authors": item.get("authors") or [basics["name"]],
                "journal": item.get("publisher", "").replace("*", ""),
            }
            for item in resume["publications"]
        ]
    cv = {"name": basics["name"], "email": basics.get("email"), "phone": None, "sections": sections}
    return {"cv": {key: value for key, value in cv.items() if value}, "design": {"theme": "classic"}}


def rendercv_case(resumetex: str, source: Path, work: Path) -> tuple[list[str], Path, dict[str, str]] | None:
    """The command that renders `source`'s content with RenderCV (PDF only), its folder and its
    environment; None when RenderCV is not installed here."""
    program = rendercv()
    if program is None:
        return None
    folder = work / f"rendercv-{source.stem}"
    folder.mkdir()
    exported = folder / "cv.pdf"
    subprocess.run([resumetex, "render", str(source), "--format", "json", "-o", str(exported)], check=True)
    resume = json.loads(exported.with_suffix(".json").read_text(encoding="utf-8"))
    (folder / "cv.yaml").write_text(yaml.safe_dump(rendercv_input(resume), allow_unicode=True), encoding="utf-8")
    env = {**os.environ}
    if os.environ.get("TYPST_PACKAGES_HOME"):
        env["XDG_CACHE_HOME"] = os.environ["TYPST_PACKAGES_HOME"]
    skip = ["--dont-generate-png", "--dont-generate-html", "--dont-generate-markdown"]
    return [program, "render", "cv.yaml", *skip], folder, env
