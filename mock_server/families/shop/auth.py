"""TikTok Shop seller authorization: the consent pages and the token endpoints (§4.1, §4.2).

- `GET /oauth/authorize?app_key=&state=` (legacy, auth.tiktok-shops.com) and
  `GET /open/authorize?service_id=&state=` (current, services.tiktokshop.com): the
  seller picks an account, Authorize redirects to the app's redirect_uri with
  `code` and `state`; Cancel with `error=access_denied` (the mock's choice).
- `GET /api/v2/token/get` and `/api/v2/token/refresh`: query parameters in, the
  `{code, message, request_id, data}` envelope out, errors with HTTP 200 (a live
  call answered a junk token with 200 and the error envelope).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mock_server.families.shop import errors as codes, rules
from mock_server.families.shop.models import Seller, ShopApp
from mock_server.families.shop.scopes import SHOP_SCOPES
from mock_server.families.shop.state import ShopState
from mock_server.kernel.errors import OAuthError, ShopError
from mock_server.kernel.grants import TokenSet
from mock_server.web.envelopes import shop_error, shop_ok
from mock_server.web.forms import read_form
from mock_server.web.pages import error_page, render
from mock_server.web.routing import with_query


def _shop(request: Request) -> ShopState:
    return request.app.state.mock.shop


# -- token endpoints ---------------------------------------------------------------


def _required(params: dict[str, str], key: str) -> str:
    value = params.get(key, "")
    if not value:
        raise ShopError(codes.INVALID_REQUEST, f"Invalid parameter. {key} is required.")
    return value


def _authenticated(state: ShopState, params: dict[str, str], grant_type: str) -> ShopApp:
    app = rules.authenticate(state, _required(params, "app_key"), _required(params, "app_secret"))
    given = _required(params, "grant_type")
    if given != grant_type:
        raise ShopError(codes.BAD_GRANT_TYPE, f"Invalid grant_type '{given}'. This endpoint takes '{grant_type}'.")
    return app


SpendCredential = Callable[[ShopState, ShopApp, str], tuple[TokenSet, Seller]]


async def _token_call(request: Request, grant_type: str, credential: str, spend: SpendCredential) -> Response:
    """Token get and refresh differ only in their grant type and the credential they spend."""
    state = _shop(request)
    params = dict(reversed(request.query_params.multi_items()))  # the first value of a repeated key wins
    try:
        app = _authenticated(state, params, grant_type)
        tokens, seller = spend(state, app, _required(params, credential))
    except ShopError as exc:
        return shop_error(request, exc)
    return shop_ok(request, rules.token_data(tokens, seller))


async def token_get(request: Request) -> Response:
    return await _token_call(request, "authorized_code", "auth_code", rules.exchange_code)


async def token_refresh(request: Request) -> Response:
    return await _token_call(request, "refresh_token", "refresh_token", rules.refresh)


# -- seller authorization pages ------------------------------------------------------


def _app_for(state: ShopState, params: dict[str, str]) -> ShopApp | str:
    """The app an authorize URL names by app_key (legacy) or service_id (current)."""
    if params.get("app_key"):
        app = state.app(params["app_key"])
        return app or f"No TikTok Shop app has the app_key '{params['app_key']}'."
    if params.get("service_id"):
        app = next((a for a in state.apps.values() if a.service_id == params["service_id"]), None)
        return app or f"No TikTok Shop app has the service_id '{params['service_id']}'."
    return "The authorization link is missing its app_key or service_id."


def _approve(state: ShopState, app: ShopApp, seller: Seller, authorize_state: str | None) -> Response:
    code = rules.issue_auth_code(state, app, seller)
    return RedirectResponse(with_query(app.redirect_uri, {"code": code.code, "state": authorize_state}), 302)


async def authorize_page(request: Request) -> Response:
    state = _shop(request)
    params = dict(request.query_params)
    app = _app_for(state, params)
    if isinstance(app, str):
        return error_page(request, app)
    if app.auto_approve:
        return _approve(state, app, state.sellers_by_name[app.auto_approve], params.get("state"))
    hidden = {key: params[key] for key in ("app_key", "service_id", "state") if params.get(key)}
    context = {
        "app": app,
        "sellers": list(state.sellers.values()),
        "scopes": [{"name": s, "description": SHOP_SCOPES.get(s, s)} for s in app.scopes],
        "hidden": hidden,
        "action": request.url.path,
        "redirect_host": app.redirect_uri.split("/")[2],
    }
    return render(request, "shop_consent.html", context)


async def authorize_decision(request: Request) -> Response:
    state = _shop(request)
    try:
        form = await read_form(request)
    except OAuthError as exc:
        return error_page(request, exc.description)
    app = _app_for(state, form.first)
    if isinstance(app, str):
        return error_page(request, app)
    if form.get("action") != "authorize":
        denied = {"error": "access_denied", "error_description": "The seller denied the authorization."}
        return RedirectResponse(with_query(app.redirect_uri, {**denied, "state": form.get("state")}), 302)
    seller = state.seller(form.get("seller") or "")
    if seller is None:
        return error_page(request, "Choose a seller account to authorize with.")
    return _approve(state, app, seller, form.get("state"))


async def authorize(request: Request) -> Response:
    # One route per path, so a 405 on it lists both methods in `Allow`.
    if request.method == "POST":
        return await authorize_decision(request)
    return await authorize_page(request)


routes = [
    Route("/api/v2/token/get", token_get, methods=["GET"]),
    Route("/api/v2/token/refresh", token_refresh, methods=["GET"]),
    Route("/oauth/authorize", authorize, methods=["GET", "POST"]),
    Route("/open/authorize", authorize, methods=["GET", "POST"]),
]
