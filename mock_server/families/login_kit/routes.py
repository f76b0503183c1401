"""Login Kit OAuth v2 over HTTP: the authorize page, token and revoke endpoints.

Thin: parse the request, call `rules`, render TikTok's reply or error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from mock_server.families.login_kit import rules
from mock_server.families.login_kit.errors import OAUTH_DESCRIPTIONS
from mock_server.families.login_kit.models import App, User
from mock_server.families.login_kit.scopes import SCOPE_DESCRIPTIONS
from mock_server.families.login_kit.state import LoginKitState
from mock_server.kernel.errors import OAuthError
from mock_server.kernel.faults import Respond
from mock_server.web.envelopes import NO_STORE, JSONReply, oauth_error
from mock_server.web.forms import Form, read_form
from mock_server.web.pages import error_page, render
from mock_server.web.routing import both_slashes, with_query


def _state(request: Request) -> LoginKitState:
    return request.app.state.mock.login_kit


def _redirect_error(redirect_uri: str, exc: OAuthError, state: str | None, status: int = 302) -> RedirectResponse:
    target = with_query(redirect_uri, {"error": exc.error, "error_description": exc.description, "state": state})
    return RedirectResponse(target, status_code=status)


def _approve(state: LoginKitState, auth: rules.AuthorizeRequest, user: User, scopes: list[str]) -> RedirectResponse:
    code = rules.approve(state, auth, user, scopes)
    target = with_query(auth.redirect_uri, {"code": code.code, "scopes": ",".join(scopes), "state": auth.state})
    return RedirectResponse(target, status_code=302)


# The browser's session on the mock's origin, as TikTok's login cookie: the consent page remembers
# who approved what, and skips itself next time (remembered_user).
SESSION_COOKIE = "tiktok_mock_session"


def _remember(response: Response, request: Request, state: LoginKitState, user: User) -> Response:
    session = state.log_in(request.cookies.get(SESSION_COOKIE), user.username)
    response.set_cookie(SESSION_COOKIE, session, path="/", httponly=True, samesite="lax")
    return response


def _check(request: Request, params: dict[str, str]) -> rules.AuthorizeRequest | Response:
    """The checked request, or the answer TikTok gives when it is wrong."""
    try:
        return rules.check_authorize_request(_state(request).apps, params)
    except rules.AuthorizePageError as exc:
        return error_page(request, exc.message)
    except OAuthError as exc:
        return _redirect_error(params["redirect_uri"], exc, params.get("state"))


async def authorize_page(request: Request) -> Response:
    state = _state(request)
    checked = _check(request, dict(request.query_params))
    if isinstance(checked, Response):
        return checked
    auto_user = checked.app.auto_approve or state.settings.auto_approve
    if auto_user and auto_user in state.users:
        return _approve(state, checked, state.users[auto_user], list(checked.scopes))
    session = request.cookies.get(SESSION_COOKIE)
    remembered = rules.remembered_user(state, checked, session)
    if remembered is not None:
        return _remember(_approve(state, checked, remembered, list(checked.scopes)), request, state, remembered)
    context = _consent_context(state, checked, dict(request.query_params), state.session_user(session))
    return render(request, "consent.html", context)


CONSENT_FIELDS = (
    "client_key",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
)


def _consent_context(
    state: LoginKitState, auth: rules.AuthorizeRequest, params: dict[str, str], session_user: User | None
) -> dict[str, Any]:
    """The page's data; a browser that approved this app before sees its user chosen and the scopes it
    granted then marked (asking for one more scope shows the page again)."""
    granted = state.granted(session_user, auth.app) if session_user else frozenset()
    scopes = [
        {
            "name": scope,
            "description": SCOPE_DESCRIPTIONS[scope],
            "required": scope in auth.required_scopes,
            "granted": scope in granted,
        }
        for scope in auth.scopes
    ]
    users = list(state.users.values())
    return {
        "app": auth.app,
        "users": users,
        "chosen": session_user.username if session_user else (users[0].username if users else None),
        "scopes": scopes,
        "hidden": {key: params[key] for key in CONSENT_FIELDS if params.get(key)},
        "redirect_host": auth.redirect_uri.split("/")[2],
    }


async def authorize_decision(request: Request) -> Response:
    """The consent form's POST: the user chose Authorize or Cancel."""
    state = _state(request)
    try:
        form = await read_form(request)
    except OAuthError as exc:
        return error_page(request, exc.description)
    checked = _check(request, form.first)
    if isinstance(checked, Response):
        return checked
    if form.get("action") != "authorize":
        denied = OAuthError("access_denied", "The user denied the authorization request.")
        return _redirect_error(checked.redirect_uri, denied, checked.state)
    user = state.users.get(form.get("user") or "")
    if user is None:
        return error_page(request, "Choose a TikTok account to log in with.")
    scopes = checked.granted(form.all("scopes"))
    state.consent(user, checked.app, scopes)
    return _remember(_approve(state, checked, user, scopes), request, state, user)


