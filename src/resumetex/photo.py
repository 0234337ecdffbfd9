"""A photo: what its file holds, from its bytes (which kind of image, whether it is whole), and
the picture every output places, made from it."""

import contextlib
import functools
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

# What resumetex places (made a JPEG or a PNG, see placed), and the names such files have.
SUFFIXES = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "HEIC": (".heic", ".heif"),
    "WebP": (".webp",),
    "AVIF": (".avif",),
    "GIF": (".gif",),
    "TIFF": (".tif", ".tiff"),
    "BMP": (".bmp",),
}
PLACEABLE = tuple(SUFFIXES)
PHOTOGRAPHS = ("JPEG", "HEIC", "WebP", "AVIF")  # made a JPEG unless transparent
# How other image files a photo often turns out to be begin, whatever its name says.
SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)


def image_kind(data: bytes) -> str | None:
    """The kind of image `data` holds, from its first bytes: JPEG, PNG, WebP, HEIC (a phone's),
    AVIF, GIF, PDF, TIFF or BMP; None when it is none of them (a phone's video among them)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"):
        return "HEIC"
    return next((kind for start, kind in SIGNATURES if data.startswith(start)), None)


def image_whole(data: bytes, kind: str) -> bool:
    """Whether the image is whole as far as its headers go, read, not decoded (`validate` stays
    quick with a phone's photo; placed decodes it): a PNG's chunks up to its end chunk; a JPEG's
    segments up to its picture data, a frame header (its size) among them; the other kinds as
    their readers open them."""
    if kind not in ("JPEG", "PNG"):
        try:
            open_image(data).close()
        except Exception:  # (each reader raises its own)
            return False
        return True
    if kind == "PNG":
        at = 8
        while at + 8 <= len(data):
            length, name = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
            at += 12 + length  # length, name, data, checksum
            if name == b"IEND":
                return at <= len(data)
        return False
    framed = False
    for marker, _, end in segments(data):
        if marker == 0xDA:  # start of scan: the picture data follows
            return framed and end <= len(data)
        framed = framed or (0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC))
    return False


def segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """A JPEG's segments, (marker, where its content starts, where it ends), up to the start of
    its picture data (0xDA) or the first byte that is not a marker."""
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before the marker
            at += 1
            continue
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        yield marker, at + 4, end
        if marker == 0xDA:
            return
        at = end


# Pixels across, as placed: the PDF's 2.5 cm at 600 ppi (Word's 2.6 cm at 580, the web page's
# 6rem on a screen of three pixels to one); a phone's 4,000 made a résumé of megabytes.
WIDEST = 600
# The most pixels resumetex decodes (Pillow's own bound; about 540 MB in RGB). A JPEG is decoded at
# up to an eighth of its size (see picture_of), so a phone's of 200 megapixels is far under it.
MOST_PIXELS = 178_956_970


@dataclass(frozen=True)
class Picture:
    """A photo as every output places it (see placed)."""

    data: bytes
    kind: str  # JPEG or PNG

    @property
    def name(self) -> str:
        """Its name beside the LaTeX document."""
        return "photo.jpg" if self.kind == "JPEG" else "photo.png"


class PictureError(ValueError):
    """A photo that passed image_whole and still cannot be decoded."""


@functools.lru_cache(maxsize=2)  # (a HEIC takes a second to decode: --watch decodes it once)
def placed(data: bytes) -> Picture:
    """The whole image in `data` (see image_whole) as every output places it: upright, as its
    EXIF orientation says and browsers show it; at most WIDEST pixels across; in 8-bit grey or RGB,
    with alpha if it has it, its colour profile kept; and nothing else of the file: a phone's EXIF
    says where the photo was taken. A photograph's kind (JPEG, HEIC, WebP, AVIF) is made a JPEG,
    unless it is transparent; the rest a PNG (sharp edges and transparency keep)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a damaged EXIF (then not turned)
            return picture_of(data)
    except Exception as error:  # a damaged file: each decoder raises its own (RuntimeError, EOFError, ...)
        raise PictureError(str(error)) from error


def oversized(data: bytes, kind: str) -> str | None:
    """The size ('16000 × 12000') of a whole image (see image_whole) that has more pixels than
    resumetex decodes, from its headers; else None. Never a JPEG's: it is decoded smaller."""
    if kind == "JPEG":
        return None
    if kind == "PNG":  # (its first chunk is its header: width, then height)
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    else:
        with open_image(data) as image:
            width, height = image.size
    return f"{width} × {height}" if width * height > MOST_PIXELS else None


def open_image(data: bytes) -> "Image.Image":
    """The image in `data`, its headers read (Pillow, or libheif for a HEIC); not yet decoded."""
    from PIL import Image

    # Pillow's check refuses a picture by its full size; placing decodes a JPEG at an eighth of
    # it, and every image is checked against MOST_PIXELS at the size it is decoded at.
    Image.MAX_IMAGE_PIXELS = None
    if image_kind(data) == "HEIC":  # a phone's (an iPhone's by default): libheif reads it, upright
        import pi_heif

        pi_heif.register_heif_opener()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a damaged EXIF (then not turned)
        return Image.open(io.BytesIO(data))


def in_srgb(image: "Image.Image", profile: bytes | None) -> "Image.Image":
    """A CMYK `image` in RGB: through its colour profile (littlecms), where it has one that is
    CMYK's; a plain conversion took a grey blue of (100, 100, 160) to (72, 88, 219)."""
    from PIL import ImageCms

    if profile is not None:
        with contextlib.suppress(ImageCms.PyCMSError, OSError):  # a profile broken, or not CMYK's
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.createProfile("sRGB")
            return ImageCms.profileToProfile(image, source, srgb, outputMode="RGB") or image.convert("RGB")
    return image.convert("RGB")


def picture_of(data: bytes) -> Picture:
    """See placed; Pillow's errors are raised as they are."""
    from PIL import Image, ImageOps

    with open_image(data) as image:
        image.draft(None, (WIDEST, WIDEST))  # a JPEG decodes at 1/2, 1/4 or 1/8 when that is enough
        if image.width * image.height > MOST_PIXELS:  # (load's check came first: changed since)
            raise ValueError(f"{image.width} × {image.height} pixels")
        profile = image.info.get("icc_profile")
        shown = ImageOps.exif_transpose(image)
    if shown.mode == "CMYK":  # as print software writes it: Word's writer reads no CMYK JPEG
        shown, profile = in_srgb(shown, profile), None  # (its profile is for CMYK)
    if shown.mode.startswith("I"):  # 16-bit grey: converted straight to 8 bits it would be white
        shown = shown.convert("I").point(lambda value: value * (1 / 257))
    if shown.mode in ("LAB", "HSV", "F"):  # (a TIFF's; converted, they come out wrong)
        raise ValueError(f"pixels in {shown.mode}")
    if shown.mode not in ("L", "LA", "RGB", "RGBA"):  # a palette, black and white, ...
        alpha = shown.has_transparency_data
        grey = shown.mode in ("1", "I")
        shown = shown.convert(("LA" if alpha else "L") if grey else ("RGBA" if alpha else "RGB"))
    if shown.width > WIDEST:
        shown = shown.resize((WIDEST, max(1, round(shown.height * WIDEST / shown.width))), Image.Resampling.LANCZOS)
    kind = "JPEG" if image_kind(data) in PHOTOGRAPHS and shown.mode in ("L", "RGB") else "PNG"
    made = io.BytesIO()
    if kind == "JPEG":  # (a camera's JPEG with a second picture inside, MPO to Pillow, too)
        shown.save(made, "JPEG", quality=90, optimize=True, icc_profile=profile)
    else:
        shown.save(made, "PNG", optimize=True, icc_profile=profile)
    return Picture(made.getvalue(), kind)
