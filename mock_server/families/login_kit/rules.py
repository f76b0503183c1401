"""Login Kit's behaviour, pure (no HTTP): checking an authorization request,
issuing codes, the token endpoint's three grants, revoke, PKCE
(tiktok-api.md Part 1; the comments name what is TikTok's).

Two kinds of authorize failure: those that cannot be sent back to the client
because the client or its redirect URI is unknown (`AuthorizePageError`, shown
as a page), and the rest (`OAuthError`, sent back to the redirect URI).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.families.login_kit.models import App, User
from mock_server.families.login_kit.scopes import DEFAULT_SCOPE, parse_scope_list, unknown_scopes, with_default_scope
from mock_server.families.login_kit.state import LoginKitState
from mock_server.kernel.errors import OAuthError
from mock_server.kernel.grants import EXPIRED, USED, AuthCode, Dead, TokenSet

PKCE_INVALID = "Code verifier or code challenge is invalid."
REDIRECT_MISMATCH = "Redirect_uri is not matched with the uri when requesting code."
# `authorization.removed` reasons (tiktok-content-posting.md §4): 0 unknown, 1 the user disconnected
# the app, 2 account deleted, 3 age changed, 4 account banned, 5 the developer revoked.
USER_DISCONNECTED, DEVELOPER_REVOKED = 1, 5
REMOVAL_REASONS = range(6)
CODE_FATES = {USED: "Authorization code has been used.", EXPIRED: "Authorization code is expired."}


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
    auto_auth: bool = True  # False with `disable_auto_auth=1`: always show the consent page

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
    if "#" in redirect_uri:
        raise AuthorizePageError("The redirect_uri must not contain a fragment (#).")
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
    not_allowed = app.not_allowed(scopes)
    if not_allowed:
        raise OAuthError("invalid_scope", f"The app is not authorized for the scope: {', '.join(not_allowed)}.")
    code_challenge = params.get("code_challenge") or None
    method = params.get("code_challenge_method")
    if code_challenge and method not in (None, "", "S256"):
        raise OAuthError("invalid_request", "The code_challenge_method must be S256.")
    if code_challenge is None and app.requires_pkce:
        raise OAuthError("invalid_request", "The code_challenge parameter is required for this app.")
    # `disable_auto_auth`: 1 always shows the page; 0 (the default) skips it for a valid session.
    # Any other value is read as 0 (TikTok documents only these two).
    auto_auth = params.get("disable_auto_auth", "").strip() != "1"
    return AuthorizeRequest(app, redirect_uri, tuple(scopes), state, code_challenge, auto_auth)


def remembered_user(state: LoginKitState, auth: AuthorizeRequest, session: str | None) -> User | None:
    """Who to log in without showing the page: the browser's user, when they have already approved
    every asked scope for this app, unless the URL says `disable_auto_auth=1` (tiktok-api.md §1.1)."""
    user = state.session_user(session)
    if user is None or not auth.auto_auth or not state.granted(user, auth.app) >= set(auth.scopes):
        return None
    return user


def approve(state: LoginKitState, auth: AuthorizeRequest, user: User, scopes: list[str]) -> AuthCode:
    """The code the consent page hands back when the user authorizes."""
    return state.grants.issue_code(
        auth.app.client_key,
        state.open_id(user, auth.app),
        scopes,
        auth.app.code_ttl,
        auth.redirect_uri,
        auth.code_challenge,
    )


# -- the token endpoint ------------------------------------------------------------------


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


def exchange_code(state: LoginKitState, app: App, code: str, redirect_uri: str, code_verifier: str | None) -> TokenSet:
    try:
        record = state.grants.unspent_code(app.client_key, code)
    except Dead as dead:
        raise OAuthError("invalid_grant", CODE_FATES.get(dead.fate, "Authorization code is invalid.")) from None
    if redirect_uri != record.redirect_uri:
        raise OAuthError("invalid_request", REDIRECT_MISMATCH)
    if record.code_challenge is not None:
        # A verifier sent for a code issued without a challenge is ignored (Part 1).
        if not code_verifier or not pkce_matches(record.code_challenge, code_verifier, app.pkce_encoding):
            raise OAuthError("invalid_request", PKCE_INVALID)
    state.grants.spend_code(record)
    return state.issue_tokens(app, record.open_id, record.scopes)


def refresh(state: LoginKitState, app: App, refresh_token: str) -> TokenSet:
    try:
        return state.grants.refresh(
            app.client_key, refresh_token, app.access_token_ttl, app.refresh_token_ttl, app.rotate_refresh_token
        )
    except Dead:
        raise OAuthError("invalid_grant", "Refresh token is invalid or expired.") from None


def client_credentials(state: LoginKitState, app: App) -> dict[str, Any]:
    token = state.grants.issue_client_token(app.client_key, app.client_token_ttl)
    return {"access_token": token.token, "expires_in": app.client_token_ttl, "token_type": "Bearer"}


def grant(
    state: LoginKitState, app: App, grant_type: str, require: Callable[[str], str], get: Callable[[str], str | None]
) -> dict[str, Any]:
    """The token endpoint's reply for one grant type; `require`/`get` read the form."""
    now = state.clock.now()
    if grant_type == "authorization_code":
        code, redirect_uri = require("code"), require("redirect_uri")
        return token_body(exchange_code(state, app, code, redirect_uri, get("code_verifier")), now)
    if grant_type == "refresh_token":
        return token_body(refresh(state, app, require("refresh_token")), now)
    if grant_type == "client_credentials":
        return client_credentials(state, app)
    raise OAuthError("unsupported_grant_type", f"The grant_type '{grant_type}' is not supported.")


def revoke(state: LoginKitState, app: App, token: str) -> None:
    """Revoke a token of this app; a user token takes the user's whole grant with it.
    An unknown token is `invalid_request` (the mock's choice; TikTok is silent)."""
    owner = state.grants.owner_of(token)
    if owner is None:
        raise OAuthError("invalid_request", "The token is invalid or has already been revoked.")
    if owner[0] != app.client_key:
        raise OAuthError("invalid_request", "The token was not issued to this client.")
    open_id = owner[1]
    if open_id is None:  # a client token: no user, no grant
        state.grants.revoke(token)
        return
    state.remove_grant(app, open_id, DEVELOPER_REVOKED)


# -- PKCE --------------------------------------------------------------------------------


def pkce_challenges(verifier: str) -> dict[str, str]:
    """The two encodings of S256 TikTok's clients use (tiktok-api.md §1.2)."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return {
        "hex": digest.hex(),
        "base64url": base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii"),
    }


def pkce_matches(challenge: str, verifier: str, encoding: str = "either") -> bool:
    candidates = pkce_challenges(verifier)
    allowed = candidates.values() if encoding == "either" else [candidates[encoding]]
    given = challenge.encode("utf-8", "replace")
    return any(hmac.compare_digest(given, expected.encode("ascii")) for expected in allowed)
