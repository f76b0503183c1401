"""Pure ASGI middleware (no BaseHTTPMiddleware: it is slower and buffers)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.kernel.clock import Clock
from mock_server.kernel.ids import log_id
from mock_server.web.envelopes import LOG_ID_KEY

if TYPE_CHECKING:
    from mock_server.mock import Mock


class LogIdMiddleware:
    """Gives each request one fresh log_id and sends it as `x-tt-logid`, so the
    header always equals the `log_id` an envelope builder puts in the body."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock
        self.random = random.Random()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        value = log_id(self.clock.now(), self.random)
        scope[LOG_ID_KEY] = value
        header = (b"x-tt-logid", value.encode("ascii"))

        async def send_with_log_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        await self.app(scope, receive, send_with_log_id)


class Settler:
    """Before every request the Mock does what the clock has made due (`Mock.settle`): a
    post finished while the clock moved is the creator's video when Display is asked next."""

    def __init__(self, app: ASGIApp, mock: Mock) -> None:
        self.app = app
        self.mock = mock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.mock.settle()
        await self.app(scope, receive, send)
