"""Receiving TikTok's webhooks in your own code and tests: signature checks and a local receiver.

    from mock_server.webhooks import verify_tiktok_signature

    # in your handler (Flask, Starlette, Django...): the raw body, before any JSON parsing
    if not verify_tiktok_signature(CLIENT_SECRET, request.headers["TikTok-Signature"], raw_body):
        return 401

`verify_tiktok_signature` follows TikTok's documented scheme (tiktok-content-posting.md §4):
`TikTok-Signature: t=<unix s>,s=<hex HMAC-SHA256(client_secret, "<t>.<body>")>`, and the age
`now - t` within `tolerance` seconds (`now`: real time unless given, e.g. the mock's clock).
`verify_shop_signature` follows TikTok Shop's: `Authorization: <hex HMAC-SHA256(app_secret,
app_key + body)>`. `WebhookReceiver` is a loopback HTTP endpoint that collects deliveries
(the pytest plugin's `tiktok_webhooks` fixture wires one into an app).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def verify_tiktok_signature(
    secret: str, header: str, body: bytes, tolerance: float = 300, now: float | None = None
) -> bool:
    """True when `header` signs `body` with `secret` and its time is within `tolerance` of `now`."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    timestamp, signature = parts.get("t", ""), parts.get("s", "")
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    current = time.time() if now is None else now
    return hmac.compare_digest(expected, signature) and abs(current - int(timestamp)) <= tolerance


def verify_shop_signature(app_key: str, secret: str, header: str, body: bytes) -> bool:
    expected = hmac.new(secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.strip())


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def event(self) -> str:
        """The TikTok event name, or the Shop webhook's `type` as text."""
        payload = self.json
        return str(payload.get("event", payload.get("type")))

    @property
    def content(self) -> Any:
        """A TikTok event's `content`, parsed (it arrives as a JSON string)."""
        return json.loads(self.json["content"])


class WebhookReceiver:
    """An HTTP endpoint on 127.0.0.1 that answers `status` (200) and keeps what it receives."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.received: list[Received] = []
        self._arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server's name for the POST handler
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(min(length, 10 * 1024 * 1024))
                self.send_response(receiver.status)
                self.send_header("content-length", "0")
                self.end_headers()
                with receiver._arrived:
                    receiver.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    receiver._arrived.notify_all()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/webhooks"
        # A short poll: close() waits for the serving loop to notice, 0.5 s per receiver by default.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def wait_for(self, event: str, timeout: float = 10.0, count: int = 1) -> list[Received]:
        """The first `count` deliveries of `event`, once they have arrived (AssertionError after `timeout`)."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = [item for item in self.received if item.event == event]
                if len(found) >= count:
                    return found[:count]
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = sorted({item.event for item in self.received})
                    raise AssertionError(f"no {event!r} delivery within {timeout:g} s (received: {seen})")
                self._arrived.wait(left)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