async def authorize(request: Request) -> Response:
    """One route for the page and its form, so a 405 on this path lists both methods in `Allow`."""
    if request.method == "POST":
        return await authorize_decision(request)
    return await authorize_page(request)


# -- token and revoke ------------------------------------------------------------------


async def _client_call(request: Request, action: Callable[[LoginKitState, App, Form], dict[str, Any]]) -> Response:
    """Authenticate the client from the form, run `action`, render TikTok's reply or error."""
    state = _state(request)
    mode = state.settings.oauth_error_status
    try:
        form = await read_form(request)
        client_key = form.require("client_key")
        if client_key in state.apps:
            mode = state.apps[client_key].oauth_error_status
        app = state.authenticate_client(client_key, form.require("client_secret"))
        return JSONReply(action(state, app, form), headers=NO_STORE)
    except OAuthError as exc:
        return oauth_error(request, exc, mode)


def _grant(state: LoginKitState, app: App, form: Form) -> dict[str, Any]:
    return rules.grant(state, app, form.require("grant_type"), form.require, form.get)


def _revoke(state: LoginKitState, app: App, form: Form) -> dict[str, Any]:
    rules.revoke(state, app, form.require("token"))
    return {}


async def token(request: Request) -> Response:
    return await _client_call(request, _grant)


async def revoke(request: Request) -> Response:
    return await _client_call(request, _revoke)


routes = [
    *both_slashes("/v2/auth/authorize/", authorize, ["GET", "POST"]),
    *both_slashes("/v2/oauth/token/", token, ["POST"]),
    *both_slashes("/v2/oauth/revoke/", revoke, ["POST"]),
]


# -- faults ------------------------------------------------------------------------------


def fault_response(request: Request, envelope: str, respond: Respond, client_key: str | None) -> Response:
    """An injected OAuth error: JSON on the token endpoints; on the consent page, sent back to a
    registered redirect_uri as TikTok does (or shown, when there is none)."""
    assert isinstance(respond.error, str)
    exc = OAuthError(respond.error, respond.message or OAUTH_DESCRIPTIONS.get(respond.error, respond.error))
    state = _state(request)
    if envelope == "authorize":
        params = request.query_params
        app = state.apps.get(params.get("client_key", ""))
        redirect_uri = params.get("redirect_uri", "")
        redirecting = respond.status is None or 300 <= respond.status < 400
        if redirecting and app is not None and app.matches_redirect_uri(redirect_uri):
            return _redirect_error(redirect_uri, exc, params.get("state"), respond.status or 302)
        return error_page(request, exc.description, status_code=respond.status or 400)
    app = state.apps.get(client_key or "")
    response = oauth_error(request, exc, app.oauth_error_status if app else state.settings.oauth_error_status)
    if respond.status is not None:
        response.status_code = respond.status
    return response
