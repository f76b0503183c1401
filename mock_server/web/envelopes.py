"""Every envelope the mock answers with is built here, and only here.

- Login Kit OAuth: flat `{"error", "error_description", "log_id"}`
- v2 APIs: `{"data": {...}, "error": {"code": "ok", ...}}` on success and
  `{"error": {"code", "message", "log_id"}}` (no `data`) on failure
- TikTok Shop: `{"code": 0, "message": "success", "request_id", "data"}`, and
  on failure a non-zero int `code` with `"data": null`
The request's log_id doubles as the Shop `request_id` (same 34-character form).
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse

from mock_server.families import V2_ERRORS
from mock_server.families.login_kit.errors import OAUTH_ERRORS
from mock_server.kernel.errors import ApiError, OAuthError, ShopError

LOG_ID_KEY = "tiktok.log_id"


class JSONReply(JSONResponse):
    """A JSONResponse encoded by orjson: the same compact UTF-8 bytes as Starlette's
    `json.dumps`, 5-10x faster (encoding was a third of a 27 KB video/list reply)."""

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
        except orjson.JSONEncodeError:  # e.g. an int beyond 64 bits, which json.dumps writes as it is
            return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def log_id_of(request: Request) -> str:
    """The request's log_id, set once per request by `LogIdMiddleware`."""
    return request.scope[LOG_ID_KEY]


def v2_ok(request: Request, data: dict[str, Any]) -> JSONReply:
    return JSONReply({"data": data, "error": {"code": "ok", "message": "", "log_id": log_id_of(request)}})


def v2_done(request: Request) -> JSONReply:
    """Success with no `data` at all, as Content Posting's cancel answers: `{"error": {"code": "ok", ...}}`."""
    return JSONReply({"error": {"code": "ok", "message": "", "log_id": log_id_of(request)}})


def v2_error(
    request: Request,
    code: str,
    message: str | None = None,
    status: int | None = None,
    data: dict[str, Any] | None = None,
) -> JSONReply:
    """The v2 error body, without `data` unless one is given (creator_info's "cannot post now")."""
    known = V2_ERRORS.get(code)
    error = {"code": code, "message": message or (known.message if known else code), "log_id": log_id_of(request)}
    body: dict[str, Any] = {"error": error} if data is None else {"data": data, "error": error}
    return JSONReply(body, status_code=status or (known.status if known else 400))


def v2_error_from(request: Request, exc: Exception) -> JSONReply:
    assert isinstance(exc, ApiError)
    return v2_error(request, exc.code, exc.message, exc.status)


def shop_ok(request: Request, data: Any) -> JSONReply:
    return JSONReply({"code": 0, "message": "success", "request_id": log_id_of(request), "data": data})


def shop_error(request: Request, exc: ShopError) -> JSONReply:
    body = {"code": exc.code, "message": exc.message, "request_id": log_id_of(request), "data": None}
    return JSONReply(body, status_code=exc.http_status)


def oauth_error_status(error: str, mode: str) -> int:
    """TikTok answers token errors with 200; `rfc6749` mode uses RFC 6749's statuses."""
    return 200 if mode == "200" else OAUTH_ERRORS.get(error, 400)


def oauth_error(request: Request, exc: OAuthError, mode: str) -> JSONReply:
    body = {"error": exc.error, "error_description": exc.description, "log_id": log_id_of(request)}
    return JSONReply(body, status_code=oauth_error_status(exc.error, mode), headers=NO_STORE)


NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
