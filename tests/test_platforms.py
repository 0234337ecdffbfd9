"""Other systems: fonts where Noto is missing, install steps for each system, no POSIX-only call."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED_EN, SEED_ZH, pdf_text, squash, visible_strings
from resumetex import glyphs, platforms
from resumetex.compile import kill_group
from resumetex.load import load_cv

RESUMETEX = Path(sys.executable).parent / "resumetex"
NOTO_FILE = re.compile(r"Noto(Serif|Sans)(CJK)?-")


@pytest.fixture(scope="module")
def without_noto(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment in which TeX and fontconfig see every installed font but Noto CJK and
    Noto Serif/Sans: a machine with TeX Live and no Noto, like a Mac with MacTeX."""
    folder = tmp_path_factory.mktemp("fonts")
    listed = subprocess.run(["fc-list", "--format=%{file}\n"], capture_output=True, text=True, check=True).stdout
    for path in set(listed.split()):
        if not NOTO_FILE.match(Path(path).name) and not (folder / Path(path).name).exists():
            (folder / Path(path).name).symlink_to(path)
    config = folder.parent / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{folder}</dir><cachedir>{folder.parent}/fc-cache</cachedir></fontconfig>")
    return {**os.environ, "OSFONTDIR": str(folder), "FONTCONFIG_FILE": str(config)}


