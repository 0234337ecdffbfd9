"""A photo as the outputs place it: upright, no wider than it needs, without what else its file
holds. Read back by its pixels; the outputs' own tests (test_cli, test_html, test_word) look at
it where a reader sees it."""

import contextlib
import subprocess
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from conftest import FIXTURES
from resumetex.load import load_cv
from resumetex.photo import WIDEST, PictureError, image_kind, image_whole, placed

JPEG = (FIXTURES / "photo.jpg").read_bytes()  # 100 x 132 pixels
PNG = (FIXTURES / "photo.png").read_bytes()


def with_orientation(jpeg: bytes, orientation: int, order: bytes = b"MM") -> bytes:
    """`jpeg` with an EXIF segment saying `orientation`, as a phone writes it."""
    big = order == b"MM"

    def number(value: int, size: int) -> bytes:
        return value.to_bytes(size, "big" if big else "little")

    tiff = order + number(42, 2) + number(8, 4) + number(1, 2)
    tiff += number(0x0112, 2) + number(3, 2) + number(1, 4) + number(orientation, 2) + b"\0\0" + number(0, 4)
    segment = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + (len(segment) + 2).to_bytes(2, "big") + segment + jpeg[2:]


# Where two marks of a photo show, for each EXIF orientation: red is drawn in the stored pixels'
# top left corner, green in their top right (T top, B bottom, L left, R right).
SHOWN_AT = {
    1: ("TL", "TR"),
    2: ("TR", "TL"),  # mirrored
    3: ("BR", "BL"),  # upside down
    4: ("BL", "BR"),  # mirrored upside down
    5: ("TL", "BL"),  # the first row is the left side, the first column the top
    6: ("TR", "BR"),  # turned clockwise
    7: ("BR", "TR"),  # the first row is the right side, the first column the bottom
    8: ("BL", "TL"),  # turned counterclockwise
}


def marked_photo(orientation: int) -> bytes:
    """An 80 x 80 JPEG in grey, red at the top left of its pixels and green at their top right."""
    from PIL import Image

    image = Image.new("RGB", (80, 80), (200, 200, 200))
    image.paste((220, 0, 0), (0, 0, 32, 32))
    image.paste((0, 180, 0), (48, 0, 80, 32))
    stored = BytesIO()
    image.save(stored, "JPEG", quality=95)
    return with_orientation(stored.getvalue(), orientation)


def marks(picture: "Image.Image") -> tuple[str, str]:  # type: ignore[name-defined]
    """Where the red and the green mark are in the photo that `picture` shows (its grey, red and
    green pixels: a page around it may be white or black, and accented in blue)."""
    rgb = picture.convert("RGB")
    pixels = rgb.load()
    kinds = {
        "red": lambda r, g, b: r > 150 and g < 90,
        "green": lambda r, g, b: g > 120 and r < 90,
        "grey": lambda r, g, b: max(abs(r - 200), abs(g - 200), abs(b - 200)) < 16,
    }
    found: dict[str, list[tuple[int, int]]] = {name: [] for name in kinds}
    for x in range(rgb.width):
        for y in range(rgb.height):
            for name, wanted in kinds.items():
                if wanted(*pixels[x, y]):
                    found[name].append((x, y))
    photo = [point for points in found.values() for point in points]
    # the photo's extent: the columns and rows it fills (a text's smoothed edges have a few grey pixels)
    across, down = Counter(p[0] for p in photo), Counter(p[1] for p in photo)
    columns = [x for x, n in across.items() if n > max(across.values()) / 2]
    rows = [y for y, n in down.items() if n > max(down.values()) / 2]
    middle_x, middle_y = (min(columns) + max(columns)) / 2, (min(rows) + max(rows)) / 2
    where = []
    for name in ("red", "green"):
        x = sum(p[0] for p in found[name]) / len(found[name])
        y = sum(p[1] for p in found[name]) / len(found[name])
        where.append(("T" if y < middle_y else "B") + ("L" if x < middle_x else "R"))
    return where[0], where[1]


