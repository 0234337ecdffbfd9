"""A user's install (`pip install .`, not editable) carries the themes and renders."""

import subprocess
import sys
from pathlib import Path

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
