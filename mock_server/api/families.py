"""A fault's answer on the wire, in the envelope of the request's API family
(`mock_server.core.families` maps paths to families). Every envelope comes from
`api/errors.py`; this module only picks the right one."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from mock_server.api.errors import oauth_error, shop_error, v2_error
from mock_server.api.login_kit import with_query
from mock_server.api.pages import error_page
from mock_server.core.error_codes import OAUTH_DESCRIPTIONS
from mock_server.core.errors import OAuthError, ShopError
from mock_server.core.families import AUTHORIZE, OAUTH, SHOP, SHOP_ERRORS
from mock_server.core.faults import Respond
from mock_server.core.store import Store


def fault_response(request: Request, store: Store, family: str, respond: Respond, client_key: str | None) -> Response:
    if respond.error is not None:
        response = error_response(request, store, family, respond, client_key)
    else:
        response = raw_response(respond)
    for name, value in respond.headers:
        response.headers[name] = value
    return response


def raw_response(respond: Respond) -> Response:
    status = respond.status or 200
    if isinstance(respond.body, dict | list):
        return JSONResponse(respond.body, status_code=status)
    if respond.body is None:
        return Response(b"", status_code=status)
    text = respond.body if isinstance(respond.body, str) else json.dumps(respond.body)
    return Response(text, status_code=status, media_type="text/plain")


def error_response(request: Request, store: Store, family: str, respond: Respond, client_key: str | None) -> Response:
    error, message, status = respond.error, respond.message, respond.status
    if family == SHOP:
        return shop_error(request, shop_error_of(error, message, status))
    if family in (OAUTH, AUTHORIZE):
        assert isinstance(error, str)
        exc = OAuthError(error, message or OAUTH_DESCRIPTIONS.get(error, error))
        if family == AUTHORIZE:
            return authorize_error(request, store, exc, status)
        app = store.apps.get(client_key or "")
        response = oauth_error(request, exc, app.oauth_error_status if app else store.settings.oauth_error_status)
        if status is not None:
            response.status_code = status
        return response
    assert isinstance(error, str)
    return v2_error(request, error, message, status)


def shop_error_of(error: str | int | None, message: str | None, status: int | None) -> ShopError:
    if isinstance(error, int):
        return ShopError(error, message or f"Error {error} (injected by tiktok-mock).", status or 200)
    named = SHOP_ERRORS[str(error)]
    return ShopError(named.code, message or named.message, status or named.status)


def authorize_error(request: Request, store: Store, exc: OAuthError, status: int | None) -> Response:
    """On the consent page TikTok sends OAuth errors back to a registered redirect_uri; else it shows them."""
    params = request.query_params
    app = store.apps.get(params.get("client_key", ""))
    redirect_uri = params.get("redirect_uri", "")
    if app is not None and app.matches_redirect_uri(redirect_uri):
        query = {"error": exc.error, "error_description": exc.description, "state": params.get("state")}
        return RedirectResponse(with_query(redirect_uri, query), status_code=status or 302)
    return error_page(request, exc.description, status_code=status or 400)