def fonts_of(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("source", [SEED_ZH, SEED_EN], ids=["zh", "en"])
def test_without_noto_the_cv_is_set_in_fandol_and_latin_modern(
    source: Path, without_noto: dict[str, str], tmp_path: Path
) -> None:
    pdf = tmp_path / "cv.pdf"
    done = subprocess.run(
        [RESUMETEX, "render", source, "-o", pdf], env=without_noto, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    fonts = fonts_of(pdf)
    assert "Noto" not in fonts and "LMRoman10-Regular" in fonts
    if source == SEED_ZH:  # the English seed has no Chinese, and nothing to say
        assert "FandolSong-Regular" in fonts and "FandolSong-Bold" in fonts
        note = "note: Noto is not installed, so Chinese text is set in FandolSong-Regular.otf, FandolSong-Bold.otf"
        assert note in done.stdout and "sudo apt-get install fonts-noto-cjk fonts-noto-core" in done.stdout
    else:
        assert "note:" not in done.stdout
    text = squash(pdf_text(pdf))
    assert [s for s in visible_strings(load_cv(source)) if squash(s) not in text] == []


def test_a_render_cached_with_noto_is_not_served_without_it(without_noto: dict[str, str], tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    command = [RESUMETEX, "render", SEED_ZH, "-o", pdf]  # the cache is on
    cache = {"RESUMETEX_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run(command, env={**os.environ, **cache}, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0 and "Noto" in fonts_of(pdf), first.stderr
    again = subprocess.run(command, env={**without_noto, **cache}, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "reused" not in again.stdout, again.stdout
    assert "Noto" not in fonts_of(pdf) and "Fandol" in fonts_of(pdf)
    last = subprocess.run(command, env={**without_noto, **cache}, capture_output=True, text=True, timeout=300)
    assert "reused" in last.stdout and "note: Noto is not installed" in last.stdout  # said on a reuse too


def test_doctor_without_noto_names_the_stand_ins_and_how_to_get_noto(without_noto: dict[str, str]) -> None:
    done = subprocess.run([RESUMETEX, "doctor"], env=without_noto, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    assert any(line.startswith("ok       Chinese fonts: fandol (/") for line in lines), lines
    assert "optional NotoSerifCJK-Regular.ttc: not found (Debian/Ubuntu: apt-get install fonts-noto-cjk)" in lines
    assert lines[-1] == f"for the fonts the themes are drawn for (Noto): {platforms.noto_steps('debian')}"


def test_the_theme_loads_the_font_sets_resumetex_chooses_from() -> None:
    sty = (ROOT / "templates" / "default" / "resumetex.sty").read_text(encoding="utf-8")
    declared = {}
    for name, faces in re.findall(r"\\@namedef\{cv@cjk@(\w+)\}\{\\cv@cjkfaces((?:\{[^}]+\}\d%?\s*)+)\}", sty):
        pairs = re.findall(r"\{([^}]+)\}(\d)", faces)
        declared[name] = tuple((file, int(index)) for file, index in pairs)
    # Noto CJK's sets, one face of the same collections each: \cv@notocjk{face}
    [noto] = re.findall(r"\\newcommand\\cv@notocjk\[1\]\{\\cv@cjkfaces(.*?)\}\n", sty, re.DOTALL)
    files = re.findall(r"\{([^}#]+)\}\{#1\}", noto)
    for name, index in re.findall(r"\\@namedef\{cv@cjk@(\w+)\}\{\\cv@notocjk(\d)\}", sty):
        declared[name] = tuple((file, int(index)) for file in files)
    assert declared == glyphs.CJK_FONT_SETS


@pytest.mark.parametrize(
    ("platform", "os_release", "kind"),
    [
        ("linux", 'ID=ubuntu\nID_LIKE=debian\nVERSION="24.04"\n', "debian"),
        ("linux", 'ID=linuxmint\nID_LIKE="ubuntu debian"\n', "debian"),
        ("linux", 'ID="fedora"\n', "fedora"),
        ("linux", 'ID=rocky\nID_LIKE="rhel centos fedora"\n', "fedora"),
        ("linux", "ID=arch\n", "arch"),
        ("linux", "ID=endeavouros\nID_LIKE=arch\n", "arch"),
        ("linux", "ID=gentoo\n", "other"),
        ("linux", None, "other"),
        ("darwin", None, "macos"),
        ("win32", None, "windows"),
    ],
)
def test_each_system_gets_its_own_install_steps(
    platform: str, os_release: str | None, kind: str, tmp_path: Path
) -> None:
    release = tmp_path / "os-release"
    if os_release is not None:
        release.write_text(os_release)
    assert platforms.system(platform, release) == kind


def test_the_install_steps_name_each_systems_tools() -> None:
    assert platforms.install_steps("debian").startswith("Debian/Ubuntu: sudo apt-get install texlive-xetex")
    assert "sudo dnf install texlive-xetex" in platforms.install_steps("fedora")
    assert "sudo pacman -S texlive-xetex" in platforms.install_steps("arch")
    mac = platforms.install_steps("macos")
    assert "MacTeX" in mac and "BasicTeX" in mac and "tlmgr install xetex ctex xecjk" in mac
    assert "TeX Live" in platforms.install_steps("windows") and "MiKTeX" in platforms.install_steps("windows")
    # Every TeX Live package the themes load is in the tlmgr list (the rest are in every install).
    for package in ("ctex", "xecjk", "zhnumber", "fontspec", "enumitem", "ragged2e", "fontawesome", "fandol"):
        assert package in platforms.TLMGR.split()


def test_a_missing_engine_names_the_steps_for_this_system(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(platforms, "system", lambda: "macos")
    monkeypatch.setenv("PATH", str(tmp_path))  # no xelatex
    done = subprocess.run(
        [sys.executable, "-c", "import resumetex.platforms as p; p.system = lambda: 'macos'; "
         "import sys; sys.argv = ['resumetex', 'render', sys.argv[1], '-o', sys.argv[2]]; "
         "import resumetex; resumetex.run()", SEED_EN, tmp_path / "cv.pdf"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "xelatex is not installed; to install TeX and the fonts, macOS: install MacTeX" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_engine_is_stopped_where_there_are_no_process_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "killpg")  # Windows
    sleeper = subprocess.Popen(["sleep", "60"])
    started = time.monotonic()
    kill_group(sleeper)
    assert sleeper.wait(timeout=10) == -signal.SIGKILL and time.monotonic() - started < 10


def test_version_and_help_need_no_posix_signal(tmp_path: Path) -> None:
    # Windows has neither SIGHUP nor process groups: the commands that do not render must not touch them.
    script = (
        "import os, signal, sys; del signal.SIGHUP; del os.killpg; "
        "sys.argv = ['resumetex', *sys.argv[1:]]; import resumetex; resumetex.run()"
    )
    for arguments in (["--version"], ["--help"], ["validate", str(SEED_ZH)]):
        done = subprocess.run([sys.executable, "-c", script, *arguments], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (arguments, done.stderr)


def test_readme_gives_the_same_install_steps() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for packages in (platforms.DEBIAN, platforms.FEDORA, platforms.ARCH, platforms.TLMGR):
        assert packages in readme


def test_the_font_look_up_is_kept_until_the_font_search_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESUMETEX_CACHE_DIR", str(tmp_path / "cache"))
    looked: list[tuple[str, ...]] = []
    real = glyphs.font_files

    def counted(names: tuple[str, ...]) -> dict[str, str]:
        looked.append(names)
        return real(names)

    monkeypatch.setattr(glyphs, "font_files", counted)

    def found() -> dict[str, str]:
        glyphs.found_fonts.cache_clear()  # as a new command would
        return glyphs.found_fonts()

    first = found()
    assert "NotoSerifCJK-Regular.ttc" in first and len(looked) == 1
    assert found() == first and len(looked) == 1  # kept
    kept = tmp_path / "cache" / "fonts.json"
    kept.write_text(kept.read_text().replace(first["NotoSerifCJK-Regular.ttc"], str(tmp_path / "gone.ttc")))
    assert found() == first and len(looked) == 2  # a file it found is no longer there
    monkeypatch.setenv("OSFONTDIR", str(tmp_path))  # TeX would search elsewhere
    found()
    assert len(looked) == 3
    glyphs.found_fonts.cache_clear()
