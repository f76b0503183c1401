"""The Content Posting API over HTTP (open.tiktokapis.com paths, both slash forms),
and the upload URL it hands out (`PUT /video/?upload_id=&upload_token=`).

Thin: the rules live in `rules.py`; errors are `ApiError`s rendered by the app's
one v2 error handler, the upload's too (`invalid_file_upload` with the PUT's
status: 400, 403, 404 or 416). An upload chunk is streamed and counted, never
held: only its first 64 KiB are kept, to sniff the format and read the duration.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_server.families.posting import rules
from mock_server.families.posting.state import PostingState
from mock_server.families.posting.uploads import HEAD_BYTES, UPLOAD_PATH
from mock_server.kernel.errors import ApiError
from mock_server.kernel.net import bearer_token, media_type
from mock_server.web.envelopes import v2_done, v2_error, v2_ok
from mock_server.web.routing import both_slashes

PREFIX = "/v2/post/publish/"


def _state(request: Request) -> PostingState:
    return request.app.state.mock.posting


def _check(request: Request, endpoint: str, *scopes: str) -> tuple[PostingState, rules.Caller]:
    state = _state(request)
    return state, rules.check(state, endpoint, bearer_token(request.headers.get("authorization")), scopes)


def _origin(request: Request) -> str:
    """The mock's own origin as the client reached it: upload and avatar URLs point back here."""
    return str(request.base_url).rstrip("/")


async def creator_info(request: Request) -> Response:
    state, caller = _check(request, rules.CREATOR_INFO, rules.PUBLISH)
    info = rules.creator_info(state, caller, await request.body(), _origin(request))
    if info.refusal is None:
        return v2_ok(request, info.data)
    # "Cannot post now": HTTP 200 with the code, as TikTok documents; `data` only if the setting says so.
    data = info.data if state.config.creator_info_data_on_refusal else None
    return v2_error(request, info.refusal, status=200, data=data)


async def video_init(request: Request) -> Response:
    state, caller = _check(request, rules.VIDEO_INIT, rules.PUBLISH)
    return v2_ok(request, rules.init_video(state, caller, await request.body(), True, _origin(request)))


async def inbox_init(request: Request) -> Response:
    state, caller = _check(request, rules.INBOX_INIT, rules.UPLOAD)
    return v2_ok(request, rules.init_video(state, caller, await request.body(), False, _origin(request)))


async def content_init(request: Request) -> Response:
    state, caller = _check(request, rules.CONTENT_INIT, rules.PUBLISH, rules.UPLOAD)
    return v2_ok(request, rules.init_photo(state, caller, await request.body()))


async def status_fetch(request: Request) -> Response:
    state, caller = _check(request, rules.STATUS, rules.PUBLISH, rules.UPLOAD)
    return v2_ok(request, rules.status(state, caller, await request.body()))


async def cancel(request: Request) -> Response:
    state, caller = _check(request, rules.CANCEL, rules.PUBLISH, rules.UPLOAD)
    rules.cancel(state, caller, await request.body())
    return v2_done(request)


async def upload(request: Request) -> Response:
    """One chunk: counted as it streams in (the boundary bounds it at 128 MiB), never kept."""
    state, headers = _state(request), request.headers
    chunk = rules.read_chunk_headers(
        media_type(headers.get("content-type")), headers.get("content-range"), headers.get("content-length")
    )
    task = rules.upload_task(state, request.query_params.get("upload_id"), request.query_params.get("upload_token"))
    rules.check_chunk(task, chunk)
    head = bytearray()
    received = 0
    async for part in request.stream():
        received += len(part)
        if received > chunk.length:
            raise rules.body_mismatch(chunk, received)
        if chunk.first == 0 and len(head) < HEAD_BYTES:
            head += part[: HEAD_BYTES - len(head)]
    if received != chunk.length:
        raise rules.body_mismatch(chunk, received)
    if task.received != chunk.first:  # another PUT of this upload got in while this one streamed
        raise ApiError(
            "invalid_file_upload", "Another chunk of this upload arrived meanwhile; resend from the progress.", 416
        )
    accepted = rules.accept_chunk(state, task, chunk, bytes(head))
    return Response(b"", status_code=accepted.status, headers={"Content-Range": accepted.content_range})


routes = [
    *both_slashes(PREFIX + "creator_info/query/", creator_info, ["POST"]),
    *both_slashes(PREFIX + "video/init/", video_init, ["POST"]),
    *both_slashes(PREFIX + "inbox/video/init/", inbox_init, ["POST"]),
    *both_slashes(PREFIX + "content/init/", content_init, ["POST"]),
    *both_slashes(PREFIX + "status/fetch/", status_fetch, ["POST"]),
    *both_slashes(PREFIX + "cancel/", cancel, ["POST"]),
    Route(UPLOAD_PATH, upload, methods=["PUT"]),
]
