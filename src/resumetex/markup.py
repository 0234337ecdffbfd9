"""The one place where user text becomes LaTeX: escaping, and inline runs (bold, italic, links)."""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from itertools import groupby

from resumetex.glyphs import is_han
from resumetex.inline import Inline, Run, clean

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
# Unicode's spaces of set widths (a thin space in "10 000", the narrow no-break space French puts
# before "?" and ":"), which the fonts do not draw: each as TeX's space of that width, breakable
# or not as Unicode has it. (A space of 0.1 em or more reads back as a space from the PDF.)
SPACES = {
    "\u1680": " ",
    "\u2000": "\\hskip0.5em\\relax{}",
    "\u2001": "\\hskip1em\\relax{}",
    "\u2002": "\\hskip0.5em\\relax{}",
    "\u2003": "\\hskip1em\\relax{}",
    "\u2004": "\\hskip0.3333em\\relax{}",
    "\u2005": "\\hskip0.25em\\relax{}",
    "\u2006": "\\hskip0.1667em\\relax{}",
    "\u2007": "\\hphantom{0}",  # a figure space: a digit's width, never a line's end
    "\u2008": "\\hskip0.2em\\relax{}",
    "\u2009": "\\hskip0.1667em\\relax{}",
    "\u200a": "\\hskip0.0833em\\relax{}",
    "\u202f": "\\nobreak\\hskip0.1667em\\relax{}",
    "\u205f": "\\hskip0.2222em\\relax{}",
}
# XeTeX's tex-text mapping joins these doubled characters into one typographic glyph.
LIGATURE_PAIRS = "-,<>"
LONG_WORD = 30
LONG_NAME = 8  # a Latin word this long gets a \cvbreak before it
LATIN_WORD = re.compile(r"[!-~\u00a0-\u024f]*")
# TeX reads a source line into a buffer of 200 000 characters: long text gets line ends.
LONG_LINE = 1000
# XeTeX's Chinese typesetting (xeCJK) takes time that grows with the square of a paragraph's
# length; longer text is set as several TeX paragraphs of about this many characters.
PARAGRAPH_PIECE = 2000
# A colour emoji's presentation and skin-tone marks (❤️ is ❤ and U+FE0F, 👍🏽 is 👍 and U+1F3FD):
# the PDF draws emoji in one colour (in Symbola, from fonts-symbola, where no theme face has
# them), so it leaves these out; the page, Word and text keep them.
EMOJI_MARKS = frozenset("\ufe0e\ufe0f" + "".join(chr(c) for c in range(0x1F3FB, 0x1F400)))


def escape(cleaned: str) -> str:
    """Return LaTeX that prints `cleaned` (text already through `clean`) literally."""
    out = []
    run = 0  # length of the current unbreakable run of Latin characters
    line = 0  # length of the current source line
    for i, char in enumerate(cleaned):
        if char in SPECIALS:
            out.append(SPECIALS[char])
        elif char in SPACES:
            out.append(SPACES[char])
        elif char == TIE:
            out.append("\\nobreak{}")
        elif char in EMOJI_MARKS:
            continue
        elif char in LIGATURE_PAIRS and cleaned[i + 1 : i + 2] == char:
            out.append(char + "{}")  # stop -- ,, << >> becoming dashes and quotes
        elif char == "þ" and cleaned[i + 1 : i + 2] == "ÿ":
            # A run that starts þÿ is recorded (its ActualText) as the bytes FE FF, which readers
            # take for UTF-16's mark: poppler and MuPDF lost its text. The kern makes two runs.
            out.append("þ\\kern0pt{}")
        else:
            out.append(char)
        wide = unicodedata.east_asian_width(char) in "WF"
        # A Chinese line may end short here (see the theme): after the space before a long Latin
        # name, or after the Chinese mark that ends a clause before one (项目地址：https://...).
        ends = char == " " or (wide and unicodedata.category(char) in ("Po", "Pe", "Pf"))
        if ends and len(LATIN_WORD.match(cleaned, i + 1).group(0)) >= LONG_NAME:  # type: ignore[union-attr]
            out.append("\\cvbreak{}")
        run = 0 if char.isspace() or wide else run + 1
        line += 1
        if run >= LONG_WORD:
            # A very long word or URL may break here rather than run off the page (at a cost: see
            # the theme); the source line ends too (a comment joins it to the next), so no line
            # outgrows TeX's buffer.
            out.append("\\cvwordbreak{}%\n")
            run = line = 0
        elif line >= LONG_LINE and (char.isspace() or wide):
            out.append("%\n")  # the comment keeps the text as it was: no space is added
            line = 0
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
    head, hash_mark, fragment = "".join(safe).partition("#")
    # A fragment cannot hold a second '#': encoded, it stays part of the link instead of being cut.
    encoded = (head + hash_mark + fragment.replace("#", "%23")).replace("~", "%7E").replace("'", "%27")
    return encoded.replace("\\", "%5C").replace("%", r"\%").replace("#", r"\#").replace("&", r"\&")


