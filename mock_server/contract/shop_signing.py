"""Signing for schemathesis: generated TikTok Shop Partner API requests get a real
`app_key`, `timestamp`, `sign` and `x-tts-access-token`, so they pass the mock's
signature gate and reach the handlers (the gate itself is tested in tests/shop).

A negative case keeps what it broke: a credential the case left out stays out,
and one whose generated value breaks its own schema (a `timestamp` that is not an
integer, a `sign` that is not 64 hex digits) is sent as generated. Only values the
schema accepts are swapped for working ones, and the `sign` is always computed over
the request exactly as it goes on the wire, so the mock refuses a negative case for
the broken part, not for a stale signature.

Use: `sign_shop_case(case, now, origin)` on any Partner API case, or load this module
as a hooks module (it registers a `before_call` hook that signs every Partner call at
the mock's time, read from `GET /_mock/clock`: session.mock_now).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import requests
import schemathesis
from schemathesis.core.parameters import ParameterLocation

from mock_server.contract.session import mock_now, origin_of
from mock_server.families.shop import signing

APP_KEY = "6demo00shop"
APP_SECRET = "demo-shop-secret"
ACCESS_TOKEN = "ROW_demo_access"
GB_CIPHER = "GCP_demoShopGB00000000000000000001"
PARTNER_TAG = "partner"  # the tag every signed Partner API operation carries in the spec
TOKEN_HEADER = "x-tts-access-token"
SIGN = re.compile(r"^[0-9a-f]{64}$")
INTEGER = re.compile(r"^-?\d+$")
REQUEST_ARGS = ("method", "url", "headers", "files", "data", "params", "cookies", "json")


def _negative_at(case: Any, location: ParameterLocation) -> bool:
    meta = getattr(case, "meta", None)
    return meta is not None and meta.is_negative_at(location)


def _fits(name: str, value: Any) -> bool:
    """Whether a generated credential value satisfies its own schema in the spec."""
    if name == "timestamp":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, str) and bool(INTEGER.match(value))
        )
    return isinstance(value, str)  # app_key, shop_cipher and the token header are plain strings


def _credentials(case: Any, now: int, token: str) -> None:
    """Working app_key, timestamp, shop_cipher and token, except where a negative case broke them."""
    query = dict(case.query or {})
    working = {"app_key": APP_KEY, "timestamp": str(now), "shop_cipher": GB_CIPHER}
    negative_query = _negative_at(case, ParameterLocation.QUERY)
    for name, value in working.items():
        if name not in query:
            # A positive case of a shop-scoped API always carries shop_cipher (the spec requires it).
            if not negative_query and name != "shop_cipher":
                query[name] = value
        elif not negative_query or _fits(name, query[name]):
            query[name] = value
    case.query = query
    headers = dict(case.headers or {})
    present = next((key for key in headers if key.lower() == TOKEN_HEADER), None)
    if present is None:
        if not _negative_at(case, ParameterLocation.HEADER):
            headers[TOKEN_HEADER] = token
    elif not _negative_at(case, ParameterLocation.HEADER) or _fits(TOKEN_HEADER, headers[present]):
        del headers[present]
        headers[TOKEN_HEADER] = token
    case.headers = headers


def _wire(case: Any, origin: str) -> requests.PreparedRequest:
    """The request as schemathesis will send it (query serialised, body encoded)."""
    kwargs = case.as_transport_kwargs(base_url=origin)
    return requests.Request(**{key: kwargs[key] for key in REQUEST_ARGS if key in kwargs}).prepare()


def sign_shop_case(case: Any, now: int, origin: str, token: str = ACCESS_TOKEN) -> None:
    """Give a Partner API case valid credentials and the sign over what will be sent."""
    _credentials(case, now, token)
    query = dict(case.query)
    generated_sign = query.pop("sign", None)
    if _negative_at(case, ParameterLocation.QUERY):
        if generated_sign is None:
            return  # the case left `sign` out: so does the request
        if not (isinstance(generated_sign, str) and SIGN.match(generated_sign)):
            return  # a malformed sign is the point of this case
    case.query = query
    sent = _wire(case, origin)
    url = urlsplit(str(sent.url))
    pairs = parse_qsl(url.query, keep_blank_values=True)
    content_type = str(sent.headers.get("Content-Type", ""))
    body = sent.body or b""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    case.query = {**query, "sign": signing.sign(APP_SECRET, unquote(url.path), pairs, text, content_type)}


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: Any) -> None:
    if PARTNER_TAG in (case.operation.tags or ()):
        origin = origin_of(case.operation)
        sign_shop_case(case, mock_now(origin), origin)
