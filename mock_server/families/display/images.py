"""A tiny baseline JPEG encoder for solid-colour images, so the mock can serve avatars without an image library.

TikTok's avatar URLs (`...~c5_100x100.jpeg`, `~c5_168x168.jpeg`, `~c5_1080x1080.jpeg`) answer a JPEG of
the size their name says. For a mock a flat colour per user is enough: an app can download, decode and
display it, and check its size. A flat image needs none of JPEG's hard parts (no DCT, no quantisation
choice, no real Huffman coding), so this writes the bytes directly instead of depending on Pillow.

Layout: SOI, APP0 (JFIF), DQT (all 1s), SOF0 (3 components, 1x1 sampling), DHT (DC + AC), SOS, the
entropy-coded scan, EOI. Every 8x8 block carries only a DC coefficient; the first block of each component
codes its level, every later block codes a difference of 0 followed by EOB.
"""

from __future__ import annotations

import struct
from functools import lru_cache

# DC table: the standard luminance table of ITU T.81 Annex K.3 (categories 0..11, enough for 8-bit samples).
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)  # how many codes of length 1..16
_DC_VALUES = tuple(range(12))
# AC table: a flat block needs only EOB (symbol 0x00), given the one-bit code "0".
_AC_BITS = (1,) + (0,) * 15
_AC_VALUES = (0,)


def _canonical_codes(bits: tuple[int, ...], values: tuple[int, ...]) -> dict[int, str]:
    """Symbol -> code as a bit string, assigned the canonical way (T.81 Annex C)."""
    codes: dict[int, str] = {}
    code, symbols = 0, iter(values)
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[next(symbols)] = format(code, f"0{length}b")
            code += 1
        code <<= 1
    return codes


_DC_CODES = _canonical_codes(_DC_BITS, _DC_VALUES)
_EOB = _canonical_codes(_AC_BITS, _AC_VALUES)[0]


def _dc_bits(diff: int) -> str:
    """One DC difference: its category's Huffman code, then the magnitude bits (negatives as one's complement)."""
    category = abs(diff).bit_length()
    if category == 0:
        return _DC_CODES[0]
    magnitude = diff if diff > 0 else diff + (1 << category) - 1
    return _DC_CODES[category] + format(magnitude, f"0{category}b")


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _ycbcr(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """JFIF's RGB -> YCbCr, rounded and clamped to 0..255."""
    r, g, b = rgb
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return _byte(y), _byte(cb), _byte(cr)


def _byte(value: float) -> int:
    return min(255, max(0, round(value)))


@lru_cache(maxsize=64)  # a pure function: a server asks for the same few sizes and colours again and again
def solid_jpeg(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A baseline JFIF JPEG of `width` x `height` pixels, every one the colour `rgb` (within JPEG rounding)."""
    for name, side in (("width", width), ("height", height)):
        if type(side) is not int or not 1 <= side <= 65535:
            raise ValueError(f"{name} must be an int in 1..65535, got {side!r}")
    if not isinstance(rgb, tuple) or len(rgb) != 3 or any(type(c) is not int or not 0 <= c <= 255 for c in rgb):
        raise ValueError(f"rgb must be a tuple of three ints in 0..255, got {rgb!r}")

    # With a quantiser of 1 the DC coefficient is the FDCT's DC term: sum/8 over 64 samples = 8 * (sample - 128).
    dcs = [8 * (sample - 128) for sample in _ycbcr(rgb)]
    first_mcu = "".join(_dc_bits(dc) + _EOB for dc in dcs)  # each component's predictor starts at 0
    next_mcu = (_DC_CODES[0] + _EOB) * 3  # later blocks: the same level again, a difference of 0
    mcus = -(-width // 8) * -(-height // 8)  # the MCU grid covers ceil(w/8) x ceil(h/8) blocks
    bits = first_mcu + next_mcu * (mcus - 1)
    bits += "1" * (-len(bits) % 8)  # pad the last byte with 1-bits
    scan = int(bits, 2).to_bytes(len(bits) // 8, "big").replace(b"\xff", b"\xff\x00")  # byte stuffing

    components = ((1, 0x11, 0), (2, 0x11, 0), (3, 0x11, 0))  # id, 1x1 sampling, quantisation table 0
    return b"".join(
        (
            b"\xff\xd8",  # SOI
            _segment(0xE0, b"JFIF\x00" + bytes((1, 1, 0, 0, 1, 0, 1, 0, 0))),  # v1.1, aspect 1:1, no thumbnail
            _segment(0xDB, bytes((0x00,)) + bytes([1] * 64)),  # DQT: 8-bit table 0, all 1s
            _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + bytes(b for c in components for b in c)),
            _segment(
                0xC4,  # DHT: DC table 0 (class 0), AC table 0 (class 1)
                bytes((0x00, *_DC_BITS, *_DC_VALUES)) + bytes((0x10, *_AC_BITS, *_AC_VALUES)),
            ),
            _segment(0xDA, bytes((3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0))),  # SOS: all 3 use DC0/AC0, full band
            scan,
            b"\xff\xd9",  # EOI
        )
    )
