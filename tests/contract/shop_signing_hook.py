"""Signing for schemathesis: generated TikTok Shop Partner API requests get a real
`app_key`, `timestamp`, `sign` and `x-tts-access-token`, so they pass the mock's
signature gate and reach the handlers (the gate itself is tested in tests/shop).

Use: `sign_shop_case(case, now)` on any Partner API case, or load this module as a
hooks module (it registers a `before_call` hook that signs every Partner call,
reading the mock's time once from `GET /_mock/clock` at TIKTOK_MOCK_ORIGIN).
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import schemathesis

from mock_server.core.shop import signing

APP_KEY = "6demo00shop"
APP_SECRET = "demo-shop-secret"
ACCESS_TOKEN = "ROW_demo_access"
GB_CIPHER = "GCP_demoShopGB00000000000000000001"
PARTNER_TAG = "partner"  # the tag every signed Partner API operation carries in the spec


def _wire(value: Any) -> str:
    """A query value as requests puts it on the wire."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_text(body: Any) -> str:
    """The body as requests sends `json=` (json.dumps defaults); "" for a non-JSON (multipart) body."""
    try:
        return json.dumps(body)
    except TypeError:
        return ""


def sign_shop_case(case: Any, now: int, token: str = ACCESS_TOKEN) -> None:
    """Give a Partner API case valid credentials and the sign over what will be sent."""
    query = {key: _wire(value) for key, value in (case.query or {}).items() if not isinstance(value, list | dict)}
    query.update(app_key=APP_KEY, timestamp=str(now))
    if "shop_cipher" in query:
        query["shop_cipher"] = GB_CIPHER  # a generated cipher would only ever be refused
    query.pop("sign", None)
    body = getattr(case, "body", None)
    media_type = getattr(case, "media_type", None) or "application/json"
    text = "" if body is None or media_type.startswith(signing.MULTIPART) else _json_text(body)
    query["sign"] = signing.sign(APP_SECRET, case.formatted_path, query, text, media_type)
    case.query = query
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "x-tts-access-token"}
    case.headers = {**headers, "x-tts-access-token": token}


_now: list[int] = []


def mock_now() -> int:
    if not _now:
        origin = os.environ["TIKTOK_MOCK_ORIGIN"]
        _now.append(int(httpx.get(f"{origin}/_mock/clock").json()["time"]))
    return _now[0]


@schemathesis.hook
def before_call(context, case, kwargs):
    if PARTNER_TAG in (case.operation.tags or ()):
        sign_shop_case(case, mock_now())
