"""Signed, expiring avatar URLs on the mock's own origin, and the images behind them.

TikTok's `avatar_url`, `avatar_url_100` and `avatar_large_url` are signed CDN
links (`.../tos-maliva-avt-0068/<hex>~c5_168x168.jpeg?x-expires=..&x-signature=..`)
that expire like covers (tiktok-api.md §2). The mock serves them itself, so an
app that downloads the profile picture works offline: each answers a JPEG of
the size its name says, one flat colour per user (from the name, so the same
user gets the same picture on every start), and 403 once `x-expires` has
passed or when any part of the link was changed. The signature covers the
whole object name, size included.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mock_server.families.display.covers import CoverSigner
from mock_server.families.display.images import solid_jpeg

AVATAR_PREFIX = "/tos-maliva-avt-0068/"
# The user/info field, and the square size TikTok's link for it names.
AVATAR_SIZES = {"avatar_url_100": 100, "avatar_url": 168, "avatar_large_url": 1080}
_NAME = re.compile(r"^(?P<hex>[0-9a-f]{32})~c5_(?P<size>\d{1,4})x(?P=size)\.jpeg$")


def object_name(signer: CoverSigner, username: str, size: int) -> str:
    return f"{signer.key_digest(f'avatar:{username}')}~c5_{size}x{size}.jpeg"


def avatar_url(signer: CoverSigner, origin: str, username: str, field: str, expires: int) -> str:
    return origin.rstrip("/") + _signed_path(signer, username, AVATAR_SIZES[field], expires)


@lru_cache(maxsize=4096)  # a pure function of its arguments: a polling client gets the same links in a second
def _signed_path(signer: CoverSigner, username: str, size: int, expires: int) -> str:
    name = object_name(signer, username, size)
    return f"{AVATAR_PREFIX}{name}?{signer.signed_query(name, expires)}"


def refusal(signer: CoverSigner, name: str, expires: str | None, signature: str | None, now: float) -> str | None:
    """None when this avatar link may be served now, else why not."""
    if _NAME.match(name) is None or int(name.split("~c5_")[1].split("x")[0]) not in AVATAR_SIZES.values():
        return "The link is not a signed avatar URL."
    return signer.verify(name, expires, signature, now)


def avatar_jpeg(name: str) -> bytes:
    """The image of a checked avatar name: its size, and a colour from its first six hex digits."""
    found = _NAME.match(name)
    assert found is not None  # refusal() said yes
    size, hex_name = int(found["size"]), found["hex"]
    return solid_jpeg(size, size, (int(hex_name[0:2], 16), int(hex_name[2:4], 16), int(hex_name[4:6], 16)))
