"""Display's live state: rate-limit windows, each user's video index, the cover
signer and the encoded video objects. Users, videos and grants are Login Kit's,
read through its narrow interface (`LoginKitState.user`, `.user_token`, `.app`).

Every cache here is keyed by the frozen record it was built from (a replaced
user or video misses) and cleared on reset, so none can go stale.
"""

from __future__ import annotations

from mock_server.families.display.covers import CoverSigner
from mock_server.families.display.video_object import VideoObjects
from mock_server.families.login_kit.models import User, Video
from mock_server.families.login_kit.state import LoginKitState
from mock_server.kernel.limits import RateLimiter
from mock_server.kernel.pagination import CursorIndex
from mock_server.kernel.settings import Settings


class VideoIndex:
    """One user's videos: the public ones newest first for paging, all of them by id."""

    def __init__(self, videos: tuple[Video, ...]) -> None:
        self.public = CursorIndex((v for v in videos if v.is_public), seconds=lambda video: video.create_time)
        self.by_id = {video.id: video for video in videos}

    @property
    def public_count(self) -> int:
        return len(self.public)

    def public_video(self, video_id: str) -> Video | None:
        video = self.by_id.get(video_id)
        return video if video is not None and video.is_public else None


class DisplayState:
    name = "display"

    def __init__(self, accounts: LoginKitState, settings: Settings, seed: int | str) -> None:
        self.accounts = accounts
        self.settings = settings
        self.clock = accounts.clock
        self.covers = CoverSigner(seed)
        self.limiter = RateLimiter(self.clock)
        self.encoded = VideoObjects()  # the wire's cache: used by routes.py only
        self._indexes: dict[str, tuple[User, VideoIndex]] = {}

    def reset(self, client_key: str | None = None) -> None:
        if client_key is not None:
            self.limiter.forget(lambda key: isinstance(key, tuple) and key[0] == client_key)
            return
        self.limiter.clear()
        self._indexes.clear()
        self.encoded.clear()

    def counts(self) -> dict[str, int]:
        return {}

    def index(self, user: User) -> VideoIndex:
        """The user's video index, built once per (frozen) user record."""
        cached = self._indexes.get(user.username)
        if cached is None or cached[0] is not user:
            cached = self._indexes[user.username] = (user, VideoIndex(user.videos))
        return cached[1]
