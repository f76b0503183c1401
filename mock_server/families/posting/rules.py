"""The Content Posting API (tiktok-content-posting.md), pure: creator info, the three
inits, status, cancel and the chunked upload, for the creator behind a user token.

Order of checks on every endpoint: the token (401 access_token_invalid), the
endpoint's scope (401 scope_not_authorized), the per-token rate limit (429), the
body (400 invalid_params), then the business rules (403), in this order:
banned, the app's active-creator cap, the creator's daily post cap, an unaudited
app posting to a public account, URL ownership, privacy_level. Inbox uploads
check banned, pending shares and URL ownership only. creator_info answers its
"cannot post now" codes with HTTP 200, as TikTok documents.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from mock_server.families.login_kit.models import App, User
from mock_server.families.posting import requests
from mock_server.families.posting.fixture import Creator, PostingApp
from mock_server.families.posting.requests import PostInfo
from mock_server.families.posting.state import PostingState
from mock_server.families.posting.tasks import (
    DIRECT,
    FAILED,
    FILE_UPLOAD,
    INBOX,
    PHOTO,
    PREFIXES,
    PROCESSING_DOWNLOAD,
    PUBLIC,
    PULL_FROM_URL,
    VIDEO,
    Status,
    Task,
)
from mock_server.families.posting.uploads import (
    HEAD_BYTES,
    UNITS,
    UPLOAD_PATH,
    VIDEO_TYPES,
    ChunkError,
    ChunkPlan,
    content_range,
    mp4_duration,
    plan_chunks,
    sniff,
)
from mock_server.kernel.errors import ApiError
from mock_server.kernel.grants import AccessToken
from mock_server.kernel.inputs import InputError
from mock_server.kernel.limits import RateLimit

PUBLISH, UPLOAD = "video.publish", "video.upload"
CREATOR_INFO, VIDEO_INIT, INBOX_INIT, CONTENT_INIT, STATUS, CANCEL = (
    "creator_info",
    "video_init",
    "inbox_init",
    "content_init",
    "status",
    "cancel",
)
INITS = (VIDEO_INIT, INBOX_INIT, CONTENT_INIT)

PUBLIC_OPTIONS = ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")
PRIVATE_OPTIONS = ("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")


@dataclass(slots=True)
class Caller:
    """One checked call: the token, its user and app, and their posting settings."""

    token: AccessToken
    user: User
    app: App
    posting: PostingApp
    creator: Creator

    @property
    def client_key(self) -> str:
        return self.token.client_key


def _limit(state: PostingState, endpoint: str) -> tuple[str, RateLimit]:
    config = state.config
    if endpoint in INITS:
        return ("init" if config.shared_init_limit else endpoint), config.init_limit
    return endpoint, {
        CREATOR_INFO: config.creator_info_limit,
        STATUS: config.status_limit,
        CANCEL: config.cancel_limit,
    }[endpoint]


def check(state: PostingState, endpoint: str, bearer: str | None, scopes: tuple[str, ...]) -> Caller:
    """401 for the token, 401 without one of `scopes`, 429 past the endpoint's limit."""
    token = state.accounts.user_token(bearer) if bearer else None
    if token is None or token.open_id is None:  # a client (clt.) token has no creator behind it
        raise ApiError("access_token_invalid")
    if not any(scope in token.scopes for scope in scopes):
        raise ApiError("scope_not_authorized", _scope_message(" or ".join(scopes)))
    window, limit = _limit(state, endpoint)
    if not state.limiter.allow((token.client_key, window, token.token), limit):
        raise ApiError("rate_limit_exceeded")
    user = state.accounts.user(token.open_id)
    app = state.accounts.app(token.client_key)
    assert user is not None and app is not None  # user_token() checked both
    return Caller(token, user, app, state.app_config(app.client_key), state.creator(user.username))


def _scope_message(scope: str) -> str:
    return f"The access token does not bear the user's grant on the {scope} scope."


def _bad(state: PostingState, message: str) -> ApiError:
    return ApiError(state.config.invalid_param_code, message)


def _body(state: PostingState, raw: bytes, empty_ok: bool = False) -> dict[str, Any]:
    try:
        return requests.json_object(raw, state.settings.limits.max_json_depth, empty_ok)
    except InputError as exc:
        raise _bad(state, f"Invalid parameter: {exc}.") from None


