"""How to install TeX and the fonts resumetex uses, said for the user's own system: the message of
a missing engine or font, and `resumetex doctor`'s fix, name the commands that work there."""

import sys
from pathlib import Path

# What a PDF needs, as each system's packages name it. The TeX Live packages the themes load are
# the same everywhere (ctex, xeCJK, fontspec, ...); the fonts are Noto CJK SC and Noto Serif/Sans,
# with FontAwesome for the icons and Latin Modern (resumetex falls back to Fandol and Latin
# Modern where Noto is missing).
DEBIAN = (
    "texlive-xetex texlive-lang-chinese texlive-fonts-recommended fonts-noto-cjk fonts-noto-core fonts-font-awesome"
)
FEDORA = (
    "texlive-xetex texlive-collection-langchinese texlive-collection-latexextra texlive-lm "
    "texlive-fontawesome google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts "
    "google-noto-serif-fonts google-noto-sans-fonts"
)
ARCH = "texlive-xetex texlive-langchinese texlive-latexextra texlive-fontsextra noto-fonts noto-fonts-cjk"
TLMGR = (
    "ctex xecjk zhnumber fontspec geometry xcolor enumitem ragged2e hyperref kvoptions "
    "graphics tools url lm fontawesome fandol"
)
STEPS = {
    "debian": f"Debian/Ubuntu: sudo apt-get install {DEBIAN}",
    "fedora": f"Fedora: sudo dnf install {FEDORA}",
    "arch": f"Arch: sudo pacman -S {ARCH}",
    "macos": (
        "macOS: install MacTeX (https://tug.org/mactex/), or BasicTeX and then: "
        f"sudo tlmgr update --self && sudo tlmgr install xetex {TLMGR}"
    ),
    "windows": (
        "Windows: install TeX Live (https://tug.org/texlive/windows.html), or MiKTeX (https://miktex.org) "
        f"and its packages: {TLMGR}"
    ),
    "other": f"install TeX Live (https://tug.org/texlive/) with XeLaTeX and these packages: {TLMGR}",
}


# Noto alone, for a machine that has TeX and set the résumé in stand-in fonts.
NOTO_STEPS = {
    "debian": "sudo apt-get install fonts-noto-cjk fonts-noto-core",
    "fedora": "sudo dnf install google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts "
    "google-noto-serif-fonts google-noto-sans-fonts",
    "arch": "sudo pacman -S noto-fonts noto-fonts-cjk",
}
NOTO_DOWNLOAD = (
    "install Noto Serif CJK SC and Noto Sans CJK SC (the .ttc files, https://github.com/notofonts/noto-cjk) "
    "and Noto Serif and Noto Sans (https://notofonts.github.io)"
)


def system(platform: str = sys.platform, os_release: Path = Path("/etc/os-release")) -> str:
    """This machine's kind, a key of STEPS: Linux by its os-release ID and ID_LIKE."""
    if platform == "darwin":
        return "macos"
    if platform in ("win32", "cygwin"):
        return "windows"
    try:
        fields = dict(line.split("=", 1) for line in os_release.read_text(encoding="utf-8").splitlines() if "=" in line)
    except OSError:
        return "other"
    names = f"{fields.get('ID', '')} {fields.get('ID_LIKE', '')}".replace('"', "").split()
    for name in names:
        for kind, family in (("debian", ("debian", "ubuntu")), ("fedora", ("fedora", "rhel")), ("arch", ("arch",))):
            if name in family:
                return kind
    return "other"


def install_steps(kind: str | None = None) -> str:
    """The command (or steps) that installs TeX and the fonts on this system."""
    return STEPS[kind or system()]


def noto_steps(kind: str | None = None) -> str:
    """How to install the Noto fonts the themes are drawn for."""
    return NOTO_STEPS.get(kind or system(), NOTO_DOWNLOAD)
