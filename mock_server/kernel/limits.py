"""Sliding-window rate limits: `requests` per `window` seconds per key.

TikTok counts per endpoint per access token (tiktok-api.md Part 1). Memory
stays bounded under any load: a key keeps at most `requests` timestamps, and
at most `max_keys` keys are tracked (the least recently used one goes first).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from mock_server.kernel.clock import Clock
from mock_server.kernel.yaml_source import Fields

DEFAULT_MAX_KEYS = 4096
MAX_RATE_REQUESTS = 1_000_000
MAX_RATE_WINDOW = 365 * 86400.0


@dataclass(frozen=True)
class RateLimit:
    """`requests` per sliding `window` seconds, per endpoint per access token."""

    requests: int = 600
    window: float = 60.0


def read_rate_limit(fields: Fields, key: str, default: RateLimit) -> RateLimit:
    """`{requests, window}` under `key` (a fixture's `rate_limit`, posting's `init_limit`...),
    each defaulting to `default`'s; the one reader, so every limit has the same bounds."""
    limit = fields.section(key)
    if limit is None:
        return default
    parsed = RateLimit(
        requests=limit.integer("requests", default.requests, minimum=1, maximum=MAX_RATE_REQUESTS),
        window=limit.number("window", default.window, maximum=MAX_RATE_WINDOW),
    )
    limit.check_unknown()
    if parsed.window <= 0:
        raise limit.error("window", "must be a positive number of seconds")
    return parsed


class RateLimiter:
    def __init__(self, clock: Clock, max_keys: int = DEFAULT_MAX_KEYS) -> None:
        self.clock = clock
        self.max_keys = max_keys
        self._hits: OrderedDict[Hashable, deque[float]] = OrderedDict()

    def allow(self, key: Hashable, limit: RateLimit) -> bool:
        """Count one request under `key`; False (and not counted) once the window is full."""
        now = self.clock.now()
        hits = self._hits.get(key)
        if hits is None or hits.maxlen != limit.requests:
            hits = self._hits[key] = deque(hits or (), maxlen=limit.requests)
        self._hits.move_to_end(key)
        while hits and hits[0] <= now - limit.window:
            hits.popleft()
        while hits and hits[-1] > now:  # the clock was set back: forget the "future"
            hits.pop()
        if len(hits) >= limit.requests:
            return False
        hits.append(now)
        if len(self._hits) > self.max_keys:
            self._hits.popitem(last=False)
        return True

    def forget(self, matches: Callable[[Hashable], bool]) -> None:
        for key in [key for key in self._hits if matches(key)]:
            del self._hits[key]

    def clear(self) -> None:
        self._hits.clear()

    def __len__(self) -> int:
        return len(self._hits)
