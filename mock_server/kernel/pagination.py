"""Cursor paging over a time-ordered list, as `/v2/video/list/` pages.

The cursor is a Unix time in milliseconds: a page holds the newest items with
`time * 1000 < cursor`, and the reply's cursor is the oldest returned item's
time in ms (tiktok-api.md Part 1). The index is built once, so a page costs
one bisect plus the page itself. (TikTok Shop's `page_token` paging is the
Shop family's own: `families/shop/paging.py`.)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    cursor: int
    has_more: bool


class CursorIndex(Generic[T]):
    """Items newest first (by `seconds(item)`), paged by a millisecond cursor."""

    def __init__(self, items: Iterable[T], seconds: Callable[[T], int]) -> None:
        self.items = tuple(sorted(items, key=seconds, reverse=True))
        self._seconds = seconds
        # Negated so the keys ascend, as bisect wants; newest first = smallest key first.
        self._keys = [-seconds(item) * 1000 for item in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def page(self, cursor: int | None, max_count: int) -> Page[T]:
        """Up to `max_count` items older than `cursor` (ms); None or 0 starts at the newest."""
        start = 0 if not cursor else bisect_right(self._keys, -cursor)
        end = min(start + max_count, len(self.items))
        end = self._before_tie(start, end)
        items = self.items[start:end]
        if not items:
            return Page((), cursor or 0, False)
        return Page(items, self._seconds(items[-1]) * 1000, end < len(self.items))

    def _before_tie(self, start: int, end: int) -> int:
        """Never split items of the same second across pages: the next cursor would skip
        the rest of them. TikTok too may return fewer than max_count with has_more true."""
        if end >= len(self.items) or self._keys[end] != self._keys[end - 1]:
            return end
        tie_start = bisect_left(self._keys, self._keys[end], start, end)
        # A tie longer than a whole page cannot be kept together; return what fits.
        return tie_start if tie_start > start else end