def text(value: str) -> str:
    """LaTeX that prints `value` as typed (after the text rule)."""
    return escape(clean(value))


def runs(inline: Inline) -> str:
    """LaTeX for inline runs: each run escaped, bold and italic as asked, a link's runs in one link."""
    out = []
    for url, group in groupby(inline, key=lambda run: run.url):
        latex = "".join(styled(run) for run in group)
        out.append(link(url, latex) if url else latex)
    return "".join(out)


def prose(inline: Inline) -> str:
    """LaTeX for a paragraph of runs, whose last line never holds one character or one short
    word alone. A very long one becomes pieces joined by the theme's \\cvjoin, which fills each
    piece's last line, so the joins do not show."""
    return r"\cvjoin{}".join(runs(piece) for piece in pieces(last_words_together(inline)))


TIE = "\ue000"  # private use, which the text rule drops from user text: escape makes it \nobreak
SHORT_WORD = 6  # a last word this short is not left alone on the last line
AFTER_LAST_WORD = re.compile(r"\W+$")  # closing punctuation and brackets
LAST_SPACE = re.compile(rf" (?=[^ ]{{1,{SHORT_WORD}}}$)")


def last_words_together(inline: Inline) -> Inline:
    """`inline` with its last two ideographs tied (孤字: one character alone on the last line), or
    else the space before a short last word made unbreakable ("ICLR\\n2026"), across runs."""
    flat = "".join(run.text for run in inline).rstrip()
    words = AFTER_LAST_WORD.sub("", flat)
    ideographs = len(words) >= 2 and is_han(words[-1]) and is_han(words[-2])
    space = None if ideographs else LAST_SPACE.search(flat)
    if ideographs:
        at, width, tie = len(words) - 1, 0, TIE
    elif space:
        at, width, tie = space.start(), 1, f"{TIE} {TIE}"  # (a no-break space would still break
        # where xeCJK puts its glue, before a Chinese character)
    else:
        return inline
    tied, start = [], 0
    for run in inline:
        end = start + len(run.text)
        if start <= at < end or (at == end and width == 0 and run is inline[-1]):
            run = replace(run, text=run.text[: at - start] + tie + run.text[at - start + width :])
            at = -1  # done
        tied.append(run)
        start = end
    return tuple(tied)


def pieces(inline: Inline) -> Iterator[Inline]:
    """`inline` cut into parts of about PARAGRAPH_PIECE characters, after a space or a wide
    character (where a line may break anyway)."""
    piece: list[Run] = []
    size = 0
    for run in inline:
        start = 0
        while size + len(run.text) - start > PARAGRAPH_PIECE:
            cut = break_after(run.text, start + max(PARAGRAPH_PIECE - size, 0))
            if cut is None:
                break
            yield (*piece, replace(run, text=run.text[start:cut]))
            piece, size, start = [], 0, cut
        if start < len(run.text):
            piece.append(replace(run, text=run.text[start:]))
            size += len(run.text) - start
    if piece:
        yield tuple(piece)


def break_after(text: str, start: int) -> int | None:
    """The index just after the first place at or after `start` where a line may end: a space
    that breaks (not a no-break one: 10 000, Pourquoi ?), or between two East Asian letters
    (not before 。 or after （)."""
    for i in range(start, len(text)):
        if text[i].isspace() and text[i] not in NO_BREAK_SPACES:
            return i + 1
        if is_wide_letter(text[i]) and is_wide_letter(text[i + 1 : i + 2]):
            return i + 1
    return None


NO_BREAK_SPACES = "\u00a0\u2007\u202f"


def is_wide_letter(char: str) -> bool:
    return char.isalpha() and unicodedata.east_asian_width(char) in "WF"


def styled(run: Run) -> str:
    latex = escape(run.text)
    if run.italic:
        latex = rf"\textit{{{latex}}}"
    if run.bold:
        latex = rf"\textbf{{{latex}}}"
    return latex


def link(url: str, label_latex: str) -> str:
    """LaTeX for a link around already-built LaTeX, drawn by the theme's \\cvlink. The empty group
    after it ends a right-to-left run there (see render.right_to_left)."""
    return rf"\cvlink{{{escape_url(url)}}}{{{label_latex}}}{{}}"
