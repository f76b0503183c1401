"""Cursor paging over one user's public videos, as `/v2/video/list/` pages.

The cursor is a Unix time in milliseconds: a page holds the newest videos with
`create_time * 1000 < cursor`, and the reply's cursor is the oldest returned
`create_time` in ms (tiktok-api.md Part 1). The index is built once per user,
so a page costs one bisect plus the page itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from mock_server.core.models import Video


@dataclass(frozen=True)
class Page:
    videos: tuple[Video, ...]
    cursor: int
    has_more: bool


class VideoIndex:
    """One user's videos: the public ones newest first for paging, all of them by id."""

    def __init__(self, videos: tuple[Video, ...]) -> None:
        self.public = tuple(sorted((v for v in videos if v.is_public), key=lambda v: v.create_time, reverse=True))
        # Negated so the keys ascend, as bisect wants; newest first = smallest key first.
        self._keys = [-video.create_time * 1000 for video in self.public]
        self.by_id = {video.id: video for video in videos}

    @property
    def public_count(self) -> int:
        return len(self.public)

    def public_video(self, video_id: str) -> Video | None:
        video = self.by_id.get(video_id)
        return video if video is not None and video.is_public else None

    def page(self, cursor: int | None, max_count: int) -> Page:
        """Up to `max_count` public videos older than `cursor` (ms); None or 0 starts at the newest."""
        start = 0 if not cursor else bisect_right(self._keys, -cursor)
        end = min(start + max_count, len(self.public))
        end = self._before_tie(start, end)
        videos = self.public[start:end]
        if not videos:
            return Page((), cursor or 0, False)
        return Page(videos, videos[-1].create_time * 1000, end < len(self.public))

    def _before_tie(self, start: int, end: int) -> int:
        """Never split videos of the same second across pages: the next cursor would skip
        the rest of them. TikTok too may return fewer than max_count with has_more true."""
        if end >= len(self.public) or self._keys[end] != self._keys[end - 1]:
            return end
        tie_start = bisect_left(self._keys, self._keys[end], start, end)
        # A tie longer than a whole page cannot be kept together; return what fits.
        return tie_start if tie_start > start else end