# -- creator_info ---------------------------------------------------------------------------


def privacy_options(creator: Creator) -> tuple[str, ...]:
    return PRIVATE_OPTIONS if creator.private else PUBLIC_OPTIONS


def cannot_post(state: PostingState, caller: Caller, now: float) -> str | None:
    """Why this creator cannot Direct Post through this app now, or None: banned, the app's
    active-creator cap (the creator is not among its active ones), the daily post cap."""
    if caller.creator.banned:
        return "spam_risk_user_banned_from_posting"
    cap = state.creator_cap(caller.client_key, caller.posting)
    if cap is not None:
        active = state.active_creators(caller.client_key, now)
        if caller.user.username not in active and len(active) >= cap:
            return "reached_active_user_cap"
    if state.daily_posts(caller.user.username, now) >= int(state.setting("daily_post_cap", caller.client_key)):
        return "spam_risk_too_many_posts"
    return None


@dataclass(frozen=True)
class CreatorInfo:
    data: dict[str, Any]
    refusal: str | None  # a "cannot post now" code, answered with HTTP 200


def creator_info(state: PostingState, caller: Caller, raw: bytes, origin: str) -> CreatorInfo:
    _body(state, raw, empty_ok=True)  # none is documented; `{}` and nothing are both sent
    creator, user = caller.creator, caller.user
    expires = state.clock.now_s() + state.settings.avatar_ttl  # TikTok: the avatar URL lives 2 h
    data = {
        "creator_avatar_url": state.avatar(user, origin, expires) if state.avatar else (user.avatar_url or ""),
        "creator_username": user.username,
        "creator_nickname": user.display_name,
        "privacy_level_options": list(privacy_options(creator)),
        "comment_disabled": creator.comment == "no_one",
        "duet_disabled": creator.private or creator.duet == "no_one",
        "stitch_disabled": creator.private or creator.stitch == "no_one",
        "max_video_post_duration_sec": state.max_duration(creator),
    }
    return CreatorInfo(data, cannot_post(state, caller, state.clock.now()))


# -- the inits ------------------------------------------------------------------------------


def _direct_rules(state: PostingState, caller: Caller, now: float) -> None:
    refusal = cannot_post(state, caller, now)
    if refusal is not None:
        raise ApiError(refusal)
    # The trigger is the target account being public, even for a SELF_ONLY post (3P: brightbean #144).
    if not caller.posting.audited and not caller.creator.private:
        raise ApiError("unaudited_client_can_only_post_to_private_accounts")


def _inbox_rules(state: PostingState, caller: Caller, now: float) -> None:
    if caller.creator.banned:
        raise ApiError("spam_risk_user_banned_from_posting")
    cap = int(state.setting("pending_share_cap", caller.client_key))
    if state.pending_shares(caller.user.username, now) >= cap:
        raise ApiError("spam_risk_too_many_pending_share")


def _owned(caller: Caller, urls: tuple[str, ...]) -> None:
    for url in urls:
        if not caller.posting.owns(url):
            raise ApiError(
                "url_ownership_unverified",
                f"The media URL {url[:200]} is not under a domain or URL prefix verified for this app.",
            )


def _privacy(state: PostingState, caller: Caller, info: PostInfo) -> str:
    """The post's effective privacy: one of the creator's options, SELF_ONLY for an unaudited app."""
    options = privacy_options(caller.creator)
    level = info.privacy_level
    if level is None or level not in options:
        given = f"'{level[:40]}'" if level is not None else "none"
        raise ApiError(
            "privacy_level_option_mismatch",
            f"privacy_level {given} is not one of the creator's options: {', '.join(options)}.",
        )
    if not caller.posting.audited and level != "SELF_ONLY":
        if state.config.unaudited_private_posts == "reject":
            raise ApiError(
                "privacy_level_option_mismatch", "An unaudited client can only post with privacy_level SELF_ONLY."
            )
        return "SELF_ONLY"  # "restricted to private viewing mode"
    return level


