"""The Chinese fonts' ready ToUnicode maps: read by xdvipdfmx, and exactly what it would derive itself."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from fontTools.ttLib import TTFont

from conftest import SEED_ZH, pdf_text, render
from resumetex import glyphs, tounicode, xdv
from resumetex.compile import engine_environment
from resumetex.texformat import head_for

SERIF, INDEX = glyphs.CJK_FONT_SETS["noto"][0]
MAP_NAME = f"{SERIF}:{INDEX}-UCS32-Add"


@dataclass(frozen=True)
class Sheet:
    """An .xdv setting every glyph of a face that its cmap does not name (by glyph id: those only
    substitutions reach, and those nothing reaches), in `folder` with the font linked beside it."""

    folder: Path
    file: str
    index: int
    glyphs: list[int]

    def written(self, tmp_path: Path, ready: str | None) -> Path:
        """Its PDF as xdvipdfmx writes it, with `ready` as the font's map (None: no map)."""
        folder = tmp_path / ("with" if ready is not None else "without")
        folder.mkdir()
        shutil.copy(self.folder / "cv.xdv", folder / "cv.xdv")
        (folder / self.file).symlink_to(glyphs.found_fonts()[self.file])
        if ready is not None:  # the name xdvipdfmx looks for beside a font it found as ./FILE
            (folder / f"{self.file}:{self.index}-UCS32-Add").write_text(ready, encoding="ascii")
        command = ["xdvipdfmx", "-q", "-o", "cv.pdf", "cv.xdv"]
        env = engine_environment(folder, 1700000000)
        subprocess.run(command, cwd=folder, env=env, capture_output=True, check=True)
        return folder / "cv.pdf"


