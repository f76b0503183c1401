"""The mock's own access log, in place of uvicorn's (pure ASGI, outermost).

uvicorn's access log prints whole query strings, so Shop `app_secret`,
`auth_code` and tokens, and a dashboard `control_token`, would reach the
terminal and CI logs in plain text. This one prints the same facts a developer
needs (client, method, path, status, time) with the query masked by the
journal's one masking rule.

It is cheap on purpose (issue 12: at most 10% of throughput): no logging
module per request, no write per line. Lines collect in a list and go out in
one write FLUSH_AFTER seconds after the first of them: a busy server writes
twenty batches a second, and a line never waits longer than that.
"""

from __future__ import annotations

import asyncio
import atexit
import sys
from functools import lru_cache
from time import perf_counter
from typing import TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.kernel.journal import masked_query

FLUSH_AFTER = 0.05  # seconds


class AccessLog:
    def __init__(self, app: ASGIApp, stream: TextIO | None = None) -> None:
        self.app = app
        self.stream = stream or sys.stderr
        self._lines: list[str] = []
        atexit.register(self._flush)  # the last lines of a server that is stopping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
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
            self._log(scope, status, perf_counter() - started)

    def _log(self, scope: Scope, status: int, seconds: float) -> None:
        target = _target(scope["path"], scope["query_string"])
        client = scope.get("client")
        where = f"{client[0]}:{client[1]}" if client else "-"
        self._lines.append(f'INFO:     {where} - "{scope["method"]} {target}" {status or "-"} {seconds * 1000:.1f}ms\n')
        if len(self._lines) == 1:
            asyncio.get_running_loop().call_later(FLUSH_AFTER, self._flush)

    def _flush(self) -> None:
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        try:
            self.stream.write("".join(lines))
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal must not stop the server
            pass


@lru_cache(maxsize=512)  # clients send the same path and query again and again; masking scans the query
def _target(path: str, query: bytes) -> str:
    return path + ("?" + masked_query(query.decode("latin-1")) if query else "")