def init_video(state: PostingState, caller: Caller, raw: bytes, direct: bool, origin: str) -> dict[str, Any]:
    """Direct Post (`/video/init/`) or inbox upload (`/inbox/video/init/`), FILE_UPLOAD or PULL_FROM_URL."""
    try:
        spec = requests.video_init(_body(state, raw), direct)
    except InputError as exc:
        raise _bad(state, f"Invalid parameter: {exc}.") from None
    if direct and state.config.require_brand_content_toggle and spec.post_info.brand_content_toggle is None:
        raise _bad(state, "Invalid parameter: post_info.brand_content_toggle is required.")
    plan = None
    if spec.source == FILE_UPLOAD:
        config = state.config
        try:
            plan = plan_chunks(
                spec.video_size,
                spec.chunk_size,
                spec.total_chunk_count,
                UNITS[config.units],
                config.max_video_size,
                config.exact_single_chunk,
                bool(state.setting("multi_chunk", caller.client_key)),
            )
        except ChunkError as exc:
            raise _bad(state, str(exc)) from None
    now = state.clock.now()
    (_direct_rules if direct else _inbox_rules)(state, caller, now)
    urls = (spec.video_url,) if spec.source == PULL_FROM_URL else ()
    _owned(caller, urls)
    privacy = _privacy(state, caller, spec.post_info) if direct else None
    task = _new_task(state, caller, now, DIRECT if direct else INBOX, VIDEO, spec.source, spec.post_info, privacy)
    reply: dict[str, Any] = {"publish_id": task.publish_id}
    if plan is not None:
        reply["upload_url"] = _start_upload(state, task, plan, origin)
    else:
        _start_download(state, task, urls)
    state.add(task)
    if direct:
        state.record_direct_post(caller.client_key, caller.user.username, now)
    return reply


def init_photo(state: PostingState, caller: Caller, raw: bytes) -> dict[str, Any]:
    """`/content/init/`: photos pulled from URLs, DIRECT_POST (video.publish) or MEDIA_UPLOAD (video.upload)."""
    try:
        spec = requests.photo_init(_body(state, raw))
    except InputError as exc:
        raise _bad(state, f"Invalid parameter: {exc}.") from None
    direct = spec.post_mode == "DIRECT_POST"
    scope = PUBLISH if direct else UPLOAD
    if scope not in caller.token.scopes:
        raise ApiError("scope_not_authorized", _scope_message(scope))
    now = state.clock.now()
    (_direct_rules if direct else _inbox_rules)(state, caller, now)
    _owned(caller, spec.photo_images)
    privacy = _privacy(state, caller, spec.post_info) if direct else None
    task = _new_task(state, caller, now, DIRECT if direct else INBOX, PHOTO, PULL_FROM_URL, spec.post_info, privacy)
    _start_download(state, task, spec.photo_images)
    state.add(task)
    if direct:
        state.record_direct_post(caller.client_key, caller.user.username, now)
    return {"publish_id": task.publish_id}


def _new_task(
    state: PostingState,
    caller: Caller,
    now: float,
    flow: str,
    media: str,
    source: str,
    info: PostInfo,
    privacy: str | None,
) -> Task:
    key = caller.client_key
    return Task(
        publish_id=f"{PREFIXES[(flow, media, source)]}.{state.new_publish_number()}",
        client_key=key,
        open_id=caller.token.open_id or "",
        username=caller.user.username,
        flow=flow,
        media=media,
        source=source,
        created_at=now,
        post_id=int(state.new_publish_number()),
        privacy=privacy,
        requested_privacy=info.privacy_level,
        title=info.title,
        description=info.description,
        processing_time=float(state.setting("processing_time", key)),
        moderation_time=float(state.setting("moderation_time", key)),
        duration=state.config.default_duration,
    )


def _start_upload(state: PostingState, task: Task, plan: ChunkPlan, origin: str) -> str:
    task.plan = plan
    task.upload_id = state.new_publish_number()
    task.upload_token = state.ids.union_id()
    task.upload_expires_at = task.created_at + float(state.setting("upload_url_ttl", task.client_key))
    base = state.config.upload_origin or origin.rstrip("/")
    return f"{base}{UPLOAD_PATH}?upload_id={task.upload_id}&upload_token={task.upload_token}"


