"""solid_jpeg: a baseline JFIF JPEG of the asked size, one flat colour, that a real decoder (Pillow) reads."""

from __future__ import annotations

import io

import pytest

from mock_server.families.display.images import solid_jpeg

SIZES = [(100, 100), (168, 168), (1080, 1080), (13, 7)]
COLOURS = [(255, 0, 0), (128, 128, 128), (12, 200, 90), (0, 0, 0), (255, 255, 255)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("rgb", COLOURS, ids=str)
def test_pillow_decodes_the_asked_size_and_colour(size: tuple[int, int], rgb: tuple[int, int, int]) -> None:
    image_module = pytest.importorskip("PIL.Image")
    width, height = size
    image = image_module.open(io.BytesIO(solid_jpeg(width, height, rgb)))
    assert image.format == "JPEG"
    assert image.size == (width, height)
    assert image.mode == "RGB"
    image.load()
    points = [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1), (width // 2, height // 2)]
    for point in points:
        pixel = image.getpixel(point)
        assert all(abs(got - want) <= 3 for got, want in zip(pixel, rgb, strict=True)), (point, pixel, rgb)


def test_every_pixel_is_the_colour() -> None:
    image_module = pytest.importorskip("PIL.Image")
    rgb = (12, 200, 90)
    image = image_module.open(io.BytesIO(solid_jpeg(37, 21, rgb))).convert("RGB")
    for channel, want in zip(image.split(), rgb, strict=True):
        low, high = channel.getextrema()
        assert want - 3 <= low <= high <= want + 3


def test_starts_with_soi_and_ends_with_eoi() -> None:
    data = solid_jpeg(168, 168, (1, 2, 3))
    assert data[:2] == b"\xff\xd8"
    assert data[-2:] == b"\xff\xd9"


def test_the_scan_is_padded_with_one_bits() -> None:
    # Mid grey is Y = Cb = Cr = 128: every DC is 0, so one 8x8 MCU is three times (DC category 0 "00", EOB "0"),
    # nine 0-bits, padded to two bytes with seven 1-bits. (Decoders tolerate 0-padding, so decoding can't tell.)
    assert solid_jpeg(8, 8, (128, 128, 128))[-4:] == b"\x00\x7f\xff\xd9"


def test_is_a_baseline_sof0_jfif_file() -> None:
    data = solid_jpeg(168, 168, (1, 2, 3))
    assert data[6:11] == b"JFIF\x00"
    assert b"\xff\xc0" in data
    assert b"\xff\xc2" not in data  # not progressive


def test_same_arguments_give_the_same_bytes() -> None:
    first = solid_jpeg.__wrapped__(100, 100, (12, 200, 90))
    assert solid_jpeg.__wrapped__(100, 100, (12, 200, 90)) == first
    assert solid_jpeg(100, 100, (12, 200, 90)) == first


def test_different_colours_give_different_bytes() -> None:
    assert solid_jpeg(100, 100, (255, 0, 0)) != solid_jpeg(100, 100, (0, 0, 255))


@pytest.mark.parametrize(
    ("width", "height", "rgb"),
    [
        (0, 10, (0, 0, 0)),
        (10, 0, (0, 0, 0)),
        (-1, 10, (0, 0, 0)),
        (65536, 10, (0, 0, 0)),
        (10, 65536, (0, 0, 0)),
        (10, 10, (256, 0, 0)),
        (10, 10, (0, -1, 0)),
        (10, 10, (0, 0, 1.5)),
        (10, 10, (0, 0)),
        (10, 10, (0, 0, 0, 0)),
        (10.0, 10, (0, 0, 0)),
    ],
)
def test_invalid_arguments_raise_value_error(width: object, height: object, rgb: object) -> None:
    with pytest.raises(ValueError):
        solid_jpeg(width, height, rgb)
