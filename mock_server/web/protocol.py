"""uvicorn's HTTP protocol with a deadline for the request head.

uvicorn closes idle keep-alive connections, but a client that opens a
connection and sends half a request head (a few header lines, then nothing)
is kept forever: a slow-loris holds a socket and a slot as long as it likes.
This protocol gives every request head `HEAD_TIMEOUT` seconds from the
connection (or the end of the previous request) to its last header line, then
answers 408 and closes. Bodies have their own deadline (web/boundary.py).
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEAD_TIMEOUT = 10.0  # seconds
_MESSAGE = b"The request head did not arrive in time.\n"
TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\nconnection: close\r\n"
    b"content-length: %d\r\n\r\n%s" % (len(_MESSAGE), _MESSAGE)
)


def with_head_timeout(seconds: float) -> type[HeadTimeoutProtocol]:
    """The protocol class uvicorn takes (`http=`), with this deadline."""
    return type("HeadTimeoutProtocol", (HeadTimeoutProtocol,), {"head_timeout": seconds})


class HeadTimeoutProtocol(HttpToolsProtocol):
    head_timeout = HEAD_TIMEOUT
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.cycle is None or self.cycle.response_complete:  # no request in flight: only a half head
            if not self.transport.is_closing():
                self.transport.write(TIMED_OUT)
                self.transport.close()
