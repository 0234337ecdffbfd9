"""The Chinese fonts' ToUnicode maps, worked out once per font file instead of in every PDF.

A PDF gives each font a ToUnicode map: the text each glyph stands for, which copying, search and
résumé parsers read. xdvipdfmx takes it from the font's cmap, and for the glyphs the cmap does not
name (vertical, traditional and other alternate forms) from the font's GSUB table, which it reads
whole: for Noto CJK, 19,000 substitutions per face, about half of the time it takes to write a
Chinese résumé's PDF. It first looks for that part ready made, though, in a file named for the font
(`FONT:INDEX-UCS32-Add`). So a render links the Chinese fonts into the engine's folder, where
XeTeX then finds them (and records `./FONT` in the .xdv), and links those files beside them, under
another name (READY): xdvipdfmx reads a map whole, which for Noto's 20,000 entries a face was a
quarter of its time, while a résumé sets a few hundred glyphs of a face and seldom one the map
names. Before each PDF, `cut` writes the map under its own name with only the glyphs the .xdv sets.

`derive` computes the file as xdvipdfmx's own GSUB pass would, entry for entry (a test compares
every glyph's text, another a résumé's bytes); it is kept in the cache, named for the font file,
its face, size and time and this module's code, and for its own content, which is checked before
it is used."""

import contextlib
import functools
import gc
import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Any

import resumetex
from resumetex import glyphs
from resumetex.cache import cache_dir, keep
from resumetex.compile import STOPPING
from resumetex.errors import CompileError
from resumetex.xdv import glyphs_set

# The lookups xdvipdfmx reads for ToUnicode: single, alternate, ligature, and these inside an extension.
SINGLE, ALTERNATE, LIGATURE, EXTENSION = 1, 3, 4, 7
# xdvipdfmx's cmap subtables, in its order of preference (platform, encoding).
CMAP_TABLES = ((3, 10), (0, 3), (0, 0), (3, 1), (0, 1))
MAKING = threading.Lock()  # `build` renders in threads: the maps are made once
KEEP = 16  # maps kept (about 300 kB each): four per set of Chinese fonts
DERIVED: dict[str, list[tuple[int, str]]] = {}  # entries by what they follow from (see derive)
READY = ".ready"  # a whole map's name in the engine's folder ends so; xdvipdfmx reads a cut one
# A map's last line, after its end, where a face's glyph ids are its CIDs (Noto CJK's are): which
# CIDs have an entry, as a bitmap in hex, for `cut` to find them without reading the whole map.
# (xdvipdfmx stops reading a map at a line that long anywhere before its end.)
WITH_TEXT = "% CIDs with an entry: "


def links(head: str) -> dict[str, str]:
    """What to link into the engine's folder for a document with `head` (file name → path): the
    Chinese fonts and their ready maps, when the document sets Chinese text; else nothing.

    The maps are made the first time (about a second for Noto's four faces; texformat makes them
    while it dumps the format). Without symbolic links (Windows) or a readable font, a map is left out, and
    xdvipdfmx reads the font's GSUB as usual: the PDF is the same, only slower to write."""
    if os.name == "nt" or not ("{ctexart}" in head or "{xeCJK}" in head):
        return {}
    chosen = re.search(r"\bcjk=([\w-]+)", head)  # the theme's option naming the Chinese fonts; none: Noto's
    with MAKING:
        return dict(chinese_links(cache_dir(), chosen.group(1) if chosen else "noto"))


@functools.cache  # once per process and cache: --watch, a fit and `build` link the same files many times
def chinese_links(cache: Path, fonts: str) -> tuple[tuple[str, str], ...]:
    found = glyphs.found_fonts()
    made: dict[str, str] = {}
    for file, index in glyphs.CJK_FONT_SETS.get(fonts, ()):
        if STOPPING.is_set():  # Ctrl-C: each face takes a moment to read
            raise CompileError("stopped")
        if file not in found:
            continue
        ready = ready_map(found[file], index, cache / "tounicode")
        if ready is not None:
            made[file] = found[file]
            made[f"{file}:{index}-UCS32-Add{READY}"] = str(ready)
    return tuple(made.items())


