"""Markdown and plain text: the same document as the PDF, every string in order, nothing typed
becoming markup."""

import html
import json
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from conftest import FIXTURES, LABELLED, SHAPES, in_order, pdf_text, reading_order, squash, typed_cv, visible_strings
from resumetex.cli import main
from resumetex.load import load_cv
from resumetex.outputs import html as page
from resumetex.outputs import markdown, text, word
from resumetex.pipeline import FORMATS, RenderRequest, prepare, render_documents
from test_pages import pages_of


def as_html(source: str) -> str:
    """Markdown as GitHub reads it: CommonMark with strike-through and tables."""
    return MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(source)


def reader_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def document(name: str, **options: object):  # type: ignore[no-untyped-def]
    return prepare(RenderRequest(source=FIXTURES / f"{name}.yaml", **options)).document  # type: ignore[arg-type]


@pytest.mark.parametrize("name", SHAPES)
def test_every_string_in_order_in_markdown_and_text(name: str) -> None:
    cv = load_cv(FIXTURES / f"{name}.yaml")
    strings = [squash(s) for s in visible_strings(cv)]
    addressed = text.emit(document(name))  # a link's words, then its address: <…>
    for shown in (reader_text(as_html(markdown.emit(document(name)))), re.sub(r"\s<[^\s<>]+>", "", addressed)):
        flat = squash(shown)
        assert [s for s in strings if s not in flat] == []
        assert in_order(reading_order(cv), shown) == []


def test_markdown_keeps_links_and_emphasis() -> None:
    rendered = as_html(markdown.emit(document("engineer.en")))
    assert '<a href="https://sofia.example.org/incidents_(v2)">incident guide</a>' in rendered
    assert "<strong>62%</strong>" in rendered and "<em>on-call</em>" in rendered
    assert '<a href="https://github.com/sofia-an">sofia-an</a>' in rendered and "GitHub: " in rendered
    assert "<h1>Sofia Álvarez-Nyström</h1>" in rendered and "<h2>Experience</h2>" in rendered


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "{{ user }} 100% $5 | a ~~b~~",
        "# not a title",
        "1. not a list",
    ],
)
def test_typed_text_stays_text_in_markdown(typed: str, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "lang: en\nheader: {name: Test}\nsections:\n"
        f"  - {{key: a, kind: entries, title: A, entries: [{{title: {typed!r}}}]}}\n"
        f"  - {{key: b, kind: text, title: B, entries: [{typed!r}]}}\n".replace("'", '"')
    )
    if "javascript" in typed or "**" in typed:  # prose reads Markdown (and refuses such a link): titles only
        source.write_text(source.read_text().replace(f"[{typed!r}]".replace("'", '"'), "[plain]"))
    rendered = as_html(markdown.emit(prepare(RenderRequest(source=source)).document))
    assert (
        "<script" not in rendered
        and "<strong>" not in rendered
        and "<em>" not in rendered
        and "javascript:" not in rendered.replace(html.escape(typed), "")
    )
    assert (
        rendered.count("<h1>") == 1 and "<ol" not in rendered and "<del>" not in rendered and "<code>" not in rendered
    )
    assert typed in reader_text(rendered)


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("name", ["seed.zh", "academic.en"])
def test_text_is_wrapped_for_wide_and_latin_characters(name: str) -> None:
    lines = text.emit(document(name)).splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert max(display_width(line) for line in lines) > 70  # wrapped near the width, not far short
    assert not any(line.lstrip().startswith(("，", "。", ",", "、", "）")) for line in lines)
    assert "**" not in "\n".join(lines)


def test_a_period_is_never_cut_at_the_end_of_a_line() -> None:
    """`(Sep 2023 –` at a line's end and `Jun 2026)` on the next read as two dates."""
    lines = text.emit(document("seed.en")).splitlines()
    periods = [line for line in lines if re.search(r"\(\w+ \d{4} – ", line)]
    assert len(periods) >= 3 and all(re.search(r"\(\w+ \d{4} – (\w+ \d{4}|Present)\)$", line) for line in periods)
    assert "\0" not in "\n".join(lines)


