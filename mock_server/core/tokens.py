"""Authorization codes and tokens: issue, look up, refresh, revoke.

Every expiry is read from the injected clock. A grant is one user's
authorization of one app; revoking it kills every code and token it produced.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field

from mock_server.core.clock import Clock
from mock_server.core.errors import OAuthError
from mock_server.core.ids import IdFactory
from mock_server.core.models import App

GrantKey = tuple[str, str]  # (client_key, open_id)

# Every refresh mints an access token that lives its full TTL; a client refreshing
# in a loop would grow memory without end. Past this many live access tokens per
# grant (or client tokens per app) the oldest is dropped, as if it had expired.
MAX_ACCESS_TOKENS_PER_GRANT = 1000

PKCE_INVALID = "Code verifier or code challenge is invalid."
REDIRECT_MISMATCH = "Redirect_uri is not matched with the uri when requesting code."


@dataclass(slots=True)
class AuthCode:
    code: str
    client_key: str
    open_id: str
    scopes: tuple[str, ...]
    redirect_uri: str
    expires_at: float
    code_challenge: str | None = None
    used: bool = False


@dataclass(slots=True)
class AccessToken:
    token: str
    client_key: str
    open_id: str | None  # None for a client (`clt.`) token
    scopes: tuple[str, ...]
    issued_at: float
    expires_at: float

    @property
    def is_client_token(self) -> bool:
        return self.open_id is None


@dataclass(slots=True)
class RefreshToken:
    token: str
    client_key: str
    open_id: str
    scopes: tuple[str, ...]
    expires_at: float


@dataclass
class TokenSet:
    """What one successful code exchange or refresh hands back."""

    access: AccessToken
    refresh: RefreshToken


@dataclass
class Grant:
    codes: set[str] = field(default_factory=set)
    access_tokens: dict[str, None] = field(default_factory=dict)  # insertion-ordered: oldest first
    refresh_tokens: set[str] = field(default_factory=set)


class TokenStore:
    def __init__(self, clock: Clock, ids: IdFactory) -> None:
        self.clock = clock
        self.ids = ids
        self.codes: dict[str, AuthCode] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.grants: dict[GrantKey, Grant] = {}
        self.client_tokens: dict[str, dict[str, None]] = {}  # client_key -> its clt. tokens, oldest first
        self._sweep_codes_at = 1024

    # -- authorization codes -------------------------------------------------

    def issue_code(
        self, app: App, open_id: str, scopes: list[str], redirect_uri: str, code_challenge: str | None = None
    ) -> AuthCode:
        self._forget_expired_codes()
        code = AuthCode(
            code=self.ids.auth_code(),
            client_key=app.client_key,
            open_id=open_id,
            scopes=tuple(scopes),
            redirect_uri=redirect_uri,
            expires_at=self.clock.now() + app.code_ttl,
            code_challenge=code_challenge,
        )
        self.codes[code.code] = code
        self._grant(app.client_key, open_id).codes.add(code.code)
        return code

    def exchange_code(self, app: App, code: str, redirect_uri: str, code_verifier: str | None) -> TokenSet:
        record = self.codes.get(code)
        if record is None or record.client_key != app.client_key:
            raise OAuthError("invalid_grant", "Authorization code is invalid.")
        if record.used:
            raise OAuthError("invalid_grant", "Authorization code has been used.")
        if self.clock.now() >= record.expires_at:
            raise OAuthError("invalid_grant", "Authorization code is expired.")
        if redirect_uri != record.redirect_uri:
            raise OAuthError("invalid_request", REDIRECT_MISMATCH)
        if record.code_challenge is not None:
            # A verifier sent for a code issued without a challenge is ignored (Part 1).
            if not code_verifier or not pkce_matches(record.code_challenge, code_verifier, app.pkce_encoding):
                raise OAuthError("invalid_request", PKCE_INVALID)
        record.used = True
        return self.issue_token_set(app, record.open_id, list(record.scopes))

    def _forget_expired_codes(self) -> None:
        # Amortised: sweep only when the table has doubled since the last sweep,
        # so issuing stays O(1) even while many codes are alive.
        if len(self.codes) < self._sweep_codes_at:
            return
        now = self.clock.now()
        for code in [c for c, rec in self.codes.items() if rec.expires_at <= now]:
            record = self.codes.pop(code)
            grant = self.grants.get((record.client_key, record.open_id))
            if grant:
                grant.codes.discard(code)
        self._sweep_codes_at = max(1024, 2 * len(self.codes))

    # -- user tokens -----------------------------------------------------------

    def issue_token_set(
        self,
        app: App,
        open_id: str,
        scopes: list[str],
        access_token: str | None = None,
        refresh_token: str | None = None,
        access_ttl: float | None = None,
        refresh_ttl: float | None = None,
    ) -> TokenSet:
        now = self.clock.now()
        access = AccessToken(
            token=access_token or self.ids.access_token(),
            client_key=app.client_key,
            open_id=open_id,
            scopes=tuple(scopes),
            issued_at=now,
            expires_at=now + (app.access_token_ttl if access_ttl is None else access_ttl),
        )
        refresh = RefreshToken(
            token=refresh_token or self.ids.refresh_token(),
            client_key=app.client_key,
            open_id=open_id,
            scopes=tuple(scopes),
            expires_at=now + (app.refresh_token_ttl if refresh_ttl is None else refresh_ttl),
        )
        self.access_tokens[access.token] = access
        self.refresh_tokens[refresh.token] = refresh
        grant = self._grant(app.client_key, open_id)
        self._remember(grant.access_tokens, access.token)
        grant.refresh_tokens.add(refresh.token)
        return TokenSet(access, refresh)

    def refresh(self, app: App, refresh_token: str) -> TokenSet:
        record = self.refresh_tokens.get(refresh_token)
        if record is None or record.client_key != app.client_key:
            raise OAuthError("invalid_grant", "Refresh token is invalid or expired.")
        if self.clock.now() >= record.expires_at:
            raise OAuthError("invalid_grant", "Refresh token is invalid or expired.")
        if not app.rotate_refresh_token:
            return self.issue_token_set(app, record.open_id, list(record.scopes), refresh_token=refresh_token)
        self._drop_refresh_token(record)
        return self.issue_token_set(app, record.open_id, list(record.scopes))

    def _drop_refresh_token(self, record: RefreshToken) -> None:
        del self.refresh_tokens[record.token]
        grant = self.grants.get((record.client_key, record.open_id))
        if grant:
            grant.refresh_tokens.discard(record.token)

    # -- client tokens -----------------------------------------------------------

    def issue_client_token(self, app: App) -> AccessToken:
        now = self.clock.now()
        token = AccessToken(
            token=self.ids.client_token(),
            client_key=app.client_key,
            open_id=None,
            scopes=(),
            issued_at=now,
            expires_at=now + app.client_token_ttl,
        )
        self.access_tokens[token.token] = token
        self._remember(self.client_tokens.setdefault(app.client_key, {}), token.token)
        return token

    def _remember(self, bucket: dict[str, None], token: str) -> None:
        bucket[token] = None
        if len(bucket) > MAX_ACCESS_TOKENS_PER_GRANT:
            oldest = next(iter(bucket))
            del bucket[oldest]
            self.access_tokens.pop(oldest, None)

    # -- lookup and revoke --------------------------------------------------------

    def live_access_token(self, token: str) -> AccessToken | None:
        """The token's record if it exists and has not expired, else None."""
        record = self.access_tokens.get(token)
        if record is None or self.clock.now() >= record.expires_at:
            return None
        return record

    def owner_of(self, token: str) -> tuple[str, str | None] | None:
        """(client_key, open_id) of any access or refresh token, live or not."""
        record = self.access_tokens.get(token) or self.refresh_tokens.get(token)
        if record is None:
            return None
        return record.client_key, record.open_id

    def revoke_grant(self, client_key: str, open_id: str) -> None:
        grant = self.grants.pop((client_key, open_id), None)
        if grant is None:
            return
        for code in grant.codes:
            self.codes.pop(code, None)
        for token in grant.access_tokens:
            self.access_tokens.pop(token, None)
        for token in grant.refresh_tokens:
            self.refresh_tokens.pop(token, None)

    def revoke_token(self, token: str) -> bool:
        """Revoke one token; a user token takes its whole grant with it."""
        owner = self.owner_of(token)
        if owner is None:
            return False
        client_key, open_id = owner
        if open_id is None:
            del self.access_tokens[token]
            self.client_tokens.get(client_key, {}).pop(token, None)
        else:
            self.revoke_grant(client_key, open_id)
        return True

    def expire(self, token: str) -> bool:
        """Make a token expire now (the control API's way to reproduce expiry)."""
        record = self.access_tokens.get(token) or self.refresh_tokens.get(token)
        if record is None:
            return False
        record.expires_at = min(record.expires_at, self.clock.now())
        return True

    def forget_app(self, client_key: str) -> None:
        """Drop every code and token of one app (a per-app reset)."""
        for key in [key for key in self.grants if key[0] == client_key]:
            self.revoke_grant(*key)
        for token in self.client_tokens.pop(client_key, {}):
            self.access_tokens.pop(token, None)

    def _grant(self, client_key: str, open_id: str) -> Grant:
        return self.grants.setdefault((client_key, open_id), Grant())


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