def _start_download(state: PostingState, task: Task, urls: tuple[str, ...]) -> None:
    """The mock fetches nothing: the download's size and fate come from the fixture's
    `posting.downloads` (first matching rule per URL) or the `download_failure` switch."""
    config = state.config
    task.urls = urls
    task.download_time = float(state.setting("download_time", task.client_key))
    default = config.pull_photo_size if task.media == PHOTO else config.pull_video_size
    size = 0
    for url in urls:
        rule = next((rule for rule in state.spec.downloads if rule.matches(url)), None)
        size += rule.size if rule is not None and rule.size is not None else default
        if rule is not None and rule.fail_reason is not None and task.download_fail is None:
            task.download_fail = rule.fail_reason
    task.download_size = size
    if task.download_fail is None and state.setting("download_failure", task.client_key):
        task.download_fail = "photo_pull_failed" if task.media == PHOTO else "video_pull_failed"


# -- status and cancel ---------------------------------------------------------------------


def _own_task(state: PostingState, caller: Caller, raw: bytes) -> Task:
    try:
        publish_id = requests.publish_id_of(_body(state, raw))
    except InputError as exc:
        raise _bad(state, f"Invalid parameter: {exc}.") from None
    task = state.task(publish_id)
    if task is None:
        raise ApiError("invalid_publish_id")
    if task.client_key != caller.client_key or task.open_id != caller.token.open_id:
        raise ApiError("token_not_authorized_for_specified_publish_id")
    return task


def status_body(status: Status) -> dict[str, Any]:
    """status/fetch's `data`: only the five documented statuses; post ids as unquoted int64s."""
    data: dict[str, Any] = {"status": status.status}
    if status.fail_reason is not None:
        data["fail_reason"] = status.fail_reason
    data["publicaly_available_post_id"] = list(status.post_ids)  # TikTok's spelling
    if status.uploaded_bytes is not None:
        data["uploaded_bytes"] = status.uploaded_bytes
    if status.downloaded_bytes is not None:
        data["downloaded_bytes"] = status.downloaded_bytes
    return data


def status(state: PostingState, caller: Caller, raw: bytes) -> dict[str, Any]:
    task = _own_task(state, caller, raw)
    return status_body(task.at(state.clock.now()))


def cancel(state: PostingState, caller: Caller, raw: bytes) -> None:
    """Best effort, as TikTok's: only a PULL_FROM_URL task still downloading can be cancelled."""
    task = _own_task(state, caller, raw)
    now = state.clock.now()
    current = task.at(now)
    if current.final:
        raise ApiError("publish_not_cancellable")
    if task.source != PULL_FROM_URL or current.status != PROCESSING_DOWNLOAD:
        raise ApiError(
            "publish_not_cancellable", "Only a PULL_FROM_URL task that is still downloading can be cancelled."
        )
    fail(state, task, now, "publish_cancelled")


def fail(state: PostingState, task: Task, now: float, reason: str) -> None:
    task.failed_at, task.fail_reason = now, reason
    state.schedule(task)


# -- the upload URL (PUT) ---------------------------------------------------------------------


def _refuse(status: int, message: str) -> ApiError:
    return ApiError("invalid_file_upload", message, status)


def upload_task(state: PostingState, upload_id: str | None, upload_token: str | None) -> Task:
    """The task of an upload URL still open: 404 unknown, 403 once its hour has passed or the task ended."""
    task = state.uploads.get(upload_id or "")
    if task is None or not hmac.compare_digest((upload_token or "").encode(), (task.upload_token or "").encode()):
        raise _refuse(404, "No upload task has this upload_id and upload_token.")
    now = state.clock.now()
    if now >= task.upload_expires_at:
        raise _refuse(403, "The upload_url has expired: it is valid for one hour after init.")
    if task.at(now).status == FAILED:
        raise _refuse(403, "The publish task has ended (failed or cancelled); this upload_url is no longer valid.")
    return task


@dataclass(frozen=True)
class Chunk:
    first: int
    length: int
    total: int
    content_length: str | None


def read_chunk_headers(content_type: str, range_header: str | None, content_length: str | None) -> Chunk:
    """400 for a Content-Type that is not a video's, or a Content-Range missing or malformed:
    checked first, so a malformed PUT is a 400 whatever its URL."""
    if content_type not in VIDEO_TYPES:
        raise _refuse(400, f"Content-Type must be one of {', '.join(VIDEO_TYPES)}, got '{content_type[:60]}'.")
    try:
        first, last, total = content_range(range_header)
    except InputError as exc:
        raise _refuse(400, f"{exc}.") from None
    return Chunk(first, last - first + 1, total, content_length)