@pytest.mark.parametrize("name", LABELLED)
def test_a_label_meets_its_text_as_the_language_writes_it(name: str) -> None:
    """In Markdown and plain text; a row's label (`Languages`, which the others set in bold) gets
    the language's colon in plain text."""
    written = text.emit(document(name))
    page = reader_text(as_html(markdown.emit(document(name))))
    row = {"engineer.en": "Languages: Go, Python", "photo.zh": "编程语言：Go、Java"}[name]
    for shown in (*LABELLED[name], row):
        assert shown in written
    for shown in LABELLED[name]:
        assert shown in page
    assert "**" not in page  # every bold lead-in closed


@pytest.mark.parametrize(
    ("name", "shown"),
    [("seed.en", "Research interests: Model Fusion, Reasoning Models"), ("seed.zh", "研究方向：模型融合、推理模型")],
)
def test_the_research_interests_label_meets_them_as_the_language_writes_it(name: str, shown: str) -> None:
    """The other forms set the label apart in bold or colour; plain text has only the colon."""
    assert shown in text.emit(document(name))


def test_a_rows_label_takes_the_files_own_colon_in_plain_text(tmp_path: Path) -> None:
    """The colon is the language's word, which a file may set (`locale: {colon: ...}`)."""
    source = tmp_path / "cv.yaml"
    section = "{key: s, kind: lines, title: Skills, entries: [{label: Languages, details: Go}]}"
    source.write_text(f"lang: en\nlocale: {{colon: ' = '}}\nheader: {{name: A}}\nsections: [{section}]\n")
    assert "Languages = Go" in text.emit(prepare(RenderRequest(source=source)).document)


def test_format_option_writes_each_beside_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "me.yaml").write_bytes((FIXTURES / "engineer.en.yaml").read_bytes())
    result = CliRunner().invoke(main, ["render", "me.yaml", "--format", "md,txt,html,docx"])
    written = "wrote build/me.md\nwrote build/me.txt\nwrote build/me.html\nwrote build/me.docx\n"
    assert (result.exit_code, result.output) == (0, written)
    assert (tmp_path / "build" / "me.docx").read_bytes().startswith(b"PK")  # a zip, as .docx is
    assert not (tmp_path / "build" / "me.pdf").exists()  # no TeX run for these
    bad = CliRunner().invoke(main, ["render", "me.yaml", "--format", "pdf,odt"])
    assert bad.exit_code == 2 and "odt: choose from pdf, html, docx, md, txt" in bad.output


def test_format_all_writes_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `build --format all` does: the PDF and every other format beside it, a picture of each page."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "me.yaml").write_bytes((FIXTURES / "engineer.en.yaml").read_bytes())
    result = CliRunner().invoke(main, ["render", "me.yaml", "--no-cache", "--format", "all"])
    assert result.exit_code == 0, result.output
    pictures = [f"me-{page}.png" for page in range(1, pages_of(tmp_path / "build" / "me.pdf") + 1)]
    written = [f"me.{name}" for name in FORMATS if name != "png"] + pictures
    assert sorted(path.name for path in (tmp_path / "build").iterdir()) == sorted(written)
    assert (tmp_path / "build" / "me.pdf").read_bytes().startswith(b"%PDF")


def test_every_document_format_is_byte_reproducible_and_follows_the_theme(tmp_path: Path) -> None:
    formats = ("html", "docx", "md", "txt", "json")
    source = FIXTURES / "photo.zh.yaml"
    first = render_documents(RenderRequest(source=source, output=tmp_path / "a" / "cv.pdf"), formats)
    second = render_documents(RenderRequest(source=source, output=tmp_path / "b" / "cv.pdf"), formats)
    assert [p.suffix for p in first] == [".html", ".docx", ".md", ".txt", ".json"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    classic = render_documents(
        RenderRequest(source=source, output=tmp_path / "c" / "cv.pdf", theme="classic"), ("html",)
    )
    assert "--accent: #000000;" in classic[0].read_text() and "--accent: #1B4F8A;" in first[0].read_text()


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "{{ user }} 100% $5", "[x](javascript:1)"])
def test_typed_text_stays_as_typed_in_plain_text(typed: str, tmp_path: Path) -> None:
    source = typed_cv(tmp_path, typed)  # a section title, an entry title and a location
    assert text.emit(prepare(RenderRequest(source=source)).document).count(typed) == 3


