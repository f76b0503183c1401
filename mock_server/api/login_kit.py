"""Login Kit OAuth v2: the authorize page, token, and revoke endpoints.

Behaviour follows tiktok-api.md Part 1; the comments name what is TikTok's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from mock_server.api.errors import NO_STORE, JSONReply, oauth_error
from mock_server.api.forms import Form, read_form
from mock_server.api.pages import error_page, render
from mock_server.api.routing import both_slashes
from mock_server.core.authorize import AuthorizePageError, AuthorizeRequest, check_authorize_request
from mock_server.core.errors import OAuthError
from mock_server.core.models import App, User
from mock_server.core.scopes import SCOPE_DESCRIPTIONS
from mock_server.core.store import Store
from mock_server.core.tokens import TokenSet


def _store(request: Request) -> Store:
    return request.app.state.store


def with_query(uri: str, params: dict[str, str | None]) -> str:
    query = urlencode({key: value for key, value in params.items() if value is not None})
    return f"{uri}{'&' if '?' in uri else '?'}{query}"


def _redirect_error(redirect_uri: str, exc: OAuthError, state: str | None) -> RedirectResponse:
    target = with_query(redirect_uri, {"error": exc.error, "error_description": exc.description, "state": state})
    return RedirectResponse(target, status_code=302)


def _approve(store: Store, auth: AuthorizeRequest, user: User, scopes: list[str]) -> RedirectResponse:
    code = store.tokens.issue_code(auth.app, user.open_id, scopes, auth.redirect_uri, auth.code_challenge)
    target = with_query(auth.redirect_uri, {"code": code.code, "scopes": ",".join(scopes), "state": auth.state})
    return RedirectResponse(target, status_code=302)


def _check(request: Request, params: dict[str, str]) -> AuthorizeRequest | Response:
    """The checked request, or the answer TikTok gives when it is wrong."""
    try:
        return check_authorize_request(_store(request).apps, params)
    except AuthorizePageError as exc:
        return error_page(request, exc.message)
    except OAuthError as exc:
        return _redirect_error(params["redirect_uri"], exc, params.get("state"))


async def authorize_page(request: Request) -> Response:
    store = _store(request)
    checked = _check(request, dict(request.query_params))
    if isinstance(checked, Response):
        return checked
    auto_user = checked.app.auto_approve or store.settings.auto_approve
    if auto_user and auto_user in store.users:
        return _approve(store, checked, store.users[auto_user], list(checked.scopes))
    return render(request, "consent.html", _consent_context(store, checked, dict(request.query_params)))


def _consent_context(store: Store, auth: AuthorizeRequest, params: dict[str, str]) -> dict[str, Any]:
    hidden = {
        key: params[key]
        for key in (
            "client_key",
            "redirect_uri",
            "response_type",
            "scope",
            "state",
            "code_challenge",
            "code_challenge_method",
        )
        if params.get(key)
    }
    scopes = [
        {"name": scope, "description": SCOPE_DESCRIPTIONS[scope], "required": scope in auth.required_scopes}
        for scope in auth.scopes
    ]
    return {
        "app": auth.app,
        "users": list(store.users.values()),
        "scopes": scopes,
        "hidden": hidden,
        "redirect_host": auth.redirect_uri.split("/")[2],
    }


async def authorize_decision(request: Request) -> Response:
    """The consent form's POST: the user chose Authorize or Cancel."""
    store = _store(request)
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
    user = store.users.get(form.get("user") or "")
    if user is None:
        return error_page(request, "Choose a TikTok account to log in with.")
    return _approve(store, checked, user, checked.granted(form.all("scopes")))


# -- token endpoint ---------------------------------------------------------


def token_body(tokens: TokenSet, now: float) -> dict[str, Any]:
    """TikTok's flat v2 token reply (tiktok-api.md §1.3), lifetimes in seconds."""
    return {
        "access_token": tokens.access.token,
        "expires_in": round(tokens.access.expires_at - now),
        "open_id": tokens.access.open_id,
        "refresh_expires_in": round(tokens.refresh.expires_at - now),
        "refresh_token": tokens.refresh.token,
        "scope": ",".join(tokens.access.scopes),
        "token_type": "Bearer",
    }


def _authorization_code(store: Store, app: App, form: Form) -> dict[str, Any]:
    code = form.require("code")
    redirect_uri = form.require("redirect_uri")
    tokens = store.tokens.exchange_code(app, code, redirect_uri, form.get("code_verifier"))
    return token_body(tokens, store.clock.now())


def _refresh_token(store: Store, app: App, form: Form) -> dict[str, Any]:
    tokens = store.tokens.refresh(app, form.require("refresh_token"))
    return token_body(tokens, store.clock.now())


def _client_credentials(store: Store, app: App, form: Form) -> dict[str, Any]:
    token = store.tokens.issue_client_token(app)
    return {"access_token": token.token, "expires_in": app.client_token_ttl, "token_type": "Bearer"}


GRANTS: dict[str, Callable[[Store, App, Form], dict[str, Any]]] = {
    "authorization_code": _authorization_code,
    "refresh_token": _refresh_token,
    "client_credentials": _client_credentials,
}


async def _client_call(request: Request, action: Callable[[Store, App, Form], dict[str, Any]]) -> Response:
    """Authenticate the client from the form, run `action`, render TikTok's reply or error."""
    store = _store(request)
    mode = store.settings.oauth_error_status
    try:
        form = await read_form(request)
        client_key = form.require("client_key")
        if client_key in store.apps:
            mode = store.apps[client_key].oauth_error_status
        app = store.authenticate_client(client_key, form.require("client_secret"))
        return JSONReply(action(store, app, form), headers=NO_STORE)
    except OAuthError as exc:
        return oauth_error(request, exc, mode)


def _grant(store: Store, app: App, form: Form) -> dict[str, Any]:
    grant_type = form.require("grant_type")
    handler = GRANTS.get(grant_type)
    if handler is None:
        raise OAuthError("unsupported_grant_type", f"The grant_type '{grant_type}' is not supported.")
    return handler(store, app, form)


def _revoke(store: Store, app: App, form: Form) -> dict[str, Any]:
    token = form.require("token")
    owner = store.tokens.owner_of(token)
    if owner is None:
        raise OAuthError("invalid_request", "The token is invalid or has already been revoked.")
    if owner[0] != app.client_key:
        raise OAuthError("invalid_request", "The token was not issued to this client.")
    store.tokens.revoke_token(token)
    return {}


async def token(request: Request) -> Response:
    return await _client_call(request, _grant)


async def revoke(request: Request) -> Response:
    return await _client_call(request, _revoke)


async def authorize(request: Request) -> Response:
    """One route for the page and its form, so a 405 on this path lists both methods in `Allow`."""
    if request.method == "POST":
        return await authorize_decision(request)
    return await authorize_page(request)


routes = [
    *both_slashes("/v2/auth/authorize/", authorize, ["GET", "POST"]),
    *both_slashes("/v2/oauth/token/", token, ["POST"]),
    *both_slashes("/v2/oauth/revoke/", revoke, ["POST"]),
]
