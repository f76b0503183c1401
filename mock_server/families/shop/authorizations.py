"""How long a seller's authorization of an app lasts, and what its end brings, on the mock clock.

A seller authorizes an app for a limited time (at most a year, chosen in Seller Center);
TikTok warns the app from 30 days before the end, once a day at 0:00 UTC, with
UPCOMING_AUTHORIZATION_EXPIRATION, and at the end the connection stops: the grant and its
tokens end. An authorization starts when the seller authorizes (token/get after the
authorization page, a minted token, a fixture token); refreshing a token does not extend it.

Pure bookkeeping: `due(now)` says what time has brought; ShopState acts on it. One heap of
(when, what) with stale entries skipped, compacted when it outgrows the live authorizations.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass

from mock_server.kernel.grants import GrantKey

DAY = 86400
WARNING_DAYS = 30
NOTICE, END = "notice", "end"


@dataclass(frozen=True)
class Due:
    kind: str  # NOTICE (a day's warning) or END
    key: GrantKey
    expires_at: float
    at: float  # when it fell due (0:00 UTC of the day, or the end)

    @property
    def days_left(self) -> int:
        return math.ceil((self.expires_at - self.at) / DAY)


def _next_midnight(at: float) -> float:
    return math.ceil(at / DAY) * DAY


class Authorizations:
    def __init__(self) -> None:
        self.ends: dict[GrantKey, float] = {}  # grant -> when the seller's authorization ends
        self._current: dict[GrantKey, int] = {}  # grant -> the number of its latest authorization
        self._due: list[tuple[float, int, str, GrantKey, int]] = []  # (when, order, kind, grant, number)
        self._order = itertools.count()  # numbers authorizations; ties in the heap keep this order

    def start(self, key: GrantKey, now: float, ttl: float) -> None:
        expires_at = now + ttl
        number = next(self._order)
        self.ends[key], self._current[key] = expires_at, number
        first_notice = _next_midnight(max(now, expires_at - WARNING_DAYS * DAY))
        if first_notice < expires_at:
            self._push(first_notice, NOTICE, key, number)
        self._push(expires_at, END, key, number)
        if len(self._due) > 4 * len(self.ends) + 64:  # re-authorized often: drop what no longer counts
            self._due = [entry for entry in self._due if self._current.get(entry[3]) == entry[4]]
            heapq.heapify(self._due)

    def forget(self, key: GrantKey) -> None:
        self.ends.pop(key, None)
        self._current.pop(key, None)

    def due(self, now: float) -> list[Due]:
        """Every notice and end up to `now`, oldest first; a notice queues the next day's."""
        found: list[Due] = []
        while self._due and self._due[0][0] <= now:
            at, _, kind, key, number = heapq.heappop(self._due)
            if self._current.get(key) != number:
                continue  # re-authorized or forgotten since
            expires_at = self.ends[key]
            found.append(Due(kind, key, expires_at, at))
            if kind == END:
                self.forget(key)
            elif at + DAY < expires_at:
                self._push(at + DAY, NOTICE, key, number)
        return found

    def _push(self, at: float, kind: str, key: GrantKey, number: int) -> None:
        heapq.heappush(self._due, (at, next(self._order), kind, key, number))
