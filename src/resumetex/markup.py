"""The one place where user text becomes LaTeX: escaping, **bold**, [text](url), emphasis.

Text rule (documented in the README): tabs, line breaks (\\n, \\r, U+2028/2029) and other
whitespace controls become a space; runs of ASCII spaces fold to one; other control
characters and invisible format characters (zero-width, bidi marks, soft hyphen) are dropped.
Everything else is printed exactly as typed."""

import re
import unicodedata
from dataclasses import dataclass

from resumetex.model import MARKDOWN_LINK

# Each character TeX would read as an instruction, and what prints it literally.
SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # Not special to TeX, but changed by font ligatures or optional-argument parsing:
    "`": r"\textasciigrave{}",
    "'": r"\textquotesingle{}",
    '"': r"\textquotedbl{}",
    "[": "{[}",
    "]": "{]}",
}
# XeTeX's tex-text mapping joins these doubled characters into one typographic glyph.
LIGATURE_PAIRS = "-,<>"
LONG_WORD = 30
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
LINE_BREAKS = "\u2028\u2029\u0085"


def clean(text: str) -> str:
    """Return `text` after the text rule: whitespace controls to spaces, invisibles dropped."""
    kept = []
    for char in text:
        if char.isspace() and (unicodedata.category(char) == "Cc" or char in LINE_BREAKS):
            kept.append(" ")
        elif not unicodedata.category(char).startswith("C"):
            kept.append(char)  # controls, format marks, surrogates, private use: dropped
    return ASCII_SPACES.sub(" ", "".join(kept)).strip()


def escape(cleaned: str) -> str:
    """Return LaTeX that prints `cleaned` (text already through `clean`) literally."""
    out = []
    run = 0  # length of the current unbreakable run of Latin characters
    for i, char in enumerate(cleaned):
        if char in SPECIALS:
            out.append(SPECIALS[char])
        elif char in LIGATURE_PAIRS and cleaned[i + 1 : i + 2] == char:
            out.append(char + "{}")  # stop -- ,, << >> becoming dashes and quotes
        else:
            out.append(char)
        run = 0 if char.isspace() or unicodedata.east_asian_width(char) in "WF" else run + 1
        if run >= LONG_WORD:
            out.append(r"\allowbreak{}")  # a very long word or URL may break rather than run off the page
    return "".join(out)


def escape_url(url: str) -> str:
    """Return `url` as an \\href target: bytes outside URL syntax percent-encoded, then
    hyperref's own escapes, so no URL can break out of the argument."""
    safe = []
    for char in url:
        if char.isascii() and (char.isalnum() or char in "-._~:/?@!$&'()*+,;=%#"):
            safe.append(char)
        else:
            safe.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
    encoded = "".join(safe).replace("~", "%7E").replace("'", "%27")
    return encoded.replace("\\", "%5C").replace("%", r"\%").replace("#", r"\#").replace("&", r"\&")


@dataclass(frozen=True)
class Emphasis:
    """What is set in bold: terms wherever they appear, and whether `**…**` in the file counts."""

    terms: tuple[str, ...] = ()
    file_bold: bool = True

    def with_terms(self, more: tuple[str, ...]) -> "Emphasis":
        return Emphasis(self.terms + tuple(t for t in more if t not in self.terms), self.file_bold)


def text(value: str, emphasis: Emphasis) -> str:
    """LaTeX for plain text: printed as written, emphasis terms in bold."""
    return _emphasize(clean(value), emphasis.terms)


def prose(value: str, emphasis: Emphasis) -> str:
    """LaTeX for prose: like `text`, plus **bold** and [text](url)."""
    out, pos = [], 0
    value = clean(value)
    for match in MARKDOWN_LINK.finditer(value):
        out.append(_bold_spans(value[pos : match.start()], emphasis))
        label = _bold_spans(match.group(1), emphasis)
        out.append(link(match.group(2), label))
        pos = match.end()
    out.append(_bold_spans(value[pos:], emphasis))
    return "".join(out)


def link(url: str, label_latex: str) -> str:
    """LaTeX for a link around already-built LaTeX, drawn by the theme's \\cvlink."""
    return rf"\cvlink{{{escape_url(url)}}}{{{label_latex}}}"


def _bold_spans(value: str, emphasis: Emphasis) -> str:
    out, pos = [], 0
    for match in BOLD.finditer(value):
        out.append(_emphasize(value[pos : match.start()], emphasis.terms))
        inner = _emphasize(match.group(1), () if emphasis.file_bold else emphasis.terms)
        out.append(rf"\textbf{{{inner}}}" if emphasis.file_bold else inner)
        pos = match.end()
    out.append(_emphasize(value[pos:], emphasis.terms))
    return "".join(out)


def _emphasize(value: str, terms: tuple[str, ...]) -> str:
    wanted = sorted({clean(t) for t in terms if clean(t)}, key=len, reverse=True)
    if not wanted:
        return escape(value)
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    out, pos = [], 0
    for match in pattern.finditer(value):
        out.append(escape(value[pos : match.start()]))
        out.append(rf"\textbf{{{escape(match.group(0))}}}")
        pos = match.end()
    out.append(escape(value[pos:]))
    return "".join(out)
