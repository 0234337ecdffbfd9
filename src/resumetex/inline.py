"""User text → inline runs: the text rule, then Markdown's **bold**, *italic*, [text](url) and
backslash escapes, read by a real Markdown parser. Knows no output format.

Text rule (documented in the README): tabs, line breaks (\\n, \\r, U+2028/2029) and other
whitespace controls become a space; runs of ASCII spaces fold to one; other control
characters and invisible format characters (zero-width, bidi marks, soft hyphen) are dropped.
Everything else is shown as typed, but for typewriter quotes, which become typographic ones
(Master's → Master’s, "Best" → “Best”). Links are checked on the cleaned text, so what is checked
is what is rendered."""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from resumetex.glyphs import HAN, is_closed

URL_SCHEMES = ("https://", "http://", "mailto:", "tel:")
ADDRESS = r"[^@\s,<>()/:]+@[^@\s,<>()/:]+\.[^@\s,<>()/:]+"  # an e-mail address, as mail programs take one
ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
LINE_BREAKS = "\u2028\u2029\u0085"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style; `url` makes it (part of) a link."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


Inline = tuple[Run, ...]


def clean(text: str) -> str:
    """Return `text` after the text rule: whitespace controls to spaces, invisibles dropped."""
    return ASCII_SPACES.sub(" ", visible(text)).strip()


def visible(text: str) -> str:
    """`text` with its whitespace controls as spaces and its invisibles dropped, its spaces kept
    (a word such as the colon `: ` may end in one)."""
    # Printable text (no control, format mark, surrogate, private use or space but ' ') has
    # nothing to drop: most values skip the walk.
    if text.isprintable():
        return text
    kept = []
    for char in text:
        if char.isspace() and (unicodedata.category(char) == "Cc" or char in LINE_BREAKS):
            kept.append(" ")
        elif not unicodedata.category(char).startswith("C"):
            kept.append(char)  # controls, format marks, surrogates, private use: dropped
    return "".join(kept)


def plain(text: str, spaced: bool = False) -> Inline:
    """Text shown as typed (after the text rule), with typographic quotes: no Markdown. `spaced`
    keeps a space between two Chinese or Japanese characters (a Japanese name's)."""
    cleaned = clean(text)
    runs = (Run(curly(cleaned)),) if cleaned else ()
    return runs if spaced else unspaced(runs)


# Chinese and Japanese put no spaces between words: a space typed between two of their
# characters is not printed (xeCJK drops it within a run of text; this drops it across the edge of
# **bold** too, and in every output). Hangul is left out: Korean spaces its words; and a Japanese
# name keeps its space (layout.Words.name).


def unspaced(runs: Inline) -> Inline:
    """`runs` without the spaces that stand between two Chinese or Japanese characters."""
    flat = "".join(run.text for run in runs)
    gaps = {
        m.start()
        for m in re.finditer(" ", flat)
        if 0 < m.start() < len(flat) - 1
        if is_closed(flat[m.start() - 1]) and is_closed(flat[m.start() + 1])
    }
    if not gaps:
        return runs
    kept, at = [], 0
    for run in runs:
        text = "".join(c for i, c in enumerate(run.text, start=at) if i not in gaps)
        at += len(run.text)
        if text:
            kept.append(replace(run, text=text))
    return tuple(kept)


def curly(text: str) -> str:
    """`text` with typewriter quotes made typographic, as Markdown's typographer does for prose:
    Master's → Master’s, "Best Paper" → “Best Paper”."""
    if "'" not in text and '"' not in text:
        return text
    return "".join(token.content for token in _quotes().parseInline(text)[0].children or [])


@cache
def _chinese_quoted() -> re.Pattern[str]:
    return re.compile(rf'"([^"\n]*[{HAN}][^"\n]*)"')  # (compiled on first need: a class over HAN takes 4 ms)


def chinese_quotes(text: str, pair: str) -> str:
    """`text` with typewriter double quotes around Chinese text made `pair` (“…”, or Taiwan's
    「…」). The typographer cannot tell these open and close: Chinese puts no space before them."""
    if '"' not in text:
        return text
    return _chinese_quoted().sub(lambda quoted: pair[0] + quoted.group(1) + pair[1], text)


