"""The shapes of TikTok's identifiers and tokens, from a seeded random source.

Shapes follow captured values (tiktok-api.md §1.3, §2.2, §4.2):
- access token  `act.` + 60 alphanumerics + `!` + 4 digits + `.va`
- refresh token `rft.` + the same; client token `clt.` + the same
- open_id       `-000` + 32 of [A-Za-z0-9_-]  (36 characters)
- union_id      a UUID
- video id      a 19-digit number as a string
- log_id        14-digit UTC time + 20 upper-case hex (34 characters)
- auth code     base64url-ish text ending in `*0!` + 4 digits, so clients must
                percent-encode it as they must for the real one
"""

from __future__ import annotations

import math
import random
import string
import uuid
from datetime import UTC, datetime
from functools import lru_cache

_ALNUM = string.ascii_letters + string.digits
_URLSAFE = _ALNUM + "-_"


class IdFactory:
    """Every generated identifier comes from here, so a seed makes a run repeatable."""

    def __init__(self, seed: int | str = 0) -> None:
        self.random = random.Random(seed)

    def _chars(self, alphabet: str, n: int) -> str:
        return "".join(self.random.choices(alphabet, k=n))

    def _token(self, prefix: str) -> str:
        return f"{prefix}.{self._chars(_ALNUM, 60)}!{self.random.randint(1000, 9999)}.va"

    def access_token(self) -> str:
        return self._token("act")

    def refresh_token(self) -> str:
        return self._token("rft")

    def client_token(self) -> str:
        return self._token("clt")

    def auth_code(self) -> str:
        return f"{self._chars(_URLSAFE, 96)}*0!{self.random.randint(1000, 9999)}"

    def open_id(self) -> str:
        return "-000" + self._chars(_URLSAFE, 32)

    def union_id(self) -> str:
        return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def video_id(self) -> str:
        return str(self.random.randint(7_000_000_000_000_000_000, 7_499_999_999_999_999_999))

    def hex(self, n: int) -> str:
        return self._chars("0123456789abcdef", n)

    def shop_token(self, prefix: str = "ROW_") -> str:
        return prefix + self._chars(_URLSAFE, 60)


def log_id(now: float, rng: random.Random | None = None) -> str:
    """A fresh log_id; TikTok's `request_id` on the Shop API has the same form."""
    source = rng or random
    # 80 random bits as 20 upper-case hex digits: the same shape as 20 choices, a sixth of the cost.
    return f"{_utc_stamp(math.floor(now))}{source.getrandbits(80):020X}"


@lru_cache(maxsize=4)  # every log_id of one second has the same stamp; strftime was a tenth of a request
def _utc_stamp(second: int) -> str:
    return datetime.fromtimestamp(second, UTC).strftime("%Y%m%d%H%M%S")
