"""Property-based fuzzing through the ASGI app: generated paths, queries, headers and bodies on
every route, and every answer is a 2xx, 3xx or 4xx; then the server still answers a valid call."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from starlette.routing import Route

from mock_server.app import create_app
from mock_server.families.shop import signing
from mock_server.families.shop.errors import SHOP_PREFIXES
from mock_server.fixtures import bundled_fixture_path, load_fixture_file
from mock_server.kernel.clock import Clock

FIXTURE = load_fixture_file(bundled_fixture_path())
APP = create_app(FIXTURE, clock=Clock.frozen_at("2026-03-01T12:00:00Z"))
TEMPLATES = sorted({route.path for route in APP.routes if isinstance(route, Route)})
TOKENS = ["act.demo-tiktoker", "act.demo-dancequeen-full", "ROW_demo_access", "clt.x", "rft.demo-tiktoker"]
# The parameters TikTok's paths read, so generated values reach their parsers, not only unknown keys.
PARAMETERS = (
    "fields x-expires x-signature timestamp page_size page_token sort_field sort_order shop_cipher client_key "
    "redirect_uri scope response_type state code_challenge code_challenge_method disable_auto_auth auth_code "
    "refresh_token grant_type app_key app_secret service_id create_time_ge create_time_lt start_date_ge end_date_lt "
    "order_ids ids"
).split()
SHOP_APP = next(app for app in FIXTURE.shop.apps if app.app_key == "6demo00shop")
SHOP_CIPHER = FIXTURE.shop.sellers[0].shops[0].cipher
NOW = "1772366400"
nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["9" * 5000, "-1", "1e400", "NaN", "Infinity", "\r\n", "%00", "../../etc", "²", "0x10", ""]),
)
header_value = st.one_of(
    st.binary(max_size=60).map(lambda raw: raw.replace(b"\r", b"").replace(b"\n", b"")),
    st.sampled_from(TOKENS).map(lambda token: f"Bearer {token}".encode()),
)
json_body = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
).map(lambda value: __import__("json").dumps(value).encode())
body = st.one_of(
    st.binary(max_size=300),
    json_body,
    st.sampled_from([b"{" * 2000, b'{"max_count": 1e999}', b'{"cursor": ' + b"9" * 5000 + b"}", b"a=b&" * 50]),
)


def fill(template: str, values: list[str]) -> str:
    parts = template.split("{")
    path = parts[0]
    for index, part in enumerate(parts[1:]):
        _, _, rest = part.partition("}")
        path += quote(values[index % len(values)] or "x", safe="") + rest
    return path


async def call(method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]], content: bytes) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000"), *headers, (b"content-length", str(len(content)).encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent = False
    status = 0

    async def receive() -> dict:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)  # a client that waits: the app must not read past the body
        sent = True
        return {"type": "http.request", "body": content, "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await asyncio.wait_for(APP(scope, receive, send), timeout=10)
    return status


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
    template=st.sampled_from([*TEMPLATES, "/v2/nothing/", "/%ff", "/_mock/nothing"]),
    values=st.lists(nasty_text, min_size=1, max_size=3),
    query=st.lists(st.tuples(st.sampled_from(PARAMETERS) | nasty_text, nasty_text), max_size=5),
    signed=st.booleans(),
    headers=st.lists(
        st.tuples(st.sampled_from([b"authorization", b"content-type", b"x-tts-access-token", b"x-any"]), header_value),
        max_size=3,
    ),
    content=body,
)
def test_no_generated_request_gets_a_5xx(method, template, values, query, headers, content, signed):
    path = fill(template, values)
    if signed and template.startswith(SHOP_PREFIXES):  # past the Shop gate, into the handlers' own checks
        query = [("app_key", SHOP_APP.app_key), ("timestamp", NOW), ("shop_cipher", SHOP_CIPHER), *query]
        params = dict(reversed(query))
        text = content.decode("utf-8", "replace")
        query.append(("sign", signing.sign(SHOP_APP.app_secret, path, params, text, "application/json")))
        headers = [*headers, (b"x-tts-access-token", b"ROW_demo_access"), (b"content-type", b"application/json")]
    query_string = "&".join(f"{quote(key)}={quote(value)}" for key, value in query).encode()
    if template.startswith("/_mock/") and method != "GET":
        template = "/_mock/nothing"  # state-changing control calls have their own invariant test
        path = template

    status = asyncio.run(call(method, path, query_string, headers, content))

    assert 200 <= status < 500, (method, path, query_string[:200], headers, content[:200])


def test_after_the_fuzzing_a_valid_call_still_answers():
    status = asyncio.run(
        call("GET", "/v2/user/info/", b"fields=open_id", [(b"authorization", b"Bearer act.demo-tiktoker")], b"")
    )
    assert status == 200


WILD = ["9" * 5000, "-1", "1e400", "NaN", "\r\n", "%00", "²", "0x10", "", "[]", '{"a":1}', "9223372036854775808"]
ROUTES = sorted(
    {(method, route.path) for route in APP.routes if isinstance(route, Route) for method in route.methods or ()}
    - {("HEAD", path) for path in TEMPLATES}
)


@pytest.mark.parametrize("wild", WILD, ids=[f"wild{index}" for index in range(len(WILD))])
def test_every_parameter_with_a_wild_value_on_every_route_is_not_a_5xx(wild):
    failures = []
    for method, template in ROUTES:
        if template.startswith("/_mock/") and method != "GET":
            continue  # state-changing control calls have their own invariant test
        path = fill(template, ["x"])
        query = [(name, wild) for name in PARAMETERS]
        headers = [(b"authorization", b"Bearer act.demo-dancequeen-full")]
        if template.startswith(SHOP_PREFIXES):  # signed, so the wild values reach the handlers
            query = [("app_key", SHOP_APP.app_key), ("timestamp", NOW), ("shop_cipher", SHOP_CIPHER)] + [
                (name, value) for name, value in query if name not in ("app_key", "timestamp", "shop_cipher")
            ]
            query.append(
                ("sign", signing.sign(SHOP_APP.app_secret, path, dict(reversed(query)), "", "application/json"))
            )
            headers = [(b"x-tts-access-token", b"ROW_demo_access"), (b"content-type", b"application/json")]
        query_string = "&".join(f"{quote(key)}={quote(value)}" for key, value in query).encode()
        status = asyncio.run(call(method, path, query_string, headers, b""))
        if not 200 <= status < 500:
            failures.append((method, template, status))
    assert failures == []
