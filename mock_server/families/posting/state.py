"""Content Posting's live state: publish tasks, the caps' bookkeeping, rate-limit
windows and run-time tuning, rebuilt from the frozen `PostingFixture` on reset.

Users, apps and grants are Login Kit's, read through its narrow interface
(`LoginKitState.user`, `.user_named`, `.app`, `.user_token`, `.has_grant`); a
finished post becomes the creator's video through `.add_video`, so Display
lists it. `settle()` does what time has made due (a post that is done joins the
creator's videos; a task whose grant was revoked fails with `auth_removed`); the
app calls it before every request. It costs two comparisons when nothing is due:
each waiting task sits in a heap under the next instant its status changes by
time alone (`schedule`, called whenever a task changes), and the grants are
looked at again only when Login Kit has revoked one since the last look.
"""

from __future__ import annotations

import heapq
import itertools
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from mock_server.families.login_kit.models import User, Video
from mock_server.families.login_kit.state import LoginKitState
from mock_server.families.posting.fixture import TUNABLES, Creator, PostingApp, PostingFixture, PostingSettings
from mock_server.families.posting.tasks import FAILED, INBOX, PHOTO, Task
from mock_server.kernel.events import DEVELOPER_EVENT, Events
from mock_server.kernel.ids import IdFactory
from mock_server.kernel.limits import RateLimiter
from mock_server.kernel.overrides import Overrides
from mock_server.kernel.settings import Settings

# A signed avatar link for a user on an origin, expiring at a unix time: Display's, handed
# in by the Mock (a family does not import another's internals).
AvatarLink = Callable[[User, str, int], str]

DAY = 86400.0
MAX_TASKS = 10_000  # past this the oldest settled task is forgotten