def check_chunk(task: Task, chunk: Chunk) -> None:
    """400 for a total that is not the video's, 416 for a range that does not continue from the
    bytes received, 400 for a chunk that is not the next one of the plan, whole."""
    plan = task.plan
    assert plan is not None
    if chunk.total != plan.video_size:
        raise _refuse(400, f"Content-Range total {chunk.total} is not the video_size {plan.video_size} given at init.")
    if chunk.first != task.received:
        raise _refuse(416, f"Content-Range starts at byte {chunk.first}; {task.received} bytes were received so far.")
    expected = plan.expected_length(chunk.first)
    if chunk.length != expected:
        first = chunk.first
        raise _refuse(
            400, f"This chunk must be {expected} bytes (bytes {first}-{first + expected - 1}), not {chunk.length}."
        )
    if chunk.content_length is not None and chunk.content_length != str(chunk.length):
        raise _refuse(
            400, f"Content-Length {chunk.content_length[:20]} is not the Content-Range's {chunk.length} bytes."
        )


def body_mismatch(chunk: Chunk, received: int) -> ApiError:
    return _refuse(400, f"The body was {received} bytes; Content-Range and Content-Length say {chunk.length}.")


@dataclass(frozen=True)
class Accepted:
    status: int  # 206, or 201 for the last chunk
    content_range: str


def accept_chunk(state: PostingState, task: Task, chunk: Chunk, head: bytes) -> Accepted:
    """Count a whole chunk in; the first one's first bytes say what the file is."""
    plan = task.plan
    assert plan is not None
    if chunk.first == 0:
        task.media_format = sniff(head[:HEAD_BYTES])
        seconds = mp4_duration(head) if task.media_format in ("mp4", "mov") else None
        if seconds is not None:
            task.duration = max(1, round(seconds))
            task.too_long = seconds > state.max_duration(state.creator(task.username))
    task.received += chunk.length
    done = task.received >= plan.video_size
    if done:
        task.uploaded_at = state.clock.now()
        state.schedule(task)
    end = task.received if state.config.progress_range == "count" else task.received - 1
    return Accepted(201 if done else 206, f"bytes 0-{end}/{plan.video_size}")


# -- control actions (/_mock/posts) ----------------------------------------------------------


def post_in_app(state: PostingState, task: Task, privacy: str | None) -> None:
    """The creator finishes an inbox upload in the TikTok app, now, with this privacy."""
    now = state.clock.now()
    current = task.at(now)
    if current.status != "SEND_TO_USER_INBOX":
        raise ValueError(f"the task is {current.status}; only a task in SEND_TO_USER_INBOX can be posted")
    creator = state.creator(task.username)
    options = privacy_options(creator)
    if privacy is not None and privacy not in options:
        raise ValueError(f"privacy_level must be one of the creator's options: {', '.join(options)}")
    chosen = privacy or options[0]
    if not state.app_config(task.client_key).audited:
        chosen = "SELF_ONLY"  # "All content posted by unaudited clients will be restricted to private viewing mode"
    task.privacy = chosen
    task.posted_in_app_at = now
    state.schedule(task)


def finish_moderation(state: PostingState, task: Task) -> None:
    now = state.clock.now()
    current = task.at(now)
    if current.status != "PUBLISH_COMPLETE" or task.privacy != PUBLIC:
        raise ValueError(f"only a public post that is PUBLISH_COMPLETE is moderated; this one is {current.status}")
    if not current.post_ids:
        task.moderated_at = now
        state.schedule(task)


def take_down(state: PostingState, task: Task) -> None:
    """Moderation takes a publicly available post down: it leaves the creator's videos and
    the app hears post.publish.no_longer_publicaly_available."""
    now = state.clock.now()
    if not task.at(now).post_ids:
        raise ValueError("only a publicly available post can be taken down")
    task.taken_down_at = now
    state.accounts.remove_videos(task.username, {str(task.post_id)})
    state.announce(task, now)