def ready_map(font: str, index: int, folder: Path) -> Path | None:
    """The map of face `index` of `font` kept in `folder`, made now if need be; None if the font
    cannot be read."""
    try:
        info = os.stat(font)
    except OSError:
        return None
    stamp = f"{os.path.realpath(font)}\0{index}\0{info.st_size}\0{info.st_mtime_ns}\0"
    key = hashlib.sha256(stamp.encode("utf-8") + code()).hexdigest()[:32]
    if (folder / f"{key}.none").exists():
        return None  # a font with glyph names: see derive
    for kept in folder.glob(f"{key}-*.cmap"):
        with contextlib.suppress(OSError):
            if kept.name == entry_name(key, kept.read_bytes()):
                return kept
            kept.unlink(missing_ok=True)  # damaged: make it again
    try:
        derived = derive(font, index)
    except Exception:  # a font fontTools cannot read: xdvipdfmx reads its GSUB itself, as before
        return None
    finally:
        # A face's tables refer to each other: with the cycle collector off (a one-off command,
        # see run) each face read would stay in memory to the end, 100 MiB for Noto's four.
        gc.collect()
    if derived is None:
        keep(folder / f"{key}.none", b"")
        return None
    content = derived.encode("ascii")
    target = folder / entry_name(key, content)
    if not keep(target, content):
        return None
    with contextlib.suppress(OSError):  # maps of fonts since upgraded, or of earlier code
        for old in sorted(folder.glob("*.cmap"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    return target


@functools.cache
def code() -> bytes:
    """What the maps are made by, in their key: a map made by other code is not used."""
    try:
        return Path(__file__).read_bytes()
    except OSError:
        return resumetex.__version__.encode("ascii")


def entry_name(key: str, content: bytes) -> str:
    return f"{key}-{hashlib.sha256(content).hexdigest()[:16]}.cmap"


def derive(font: str, index: int) -> str | None:
    """The CMap xdvipdfmx would build from the GSUB of face `index` of `font` (see substituted);
    None for a font whose glyphs have names. xdvipdfmx names a glyph that no substitution reaches
    by its name (`f_i` is fi), but not once a ready map is there, which has no entry for it: so
    only CID-keyed fonts without glyph names (Noto CJK, Fandol) get one."""
    from fontTools.ttLib import TTFont

    face = TTFont(font, fontNumber=index, lazy=True)
    cid_keyed = "CFF " in face and hasattr(face["CFF "].cff.topDictIndex[0], "ROS")
    if not cid_keyed or ("post" in face and face["post"].formatType != 3):
        return None
    # The map follows from the cmap, the GSUB and the glyphs' names alone: a family's regular and
    # bold faces often share them, and the second is not worked out again.
    source = hashlib.sha256("\n".join(face.getGlyphOrder()).encode("utf-8"))
    for tag in ("cmap", "GSUB"):
        if tag in face.reader:  # (the raw table: the reader has no .get)
            source.update(tag.encode("ascii") + face.reader[tag])
    if source.hexdigest() not in DERIVED:
        DERIVED[source.hexdigest()] = entries_of(face)
    entries = DERIVED[source.hexdigest()]
    made = cmap_file(f"{Path(font).name}:{index}-UCS32-Add", entries)
    if all(name == f"cid{glyph:05d}" for glyph, name in enumerate(face.getGlyphOrder()[1:], start=1)):
        cids = bytearray(8192)
        for cid, _ in entries:
            cids[cid >> 3] |= 1 << (cid & 7)
        made += f"{WITH_TEXT}{cids.hex()}\n"
    return made


def cut(xdv: Path) -> None:
    """Write beside `xdv` the map of each Chinese face it sets (whose whole map is linked there)
    with only the glyphs it sets; a map that cannot be cut, whole. A PDF is the same either way."""
    folder = xdv.parent
    whole = sorted(folder.glob(f"*{READY}"))
    if not whole:
        return
    try:
        used: dict[tuple[str, int], set[int]] | None = glyphs_set(xdv.read_bytes())
    except (OSError, ValueError):
        used = None
    for ready in whole:
        name = ready.name.removesuffix(READY)
        font, _, index = name.removesuffix("-UCS32-Add").rpartition(":")
        glyphs = None if used is None else used.get((f"./{font}", int(index)))
        if used is not None and glyphs is None:
            continue  # a face the pages do not use: xdvipdfmx does not look for its map
        try:
            content = None if glyphs is None else cut_map(ready.read_bytes(), name, glyphs)
        except (OSError, ValueError):
            content = None
        with contextlib.suppress(OSError):  # no map at all: xdvipdfmx reads the font's GSUB itself
            (folder / name).unlink(missing_ok=True)  # the cut of a previous PDF (--watch)
            if content is None:
                os.symlink(os.readlink(ready), folder / name)
            else:
                (folder / name).write_text(content, encoding="ascii")


def cut_map(ready: bytes, name: str, glyphs: set[int]) -> str | None:
    """The map `ready` with the entries of `glyphs` alone, named `name`; None for one that has no
    WITH_TEXT line (its CIDs are not glyph ids) or does not hold what that line says."""
    last = ready.rstrip(b"\n").rpartition(b"\n")[2]
    mark = WITH_TEXT.encode("ascii")
    if not last.startswith(mark):
        return None
    cids = bytes.fromhex(last[len(mark) :].decode("ascii"))
    entries = []
    for glyph in sorted(glyphs):
        if glyph < 8 * len(cids) and cids[glyph >> 3] >> (glyph & 7) & 1:
            at = ready.find(b"\n<%04X> <" % glyph)
            if at < 0:
                return None
            start = at + 9
            entries.append((glyph, ready[start : ready.index(b">", start)].decode("ascii")))
    return cmap_file(name, entries)


def entries_of(face: Any) -> list[tuple[int, str]]:
    """(CID, UTF-16 text in hex) for each glyph of `substituted`."""

    # A CID-keyed font's glyphs are named for their CIDs (cid01234); a PDF names glyphs by CID.
    def cid(name: str) -> int:
        return int(name[3:]) if name.startswith("cid") and name[3:].isdigit() else face.getGlyphID(name)

    return sorted((cid(glyph), "".join(utf16(p) for p in points)) for glyph, points in substituted(face).items())


def substituted(face: Any) -> dict[str, list[int]]:
    """For each glyph the cmap does not name, the text of the first substitution (in the order
    xdvipdfmx reads them) that turns named glyphs into it: glyph name → code points."""
    text, fallback = named(face)
    found: dict[str, list[int]] = {}

    def source_text(source: str) -> int | None:
        return text.get(source, fallback.get(source))

    for kind, subtable in substitutions(face):  # (the loops are spelled out: 300,000 substitutions)
        if kind == SINGLE:
            for source, target in subtable.mapping.items():
                if target not in found and target not in text and (point := source_text(source)) is not None:
                    found[target] = [point]
        elif kind == ALTERNATE:
            for source, targets in subtable.alternates.items():
                point = source_text(source)
                for target in targets:
                    if point is not None and target not in found and target not in text:
                        found[target] = [point]
        elif kind == LIGATURE:
            for first, ligatures in subtable.ligatures.items():
                for ligature in ligatures:
                    target = ligature.LigGlyph
                    points = [source_text(glyph) for glyph in [first, *ligature.Component]]
                    if target not in found and target not in text and None not in points:
                        found[target] = [point for point in points if point is not None]
    return found


def named(face: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Each glyph's code point in the cmap xdvipdfmx reads: (the usual ones, the private-use and
    presentation forms it only falls back on); for a glyph with several, the highest, as it keeps."""
    text: dict[str, int] = {}
    fallback: dict[str, int] = {}
    cmap = face["cmap"]
    for platform, encoding in CMAP_TABLES:
        table = cmap.getcmap(platform, encoding)
        if table is not None and table.format in (4, 12):
            for point, glyph in sorted(table.cmap.items()):
                (fallback if private_or_presentation(point) else text)[glyph] = point
            break
    return text, fallback


def substitutions(face: Any) -> list[tuple[int, Any]]:
    """(lookup type, subtable) of every lookup of every feature any script or language uses, in
    the order of the font's feature list, as xdvipdfmx reads them; then the lookups no feature
    lists, which it leaves out: those contextual substitutions apply (their glyphs would have no
    text), and any unused."""
    if "GSUB" not in face:
        return []
    table = face["GSUB"].table
    used: set[int] = set()
    for record in table.ScriptList.ScriptRecord:
        systems = [record.Script.DefaultLangSys] if record.Script.DefaultLangSys else []
        for system in [*systems, *(r.LangSys for r in record.Script.LangSysRecord)]:
            if system.ReqFeatureIndex != 0xFFFF:
                used.add(system.ReqFeatureIndex)
            used.update(system.FeatureIndex)
    read = [
        index
        for number, feature in enumerate(table.FeatureList.FeatureRecord)
        if number in used
        for index in feature.Feature.LookupListIndex
    ]
    listed = set(read)
    unlisted = [index for index in range(len(table.LookupList.Lookup)) if index not in listed]
    return [pair for index in read + unlisted for pair in lookup_subtables(table.LookupList.Lookup[index])]


def lookup_subtables(lookup: Any) -> list[tuple[int, Any]]:
    """(type, subtable) of each of `lookup`'s subtables, an extension's own type and subtable."""
    if lookup.LookupType == EXTENSION:
        return [(subtable.ExtensionLookupType, subtable.ExtSubTable) for subtable in lookup.SubTable]
    return [(lookup.LookupType, subtable) for subtable in lookup.SubTable]


# Code points xdvipdfmx maps a glyph to only when nothing better names it (its list).
LAST_RESORT = (
    (0x2E80, 0x2EF3), (0x2F00, 0x2FD5), (0xE000, 0xF8FF), (0xFB00, 0xFB4F),
    (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
)  # fmt: skip


def private_or_presentation(point: int) -> bool:
    if point < 0x2E80 or 0x2FD5 < point < 0xE000:  # most of a font (it runs for each code point)
        return False
    return any(low <= point <= high for low, high in LAST_RESORT)


def utf16(point: int) -> str:
    return chr(point).encode("utf-16-be").hex().upper()


def cmap_file(name: str, entries: list[tuple[int, str]]) -> str:
    """A PostScript CMap from CID to UTF-16 text, in blocks of 100 as the format asks."""
    lines = [
        "%!PS-Adobe-3.0 Resource-CMap",
        "%%DocumentNeededResources: ProcSet (CIDInit)",
        "%%IncludeResource: ProcSet (CIDInit)",
        f"%%BeginResource: CMap ({name})",
        "%%EndComments",
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo 3 dict dup begin /Registry (Adobe) def /Ordering (UCS) def /Supplement 0 def end def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *(f"<{c:04X}> <{text}>" for c, text in block), "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end", "%%EndResource", "%%EOF", ""]
    return "\n".join(lines)