def opened(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("orientation", sorted(SHOWN_AT))
@pytest.mark.parametrize("order", [b"MM", b"II"])
def test_a_phones_photo_stands_as_its_exif_orientation_says(orientation: int, order: bytes) -> None:
    """Turned and mirrored in its pixels, as a browser shows it (Word shows a JPEG's pixels as
    they are), and without the orientation, which would turn it a second time."""
    photo = marked_photo(orientation) if order == b"MM" else with_orientation(marked_photo(1)[:], orientation, order)
    assert image_whole(photo, "JPEG")
    picture = placed(photo)
    assert picture.kind == "JPEG" and picture.name == "photo.jpg"
    shown = opened(picture.data)
    assert marks(shown) == SHOWN_AT[orientation]
    assert shown.getexif() == {}


def test_an_iphones_heic_is_placed_upright_as_a_jpeg() -> None:
    """The file keeps its turn as HEIF does (libheif applies it); its EXIF, the camera's maker
    among it, stays out."""
    heic = (FIXTURES / "photo.heic").read_bytes()  # the marks' photo, saved with orientation 6
    assert b"PhoneMaker" in heic
    picture = placed(heic)
    assert picture.kind == "JPEG" and b"PhoneMaker" not in picture.data
    assert placed(heic) is picture  # decoded once in a process (--watch): a HEIC takes a second
    assert marks(opened(picture.data)) == SHOWN_AT[6]


def test_a_sideways_photo_takes_its_upright_shape() -> None:
    shown = opened(placed(with_orientation(JPEG, 6)).data)  # 100 x 132 stored, shown on its side
    assert shown.size == (132, 100)


def big_photo(size: tuple[int, int], kind: str, mode: str = "RGB") -> bytes:
    """A phone-sized photo of gradients and grain (a flat one would pack too small to tell)."""
    import random

    rng = random.Random(7)
    small = Image.new(mode, (size[0] // 32, size[1] // 32))
    small.putdata([tuple(rng.randrange(256) for _ in mode) for _ in range(small.width * small.height)])
    stored = BytesIO()
    small.resize(size, Image.Resampling.BICUBIC).save(stored, kind, quality=92)
    return stored.getvalue()


def test_a_phones_photo_is_made_as_wide_as_its_place_needs() -> None:
    """4,032 x 3,024 pixels of a few megabytes made a PDF, a page and a Word file of that size;
    placed 2.5 cm wide, 600 pixels are 600 to the inch."""
    photo = big_photo((4032, 3024), "JPEG")
    assert len(photo) > 1_000_000
    picture = placed(photo)
    assert opened(picture.data).size == (WIDEST, 450) == (600, 450)
    assert len(picture.data) < min(150_000, len(photo) // 10)
    assert opened(placed(with_orientation(photo, 6)).data).size == (600, 800)  # kept on its side


def test_a_200_megapixel_phones_photo_is_placed(tmp_path: Path) -> None:
    """16,320 x 12,240 pixels, as a phone's 200-megapixel mode takes it: over Pillow's bound for
    a whole picture, so it was called damaged; decoded at an eighth of its size, it is 3 megapixels."""
    stored = BytesIO()
    Image.new("L", (16_320, 12_240), 90).save(stored, "JPEG")
    (tmp_path / "me.jpg").write_bytes(stored.getvalue())
    (tmp_path / "cv.yaml").write_text("header:\n  name: Test\n  photo: me.jpg\nsections: []\n", encoding="utf-8")
    assert load_cv(tmp_path / "cv.yaml").header.photo is not None
    shown = Image.open(BytesIO(placed(stored.getvalue()).data))
    assert (shown.size, shown.getpixel((300, 200))) == ((WIDEST, 450), 90)


def test_a_picture_too_large_to_decode_is_refused_before_it_is_decoded() -> None:
    """(load refuses it first; placed sees one only when the file changed in between)."""
    from test_load import BMP, sized

    with pytest.raises(PictureError, match="16000 × 12000 pixels"):
        placed(sized(BMP, 18, "<", 16_000, 12_000))


def test_a_photo_no_wider_keeps_its_pixels_and_a_png_its_transparency() -> None:
    assert opened(placed(JPEG).data).size == (100, 132)
    see_through = Image.new("RGBA", (1200, 800), (30, 90, 160, 255))
    see_through.paste((0, 0, 0, 0), (0, 0, 600, 800))
    stored = BytesIO()
    see_through.save(stored, "PNG")
    picture = placed(stored.getvalue())
    shown = opened(picture.data)
    assert (picture.kind, picture.name, shown.size, shown.mode) == ("PNG", "photo.png", (600, 400), "RGBA")
    assert shown.getpixel((100, 200))[3] == 0 and shown.getpixel((500, 200)) == (30, 90, 160, 255)


def test_what_else_the_file_holds_is_left_out_but_its_colours() -> None:
    """A phone's EXIF says where the photo was taken (and the PDF and the page carried it whole);
    its colour profile (a phone's Display P3) says what its numbers mean, and stays."""
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 50.0)}  # where
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    for kind in ("JPEG", "PNG"):
        stored = BytesIO()
        image.save(stored, kind, exif=exif.tobytes(), icc_profile=profile)
        assert b"PhoneMaker" in stored.getvalue()
        data = placed(stored.getvalue()).data
        assert b"PhoneMaker" not in data and b"Exif" not in data, kind
        assert opened(data).info.get("icc_profile") == profile, kind


@pytest.mark.parametrize("mode", ["I;16", "P", "1", "LA", "CMYK"])
def test_each_kind_of_pixel_is_placed_in_its_own_colours(mode: str) -> None:
    """A 16-bit grey PNG (converted straight to 8 bits it is white), a palette with a
    transparent colour, black and white, grey with alpha, and a CMYK JPEG as print software
    writes it (Word's writer reads no CMYK), each as 8-bit grey or RGB of the same look."""
    kind = "JPEG" if mode == "CMYK" else "PNG"
    if mode == "I;16":
        image = Image.new("I;16", (40, 30), 20000)  # a darkish grey: 20000 of 65535
        expected: tuple[int, ...] = (78,)
    elif mode == "P":
        image = Image.new("P", (40, 30), 1)
        image.putpalette([0, 0, 0, 30, 90, 160])
        image.info["transparency"] = 0
        image.paste(0, (0, 0, 20, 30))
        expected = (30, 90, 160, 255)
    elif mode == "1":
        image = Image.new("1", (40, 30), 1)
        expected = (255,)
    elif mode == "LA":
        image = Image.new("LA", (40, 30), (90, 255))
        expected = (90, 255)
    else:
        image = Image.new("CMYK", (40, 30), (0, 128, 255, 0))  # orange
        expected = (255, 127, 0)
    stored = BytesIO()
    image.save(stored, kind, **({"transparency": 0} if mode == "P" else {}))
    shown = opened(placed(stored.getvalue()).data)
    assert shown.mode in ("L", "LA", "RGB", "RGBA")
    pixel = shown.getpixel((30, 15))
    pixel = pixel if isinstance(pixel, tuple) else (pixel,)
    assert pixel == pytest.approx(expected, abs=3)
    if mode == "P":
        assert shown.getpixel((5, 15))[3] == 0  # the transparent colour stays transparent


@pytest.mark.parametrize("profile", ["FOGRA39", "broken", "RGB's"])
def test_a_cmyk_photo_is_made_rgb_through_its_colour_profile(profile: str) -> None:
    """A print shop's CMYK JPEG, made from a grey blue of (100, 100, 160) through the profile it
    carries (FOGRA39, from TeX's colorprofiles): the numbers alone made it (72, 88, 219). A profile that
    cannot be read, or is not CMYK's, leaves the numbers alone, as before."""
    fogra = Path(subprocess.run(["kpsewhich", "FOGRA39L_coated.icc"], capture_output=True, text=True).stdout.strip())
    made = ImageCms.profileToProfile(
        Image.new("RGB", (40, 30), (100, 100, 160)),
        ImageCms.createProfile("sRGB"),
        ImageCms.ImageCmsProfile(BytesIO(fogra.read_bytes())),
        outputMode="CMYK",
    )
    carried = {
        "FOGRA39": fogra.read_bytes(),
        "broken": fogra.read_bytes()[:300],
        "RGB's": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    }[profile]
    stored = BytesIO()
    made.save(stored, "JPEG", quality=95, icc_profile=carried)
    shown = opened(placed(stored.getvalue()).data)
    expected = (100, 100, 160) if profile == "FOGRA39" else (72, 88, 219)
    assert shown.getpixel((20, 15)) == pytest.approx(expected, abs=8)
    assert "icc_profile" not in shown.info  # sRGB, as a picture without one is read


@pytest.mark.parametrize(
    ("kind", "mode", "made"),
    [
        ("WEBP", "RGB", "JPEG"),  # as web pages save photos
        ("AVIF", "RGB", "JPEG"),
        ("WEBP", "RGBA", "PNG"),  # transparent: JPEG has no alpha
        ("GIF", "P", "PNG"),
        ("TIFF", "CMYK", "PNG"),
        ("BMP", "RGB", "PNG"),
        ("MPO", "RGB", "JPEG"),  # a camera's JPEG with a second picture inside, as Pillow reads it
    ],
)
def test_other_kinds_of_picture_are_placed_as_a_jpeg_or_a_png(kind: str, mode: str, made: str) -> None:
    colour = {"RGB": (30, 90, 160), "RGBA": (30, 90, 160, 255), "CMYK": (225, 165, 95, 0), "P": 1}[mode]
    image = Image.new(mode, (1200, 900), colour)  # type: ignore[arg-type]
    if mode == "P":
        image.putpalette([0, 0, 0, 30, 90, 160])
    if mode == "RGBA":
        image.paste((0, 0, 0, 0), (0, 0, 100, 900))
    stored = BytesIO()
    image.save(stored, kind, **({"save_all": True, "append_images": [image]} if kind == "MPO" else {}))
    assert image_whole(stored.getvalue(), str(image_kind(stored.getvalue())))
    picture = placed(stored.getvalue())
    shown = opened(picture.data)
    assert (picture.kind, shown.format, shown.size) == (made, made, (600, 450))
    assert shown.convert("RGB").getpixel((300, 200)) == pytest.approx((30, 90, 160), abs=6)
    if mode == "RGBA":
        assert shown.getpixel((20, 200))[3] == 0


def test_a_damaged_exif_is_passed_over_in_silence() -> None:
    """Pillow warned of it on the command's output, where a user sees Python's warnings."""
    import warnings

    broken = JPEG[:2] + b"\xff\xe1\x00\x10Exif\0\0MM\x00*\xff\xff\xff\xff" + JPEG[2:]  # its directory past the end
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert opened(placed(broken).data).size == (100, 132)


@pytest.mark.parametrize("mode", ["LAB", "F"])
def test_pixels_that_would_come_out_wrong_are_an_error_not_a_wrong_picture(mode: str) -> None:
    """A TIFF in Lab colours or of floating-point grey: Pillow's conversion to RGB gave other
    colours (Lab's A band taken for transparency) and black."""
    stored = BytesIO()
    Image.new(mode, (40, 30), (50, 20, 100) if mode == "LAB" else 0.5).save(stored, "TIFF")  # type: ignore[arg-type]
    with pytest.raises(PictureError):
        placed(stored.getvalue())


@pytest.mark.parametrize("kind", ["HEIC", "AVIF", "WEBP", "GIF", "TIFF"])
def test_a_damaged_photo_of_any_kind_is_an_error_not_a_traceback(kind: str) -> None:
    """Cut short or with bytes changed, as a bad copy leaves it: the HEIC and AVIF decoders raised
    EOFError and RuntimeError, past the errors a photo was allowed."""
    if kind == "HEIC":
        whole = (FIXTURES / "photo.heic").read_bytes()
    else:
        stored = BytesIO()
        Image.open(BytesIO(JPEG)).save(stored, kind)
        whole = stored.getvalue()
    places = range(16, len(whole), max(1, len(whole) // 60))
    damaged = [whole[:at] for at in places] + [
        whole[:at] + bytes([whole[at] ^ 0x5A]) + whole[at + 1 :] for at in places
    ]
    for data in damaged:
        with contextlib.suppress(PictureError):  # placed, or this error: nothing else
            placed(data)


def test_a_photo_damaged_inside_its_picture_data_is_an_error() -> None:
    """Whole as far as its headers go (image_whole), cut short in its pixels."""
    photo = big_photo((400, 300), "JPEG")[:-3000]
    assert image_whole(photo, "JPEG")
    with pytest.raises(PictureError):
        placed(photo)
