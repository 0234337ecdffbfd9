"""Bad CV files get every problem, located, in words a user can act on."""

import os
import struct
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import ROOT
from resumetex.errors import DataError
from resumetex.load import load_cv
from resumetex.model import Education
from resumetex.pipeline import RenderRequest, prepare
from resumetex.source import MAX_BYTES, photo_of, read_source

ERRORS = sorted((ROOT / "tests" / "errors").glob("*.yaml"))
FIXTURES = ROOT / "tests" / "fixtures"
JPEG = (FIXTURES / "photo.jpg").read_bytes()
PNG = (FIXTURES / "photo.png").read_bytes()


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_cv(path)
    return caught.value.problems


@pytest.mark.parametrize("case", ERRORS, ids=[p.stem for p in ERRORS])
def test_error_messages_match_golden(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # messages name the file as the user typed it
    shown = "\n".join(problems_of(case.relative_to(ROOT))) + "\n"
    golden = case.with_suffix(".txt")
    if os.environ.get("RESUMETEX_UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_of(ROOT / "tests" / "errors" / "many-problems.yaml")
    assert len(problems) >= 4
    assert all(p.count(":") >= 3 for p in problems)  # file:line:col: field: message


def test_yaml_1_1_never_changes_data_silently() -> None:
    cv = load_cv(ROOT / "tests" / "yaml11-surprises.yaml")
    assert cv.header.phone == "19924680829"
    assert cv.header.interests == ["no", "off", "yes"]
    entry = cv.sections[0].entries[0]
    assert entry.start == "2025.10"  # not the float 2025.1
    assert [b.text for b in entry.bullets] == ["no"]  # type: ignore[union-attr]


def test_billion_laughs_fails_fast_with_little_memory() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    problems = problems_of(ROOT / "tests" / "errors" / "billion-laughs.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "aliases" in problems[0]
    assert peak < 5_000_000 and time.perf_counter() - started < 2


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_an_empty_json_file_points_to_a_yaml_starter(tmp_path: Path) -> None:
    """`import resume.json` of an empty file suggested `new -o resume.json`: a YAML CV under a
    JSON name."""
    path = tmp_path / "resume.json"
    path.write_text("", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.endswith(f'resumetex new "Your Name" -o {tmp_path / "resume.yaml"}')


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("header:\n  name: Ren\xe9\n".encode("latin-1"))
    assert problems_of(path) == [f"{path}:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * MAX_BYTES + "\n")
    assert "too large" in problems_of(path)[0]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (ROOT / "tests" / "fixtures" / "seed.zh.yaml").read_bytes())
    assert load_cv(path).header.name == "杨子诡"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_file_marked_utf16_or_utf32_reads_as_its_utf8_copy(encoding: str, tmp_path: Path) -> None:
    """As Windows tools save "Unicode" (Notepad, PowerShell's Out-File): the mark says which."""
    text = (FIXTURES / "seed.zh.yaml").read_text(encoding="utf-8").replace("杨子诡", "杨子诡 Zoë")
    text = text.replace("  author_names: [Ziyi Yang]\n", "  author_names: [Ziyi Yang]\n  photo: photo.jpg\n")
    path = tmp_path / "cv.yaml"
    path.write_bytes("\ufeff".encode(encoding) + text.encode(encoding))
    (tmp_path / "plain.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(JPEG)
    assert load_cv(path) == load_cv(tmp_path / "plain.yaml") and load_cv(path).header.name == "杨子诡 Zoë"
    assert photo_of(read_source(path), tmp_path) == {"photo.jpg": JPEG}  # in the render cache's key
    broken = tmp_path / "broken.yaml"
    broken.write_bytes("\ufeff".encode(encoding) + text.replace("end: present", "end: someday", 1).encode(encoding))
    line = text[: text.index("end: present")].count("\n") + 1
    assert problems_of(broken)[0].startswith(f"{broken}:{line}:")


def test_broken_utf16_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes("header:\n  name: Ren".encode("utf-16") + b"\x00\xdc" + "\n".encode("utf-16-le"))
    assert problems_of(path) == [f"{path}:2: not valid UTF-16 (byte 40); save the file as UTF-8"]


def test_seed_loads_with_typed_entries() -> None:
    cv = load_cv(ROOT / "tests" / "fixtures" / "seed.zh.yaml")
    assert [s.key for s in cv.sections] == ["education", "experience", "research", "projects", "publications"]
    assert isinstance(cv.sections[0].entries[0], Education)
    assert len(cv.sections[-1].entries) == 7


def cv_with_photo(folder: Path, name: str) -> Path:
    path = folder / "cv.yaml"
    path.write_text(f"header:\n  name: Test\n  photo: {name}\nsections: []\n", encoding="utf-8")
    return path


def sized(image: bytes, at: int, order: str, width: int, height: int) -> bytes:
    """`image` with its header saying it is `width` x `height`, its pixels left as they are."""
    return image[:at] + struct.pack(f"{order}ii", width, height) + image[at + 8 :]


SCAN = JPEG.index(b"\xff\xda")  # where a JPEG's picture data starts
HUGE = "more than resumetex decodes; save the photo smaller"  # (decoded: over 500 MB)
BMP = b"BM" + (62).to_bytes(4, "little") + bytes(4) + (54).to_bytes(4, "little") + (40).to_bytes(4, "little")
BMP += struct.pack("<iiHHIIiiII", 1, 1, 1, 24, 0, 4, 2835, 2835, 0, 0) + bytes(4)
CUT = "file cut short or damaged"
OTHER = "format, whatever its name says"
UNPLACEABLE = {
    "webp-cut": ("me.jpg", b"RIFF\x24\x00\x00\x00WEBPVP8 ", f"me.jpg is a WebP {CUT}"),
    "heic-cut": ("me.jpg", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", f"me.jpg is a HEIC {CUT}"),
    "video": ("me.heic", b"\x00\x00\x00\x18ftypqt  \x00\x00\x00\x00", "me.heic is not a picture inside, whatever"),
    "avif-cut": ("me.jpg", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", f"me.jpg is an AVIF {CUT}"),
    "pdf": ("me.png", b"%PDF-1.7\n", f"me.png is in PDF {OTHER}"),
    "html": ("me.png", b"<html>not found</html>", "me.png is not a picture inside, whatever its name says"),
    "png-cut": ("me.png", PNG[:100], f"me.png is a PNG {CUT}"),  # within its picture data
    "png-end-cut": ("me.png", PNG[:-2], f"me.png is a PNG {CUT}"),  # the end chunk's checksum: libpng fails
    "jpeg-cut": ("me.jpg", JPEG[:SCAN], f"me.jpg is a JPEG {CUT}"),  # no picture data
    "jpeg-only-scan": ("me.jpg", JPEG[:2] + JPEG[SCAN:], f"me.jpg is a JPEG {CUT}"),  # no tables, no size
    "jpeg-no-frame": ("me.jpg", JPEG[:158] + JPEG[177:], f"me.jpg is a JPEG {CUT}"),  # its size cut out
    "jpeg-stray": ("me.jpg", JPEG[:20] + b"\0" + JPEG[20:], f"me.jpg is a JPEG {CUT}"),  # XeTeX fails
    "pdf-suffix": ("me.pdf", b"", "me.pdf is not a photo resumetex can place; save it as JPEG or PNG"),
    "png-huge": ("me.png", sized(PNG, 16, ">", 20_000, 9_000), f"me.png is 20000 × 9000 pixels, {HUGE}"),
    "bmp-huge": ("me.bmp", sized(BMP, 18, "<", 16_000, 12_000), f"me.bmp is 16000 × 12000 pixels, {HUGE}"),
}


@pytest.mark.parametrize(("name", "content", "problem"), UNPLACEABLE.values(), ids=UNPLACEABLE.keys())
def test_a_photo_no_output_can_place_is_located(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    """Read as a JPEG or PNG as far as XeTeX, xdvipdfmx and python-docx read it: a phone's HEIC or a
    web page's WebP saved as .jpg, or a file cut short, failed in the engine, or in Word with a traceback."""
    (tmp_path / name).write_bytes(content)
    [shown] = problems_of(cv_with_photo(tmp_path, name))
    assert shown.startswith(f"{tmp_path / 'cv.yaml'}:3:10: header.photo: {problem}")


def test_a_photo_is_found_from_the_home_folder_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`photo: ~/Pictures/me.jpg`, as a shell reads it; it was looked for in a folder named `~`."""
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    (home / "Pictures" / "me.jpg").write_bytes(JPEG)
    monkeypatch.setenv("HOME", str(home))
    cv = tmp_path / "cv" / "cv.yaml"
    cv.parent.mkdir()
    cv.write_text("header: {name: A, photo: ~/Pictures/me.jpg}\nsections: []\n", encoding="utf-8")
    assert load_cv(cv).header.photo == "~/Pictures/me.jpg"
    assert photo_of(read_source(cv), cv.parent) == {"~/Pictures/me.jpg": JPEG}  # in the render cache's key
    document = prepare(RenderRequest(source=cv)).document
    assert document.header.picture is not None and document.header.photo == home / "Pictures" / "me.jpg"


def test_a_photos_web_address_says_to_save_the_picture(tmp_path: Path) -> None:
    [shown] = problems_of(cv_with_photo(tmp_path, "https://example.org/me.jpg"))
    problem = "https://example.org/me.jpg is an address; a photo is a file: save it beside the CV and give its name"
    assert shown == f"{tmp_path / 'cv.yaml'}:3:10: header.photo: {problem}"


def picture(kind: str) -> bytes:
    from io import BytesIO

    from PIL import Image

    stored = BytesIO()
    Image.new("RGB", (30, 40), (30, 90, 160)).save(stored, kind)
    return stored.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [("me.png", JPEG), ("me.jpeg", JPEG), ("me.jpg", PNG), ("me.jpg", JPEG[:20] + b"\xff" + JPEG[20:])],
    ids=["jpeg-as-png", "jpeg", "png-as-jpg", "jpeg-fill-byte"],
)
def test_a_whole_jpeg_or_png_is_a_photo_whatever_its_suffix(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    assert str(load_cv(cv_with_photo(tmp_path, name)).header.photo) == name


@pytest.mark.parametrize("suffix", [".heic", ".heif", ".webp", ".avif", ".gif", ".tif", ".tiff", ".bmp", ".JPG"])
def test_a_picture_of_another_kind_is_a_photo(tmp_path: Path, suffix: str) -> None:
    kind = {".tif": "TIFF", ".JPG": "JPEG"}.get(suffix, suffix[1:].upper())
    content = (FIXTURES / "photo.heic").read_bytes() if suffix in (".heic", ".heif") else picture(kind)
    (tmp_path / f"me{suffix}").write_bytes(content)
    assert str(load_cv(cv_with_photo(tmp_path, f"me{suffix}")).header.photo) == f"me{suffix}"


def test_a_cv_never_ends_in_a_traceback(tmp_path: Path) -> None:
    """The fixtures with one to three values swapped for other text or values of other shapes, 120 times, read,
    laid out and written in every format but the PDF: each is a CV or a clear error. (A longer run
    of this search found start 2020 with end 2020.06 raising TypeError: see test_dates.)"""
    import copy
    import json
    import random

    import yaml

    from resumetex.errors import ResumeError
    from resumetex.pipeline import RenderRequest, latex_at, prepare, render_documents

    names = ["seed.zh", "seed.en", "engineer.en", "academic.en", "photo.zh"]
    samples = [yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")) for name in names]
    shapes = [None, 0, 2.5, True, [], {}, ["a", 1], {"a": 1}, [{}]]
    texts = ["", "x", " ", "**", "[a](https://a.example)", "2020", "2020.06", "present", "中文", "a" * 120, "\\"]

    def places(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        inner = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
        return [path] + [p for key, child in inner for p in places(child, (*path, key))]

    (tmp_path / "photo.png").write_bytes(PNG)
    chance = random.Random(2)
    for _ in range(120):
        data = copy.deepcopy(chance.choice(samples))
        for _ in range(chance.randint(1, 3)):
            *parents, last = chance.choice(places(data)[1:])
            holder = data
            for key in parents:
                holder = holder[key]  # type: ignore[index]
            was_text = isinstance(holder[last], str)  # type: ignore[index]
            pool = texts if was_text and chance.random() < 0.8 else shapes + texts  # (most stay valid CVs)
            holder[last] = copy.deepcopy(chance.choice(pool))  # type: ignore[index]
        source = tmp_path / "cv.yaml"
        source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        request = RenderRequest(source=source, output=tmp_path / "cv.pdf")
        try:
            prepared = prepare(request)
        except ResumeError:
            continue
        latex_at(prepared)
        render_documents(request, ("html", "docx", "md", "txt", "json"), prepared)


@pytest.mark.parametrize("loader", ["libyaml", "python"])
def test_a_null_is_no_value_and_quoted_it_is_text(tmp_path: Path, loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`end: null`, as tools and JSON write an empty value, read as the text "null": a date error.
    (libyaml, the first parser, gives a plain value the style "", the Python parser None.)"""
    import yaml

    from resumetex import load

    if loader == "python":
        monkeypatch.setattr(load, "FAST_LOADER", yaml.SafeLoader)
    source = tmp_path / "cv.yaml"
    source.write_text(
        "header:\n  name: A\n  headline: null\n  photo: ~\n  email:\n  location: 'null'\n"
        'sections:\n  - {"key": "x", "kind": "experience", "title": "X", '
        '"entries": [{"organization": "O", "start": "2020", "end": null}]}\n',
        encoding="utf-8",
    )
    cv = load_cv(source)
    assert (cv.header.headline, cv.header.photo, cv.header.email, cv.header.location) == (None, None, None, "null")
    assert cv.sections[0].entries[0].end is None  # type: ignore[union-attr]


BULLET = "header: {{name: A}}\nsections:\n  - key: s\n    kind: bullets\n    title: T\n    entries:\n      - {}\n"


@pytest.mark.parametrize(
    "value",
    [
        *("*Oral* presentation", "**Best paper** award", "[Paper](https://x.org) accepted", "@jane on GitHub"),
        *("> 90% accuracy", "| a | b |", "%50 faster", "`code` first", "{braces} first"),
        *('"Atlas" search engine', "'Atlas' search engine", "!important note", "&more"),
    ],
)
def test_a_value_that_starts_with_a_mark_of_yamls_says_to_quote_it(value: str, tmp_path: Path) -> None:
    """A point that opens with **bold**, a link or a quotation is read by YAML as its own syntax: an
    error that pointed at a block end or a simple key (or, for a tag, no error and the word gone).
    The error gives the value in quotes, and pasted in, that is the point as typed."""
    source = tmp_path / "cv.yaml"
    source.write_text(BULLET.format(value), encoding="utf-8")
    [said] = problems_of(source)
    assert said.startswith(f"{source}:7:9: ") and "put the whole value in quotes: " in said
    if "'" in value:  # in the quotes that need no doubling
        assert said.endswith(f'"{value}"')
    source.write_text(BULLET.format(said.rsplit("put the whole value in quotes: ", 1)[1]), encoding="utf-8")
    assert load_cv(source).sections[0].entries[0].text == value  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "said"), [("authors: [A, B", "expected ',' or ']'"), ('title: "Open', "close the quote")]
)
def test_a_list_or_quote_left_open_is_not_told_to_be_quoted(line: str, said: str, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        f"header: {{name: A}}\nsections:\n  - key: p\n    kind: publications\n    title: T\n"
        f"    entries:\n      - title: P\n        {line}\n        venue: V\n",
        encoding="utf-8",
    )
    [problem] = problems_of(source)
    assert said in problem and "quotes:" not in problem


@pytest.mark.parametrize("value", ["? Why not", "- a dash first", "**Staff** engineer", "[ML] engineer"])
def test_a_field_that_starts_with_a_mark_of_yamls_says_to_quote_it(value: str, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    template = "header:\n  name: A\n  headline: {}\nsections: []\n"
    source.write_text(template.format(value), encoding="utf-8")
    [said] = problems_of(source)
    assert said.startswith(f"{source}:3:13: ") and "put the whole value in quotes: " in said
    source.write_text(template.format(said.rsplit("put the whole value in quotes: ", 1)[1]), encoding="utf-8")
    assert load_cv(source).header.headline == value


def test_a_tag_on_a_list_is_told_to_go(tmp_path: Path) -> None:
    """Only a text value can be quoted back; a list's or a mapping's tag is simply removed."""
    source = tmp_path / "cv.yaml"
    source.write_text("header: !person {name: A}\nsections: !seq []\n", encoding="utf-8")
    assert problems_of(source) == [
        f"{source}:1:9: YAML reads `!person` before a value as a type tag, and drops it; remove it",
        f"{source}:2:11: YAML reads `!seq` before a value as a type tag, and drops it; remove it",
    ]