def set_sheet(folder: Path, file: str, index: int, every: int = 1) -> Sheet:
    """A Sheet of every `every`th such glyph."""
    font = glyphs.found_fonts()[file]
    face = TTFont(font, fontNumber=index, lazy=True)
    named = set(face.getBestCmap().values())
    last = len(face.getGlyphOrder()) - 1  # Noto CJK's last outline is too big for a PDF: xdvipdfmx stops
    unnamed = [glyph for glyph, name in enumerate(face.getGlyphOrder()) if name not in named and 0 < glyph < last]
    sample = unnamed[::every]
    (folder / file).symlink_to(font)
    lines = [" ".join(f"\\XeTeXglyph{glyph}" for glyph in sample[i : i + 100]) for i in range(0, len(sample), 100)]
    (folder / "cv.tex").write_text(
        "\\documentclass{article}\\usepackage{fontspec}\\begin{document}\n"
        f"\\fontspec{{{file}}}[FontIndex={index}]\n" + "\n\n".join(lines) + "\n\\end{document}\n",
        encoding="utf-8",
    )
    command = ["xelatex", "-no-pdf", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"]
    subprocess.run(command, cwd=folder, env=engine_environment(folder), capture_output=True, check=True)
    assert f"./{file}".encode() in (folder / "cv.xdv").read_bytes()  # XeTeX names the linked font
    return Sheet(folder, file, index, sample)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Sheet:
    return set_sheet(tmp_path_factory.mktemp("sheet"), SERIF, INDEX)


@pytest.fixture(scope="module")
def latin_sheet(tmp_path_factory: pytest.TempPathFactory) -> Sheet:
    """Noto Serif's unnamed glyphs: ligatures, and alternates no single substitution reaches."""
    return set_sheet(tmp_path_factory.mktemp("latin"), *glyphs.NOTO[0])


def to_unicode(pdf: Path) -> dict[str, str]:
    """The PDF's ToUnicode entries for the sheet's font: CID → text, both in hex."""
    document = pymupdf.open(pdf)
    entries: dict[str, str] = {}
    for xref in range(1, document.xref_length()):
        found = re.search(r"/ToUnicode (\d+) 0 R", document.xref_object(xref))
        if found:
            stream = document.xref_stream(int(found.group(1))).decode("ascii")
            entries.update(re.findall(r"^<([0-9A-F]{4})> <([0-9A-F]+)>$", stream, re.MULTILINE))
    return entries


@pytest.mark.parametrize(("face", "named", "contextual"), [("sheet", 18000, 100), ("latin_sheet", 300, 0)])
def test_the_ready_map_gives_each_glyph_the_text_xdvipdfmx_gives_it(
    face: str, named: int, contextual: int, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Every glyph xdvipdfmx names from the GSUB is named the same from the map. A glyph it cannot
    name (only a contextual substitution reaches it) gets its source's text, or U+FFFD where
    nothing reaches it; it had none."""
    sheet: Sheet = request.getfixturevalue(face)
    font = TTFont(glyphs.found_fonts()[sheet.file], fontNumber=sheet.index, lazy=True)
    ready = tounicode.cmap_file(f"{sheet.file}:{sheet.index}-UCS32-Add", tounicode.entries_of(font))
    own = to_unicode(sheet.written(tmp_path, None))
    mapped = to_unicode(sheet.written(tmp_path, ready))
    assert len(own) > named
    assert {cid: mapped.get(cid) for cid in own} == own
    added = {cid: text for cid, text in mapped.items() if cid not in own}
    assert len([text for text in added.values() if text != "FFFD"]) >= contextual


def test_a_map_made_by_other_code_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = glyphs.found_fonts()[SERIF]
    first = tounicode.ready_map(font, INDEX, tmp_path)
    assert first is not None
    os.utime(first, (1, 1))  # made long ago
    monkeypatch.setattr(tounicode, "code", lambda: b"an earlier tounicode.py")
    monkeypatch.setattr(tounicode, "KEEP", 1)
    second = tounicode.ready_map(font, INDEX, tmp_path)
    assert second is not None and second.name != first.name
    assert list(tmp_path.glob("*.cmap")) == [second]  # the other one pruned


def test_only_fonts_without_glyph_names_get_a_map() -> None:
    """xdvipdfmx names a glyph no substitution reaches by its name; a ready map would hide that."""
    assert tounicode.derive(glyphs.found_fonts()[SERIF], INDEX) is not None  # CID-keyed: no names
    for file, index in [glyphs.NOTO[0], glyphs.LATIN_MODERN[0]]:  # TrueType and CFF with names
        assert tounicode.derive(glyphs.font_files((file,))[file], index) is None


def test_a_cid_keyed_font_with_glyph_names_gets_no_map(tmp_path: Path) -> None:
    """Its `post` table names the glyphs, which xdvipdfmx reads for the ones nothing else names."""
    font = glyphs.font_files(("FandolSong-Regular.otf",))["FandolSong-Regular.otf"]
    assert tounicode.derive(font, 0) is not None  # CID-keyed, no names
    named = TTFont(font, lazy=True)
    named["post"].formatType, named["post"].extraNames, named["post"].mapping = 2.0, [], {}
    named.save(tmp_path / "named.otf")
    assert tounicode.derive(str(tmp_path / "named.otf"), 0) is None


def test_a_font_with_glyph_names_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = glyphs.found_fonts()[glyphs.NOTO[0][0]]
    assert tounicode.ready_map(font, 0, tmp_path) is None
    monkeypatch.setattr(tounicode, "derive", lambda font, index: pytest.fail("read again"))
    assert tounicode.ready_map(font, 0, tmp_path) is None  # the cache remembers


def test_xdvipdfmx_reads_the_map_beside_the_font(sheet: Sheet, tmp_path: Path) -> None:
    """A map that says otherwise shows in the text: the file is found by its name, not ignored."""
    font = glyphs.found_fonts()[SERIF]
    order = TTFont(font, fontNumber=INDEX, lazy=True).getGlyphOrder()
    first = int(order[sheet.glyphs[0]].removeprefix("cid"))  # Noto CJK is CID-keyed: glyphs named for CIDs
    false = tounicode.cmap_file(MAP_NAME, [(first, tounicode.utf16(ord("Q")))])
    assert pdf_text(sheet.written(tmp_path, false)).lstrip().startswith("Q")


def test_a_damaged_map_is_made_again(tmp_path: Path) -> None:
    font = glyphs.found_fonts()[SERIF]
    made = tounicode.ready_map(font, INDEX, tmp_path)
    assert made is not None
    good = made.read_bytes()
    assert good.startswith(b"%!PS-Adobe-3.0 Resource-CMap") and b"beginbfchar" in good
    made.write_bytes(good[: len(good) // 2])  # cut short: xdvipdfmx would stop on it
    again = tounicode.ready_map(font, INDEX, tmp_path)
    assert again is not None and again.read_bytes() == good
    assert list(tmp_path.glob("*.cmap")) == [again]


def test_only_chinese_documents_link_the_fonts() -> None:
    assert tounicode.links(head_for(cjk=False, scripts=frozenset())) == {}
    chinese = tounicode.links(head_for(cjk=True, scripts=frozenset()))
    faces = glyphs.CJK_FONT_SETS["noto"]
    ready = [f"{file}:{i}-UCS32-Add{tounicode.READY}" for file, i in faces]  # cut for each PDF
    assert sorted(chinese) == sorted([file for file, _ in faces] + ready)
    english_with_chinese = tounicode.links(head_for(cjk=False, scripts=frozenset({"cjk"})))
    assert english_with_chinese == chinese
    # Traditional Chinese documents are set in the collections' TC (or HK) faces: their maps
    traditional = tounicode.links(head_for(cjk=True, scripts=frozenset(), forms="TC"))
    faces = glyphs.CJK_FONT_SETS["notoTC"]
    assert sorted(traditional) == sorted(
        [file for file, _ in faces] + [f"{f}:{i}-UCS32-Add{tounicode.READY}" for f, i in faces]
    )


def test_a_render_is_the_same_with_and_without_the_maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    linked: list[dict[str, str]] = []
    real = tounicode.links
    monkeypatch.setattr(tounicode, "links", lambda head: linked.append(real(head)) or linked[-1])
    cuts: list[str | None] = []
    real_cut = tounicode.cut_map
    monkeypatch.setattr(tounicode, "cut_map", lambda *given: cuts.append(real_cut(*given)) or cuts[-1])
    with_maps = render(tmp_path / "with", SEED_ZH).read_bytes()
    assert linked and all(MAP_NAME + tounicode.READY in found for found in linked)
    assert len(cuts) == 4 and None not in cuts  # the pages read, and each face the seed sets cut
    monkeypatch.setattr(tounicode, "links", lambda head: {})
    assert render(tmp_path / "without", SEED_ZH).read_bytes() == with_maps


def test_making_a_map_leaves_no_face_in_memory(tmp_path: Path) -> None:
    """A one-off command runs without the cycle collector; a face fontTools read (its tables
    refer to each other) must not stay until the end: a first render held 100 MiB more."""
    import gc

    gc.disable()
    try:
        assert tounicode.ready_map(glyphs.found_fonts()[SERIF], INDEX, tmp_path) is not None
        assert not [thing for thing in gc.get_objects() if isinstance(thing, TTFont)]
    finally:
        gc.enable()


@pytest.fixture(scope="module")
def few(tmp_path_factory: pytest.TempPathFactory) -> Sheet:
    """Every 400th of the unnamed glyphs of the Chinese serif: a map cut to them is short."""
    return set_sheet(tmp_path_factory.mktemp("few"), SERIF, INDEX, every=400)


def test_the_xdv_names_each_glyph_set_in_each_face(few: Sheet) -> None:
    found = xdv.glyphs_set((few.folder / "cv.xdv").read_bytes())
    assert found[(f"./{SERIF}", INDEX)] == set(few.glyphs)
    assert {glyph for (font, _), set_in in found.items() if font != f"./{SERIF}" for glyph in set_in}  # the page number
    with pytest.raises(ValueError):
        xdv.glyphs_set((few.folder / "cv.xdv").read_bytes()[:-900])  # cut short: no end


def test_a_map_cut_to_the_glyphs_set_gives_the_pdf_the_whole_map_gives(few: Sheet, tmp_path: Path) -> None:
    """The map as it is kept (with its line of CIDs after the end) is read whole by xdvipdfmx and
    names each glyph as xdvipdfmx's own reading of the font does; cut, it makes the same PDF."""
    whole = tounicode.derive(glyphs.found_fonts()[SERIF], INDEX)
    assert whole is not None and whole.splitlines()[-1].startswith(tounicode.WITH_TEXT)
    for run in ("own", "whole", "cut"):
        (tmp_path / run).mkdir()
    own = to_unicode(few.written(tmp_path / "own", None))
    by_whole = few.written(tmp_path / "whole", whole)
    assert len(own) > 40 and {cid: to_unicode(by_whole).get(cid) for cid in own} == own
    used = xdv.glyphs_set((few.folder / "cv.xdv").read_bytes())[(f"./{SERIF}", INDEX)]
    cut = tounicode.cut_map(whole.encode("ascii"), MAP_NAME, used)
    assert cut is not None and len(cut) < len(whole) / 50
    assert few.written(tmp_path / "cut", cut).read_bytes() == by_whole.read_bytes()


def test_each_pdf_reads_a_map_cut_for_it_and_one_that_cannot_be_cut_whole(few: Sheet, tmp_path: Path) -> None:
    whole = tmp_path / "whole.cmap"
    whole.write_text(tounicode.derive(glyphs.found_fonts()[SERIF], INDEX) or "", encoding="ascii")
    (tmp_path / f"{MAP_NAME}{tounicode.READY}").symlink_to(whole)
    pages = tmp_path / "cv.xdv"
    pages.write_bytes((few.folder / "cv.xdv").read_bytes())
    read = tmp_path / MAP_NAME
    tounicode.cut(pages)
    used = xdv.glyphs_set(pages.read_bytes())[(f"./{SERIF}", INDEX)]
    assert not read.is_symlink() and read.read_text() == tounicode.cut_map(whole.read_bytes(), MAP_NAME, used)
    pages.write_bytes(b"not pages")  # the next PDF (--watch): its own cut, here none
    tounicode.cut(pages)
    assert read.is_symlink() and read.resolve() == whole
    fandol = tounicode.derive(glyphs.font_files(("FandolSong-Regular.otf",))["FandolSong-Regular.otf"], 0)
    assert fandol is not None and tounicode.cut_map(fandol.encode("ascii"), MAP_NAME, used) is None  # CIDs ≠ ids
