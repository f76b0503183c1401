"""Checking an authorization request (`/v2/auth/authorize/`), as TikTok does.

Two kinds of failure: those that cannot be sent back to the client because
the client or its redirect URI is unknown (`AuthorizePageError`, shown as a
page), and the rest (`OAuthError`, sent back to the redirect URI).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mock_server.core.errors import OAuthError
from mock_server.core.models import App
from mock_server.core.scopes import DEFAULT_SCOPE, parse_scope_list, unknown_scopes, with_default_scope


class AuthorizePageError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AuthorizeRequest:
    app: App
    redirect_uri: str
    scopes: tuple[str, ...]  # what the app asked for, user.info.basic first
    state: str | None
    code_challenge: str | None

    @property
    def required_scopes(self) -> tuple[str, ...]:
        """Scopes the user cannot untick on the consent page."""
        return (DEFAULT_SCOPE,)

    def granted(self, ticked: list[str]) -> list[str]:
        """What the user grants: the required scopes plus the ticked requested ones."""
        return with_default_scope([scope for scope in self.scopes if scope in ticked])


def check_authorize_request(apps: Mapping[str, App], params: Mapping[str, str]) -> AuthorizeRequest:
    client_key = params.get("client_key", "")
    app = apps.get(client_key)
    if not client_key:
        raise AuthorizePageError("The request is missing the client_key parameter.")
    if app is None:
        raise AuthorizePageError(f"No app with client_key '{client_key}' is registered with this server.")
    redirect_uri = params.get("redirect_uri", "")
    if not redirect_uri:
        raise AuthorizePageError("The request is missing the redirect_uri parameter.")
    if not app.matches_redirect_uri(redirect_uri):
        registered = ", ".join(app.redirect_uris)
        raise AuthorizePageError(
            f"The redirect_uri '{redirect_uri}' is not registered for this app. Registered: {registered}."
        )
    state = params.get("state")
    if params.get("response_type") != "code":
        raise OAuthError("unsupported_response_type", "The response_type must be 'code'.")
    requested = parse_scope_list(params.get("scope", ""))
    if not requested:
        raise OAuthError("invalid_scope", "The scope parameter is missing or empty.")
    unknown = unknown_scopes(requested)
    if unknown:
        hint = " Scopes are separated by commas." if any(" " in scope for scope in unknown) else ""
        raise OAuthError("invalid_scope", f"Unknown scope: {', '.join(unknown)}.{hint}")
    scopes = with_default_scope(requested)
    not_allowed = [scope for scope in scopes if scope not in app.scopes]
    if not_allowed:
        raise OAuthError("invalid_scope", f"The app is not authorized for the scope: {', '.join(not_allowed)}.")
    code_challenge = params.get("code_challenge") or None
    method = params.get("code_challenge_method")
    if code_challenge and method not in (None, "", "S256"):
        raise OAuthError("invalid_request", "The code_challenge_method must be S256.")
    if code_challenge is None and app.requires_pkce:
        raise OAuthError("invalid_request", "The code_challenge parameter is required for this app.")
    return AuthorizeRequest(app, redirect_uri, tuple(scopes), state, code_challenge)