def test_a_profile_is_named_as_its_readers_know_it() -> None:
    """Formats with no icons name the network: 知乎 in a Chinese CV, Zhihu in an English one."""
    chinese = text.emit(document("photo.zh"))
    assert "知乎: li-ming-xuan <https://www.zhihu.com/people/li-ming-xuan>" in chinese
    assert "GitHub: lmx-dev" in chinese and "Zhihu" not in chinese
    english = text.emit(document("photo.zh", lang="en"))
    assert "Zhihu: li-ming-xuan" in english


@pytest.mark.parametrize(
    ("network", "username", "url", "shown"),
    [
        ("semantic_scholar", "1741101", "https://www.semanticscholar.org/author/1741101", "Semantic Scholar"),
        ("dblp", "123/4567", "https://dblp.org/pid/123/4567", "dblp"),  # its slash stays a slash
        ("huggingface", "jane", "https://huggingface.co/jane", "jane"),
        ("kaggle", "jane", "https://www.kaggle.com/jane", "jane"),
        ("stackoverflow", "4567/jane", "https://stackoverflow.com/users/4567/jane", "Stack Overflow"),
        ("leetcode", "jane", "https://leetcode.com/u/jane", "jane"),
        ("mastodon", "@jane@hachyderm.io", "https://hachyderm.io/@jane", "@jane@hachyderm.io"),
        ("mastodon", "jane@mastodon.social", "https://mastodon.social/@jane", "jane@mastodon.social"),
        ("youtube", "janedoe", "https://www.youtube.com/@janedoe", "janedoe"),
        ("instagram", "jane", "https://www.instagram.com/jane", "jane"),
        ("telegram", "jane", "https://t.me/jane", "jane"),
        ("imdb", "nm0000001", "https://www.imdb.com/name/nm0000001", "IMDb"),
        ("bilibili", "12345", "https://space.bilibili.com/12345", "Bilibili"),
        ("weibo", "jane", "https://weibo.com/jane", "jane"),
        ("wechat", "jane_wx", None, "jane_wx"),  # an id to add, no page to open
        ("github", "a/b", "https://github.com/a%2Fb", "a/b"),  # elsewhere a slash is no path
        ("github", "https://github.com/jane/", "https://github.com/jane", "jane"),  # the page's address pasted
        ("linkedin", "linkedin.com/in/jane-doe?trk=x", "https://www.linkedin.com/in/jane-doe", "jane-doe"),
        ("x", "https://twitter.com/jane", "https://x.com/jane", "jane"),
        ("x", "@jane", "https://x.com/jane", "@jane"),  # a handle's @ is no part of its address
        ("youtube", "@janedoe", "https://www.youtube.com/@janedoe", "@janedoe"),
        (
            "google_scholar",
            "https://scholar.google.com/citations?user=AbC123&hl=en",
            "https://scholar.google.com/citations?user=AbC123",
            "Google Scholar",
        ),
        ("dblp", "https://dblp.org/pid/123/4567", "https://dblp.org/pid/123/4567", "dblp"),
        ("bluesky", "@jane.bsky.social", "https://bsky.app/profile/jane.bsky.social", "@jane.bsky.social"),
        ("reddit", "u/janedoe", "https://www.reddit.com/user/janedoe", "janedoe"),  # as Reddit writes a user
        ("reddit", "https://www.reddit.com/u/janedoe/", "https://www.reddit.com/user/janedoe", "janedoe"),
        ("whatsapp", "+44 (0)7911 123456", "https://wa.me/447911123456", "+44 (0)7911 123456"),  # as dialled
        ("whatsapp", "https://wa.me/15551234567", "https://wa.me/15551234567", "15551234567"),
        ("xing", "Jane_Doe", "https://www.xing.com/profile/Jane_Doe", "Jane_Doe"),
        ("medium", "https://medium.com/@jane", "https://medium.com/@jane", "jane"),
        ("behance", "jane", "https://www.behance.net/jane", "jane"),
        ("dribbble", "jane", "https://dribbble.com/jane", "jane"),
    ],
)
def test_each_network_makes_its_address(network: str, username: str, url: str | None, shown: str) -> None:
    from resumetex.layout import profile_contact
    from resumetex.model import Profile

    contact = profile_contact(Profile(network=network, username=username))
    assert (contact.url, contact.text, contact.kind) == (url, shown, network)


def test_each_network_is_named_in_the_forms_without_icons(tmp_path: Path) -> None:
    """The page, the text, Markdown and Word name what the PDF's icon shows: 微信 in a Chinese CV."""
    source = tmp_path / "cv.yaml"
    source.write_text(
        "header:\n  name: 李明\n  profiles:\n    - {network: wechat, username: liming_wx}\n"
        "    - {network: bilibili, username: '12345'}\n    - {network: huggingface, username: liming}\n"
        "sections: []\n",
        encoding="utf-8",
    )
    made = prepare(RenderRequest(source=source)).document
    said = text.emit(made)
    assert "微信: liming_wx" in said and "哔哩哔哩 <https://space.bilibili.com/12345>" in said
    assert "Hugging Face: liming <https://huggingface.co/liming>" in said
    # Bilibili's profile is shown by the network's name, which no form says twice (哔哩哔哩 哔哩哔哩)
    (tmp_path / "cv.docx").write_bytes(word.emit(made))
    contact_line = next(p.text for p in docx.Document(str(tmp_path / "cv.docx")).paragraphs if "liming_wx" in p.text)
    for shown in (
        reader_text(as_html(markdown.emit(made))),
        reader_text(page.emit(made).split("<header>")[1].split("</header>")[0]),
        contact_line,
    ):
        assert shown.count("哔哩哔哩") == 1 and "微信" in shown and "Hugging Face" in shown


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("+86 199-2468-0829", "tel:+8619924680829"),
        ("(555) 123-4567", "tel:5551234567"),
        ("+1 555 123 4567 ext. 12", "tel:+15551234567;ext=12"),  # the extension was dialled as digits
        ("+1-555-0100 x7", "tel:+15550100;ext=7"),
        ("021-1234-5678 转 808", "tel:02112345678;ext=808"),
        ("+44 (0)20 7946 0958", "tel:+442079460958"),  # the trunk 0 is not dialled from abroad
        ("１３８００１３８０００", "tel:13800138000"),  # full-width, as the full-width mode types it
        ("＋８６ １３８ ００１３ ８０００", "tel:+8613800138000"),
        ("no number", None),
    ],
)
def test_a_phone_links_to_the_number_a_phone_dials(phone: str, link: str | None, tmp_path: Path) -> None:
    from resumetex.layout import phone_link

    assert phone_link(phone) == link
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "A", "phone": phone}, "sections": []}))
    output = tmp_path / "cv.pdf"
    assert CliRunner().invoke(main, ["render", str(source), "--format", "md", "-o", str(output)]).exit_code == 0
    shown = output.with_suffix(".md").read_text(encoding="utf-8")
    assert (f"](<{link}>)" in shown) if link else "tel:" not in shown


@pytest.mark.parametrize(
    ("email", "link"),
    [
        ("Jane.Doe+cv@Example.co.uk", "mailto:Jane.Doe+cv@Example.co.uk"),
        ("a@x.com, b@y.org", "mailto:a@x.com,b@y.org"),  # a message to both
        ("jane(at)example.com", None),  # written so that no program reads it: printed so, unlinked
        ("jane at example dot com", None),
    ],
)
def test_an_email_links_only_to_addresses(email: str, link: str | None, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "A", "email": email}, "sections": []}))
    output = tmp_path / "cv.pdf"
    assert CliRunner().invoke(main, ["render", str(source), "--format", "md", "-o", str(output)]).exit_code == 0
    shown = output.with_suffix(".md").read_text(encoding="utf-8")
    assert (f"[{email}](<{link}>)" in shown) if link else ("mailto:" not in shown and email in shown)


def test_a_blank_line_in_a_text_ends_its_paragraph(tmp_path: Path) -> None:
    """As in Markdown: a line break is a space, a blank line a new paragraph (a text section's
    entry, a section's summary); in the PDF and the other forms alike."""
    text = "First line\ncontinues here.\n\nSecond paragraph.\n  \nThird."
    about = {"key": "about", "kind": "text", "title": "About", "summary": "Lead.\n\nMore.", "entries": [text]}
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "A"}, "sections": [about]}))
    output = tmp_path / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(source), "--format", "pdf,txt,md", "-o", str(output)])
    assert result.exit_code == 0, result.output
    paragraphs = ["Lead.", "More.", "First line continues here.", "Second paragraph.", "Third."]
    assert "\n\n".join(paragraphs) in output.with_suffix(".txt").read_text(encoding="utf-8")
    assert "\n\n".join(paragraphs) in output.with_suffix(".md").read_text(encoding="utf-8")
    assert [line for line in pdf_text(output).splitlines() if line.strip()][2:7] == paragraphs


