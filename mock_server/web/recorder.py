"""Pure ASGI middleware: fault injection and the request journal.

For every request outside /_mock/ it buffers the body (to replay it to the
app), learns cheaply who is calling (client_key, open_id, token), asks the
fault rules whether TikTok should fail, and records request and reply in the
journal. No rules means one list check; no scan of state, no file I/O.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from time import perf_counter
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.families import ENVELOPES, upload_limit
from mock_server.kernel.faults import FaultRule, RequestFacts
from mock_server.kernel.journal import BODY_LIMIT, Entry
from mock_server.kernel.net import FORM_TYPE, bearer_token, media_type
from mock_server.mock import Mock
from mock_server.web.faults import fault_response
from mock_server.web.http import header


class ConnectionDropped(RuntimeError):
    """A `drop` fault where the server gives no way to close the socket (only uvicorn does)."""


class Recorder:
    def __init__(self, app: ASGIApp, mock: Mock) -> None:
        self.app = app
        self.mock = mock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_mock"):
            await self.app(scope, receive, send)
            return
        started = perf_counter()
        # An upload streams through untouched (the boundary counts it); other bodies are read
        # once here, within the boundary's limit, and replayed to the app.
        streamed = upload_limit(scope["path"]) is not None
        body = b"" if streamed else await _read_body(receive)
        facts = identify(self.mock, scope, body)
        entry = Entry(
            id=self.mock.journal.new_id(),
            at=self.mock.clock.now(),
            method=facts.method,
            path=facts.path,
            query=scope["query_string"],
            headers=_capped(scope["headers"], self.mock.settings.limits.max_header_bytes),
            body=body[:BODY_LIMIT],
            client_key=facts.client_key,
            open_id=facts.open_id,
        )
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
                entry.reply_type = header(message.get("headers", []), b"content-type") or ""
            elif message["type"] == "http.response.body" and len(entry.reply) < BODY_LIMIT:
                entry.reply += message.get("body", b"")[: BODY_LIMIT - len(entry.reply)]
            await send(message)

        try:
            rule = self.mock.faults.decide(facts) if self.mock.faults.rules else None
            if rule is None or await self._fault(rule, facts, scope, receive, replay, capture, entry):
                await self.app(scope, receive if streamed else replay, capture)
        finally:
            entry.duration = perf_counter() - started
            self.mock.journal.record(entry)

    async def _fault(
        self,
        rule: FaultRule,
        facts: RequestFacts,
        scope: Scope,
        receive: Receive,
        replay: Receive,
        send: Send,
        entry: Entry,
    ) -> bool:
        """Apply the rule; True when the real app should still answer (a delay alone)."""
        respond = rule.spec.respond
        entry.fault = f"{rule.id}{f' ({rule.scenario})' if rule.scenario else ''}: {respond.summary()}"
        if respond.delay and await _sleep_unless_gone(respond.delay, receive):
            return False  # the client gave up waiting, as a client of a slow TikTok does
        if respond.drop:
            await _drop(receive)
            return False
        if respond.passes_through:
            return True
        response = fault_response(Request(scope), facts.envelope, respond, facts.client_key)
        await response(scope, replay, send)
        return False


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        body = message.get("body", b"")
        if not message.get("more_body", False):
            return b"".join((*chunks, body)) if chunks else body  # one message, the usual case: as it came
        chunks.append(body)


MAX_HEADERS = 100  # headers a journal entry keeps


def _capped(headers: list[tuple[bytes, bytes]], limit: int) -> list[tuple[bytes, bytes]]:
    """The request's headers as the journal keeps them: at most MAX_HEADERS, each value at most
    `limit` bytes (a 1 MiB header a thousand times would otherwise be a gigabyte kept)."""
    if len(headers) <= MAX_HEADERS and all(len(value) <= limit for _, value in headers):
        return headers  # the usual case: kept as it came, no copy
    return [
        (name, value[:limit] + (b"...(cut)" if len(value) > limit else b"")) for name, value in headers[:MAX_HEADERS]
    ]


def identify(mock: Mock, scope: Scope, body: bytes) -> RequestFacts:
    """Who calls: client_key from the form or query (Shop: app_key), the token from
    `Authorization: Bearer`, `x-tts-access-token` or the form, and the token's owner."""
    token = code = client_key = None
    content_type = ""
    for name, value in scope["headers"]:
        if name == b"authorization":
            token = bearer_token(value.decode("latin-1")) or token
        elif name == b"x-tts-access-token":
            token = value.decode("latin-1")
        elif name == b"content-type":
            content_type = media_type(value)
    if scope["query_string"]:
        client_key, query_token = _query_identity(scope["query_string"])
        token = token or query_token
    if content_type == FORM_TYPE and body:
        form = dict(parse_qsl(body.decode("utf-8", "replace")))
        client_key = form.get("client_key") or client_key
        token = token or form.get("token") or form.get("refresh_token")
        code = form.get("code")
    open_id = None
    owner = mock.owner_of(token) if token else None
    if owner is None and code is not None:
        owner = mock.owner_of_code(code)
    if owner is not None:
        client_key, open_id = client_key or owner[0], owner[1]
    path = scope["path"]
    return RequestFacts(scope["method"], path, ENVELOPES.of(path), client_key, open_id, token)


@lru_cache(maxsize=256)  # clients send the same query again and again: scanning it was a tenth of the recorder
def _query_identity(query_string: bytes) -> tuple[str | None, str | None]:
    """(client_key or Shop app_key, access_token) of a query string."""
    # Parse only a query that can hold one of these keys (Display's `?fields=` cannot).
    if not (b"key" in query_string or b"access_token" in query_string or b"%" in query_string):
        return None, None
    query = dict(parse_qsl(query_string.decode("latin-1")))
    return query.get("client_key") or query.get("app_key"), query.get("access_token")


async def _sleep_unless_gone(seconds: float, receive: Receive) -> bool:
    """Sleep, unless the client hangs up first (then True), so a slow fault never outlives its client."""
    sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
    watcher = asyncio.ensure_future(_disconnected(receive))
    done, pending = await asyncio.wait({sleeper, watcher}, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    return watcher in done


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _drop(receive: Receive) -> None:
    """Close the socket without a byte of answer. uvicorn's `receive` is a method of
    its request cycle, which holds the transport; ASGI itself has no way to say this."""
    transport = getattr(getattr(receive, "__self__", None), "transport", None)
    if transport is None:
        raise ConnectionDropped("a 'drop' fault needs a live server (uvicorn); this server gave no transport")
    transport.close()
    await _disconnected(receive)  # uvicorn sees the disconnect and sends no 500 of its own
