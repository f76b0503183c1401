"""Content Posting's /_mock/ endpoints: the publish tasks, and what the creator or
TikTok would do to them.

    GET  /_mock/posts[?client_key=&user=]       every task, oldest first, with its state now
    GET  /_mock/posts/{publish_id}              one task
    POST /_mock/posts/{publish_id}/complete     an inbox upload: the creator posts it in the app
                                                ({"privacy_level": ...} optional)
    POST /_mock/posts/{publish_id}/fail         {"fail_reason": ...}: the task fails now
    POST /_mock/posts/{publish_id}/moderate     moderation finishes now: a public post gets its id
    POST /_mock/posts/{publish_id}/take_down    moderation takes a public post down
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_server.families.posting import rules
from mock_server.families.posting.errors import FAIL_REASONS
from mock_server.families.posting.state import PostingState
from mock_server.families.posting.tasks import FILE_UPLOAD, Task
from mock_server.kernel.yaml_source import shorten
from mock_server.web.control_plumbing import ControlError, body_of, control_route, mock_of, text_param


def _state(request: Request) -> PostingState:
    return mock_of(request).posting


def task_json(state: PostingState, task: Task) -> dict[str, Any]:
    """A task as the control API and the dashboard show it: TikTok's status fields and the timeline."""
    now = state.clock.now()
    status = task.at(now)
    body: dict[str, Any] = {
        "publish_id": task.publish_id,
        "client_key": task.client_key,
        "user": task.username,
        "open_id": task.open_id,
        "flow": "DIRECT_POST" if task.flow == "direct" else "INBOX_SHARE",
        "media_type": task.media.upper(),
        "source": task.source,
        **rules.status_body(status),
        "privacy_level": task.privacy,
        "requested_privacy_level": task.requested_privacy,
        "title": task.title,
        "post_id": str(task.post_id),
        "published": task.published,
        "created_at": task.created_at,
        "ready_at": task.ready_at,  # unix s: processing done (None while bytes are still to come)
        "completed_at": status.completed_at,
        "public_at": task.moderation_done_at(status.completed_at)
        if status.completed_at is not None and task.privacy == "PUBLIC_TO_EVERYONE"
        else None,
        "now": now,
    }
    if task.source == FILE_UPLOAD and task.plan is not None:
        body |= {
            "upload_id": task.upload_id,
            "upload_url_expires_at": task.upload_expires_at,
            "video_size": task.plan.video_size,
            "chunk_size": task.plan.chunk_size,
            "total_chunk_count": task.plan.total_chunk_count,
            "media_format": task.media_format,
            "duration": task.duration,
        }
    else:
        body |= {"urls": list(task.urls), "download_size": task.download_size, "download_fail": task.download_fail}
    return body


def _task(request: Request) -> Task:
    publish_id = request.path_params["publish_id"]
    task = _state(request).task(publish_id)
    if task is None:
        raise ControlError(f"no publish task '{shorten(publish_id)}'", "publish_id", status=404)
    return task


async def posts(request: Request) -> Response:
    state = _state(request)
    client_key, user = text_param(request, "client_key"), text_param(request, "user")
    listed = [
        task_json(state, task)
        for task in state.tasks.values()
        if (client_key is None or task.client_key == client_key) and (user is None or task.username == user)
    ]
    return JSONResponse({"posts": listed})


async def post(request: Request) -> Response:
    return JSONResponse(task_json(_state(request), _task(request)))


async def complete(request: Request) -> Response:
    state, task = _state(request), _task(request)
    privacy = (await body_of(request)).get("privacy_level") or None
    if privacy is not None and not isinstance(privacy, str):
        raise ControlError("privacy_level is text, e.g. PUBLIC_TO_EVERYONE", "privacy_level")
    try:
        rules.post_in_app(state, task, privacy)
    except ValueError as exc:
        raise ControlError(str(exc), "privacy_level" if "privacy_level" in str(exc) else "publish_id", 409) from None
    state.settle()
    return JSONResponse(task_json(state, task))


async def fail(request: Request) -> Response:
    state, task = _state(request), _task(request)
    reason = (await body_of(request)).get("fail_reason")
    if reason not in FAIL_REASONS:
        raise ControlError(f"fail_reason is one of {', '.join(FAIL_REASONS)}", "fail_reason")
    now = state.clock.now()
    if task.at(now).final:
        raise ControlError(f"the task is {task.at(now).status} already", "publish_id", 409)
    rules.fail(state, task, now, reason)
    state.settle()
    return JSONResponse(task_json(state, task))


async def moderate(request: Request) -> Response:
    return _moved(request, rules.finish_moderation)


async def take_down(request: Request) -> Response:
    return _moved(request, rules.take_down)


def _moved(request: Request, move: Callable[[PostingState, Task], None]) -> Response:
    """Apply a moderation move to the task; 409 when the task is not where it can happen."""
    state, task = _state(request), _task(request)
    try:
        move(state, task)
    except ValueError as exc:
        raise ControlError(str(exc), "publish_id", 409) from None
    state.settle()
    return JSONResponse(task_json(state, task))


routes = [
    control_route("/_mock/posts", posts, ["GET"]),
    control_route("/_mock/posts/{publish_id}", post, ["GET"]),
    control_route("/_mock/posts/{publish_id}/complete", complete, ["POST"]),
    control_route("/_mock/posts/{publish_id}/fail", fail, ["POST"]),
    control_route("/_mock/posts/{publish_id}/moderate", moderate, ["POST"]),
    control_route("/_mock/posts/{publish_id}/take_down", take_down, ["POST"]),
]
