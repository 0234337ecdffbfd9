"""A user's install (`pip install .`, not editable) carries the themes and renders."""

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, pdf_text


def test_wheel_install_renders_with_packaged_templates(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "--quiet", str(ROOT)], check=True, capture_output=True)
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "from resumetex.themes import templates_dir; print(templates_dir())"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv) and (Path(where) / "default" / "resumetex.sty").exists()
    out = tmp_path / "cv.pdf"
    subprocess.run(
        [venv / "bin" / "resumetex", "render", str(ROOT / "tests" / "fixtures" / "seed.zh.yaml"), "-o", str(out)],
        cwd=tmp_path,
        check=True,
    )
    assert "杨子诡" in pdf_text(out)


def test_the_sdist_holds_what_lint_and_tests_read(tmp_path: Path) -> None:
    """Unpacked, the source release passes `make lint`'s checks (bench/ included) and carries
    its licence, changelog, type marker and metadata."""
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (archive,) = tmp_path.glob("resumetex-*.tar.gz")
    with tarfile.open(archive) as sdist:
        sdist.extractall(tmp_path, filter="data")
    unpacked = tmp_path / archive.name.removesuffix(".tar.gz")
    for path in ("LICENSE", "CHANGELOG.md", "src/resumetex/py.typed", "bench/bench.py", ".ci/run", "Makefile"):
        assert (unpacked / path).exists(), path
    plan = subprocess.run(["make", "-n", "lint"], cwd=unpacked, capture_output=True, text=True, check=True).stdout
    tools = Path(sys.executable).parent
    checks = [line for line in plan.splitlines() if line.startswith(".venv/bin/") and "/pip " not in line]
    assert len(checks) == 4  # ruff check, ruff format --check, mypy, zizmor (making the venv is left out)
    for line in checks:  # the same commands, with the tools of this environment
        command = line.split()
        done = subprocess.run([str(tools / Path(command[0]).name), *command[1:]], cwd=unpacked, capture_output=True)
        assert done.returncode == 0, (line, done.stdout[-2000:])
    info = (unpacked / "PKG-INFO").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in info and "Classifier: Typing :: Typed" in info
    assert "Keywords: chinese,ctex,cv" in info


def test_the_pre_commit_hook_checks_cv_files(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs the hook from this repository (as another repository's
    config would) and runs it on a good and a bad CV; other YAML files are left alone."""
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit installs hooks from a git repository; this is an unpacked source release")
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "my-cv.yaml").write_bytes((ROOT / "tests" / "fixtures" / "engineer.en.yaml").read_bytes())
    (project / "bad-cv.yaml").write_text(
        "header: {name: x}\nsections: [{key: a, kind: prizes, title: A, entries: []}]\n"
    )
    (project / "settings.yaml").write_text("not: a CV\n")
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    tool = Path(sys.executable).parent / "pre-commit"

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        command = [str(tool), "try-repo", str(ROOT), "resumetex-validate", "--files", *files]
        return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)

    good = hook("my-cv.yaml", "settings.yaml")
    assert good.returncode == 0 and "Passed" in good.stdout, good.stdout + good.stderr
    bad = hook("my-cv.yaml", "bad-cv.yaml", "settings.yaml")
    assert bad.returncode == 1
    assert "error: bad-cv.yaml:2:27: sections[0].kind: unknown kind `prizes`" in bad.stdout
    assert "settings.yaml" not in bad.stdout


def test_the_action_renders_every_file_variant_and_format(tmp_path: Path) -> None:
    """action.yml runs action/render.sh and uploads what it writes; the script runs here as on a
    runner (TeX and resumetex already installed, so it installs nothing)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert [s["run"] for s in steps if "run" in s] == ["$GITHUB_ACTION_PATH/action/render.sh"]
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", s["uses"]) for s in steps if "uses" in s)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "RESUMETEX_FILES": f"{ROOT}/tests/fixtures/seed.en.yaml {ROOT}/tests/fixtures/photo.*.yaml",
        "RESUMETEX_FORMATS": "pdf,html",
        "RESUMETEX_OUTPUT": str(tmp_path / "out"),
    }
    done = subprocess.run([ROOT / "action" / "render.sh"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    cvs = ["seed.en", "seed.en.onepage", "seed.en.research", "photo.zh"]
    assert names == sorted(f"{cv}.{suffix}" for cv in cvs for suffix in ("pdf", "html"))
    nothing = subprocess.run(
        [ROOT / "action" / "render.sh"],
        env={**env, "RESUMETEX_FILES": "nowhere/*.yaml"},
        capture_output=True,
        text=True,
    )
    assert nothing.returncode == 1 and nothing.stderr == "error: no CV files match nowhere/*.yaml\n"
