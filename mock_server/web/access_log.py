"""The mock's own access log, in place of uvicorn's (pure ASGI, outermost).

uvicorn's access log prints whole query strings, so Shop `app_secret`,
`auth_code` and tokens, and a dashboard `control_token`, would reach the
terminal and CI logs in plain text. This one prints the same facts a developer
needs (client, method, path, status, time) with the query masked by the
journal's one masking rule, and costs little: nothing is formatted unless the
logger is on, and a query is only scanned when it has one.
"""

from __future__ import annotations

import logging
from time import perf_counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.kernel.journal import masked_query

logger = logging.getLogger("tiktok_mock.access")


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not logger.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = perf_counter()
        status = 0

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            query = scope["query_string"].decode("latin-1")
            target = scope["path"] + ("?" + masked_query(query) if query else "")
            client = scope.get("client")
            where = f"{client[0]}:{client[1]}" if client else "-"
            milliseconds = (perf_counter() - started) * 1000
            logger.info('%s - "%s %s" %s %.1fms', where, scope["method"], target, status or "-", milliseconds)


def configure(level: str) -> None:
    """Send the access log to stderr as uvicorn's own lines look (`INFO:     ...`)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False
