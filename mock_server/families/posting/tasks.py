"""A publish task and its status on the mock clock, computed from timestamps on every read.

Nothing runs in the background: a task keeps when things happened (init, the
last byte, a cancel, the creator's post in the app, moderation) and
`Task.at(now)` says what TikTok's status/fetch would answer at `now`, so a test
that moves the clock (`POST /_mock/clock {"advance": "30s"}`) sees the task
move with it (tiktok-content-posting.md §3):

    FILE_UPLOAD:   PROCESSING_UPLOAD until the last chunk + processing_time
    PULL_FROM_URL: PROCESSING_DOWNLOAD until download_time + processing_time
    then           PUBLISH_COMPLETE (Direct Post) or SEND_TO_USER_INBOX (inbox, until
                   the creator posts in the app: a control action), or FAILED with a
                   fail_reason; a public post gets its post id moderation_time later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_server.families.posting.uploads import ChunkPlan

PROCESSING_UPLOAD = "PROCESSING_UPLOAD"
PROCESSING_DOWNLOAD = "PROCESSING_DOWNLOAD"
SEND_TO_USER_INBOX = "SEND_TO_USER_INBOX"
PUBLISH_COMPLETE = "PUBLISH_COMPLETE"
FAILED = "FAILED"
STATUSES = (PROCESSING_UPLOAD, PROCESSING_DOWNLOAD, SEND_TO_USER_INBOX, PUBLISH_COMPLETE, FAILED)

FILE_UPLOAD, PULL_FROM_URL = "FILE_UPLOAD", "PULL_FROM_URL"
DIRECT, INBOX = "direct", "inbox"
VIDEO, PHOTO = "video", "photo"
PUBLIC = "PUBLIC_TO_EVERYONE"

# TikTok's publish_id prefixes per flow (tiktok-content-posting.md §1.0); photos use
# `p_pub_url~v2` for both post modes, as the doc examples do.
PREFIXES = {
    (DIRECT, VIDEO, FILE_UPLOAD): "v_pub_file~v2-1",
    (DIRECT, VIDEO, PULL_FROM_URL): "v_pub_url~v2",
    (INBOX, VIDEO, FILE_UPLOAD): "v_inbox_file~v2",
    (INBOX, VIDEO, PULL_FROM_URL): "v_inbox_url~v2",
    (DIRECT, PHOTO, PULL_FROM_URL): "p_pub_url~v2",
    (INBOX, PHOTO, PULL_FROM_URL): "p_pub_url~v2",
}


@dataclass(frozen=True)
class Status:
    """What status/fetch says of a task at one instant."""

    status: str
    fail_reason: str | None
    post_ids: tuple[int, ...]  # publicaly_available_post_id
    uploaded_bytes: int | None  # FILE_UPLOAD
    downloaded_bytes: int | None  # PULL_FROM_URL
    completed_at: float | None  # when PUBLISH_COMPLETE was reached

    @property
    def final(self) -> bool:
        return self.status in (PUBLISH_COMPLETE, FAILED)


@dataclass(eq=False)
class Task:
    publish_id: str
    client_key: str
    open_id: str
    username: str
    flow: str  # DIRECT / INBOX
    media: str  # VIDEO / PHOTO
    source: str  # FILE_UPLOAD / PULL_FROM_URL
    created_at: float
    post_id: int
    privacy: str | None  # the post's effective privacy_level; an inbox post's is chosen in the app
    requested_privacy: str | None
    title: str
    description: str
    processing_time: float
    moderation_time: float
    duration: int  # s, for the video the post becomes
    # FILE_UPLOAD
    plan: ChunkPlan | None = None
    upload_id: str | None = None
    upload_token: str | None = None
    upload_expires_at: float = 0.0
    received: int = 0
    uploaded_at: float | None = None
    media_format: str | None = None  # what the first bytes were: mp4 / mov / webm, None if none of these
    too_long: bool = False  # the video's moov says it is longer than the creator may post
    # PULL_FROM_URL
    urls: tuple[str, ...] = ()
    download_size: int = 0
    download_time: float = 0.0
    download_fail: str | None = None  # decided at init: the fixture's `downloads`, or a scenario
    # what happened
    failed_at: float | None = None
    fail_reason: str | None = None
    posted_in_app_at: float | None = None  # inbox: the creator finished the post (control action)
    moderated_at: float | None = None  # "finish moderation now"
    taken_down_at: float | None = None  # moderation took the public post down (control action)
    published: bool = False  # the post became the creator's video (Login Kit's user record)
    announced: set[str] = field(default_factory=set)  # the post.publish.* webhooks already raised

    @property
    def arrived_at(self) -> float | None:
        """When the last byte was in: the final chunk's PUT, or the end of the download."""
        if self.source == FILE_UPLOAD:
            return self.uploaded_at
        return self.created_at + self.download_time

    @property
    def ready_at(self) -> float | None:
        arrived = self.arrived_at
        return None if arrived is None else arrived + self.processing_time

    def _automatic_failure(self) -> tuple[float, str] | None:
        """A failure the task carries from the start, and when it shows."""
        if self.source == PULL_FROM_URL and self.download_fail is not None:
            return self.created_at + self.download_time, self.download_fail
        ready = self.ready_at
        if self.source == FILE_UPLOAD and ready is not None:
            if self.media_format is None:
                return ready, "file_format_check_failed"
            if self.too_long:
                return ready, "duration_check_failed"
        return None

    def failure(self) -> tuple[float, str] | None:
        """The earliest failure, set (cancel, control, auth_removed) or carried."""
        found = [f for f in (self._automatic_failure(),) if f is not None]
        if self.failed_at is not None and self.fail_reason is not None:
            found.append((self.failed_at, self.fail_reason))
        return min(found, key=lambda f: f[0]) if found else None

    def moderation_done_at(self, completed_at: float) -> float:
        return self.moderated_at if self.moderated_at is not None else completed_at + self.moderation_time

    def at(self, now: float) -> Status:
        failure = self.failure()
        if failure is not None and failure[0] <= now:
            return self._status(FAILED, now, failure[1])
        ready = self.ready_at
        if ready is None or now < ready:
            return self._status(PROCESSING_UPLOAD if self.source == FILE_UPLOAD else PROCESSING_DOWNLOAD, now)
        if self.flow == INBOX and (self.posted_in_app_at is None or now < self.posted_in_app_at):
            return self._status(SEND_TO_USER_INBOX, now)
        completed = ready if self.flow == DIRECT else max(ready, self.posted_in_app_at or ready)
        ids: tuple[int, ...] = ()
        taken_down = self.taken_down_at is not None and now >= self.taken_down_at
        if self.privacy == PUBLIC and now >= self.moderation_done_at(completed) and not taken_down:
            ids = (self.post_id,)
        return self._status(PUBLISH_COMPLETE, now, None, ids, completed)

    def _status(
        self,
        status: str,
        now: float,
        reason: str | None = None,
        ids: tuple[int, ...] = (),
        completed_at: float | None = None,
    ) -> Status:
        if self.source == FILE_UPLOAD:
            return Status(status, reason, ids, self.received, None, completed_at)
        return Status(status, reason, ids, None, self.downloaded(now), completed_at)

    def next_change(self, now: float) -> float | None:
        """The next instant after `now` at which the status (or the post's visibility) changes
        by time alone; None when only an action can change it (an upload, the creator's post)."""
        status = self.at(now)
        if status.status == FAILED:
            return None
        failure = self.failure()
        times = [failure[0]] if failure is not None else []
        if self.ready_at is not None:
            times.append(self.ready_at)
        if self.posted_in_app_at is not None:
            times.append(self.posted_in_app_at)
        if status.completed_at is not None and self.privacy == PUBLIC:
            times.append(self.moderation_done_at(status.completed_at))
        future = [when for when in times if when > now]
        return min(future) if future else None

    def downloaded(self, now: float) -> int:
        if self.download_time <= 0 or now >= self.created_at + self.download_time:
            return self.download_size
        return int(self.download_size * max(0.0, now - self.created_at) / self.download_time)

    @property
    def publish_type(self) -> str:
        return "DIRECT_POST" if self.flow == DIRECT else "INBOX_SHARE"

    def milestones(self, now: float) -> list[tuple[str, dict[str, str]]]:
        """The post.publish.* webhooks the task has earned by `now`, in the order TikTok would
        send them (a clock jump may cross several at once), each with its `content`."""
        status = self.at(now)
        ids: dict[str, str] = {"publish_id": self.publish_id, "publish_type": self.publish_type}
        if status.status == FAILED:
            return [("post.publish.failed", {**ids, "reason": status.fail_reason or "internal"})]
        earned: list[tuple[str, dict[str, str]]] = []
        if self.flow == INBOX and status.status in (SEND_TO_USER_INBOX, PUBLISH_COMPLETE):
            earned.append(("post.publish.inbox_delivered", ids))
        if status.status == PUBLISH_COMPLETE:
            earned.append(("post.publish.complete", ids))
        post = {**ids, "post_id": str(self.post_id)}
        if status.post_ids or self.taken_down_at is not None:
            earned.append(("post.publish.publicly_available", post))
        if self.taken_down_at is not None:
            earned.append(("post.publish.no_longer_publicaly_available", post))  # TikTok's spelling
        return earned

    def visible_post(self, now: float) -> bool:
        """Whether the post is (by now) the creator's video as Display shows it: done, and a
        public post moderated (a post that is not public is the creator's video at once)."""
        status = self.at(now)
        if status.status != PUBLISH_COMPLETE:
            return False
        return self.privacy != PUBLIC or bool(status.post_ids)
