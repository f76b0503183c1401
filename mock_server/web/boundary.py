"""The guarded boundary (pure ASGI, right after the log_id): every request's body
is checked before anything reads it.

- A `Content-Length` over the path's limit (or not a number) is refused at once;
  a streamed body is counted as it arrives and refused when it passes the limit,
  so nothing larger than the limit is ever held.
- A body that stops arriving gets `read_timeout` seconds, then 408.
- Refusals answer in the path's own envelope (TikTok's v2, OAuth or Shop shape;
  the control API's `{"error", "field"}`) with HTTP 413, 408 or 400.

The limit is `InputLimits.max_body` for JSON and form bodies; a family that
takes large uploads names its upload paths and their own limit (`upload_limits`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.families import ENVELOPES
from mock_server.kernel.faults import Respond
from mock_server.kernel.inputs import InputLimits
from mock_server.web.faults import fault_response
from mock_server.web.http import header


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Boundary:
    def __init__(self, app: ASGIApp, limits: InputLimits, upload_limit: Callable[[str], int | None]) -> None:
        self.app = app
        self.limits = limits
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        length = header(headers, b"content-length")
        if length is None and header(headers, b"transfer-encoding") is None:
            await self.app(scope, receive, send)  # no body can follow: the hot path, untouched
            return
        limit = self.upload_limit(scope["path"]) or self.limits.max_body
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            if length is not None and (not length.isdigit() or len(length) > 15):
                raise Refused(400, f"Content-Length must be a whole number of bytes, got '{length[:40]}'.")
            if length is not None and int(length) > limit:
                raise Refused(413, f"The request body ({length} bytes) is larger than the limit of {limit} bytes.")
            await self.app(scope, self._counted(receive, limit), tracked)
        except Refused as refused:
            if not started:  # once an answer has begun, the connection just closes
                await _refusal(scope, refused)(scope, _no_body, send)

    def _counted(self, receive: Receive, limit: int) -> Receive:
        received = 0
        complete = False
        timeout = self.limits.read_timeout

        async def counted() -> Message:
            nonlocal received, complete
            if complete:  # after the body: only a disconnect can come, and may take its time
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), timeout)
            except TimeoutError:
                raise Refused(408, f"The request body did not arrive within {timeout:g} seconds.") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise Refused(413, f"The request body is larger than the limit of {limit} bytes.")
                complete = not message.get("more_body", False)
            return message

        return counted


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _refusal(scope: Scope, refused: Refused) -> Response:
    path = scope["path"]
    if path.startswith("/_mock"):
        return JSONResponse({"error": refused.message, "field": None}, status_code=refused.status)
    envelope = ENVELOPES.of(path)
    error = ENVELOPES.by_name[envelope].bad_input
    respond = Respond(error=error, message=refused.message, status=refused.status)
    return fault_response(Request(scope), envelope, respond, None)