def test_an_entrys_summary_keeps_its_paragraphs(tmp_path: Path) -> None:
    """An entry's (and a role's) summary is prose too: a blank line starts a new paragraph in every
    form, a line break is a space."""
    work = {
        "organization": "Acme",
        "start": "2020-01",
        "summary": "Built the first\nversion.\n\nLed the team.",
        "roles": [{"role": "Lead", "start": "2022-01", "summary": "Hired four.\n\nShipped two."}],
    }
    section = {"key": "work", "kind": "experience", "title": "Work", "entries": [work]}
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "A"}, "sections": [section]}))
    output = tmp_path / "cv.pdf"
    formats = "pdf,txt,md,html,docx"
    result = CliRunner().invoke(main, ["render", str(source), "--format", formats, "-o", str(output)])
    assert result.exit_code == 0, result.output
    paragraphs = ["Built the first version.", "Led the team.", "Hired four.", "Shipped two."]
    lines = output.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line in paragraphs] == paragraphs
    markdown_text = output.with_suffix(".md").read_text(encoding="utf-8")
    assert [p in [block.strip() for block in markdown_text.split("\n\n")] for p in paragraphs] == [True] * 4
    page_text = output.with_suffix(".html").read_text(encoding="utf-8")
    assert [f"<p>{p}</p>" in page_text for p in paragraphs] == [True] * 4
    word_paragraphs = [p.text for p in docx.Document(str(output.with_suffix(".docx"))).paragraphs]
    assert [p for p in word_paragraphs if p in paragraphs] == paragraphs
    assert [line for line in pdf_text(output).splitlines() if line.strip() in paragraphs] == paragraphs


def test_a_row_with_a_label_alone_takes_no_colon(tmp_path: Path) -> None:
    """A language without its level (as LinkedIn exports one): `German`, not `German:`."""
    rows = [{"label": "German", "details": ""}, {"label": "French", "details": "fluent"}]
    section = {"key": "l", "kind": "lines", "title": "Languages", "entries": rows}
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "A"}, "sections": [section]}))
    result = CliRunner().invoke(main, ["render", str(source), "--format", "txt", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 0, result.output
    assert "\nGerman\nFrench: fluent\n" in (tmp_path / "cv.txt").read_text(encoding="utf-8")


def test_plain_text_keeps_every_links_address(tmp_path: Path) -> None:
    """A form's reader has nothing to click: a link's address follows its words, `<…>`, as the
    contacts print it, unless the words are the address; a tag is never cut at a line's end."""
    long_title = "A project whose title takes most of a line of text, and then some more"
    entry = {
        "title": long_title,
        "links": [{"label": "Code", "url": "https://example.org/code"}, {"label": "Slides"}],
        "bullets": ["Wrote [the parser](https://example.org/p), see https://example.org/q or [mail](mailto:a@b.org)"],
    }
    paper = {
        "authors": ["A"],
        "title": "T",
        "venue": "V",
        "date": "2021",
        "links": [{"label": "PDF", "url": "https://x.org/t.pdf"}],
    }
    sections = [
        {"key": "p", "kind": "projects", "title": "Projects", "entries": [entry]},
        {"key": "w", "kind": "publications", "title": "Papers", "entries": [paper]},
    ]
    source = tmp_path / "cv.yaml"
    source.write_text(json.dumps({"lang": "en", "header": {"name": "A"}, "sections": sections}))
    result = CliRunner().invoke(main, ["render", str(source), "--format", "txt", "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "cv.txt").read_text(encoding="utf-8")
    assert f"{long_title}\n[Code <https://example.org/code>] [Slides]\n" in written
    point = "- Wrote the parser <https://example.org/p>, see https://example.org/q or mail\n  <a@b.org>\n"
    assert point in written
    assert "[1] A. T. V, 2021. [PDF <https://x.org/t.pdf>]\n" in written
