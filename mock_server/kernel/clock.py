"""The one clock every expiry, code lifetime and rate-limit window reads.

A clock runs in real time, shifted by an offset, or stands frozen; tests move
it with `set` and `advance` instead of sleeping.
"""

from __future__ import annotations

import math
import re
import time
from datetime import UTC, datetime

_DURATION = re.compile(r"(\d{1,12}(?:\.\d{1,9})?)\s*(ms|s|m|h|d|w)", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}

# The range the clock may stand in, and the longest lifetime anything may have: every
# expiry (now + TTL) then stays a representable date, printable and comparable.
EARLIEST = 0.0  # 1970-01-01T00:00:00Z
LATEST = 221845392000.0  # 9000-01-01T00:00:00Z
MAX_TTL = 200 * 365 * 86400  # 200 years: longer than any TikTok token (Shop refresh: ~100 years)


def in_range(when: float) -> float:
    """`when` if the clock may stand there, else ValueError naming the range."""
    if not (math.isfinite(when) and EARLIEST <= when <= LATEST):
        raise ValueError("the clock stays between 1970-01-01T00:00:00Z and 9000-01-01T00:00:00Z")
    return when


class Clock:
    def __init__(self, start: float | None = None, frozen: bool = False) -> None:
        self._offset = 0.0 if start is None else start - time.time()
        self._frozen_at: float | None = None
        if frozen:
            self.freeze()

    @classmethod
    def frozen_at(cls, when: float | str | datetime) -> Clock:
        clock = cls()
        clock.freeze(parse_instant(when))  # exactly `when`, not `when` plus the time start-up took
        return clock

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def now(self) -> float:
        if self._frozen_at is not None:
            return self._frozen_at
        return time.time() + self._offset

    def now_s(self) -> int:
        """Unix seconds, the unit TikTok's `create_time` and expiries use."""
        return int(self.now())

    def freeze(self, at: float | None = None) -> None:
        self._frozen_at = self.now() if at is None else at

    def unfreeze(self) -> None:
        if self._frozen_at is not None:
            self._offset = self._frozen_at - time.time()
            self._frozen_at = None

    def set(self, when: float) -> None:
        in_range(when)
        if self._frozen_at is not None:
            self._frozen_at = when
        else:
            self._offset = when - time.time()

    def advance(self, seconds: float) -> None:
        self.set(self.now() + seconds)

    def snapshot(self) -> tuple[float | None, float]:
        return self._frozen_at, self._offset

    def restore(self, snapshot: tuple[float | None, float]) -> None:
        self._frozen_at, self._offset = snapshot

    def iso(self) -> str:
        return datetime.fromtimestamp(self.now(), UTC).isoformat().replace("+00:00", "Z")


def parse_duration(text: str | float | int) -> float:
    """`"25h"`, `"90s"`, `"1h30m"`, `"500ms"` or a number of seconds."""
    if isinstance(text, bool):
        raise ValueError("a duration is a number of seconds or text like '90s', '25h', '1h30m'")
    if isinstance(text, int | float):
        return _duration(text)
    if not isinstance(text, str):
        raise ValueError("a duration is a number of seconds or text like '90s', '25h', '1h30m'")
    stripped = text.strip()[:100]
    try:
        return _duration(float(stripped))
    except (ValueError, OverflowError):
        pass
    pos, total, sign = 0, 0.0, 1.0
    if stripped.startswith("-"):
        sign, stripped = -1.0, stripped[1:]
    for match in _DURATION.finditer(stripped):
        if match.start() != pos or stripped[pos : match.start()].strip():
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        pos = match.end()
    if pos == 0 or stripped[pos:].strip():
        raise ValueError(f"{text[:40]!r} is not a duration; use seconds or text like '90s', '25h', '1h30m'")
    return _duration(sign * total)


def _duration(seconds: float) -> float:
    try:
        seconds = float(seconds)
    except OverflowError:
        seconds = math.inf
    if not (math.isfinite(seconds) and abs(seconds) <= MAX_TTL):
        raise ValueError(f"a duration is at most {MAX_TTL} seconds (200 years) either way")
    return seconds


def parse_instant(when: float | int | str | datetime) -> float:
    """Unix seconds from a number, an ISO 8601 text or a datetime (naive means UTC)."""
    if isinstance(when, int | float) and not isinstance(when, bool):
        try:
            return in_range(float(when))
        except OverflowError:
            raise ValueError(f"{str(when)[:40]} is out of range") from None
    if isinstance(when, str):
        text = when.strip()[:64]
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{text!r} is not an ISO 8601 time such as 2026-01-01T00:00:00Z") from None
    if not isinstance(when, datetime):
        raise ValueError("a time is unix seconds or an ISO 8601 text")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return in_range(when.timestamp())
    except OverflowError:
        raise ValueError(f"{when.isoformat()} is out of range") from None
