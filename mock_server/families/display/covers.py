"""Signed, expiring cover image URLs, and the images behind them.

TikTok's covers are signed CDN links that die after 6 hours (tiktok-api.md
§2.4): `/tos-alisg-p-0037/<hex>~tplv-noop.image?x-expires=<unix s>&x-signature=<base64>`.
The mock signs the same shape with HMAC-SHA1 (28 base64 characters, like the
captured signatures) under a key derived from the fixture seed, so the same
fixture signs the same way on every start.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import struct
import zlib
from functools import lru_cache

from mock_server.kernel.inputs import InputError, whole_number

COVER_PREFIX = "/tos-alisg-p-0037/"
COVER_SUFFIX = "~tplv-noop.image"
COVER_WIDTH, COVER_HEIGHT = 54, 96  # 9:16, like a portrait video


class CoverSigner:
    def __init__(self, seed: int | str) -> None:
        self._key = hashlib.sha256(f"tiktok-mock cover key:{seed}".encode()).digest()

    def image_name(self, video_id: str) -> str:
        """The 32-hex object name of a video's cover; stable for a video and a seed."""
        return _image_name(self._key, video_id)

    def signature(self, name: str, expires: int) -> str:
        return _signature(self._key, name, expires)

    def signed_query(self, name: str, expires: int) -> str:
        """`x-expires=...&x-signature=...` for a signed name, percent-encoded."""
        return _signed_query(self._key, name, expires)

    def key_digest(self, purpose: str) -> str:
        """32 hex characters derived from this signer's key: stable object names per seed."""
        return hmac.new(self._key, purpose.encode(), hashlib.sha256).hexdigest()[:32]

    def url(self, origin: str, video_id: str, expires: int) -> str:
        return origin.rstrip("/") + _signed_path(self._key, video_id, expires)

    def signed_path(self, video_id: str, expires: int) -> str:
        """The URL's path and query: ASCII letters, digits and `/~-.?&=%` only."""
        return _signed_path(self._key, video_id, expires)

    def check(self, path_name: str, expires: str | None, signature: str | None, now: float) -> str | None:
        """None if the cover link may be served now, else why not."""
        name = path_name.removesuffix(COVER_SUFFIX)
        if name == path_name:
            return "The link is not a signed cover URL."
        return self.verify(name, expires, signature, now)

    def verify(self, signed: str, expires: str | None, signature: str | None, now: float) -> str | None:
        """None if `signed` carries this signer's signature for `expires` and that time has not
        come, else why not: the one check of every signed CDN link (covers, avatars)."""
        if not expires or not signature:
            return "The link is not signed (x-expires and x-signature are required)."
        try:
            when = whole_number(expires, "x-expires")
        except InputError:
            return "x-expires is not a Unix time."
        expected = self.signature(signed, when)
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            return "x-signature does not match."
        if now >= when:
            return "The link has expired (x-expires has passed)."
        return None


@lru_cache(maxsize=4096)  # a page asks for the same few names again and again; bounded
def _image_name(key: bytes, video_id: str) -> str:
    return hmac.new(key, f"cover:{video_id}".encode(), hashlib.sha256).hexdigest()[:32]


def _signature(key: bytes, name: str, expires: int) -> str:
    return binascii.b2a_base64(hmac.digest(key, f"{name}:{expires}".encode(), "sha1"), newline=False).decode()


# A pure function of its arguments, so keeping results is always right. Every link of every
# reply signed within one second has the same `expires`: a page served again in that second
# (a polling client, a CI loop) reuses its 20 signatures instead of computing them again.
@lru_cache(maxsize=4096)
def _signed_path(key: bytes, video_id: str, expires: int) -> str:
    name = _image_name(key, video_id)
    return f"{COVER_PREFIX}{name}{COVER_SUFFIX}?{_signed_query(key, name, expires)}"


def _signed_query(key: bytes, name: str, expires: int) -> str:
    # Percent-encode the three base64 characters that need it: what urlencode gives, at a tenth of its cost.
    signature = _signature(key, name, expires).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return f"x-expires={expires}&x-signature={signature}"


@lru_cache(maxsize=256)
def cover_png(name: str) -> bytes:
    """A small solid-colour PNG, its colour taken from the cover's name."""
    rgb = bytes.fromhex(name[:6]) if len(name) >= 6 and _is_hex(name[:6]) else b"\x80\x80\x80"
    row = b"\x00" + rgb * COVER_WIDTH  # filter byte 0, then the pixels
    header = struct.pack(">IIBBBBB", COVER_WIDTH, COVER_HEIGHT, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(row * COVER_HEIGHT, 9)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdef" for char in text)