def markdown(text: str) -> Inline:
    """Prose: the text rule, then inline Markdown (bold, italic, links, backslash escapes)."""
    cleaned = clean(text)
    if not cleaned:
        return ()
    runs: list[Run] = []
    bold = italic = 0
    url: str | None = None
    for token in _parser().parseInline(cleaned)[0].children or []:
        if token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.type == "link_open":
            url = str(token.attrs["href"])
        elif token.type == "link_close":
            url = None
        elif token.content:
            runs.append(Run(token.content, bold > 0, italic > 0, url))
    return unspaced(tuple(runs))


def check_url(url: str) -> str:
    if not url.startswith(URL_SCHEMES) or len(url) <= len("tel:"):
        raise ValueError(f'"{url}" is not a link resumetex will write; {link_hint(url)}')
    hidden = next((c for c in url if unicodedata.category(c) in ("Cc", "Cf")), None)  # (no reader can follow it)
    if hidden is not None:
        raise ValueError(f"a link with a control character in it (U+{ord(hidden):04X}); delete it from the link")
    return url


def link_hint(url: str) -> str:
    """How to write `url` as a link resumetex writes: an address typed as people type it
    (jane.dev, Jane@example.com, a phone's capital Https://) gets what to write instead."""
    scheme = next((s for s in URL_SCHEMES if url.lower().startswith(s)), None)
    if scheme and len(url) > len(scheme):
        return f"write its scheme in small letters: {scheme}{url[len(scheme) :]}"
    if re.fullmatch(ADDRESS, url):
        return f"write it mailto:{url}"
    if re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(:[0-9]+)?([/?#]\S*)?", url):
        return f"write it with https:// before it: https://{url}"
    return f"use one starting with {', '.join(URL_SCHEMES)}"


def check_links(text: str) -> str:
    """`text` if every link in it, as it will be rendered, has an allowed scheme."""
    for url in dict.fromkeys(run.url for run in markdown(text) if run.url):
        check_url(url)
    return text


def text_of(runs: Inline) -> str:
    return "".join(run.text for run in runs)


def emphasize(runs: Inline, terms: tuple[str, ...]) -> Inline:
    """`runs` with every occurrence of a term in bold (the longest term wins where they overlap)."""
    wanted = sorted({curly(clean(t)) for t in terms if clean(t)}, key=len, reverse=True)  # as the text is shown
    if not wanted:
        return runs
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    out: list[Run] = []
    for run in runs:
        pos = 0
        for match in pattern.finditer(run.text):
            if match.start() > pos:
                out.append(Run(run.text[pos : match.start()], run.bold, run.italic, run.url))
            out.append(Run(match.group(0), True, run.italic, run.url))
            pos = match.end()
        if pos < len(run.text):
            out.append(Run(run.text[pos:], run.bold, run.italic, run.url))
    return tuple(out)


def unstyled(runs: Inline) -> Inline:
    """`runs` without the file's own bold and italic (links stay)."""
    return tuple(Run(run.text, url=run.url) for run in runs)


# CommonMark decides whether `**` opens or closes from the characters beside it, treating
# punctuation specially. Chinese puts full-width punctuation right against the next word
# (`**研究成果：**后面`), which CommonMark then refuses to close. Here a CJK character on either
# side counts as a letter, the rule CJK-friendly Markdown dialects use.
def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


class _CjkState(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        scanned = super().scanDelims(start, canSplitWord)
        end = start + scanned.length
        before = self.src[start - 1] if start > 0 else " "
        after = self.src[end] if end < self.posMax else " "
        if not (_is_cjk(before) or _is_cjk(after)) or before.isspace() or after.isspace():
            return scanned
        return Scanned(True, True, scanned.length)


class _CjkParserInline(ParserInline):
    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        state = _CjkState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


# Typewriter quotes become typographic ones, the same in English and Chinese: “ ” ‘ ’.
TYPOGRAPHER = {"typographer": True, "quotes": "“”‘’"}


@cache
def _quotes() -> MarkdownIt:
    return MarkdownIt("zero", TYPOGRAPHER).enable("smartquotes")  # no Markdown: only the quotes


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", TYPOGRAPHER).enable(["emphasis", "link", "escape", "smartquotes"])
    parser.inline.__class__ = _CjkParserInline
    # Every [text](url) becomes a link here, so that `check_links` names a disallowed one
    # rather than the parser quietly printing it as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser
