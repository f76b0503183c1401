"""The one gate every Partner API call passes (tiktok-api.md §4.3), then its handler.

`partner_routes(endpoints)` wraps each endpoint in the same check: app_key,
sign present, timestamp within `shop_timestamp_tolerance`, sign right, access
token live and the app's, scope granted, shop_cipher present (or absent) and the
token's seller's. Only then does the handler see the call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_server.families.shop import errors as codes, rules, signing
from mock_server.families.shop.models import Seller
from mock_server.families.shop.requests import Call
from mock_server.families.shop.state import ShopRecords, ShopState
from mock_server.kernel.errors import ShopError
from mock_server.kernel.grants import AccessToken
from mock_server.kernel.inputs import INT64_MAX, InputError, json_document, whole_number
from mock_server.kernel.net import media_type
from mock_server.web.envelopes import shop_error, shop_ok

DEBUG_HEADER = "x-mock-debug"
FILE_FIELDS = frozenset({"data"})  # the multipart fields that carry a file (image upload's `data`)
TOKEN_HEADER = "x-tts-access-token"


@dataclass
class Partner:
    """What a handler gets: the checked call, and whose it is."""

    call: Call
    state: ShopState
    token: AccessToken
    seller: Seller
    records: ShopRecords | None  # None on the APIs that take no shop_cipher

    @property
    def shop(self) -> ShopRecords:
        assert self.records is not None  # only shop-scoped handlers ask
        return self.records


Handler = Callable[[Partner], Any]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Handler
    scope: str
    shop_scoped: bool = True


def _shop(request: Request) -> ShopState:
    return request.app.state.mock.shop


async def _checked(request: Request, endpoint: Endpoint) -> Partner:
    state = _shop(request)
    pairs = request.query_params.multi_items()
    query = dict(reversed(pairs))  # the first value of each key, as the signature reads it
    app = state.app(query.get("app_key", ""))
    if app is None:
        raise codes.invalid_params("Invalid credentials. Invalid `app_key` query parameter.")
    if not query.get("sign"):
        raise codes.bad_credential(
            "Missing credentials. The request does not include a required signature in the query."
        )
    now = state.clock.now_s()
    _check_timestamp(query.get("timestamp", ""), now, request.app.state.mock.settings.shop_timestamp_tolerance)
    raw = await request.body()
    content_type = request.headers.get("content-type", "")
    body_text = raw.decode("utf-8", "replace")
    ok, signed = signing.verify(app.app_secret, request.url.path, pairs, body_text, content_type, query["sign"])
    if not ok:
        raise codes.bad_sign(signed if request.headers.get(DEBUG_HEADER) == "1" else None)
    token = rules.live_access_token(state, request.headers.get(TOKEN_HEADER, ""))
    if token.app_key != app.app_key:
        raise codes.bad_credential("Invalid credentials. The `x-tts-access-token` header is invalid.")
    if endpoint.scope not in token.scopes:
        raise ShopError(
            codes.SCOPE_DENIED,
            "Access denied. This app has not been granted any access scope required by this endpoint.",
        )
    records = _shop_records(state, token, query.get("shop_cipher"), endpoint)
    call = Call(query=query, path_params=request.path_params, now=now)
    _read_body(call, raw, content_type, request.app.state.mock.settings.limits.max_json_depth)
    return Partner(call, state, token, state.sellers[token.open_id or ""], records)


def _check_timestamp(raw: str, now: int, tolerance: int) -> None:
    try:
        timestamp = whole_number(raw, "timestamp", -INT64_MAX, INT64_MAX)
    except InputError:
        raise codes.bad_credential("Invalid timestamp. The `timestamp` query parameter must be unix seconds.") from None
    if timestamp < 0:
        raise codes.bad_credential(
            "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0."
        )
    minutes = f"{tolerance // 60} minutes" if tolerance % 60 == 0 else f"{tolerance} seconds"
    if timestamp < now - tolerance:
        raise codes.bad_credential(
            "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than "
            f"{minutes} before the current time."
        )
    if timestamp > now + tolerance:
        raise codes.bad_credential(
            "Invalid timestamp. The value of the `timestamp` query parameter must not be later than "
            f"{minutes} after the current time."
        )


def _shop_records(state: ShopState, token: AccessToken, cipher: str | None, endpoint: Endpoint) -> ShopRecords | None:
    if not endpoint.shop_scoped:
        if cipher is not None:
            raise codes.invalid_params(
                "Unexpected identifier. The `shop_cipher` query parameter is not required for this request."
            )
        return None
    if not cipher:
        raise codes.invalid_params(
            "Missing identifier. The `shop_cipher` query parameter is required for this request."
        )
    return rules.shop_of(state, token, cipher)


def _read_body(call: Call, raw: bytes, content_type: str, max_depth: int) -> None:
    if not raw.strip():
        return
    if media_type(content_type) == signing.MULTIPART:
        call.files, call.fields = parse_multipart(raw, content_type)
        return
    call.has_body = True
    try:
        call.body = json_document(raw, max_depth)
    except InputError as exc:
        raise codes.invalid_params(f"Invalid parameter. {str(exc).capitalize()}.") from None


def parse_multipart(raw: bytes, content_type: str) -> tuple[dict[str, bytes], dict[str, str]]:
    """The file and text parts of a multipart/form-data body (stdlib email parser)."""
    message = BytesParser(policy=policy.HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
    if not message.is_multipart():
        raise codes.invalid_params("Invalid parameter. The multipart/form-data body cannot be read.")
    files: dict[str, bytes] = {}
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        if part.get_filename() is not None or name in FILE_FIELDS:  # a file part, with or without its name
            files[name] = payload
        else:
            fields[name] = payload.decode("utf-8", "replace")
    return files, fields


def method_not_allowed(request: Request, allowed: list[str]) -> Response:
    """TikTok's 36009009 with HTTP 405 and the path's methods in `Allow`."""
    message = f"Invalid method. {request.url.path} answers {', '.join(allowed)}, not {request.method}."
    response = shop_error(request, ShopError(codes.UNKNOWN_PATH, message, 405))
    response.headers["Allow"] = ", ".join(allowed)
    return response


def partner_routes(endpoints: list[Endpoint]) -> list[Route]:
    """One route per path, dispatching by method, so a 405 lists every method in `Allow`."""
    by_path: dict[str, dict[str, Endpoint]] = {}
    for endpoint in endpoints:
        by_path.setdefault(endpoint.path, {})[endpoint.method] = endpoint
    literal = {path: sorted(methods) for path, methods in by_path.items() if "{" not in path}
    return [_route(path, methods, literal) for path, methods in by_path.items()]


def _route(path: str, endpoints: dict[str, Endpoint], literal: dict[str, list[str]]) -> Route:
    async def run(request: Request) -> Response:
        # GET /product/202309/products/search is the search API's path with the wrong
        # method, not a product whose id is "search".
        if "{" in path and request.url.path in literal:
            return method_not_allowed(request, literal[request.url.path])
        endpoint = endpoints[request.method if request.method != "HEAD" else "GET"]
        try:
            partner = await _checked(request, endpoint)
            return shop_ok(request, endpoint.handler(partner))
        except ShopError as exc:
            return shop_error(request, exc)

    run.__name__ = "_or_".join(endpoint.handler.__name__ for endpoint in endpoints.values())
    return Route(path, run, methods=list(endpoints))