class PostingState:
    name = "posting"

    def __init__(
        self,
        spec: PostingFixture,
        accounts: LoginKitState,
        settings: Settings,
        seed: int | str,
        avatar: AvatarLink | None = None,
        events: Events | None = None,
    ) -> None:
        self.spec = spec
        self.accounts = accounts
        self.settings = settings
        self.clock = accounts.clock
        self.seed = seed
        self.avatar = avatar
        self.events = events or Events()
        self.reset()

    # -- reset ---------------------------------------------------------------------------

    def reset(self, client_key: str | None = None) -> None:
        if client_key is not None:
            self._reset_app(client_key)
            return
        self.ids = IdFactory(f"{self.seed}:posting")
        self.limiter = RateLimiter(self.clock)
        self.tasks: OrderedDict[str, Task] = OrderedDict()  # by publish_id, oldest first
        self.uploads: dict[str, Task] = {}  # by upload_id
        self.pending: dict[str, Task] = {}  # tasks with something still to come (see settle)
        self.overrides = Overrides(self.name)
        self.direct_posts: dict[str, deque[float]] = {}  # username -> times of direct-post inits
        self.active: dict[str, dict[str, float]] = {}  # client_key -> username -> last direct-post init
        self._due: list[tuple[float, int, str]] = []  # (when, tie-break, publish_id): a heap
        self._order = itertools.count()
        self._revocations = self.accounts.grants.revocations

    def _reset_app(self, client_key: str) -> None:
        self.limiter.forget(lambda key: isinstance(key, tuple) and key[0] == client_key)
        self.overrides.forget_app(client_key)
        self.active.pop(client_key, None)
        posted: dict[str, set[str]] = {}
        for task in [task for task in self.tasks.values() if task.client_key == client_key]:
            self._forget(task)
            if task.published:
                posted.setdefault(task.username, set()).add(str(task.post_id))
        for username, ids in posted.items():
            self.accounts.remove_videos(username, ids)

    def counts(self) -> dict[str, int]:
        return {"publish_tasks": len(self.tasks), "pending_tasks": len(self.pending)}

    # -- settings, per app and creator -----------------------------------------------------

    @property
    def config(self) -> PostingSettings:
        return self.spec.settings

    def setting(self, name: str, client_key: str | None = None) -> Any:
        """A `settings.posting` value as tuned at run time: the app's override, the
        server-wide one, then the fixture's."""
        return self.overrides.get(name, client_key, getattr(self.spec.settings, name))

    def tune(self, setting: str, value: Any, client_key: str | None = None) -> None:
        """The scenario action `set`: `setting` is one of fixture.TUNABLES, value already read."""
        assert setting in TUNABLES, setting
        self.overrides.set(setting, value, client_key)

    def app_config(self, client_key: str) -> PostingApp:
        app = self.spec.apps.get(client_key, PostingApp())
        if self.overrides.is_set("audited", client_key):
            return replace(app, audited=self.overrides.get("audited", client_key))
        return app

    def creator(self, username: str) -> Creator:
        return self.spec.creators.get(username, Creator())

    def max_duration(self, creator: Creator) -> int:
        return creator.max_video_post_duration_sec or self.config.max_video_post_duration_sec

    # -- tasks ---------------------------------------------------------------------------

    def add(self, task: Task) -> None:
        self.tasks[task.publish_id] = task
        self.pending[task.publish_id] = task
        if task.upload_id is not None:
            self.uploads[task.upload_id] = task
        if len(self.tasks) > MAX_TASKS:
            self._forget(next(iter(self.tasks.values())))  # the oldest: long settled or abandoned
        self.schedule(task)

    def schedule(self, task: Task) -> None:
        """Note when `task` next changes by time alone; call after every change to a task."""
        if task.publish_id not in self.pending:
            return
        when = task.next_change(self.clock.now())
        if when is None:
            when = self.clock.now()  # settle it at the next request: it may be done already
        heapq.heappush(self._due, (when, next(self._order), task.publish_id))

    def _forget(self, task: Task) -> None:
        self.tasks.pop(task.publish_id, None)
        self.pending.pop(task.publish_id, None)
        if task.upload_id is not None:
            self.uploads.pop(task.upload_id, None)

    def task(self, publish_id: str) -> Task | None:
        return self.tasks.get(publish_id)

    def new_publish_number(self) -> str:
        return str(self.ids.random.randint(7_000_000_000_000_000_000, 7_499_999_999_999_999_999))

    # -- caps (tiktok-content-posting.md §1 "Caps"), over the last 24 h ---------------------

    def daily_posts(self, username: str, now: float) -> int:
        times = self.direct_posts.get(username)
        while times and times[0] <= now - DAY:
            times.popleft()
        return sum(1 for when in times or () if when <= now)

    def active_creators(self, client_key: str, now: float) -> set[str]:
        return {name for name, when in self.active.get(client_key, {}).items() if now - DAY < when <= now}

    def creator_cap(self, client_key: str, app: PostingApp) -> int | None:
        if app.active_creator_cap is not None:
            return app.active_creator_cap
        if not app.audited:
            return int(self.setting("unaudited_creator_cap", client_key))
        cap = self.setting("active_creator_cap", client_key)
        return None if cap is None else int(cap)

    def pending_shares(self, username: str, now: float) -> int:
        """Inbox shares of the last 24 h still waiting for the creator (not posted, not failed)."""
        return sum(
            1
            for task in self.pending.values()
            if task.username == username
            and task.flow == INBOX
            and now - DAY < task.created_at <= now
            and not task.at(now).final
        )

    def record_direct_post(self, client_key: str, username: str, now: float) -> None:
        self.direct_posts.setdefault(username, deque()).append(now)
        self.active.setdefault(client_key, {})[username] = now

    # -- what time has made due ----------------------------------------------------------

    def settle(self) -> None:
        now = self.clock.now()
        revocations = self.accounts.grants.revocations
        if revocations != self._revocations:  # a grant was revoked: its waiting tasks fail
            self._revocations = revocations
            for task in list(self.pending.values()):
                self._settle(task, now)
        while self._due and self._due[0][0] <= now:
            _, _, publish_id = heapq.heappop(self._due)
            waiting = self.pending.get(publish_id)
            if waiting is not None:
                self._settle(waiting, now)

    def _settle(self, task: Task, now: float) -> None:
        status = task.at(now)
        if not status.final and not self.accounts.has_grant(task.client_key, task.open_id):
            task.failed_at, task.fail_reason = now, "auth_removed"
            status = task.at(now)
        self.announce(task, now)
        if status.status == FAILED:
            del self.pending[task.publish_id]
            return
        if status.completed_at is not None and task.visible_post(now):
            self._publish(task, status.completed_at)
            del self.pending[task.publish_id]
            return
        when = task.next_change(now)
        if when is not None:
            heapq.heappush(self._due, (when, next(self._order), task.publish_id))

    def announce(self, task: Task, now: float) -> None:
        """Raise the post.publish.* webhooks the task has newly earned, each once."""
        app = self.accounts.app(task.client_key)
        for event, content in task.milestones(now):
            if event not in task.announced and app is not None:
                task.announced.add(event)
                self.events.emit(DEVELOPER_EVENT, app=app, open_id=task.open_id, event=event, content=content)

    def _publish(self, task: Task, completed_at: float) -> None:
        """The post becomes the creator's video: Display lists it (if public) from now on."""
        task.published = True
        video = Video(
            id=str(task.post_id),
            create_time=int(completed_at),
            title=task.title[:150],
            video_description=(task.description or task.title)[:2200],
            duration=0 if task.media == PHOTO else task.duration,
            height=1920,
            width=1080,
            like_count=0,
            comment_count=0,
            share_count=0,
            view_count=0,
            privacy_level=task.privacy or "SELF_ONLY",
        )
        self.accounts.add_video(task.username, video)
