"""One store of grants for every API family: authorization codes, access and refresh tokens.

A grant is one subject's authorization of one app: a TikTok user (`open_id`)
of a Login Kit app (`client_key`), or a Shop seller (`open_id`) of a Shop app
(`app_key`). Both families keep their grants in a `GrantStore` of their own,
with the same rules:

- every expiry is read from the injected clock;
- a code is single use, and stays known (as used) until it expires;
- a refresh mints a new access token; with rotation the old refresh token dies;
- a grant keeps at most `max_access_per_grant` live access tokens, and as many
  refresh tokens (a client refreshing or logging in again in a loop would
  otherwise grow memory without end): past that the oldest is dropped, as if it
  had expired;
- a revoke takes the whole grant, or (Shop) only the token pair;
- expired codes and tokens are swept, amortised (when the tables have doubled
  since the last sweep, and whenever the state is counted), so memory follows
  the live grants however long a run churns, and issuing stays O(1). A swept
  token's fate (expired) is kept in a bounded record, so it still answers with
  the error its fate calls for (TikTok Shop tells an expired token from an
  unknown one by code).

What differs per family is its `TokenPolicy` (token formats, what a revoke
takes) and the lifetimes each app sets. Errors stay the family's: the store
says only *why* a code or token is dead (`Dead.fate`), and the family answers
with its own error for that fate.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mock_server.kernel.clock import Clock
from mock_server.kernel.ids import IdFactory

GrantKey = tuple[str, str]  # (app key, open_id)

MAX_ACCESS_TOKENS_PER_GRANT = 1000
MAX_FATES = 10_000  # swept tokens whose fate is remembered; past this the oldest is forgotten (then UNKNOWN)
SWEEP_FLOOR = 4096  # tables smaller than this are never swept on issue

UNKNOWN, USED, EXPIRED = "unknown", "used", "expired"


class Dead(Exception):
    """A code or token that cannot be spent; `fate` is UNKNOWN, USED or EXPIRED."""

    def __init__(self, fate: str) -> None:
        super().__init__(fate)
        self.fate = fate


@dataclass(frozen=True)
class TokenPolicy:
    """How one family's tokens look and what its revoke takes."""

    access_token: Callable[[IdFactory], str]
    refresh_token: Callable[[IdFactory], str]
    code: Callable[[IdFactory], str]
    client_token: Callable[[IdFactory], str] | None = None
    revoke_takes_grant: bool = True  # False: a revoke drops only the token pair
    max_access_per_grant: int = MAX_ACCESS_TOKENS_PER_GRANT


@dataclass(slots=True)
class AuthCode:
    code: str
    app_key: str
    open_id: str
    scopes: tuple[str, ...]
    expires_at: float
    redirect_uri: str = ""
    code_challenge: str | None = None
    used: bool = False

    @property
    def client_key(self) -> str:  # Login Kit's word for the app key
        return self.app_key


@dataclass(slots=True)
class AccessToken:
    token: str
    app_key: str
    open_id: str | None  # None for a client (`clt.`) token
    scopes: tuple[str, ...]
    issued_at: float
    expires_at: float
    refresh: str | None = None  # the refresh token issued with it

    @property
    def client_key(self) -> str:
        return self.app_key

    @property
    def is_client_token(self) -> bool:
        return self.open_id is None


@dataclass(slots=True)
class RefreshToken:
    token: str
    app_key: str
    open_id: str
    scopes: tuple[str, ...]
    expires_at: float
    access: str = ""  # the newest access token issued with it

    @property
    def client_key(self) -> str:
        return self.app_key


@dataclass
class TokenSet:
    """What one code exchange or refresh hands back."""

    access: AccessToken
    refresh: RefreshToken


@dataclass
class Grant:
    codes: dict[str, None] = field(default_factory=dict)  # insertion-ordered: oldest first
    access_tokens: dict[str, None] = field(default_factory=dict)  # insertion-ordered: oldest first
    refresh_tokens: dict[str, None] = field(default_factory=dict)  # insertion-ordered: oldest first

    @property
    def empty(self) -> bool:
        return not (self.codes or self.access_tokens or self.refresh_tokens)


class GrantStore:
    def __init__(self, clock: Clock, ids: IdFactory, policy: TokenPolicy) -> None:
        self.clock = clock
        self.ids = ids
        self.policy = policy
        self.codes: dict[str, AuthCode] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.grants: dict[GrantKey, Grant] = {}
        self.client_tokens: dict[str, dict[str, None]] = {}  # app key -> its client tokens, oldest first
        self.fates: OrderedDict[str, str] = OrderedDict()  # swept code/token -> why it died, oldest first
        self.revocations = 0  # grants revoked so far: what a family watching grants compares
        self._sweep_at = SWEEP_FLOOR

    # -- codes -----------------------------------------------------------------------

    def issue_code(
        self,
        app_key: str,
        open_id: str,
        scopes: tuple[str, ...] | list[str],
        ttl: float,
        redirect_uri: str = "",
        code_challenge: str | None = None,
    ) -> AuthCode:
        self._maybe_sweep()
        code = AuthCode(
            code=self.policy.code(self.ids),
            app_key=app_key,
            open_id=open_id,
            scopes=tuple(scopes),
            expires_at=self.clock.now() + ttl,
            redirect_uri=redirect_uri,
            code_challenge=code_challenge,
        )
        self.codes[code.code] = code
        codes = self._grant(app_key, open_id).codes
        codes[code.code] = None
        if len(codes) > self.policy.max_access_per_grant:  # an authorize loop: the oldest code goes
            oldest = next(iter(codes))
            del codes[oldest]
            self.codes.pop(oldest, None)
            self._remember_fate(oldest, EXPIRED)
        return code

    def unspent_code(self, app_key: str, code: str) -> AuthCode:
        """The code's record if this app may still spend it; else `Dead` with why not.
        Spending is `spend_code`, once the family's own checks (redirect_uri, PKCE) pass."""
        record = self.codes.get(code)
        if record is None:
            raise Dead(self.fates.get(code, UNKNOWN))
        if record.app_key != app_key:
            raise Dead(UNKNOWN)
        if record.used:
            raise Dead(USED)
        if self.clock.now() >= record.expires_at:
            raise Dead(EXPIRED)
        return record

    def spend_code(self, record: AuthCode) -> None:
        record.used = True  # kept until it expires, so a second use is told "used", not "unknown"

    # -- sweeping -----------------------------------------------------------------------

    def _maybe_sweep(self) -> None:
        # Amortised: only when the tables have doubled since the last sweep.
        if len(self.codes) + len(self.access_tokens) + len(self.refresh_tokens) >= self._sweep_at:
            self.sweep()

    def sweep(self) -> None:
        """Forget every expired code and token (remembering that it expired) and every empty grant."""
        now = self.clock.now()
        for code in [code for code, record in self.codes.items() if record.expires_at <= now]:
            record = self.codes.pop(code)
            self._remember_fate(code, USED if record.used else EXPIRED)
            if grant := self.grants.get((record.app_key, record.open_id)):
                grant.codes.pop(code, None)
        for token in [token for token, record in self.access_tokens.items() if record.expires_at <= now]:
            self._forget_access_token(self.access_tokens[token], EXPIRED)
        for token in [token for token, record in self.refresh_tokens.items() if record.expires_at <= now]:
            self._remember_fate(token, EXPIRED)
            self._drop_refresh_token(self.refresh_tokens[token])
        for key in [key for key, grant in self.grants.items() if grant.empty]:
            del self.grants[key]
        size = len(self.codes) + len(self.access_tokens) + len(self.refresh_tokens)
        self._sweep_at = max(SWEEP_FLOOR, 2 * size)

    def _forget_access_token(self, record: AccessToken, fate: str) -> None:
        self.access_tokens.pop(record.token, None)
        self._remember_fate(record.token, fate)
        if record.open_id is None:
            self.client_tokens.get(record.app_key, {}).pop(record.token, None)
        elif grant := self.grants.get((record.app_key, record.open_id)):
            grant.access_tokens.pop(record.token, None)

    def _remember_fate(self, token: str, fate: str) -> None:
        self.fates[token] = fate
        if len(self.fates) > MAX_FATES:
            self.fates.popitem(last=False)

    # -- user tokens ---------------------------------------------------------------------

    def issue(
        self,
        app_key: str,
        open_id: str,
        scopes: tuple[str, ...] | list[str],
        access_ttl: float,
        refresh_ttl: float,
        access_token: str | None = None,
        refresh_token: str | None = None,
    ) -> TokenSet:
        self._maybe_sweep()
        now = self.clock.now()
        access = AccessToken(
            token=access_token or self.policy.access_token(self.ids),
            app_key=app_key,
            open_id=open_id,
            scopes=tuple(scopes),
            issued_at=now,
            expires_at=now + access_ttl,
        )
        refresh = RefreshToken(
            token=refresh_token or self.policy.refresh_token(self.ids),
            app_key=app_key,
            open_id=open_id,
            scopes=tuple(scopes),
            expires_at=now + refresh_ttl,
            access=access.token,
        )
        access.refresh = refresh.token
        self.access_tokens[access.token] = access
        self.refresh_tokens[refresh.token] = refresh
        grant = self._grant(app_key, open_id)
        self._remember(grant.access_tokens, access.token)
        grant.refresh_tokens[refresh.token] = None
        if len(grant.refresh_tokens) > self.policy.max_access_per_grant:  # every login adds one: bounded too
            oldest = next(iter(grant.refresh_tokens))
            self._remember_fate(oldest, EXPIRED)
            self._drop_refresh_token(self.refresh_tokens[oldest])
        return TokenSet(access, refresh)

    def live_refresh_token(self, app_key: str, refresh_token: str) -> RefreshToken:
        """The refresh token's record if this app may spend it now; else `Dead` with why not."""
        record = self.refresh_tokens.get(refresh_token)
        if record is None:
            raise Dead(self.fates.get(refresh_token, UNKNOWN))
        if record.app_key != app_key:
            raise Dead(UNKNOWN)
        if self.clock.now() >= record.expires_at:
            raise Dead(EXPIRED)
        return record

    def refresh(
        self, app_key: str, refresh_token: str, access_ttl: float, refresh_ttl: float, rotate: bool
    ) -> TokenSet:
        """A new access token for a live refresh token; with `rotate` a new refresh token too,
        and the old one dies. The old access token lives on until its own expiry."""
        record = self.live_refresh_token(app_key, refresh_token)
        if not rotate:
            return self.issue(
                app_key, record.open_id, record.scopes, access_ttl, refresh_ttl, refresh_token=record.token
            )
        self._drop_refresh_token(record)
        return self.issue(app_key, record.open_id, record.scopes, access_ttl, refresh_ttl)

    def _drop_refresh_token(self, record: RefreshToken) -> None:
        self.refresh_tokens.pop(record.token, None)
        grant = self.grants.get((record.app_key, record.open_id))
        if grant:
            grant.refresh_tokens.pop(record.token, None)

    # -- client tokens ---------------------------------------------------------------

    def issue_client_token(self, app_key: str, ttl: float) -> AccessToken:
        if self.policy.client_token is None:
            raise TypeError("this family has no client tokens")
        self._maybe_sweep()
        now = self.clock.now()
        token = AccessToken(self.policy.client_token(self.ids), app_key, None, (), now, now + ttl)
        self.access_tokens[token.token] = token
        self._remember(self.client_tokens.setdefault(app_key, {}), token.token)
        return token

    def _remember(self, bucket: dict[str, None], token: str) -> None:
        bucket[token] = None
        if len(bucket) > self.policy.max_access_per_grant:
            oldest = next(iter(bucket))
            del bucket[oldest]
            self.access_tokens.pop(oldest, None)
            self._remember_fate(oldest, EXPIRED)  # dropped "as if it had expired"

    # -- lookup ----------------------------------------------------------------------------

    def access_token(self, token: str) -> AccessToken:
        """The access token's record if it is live; else `Dead` (UNKNOWN or EXPIRED)."""
        record = self.access_tokens.get(token)
        if record is None:
            raise Dead(self.fates.get(token, UNKNOWN))
        if self.clock.now() >= record.expires_at:
            raise Dead(EXPIRED)
        return record

    def live_access_token(self, token: str) -> AccessToken | None:
        """The token's record if it exists and has not expired, else None."""
        record = self.access_tokens.get(token)
        if record is None or self.clock.now() >= record.expires_at:
            return None
        return record

    def owner_of(self, token: str) -> tuple[str, str | None] | None:
        """(app key, open_id) of any access or refresh token, live or not."""
        record = self.access_tokens.get(token) or self.refresh_tokens.get(token)
        if record is None:
            return None
        return record.app_key, record.open_id

    def owner_of_code(self, code: str) -> tuple[str, str] | None:
        record = self.codes.get(code)
        return None if record is None else (record.app_key, record.open_id)

    def live_access_tokens(self, app_key: str | None = None) -> Iterator[AccessToken]:
        now = self.clock.now()
        for record in self.access_tokens.values():
            if record.expires_at > now and (app_key is None or record.app_key == app_key):
                yield record

    def counts(self) -> dict[str, int]:
        """What is held: counted after a sweep, so only live codes and tokens remain."""
        self.sweep()
        return {
            "live_access_tokens": len(self.access_tokens),
            "refresh_tokens": len(self.refresh_tokens),
            "codes": len(self.codes),
            "grants": len(self.grants),
        }

    # -- revoke, expire, forget ---------------------------------------------------------

    def revoke_grant(self, app_key: str, open_id: str) -> None:
        grant = self.grants.pop((app_key, open_id), None)
        if grant is None:
            return
        self.revocations += 1
        for code in grant.codes:
            self.codes.pop(code, None)
        for token in grant.access_tokens:
            self.access_tokens.pop(token, None)
        for token in grant.refresh_tokens:
            self.refresh_tokens.pop(token, None)

    def revoke(self, token: str) -> bool:
        """Revoke one token: a client token alone; a user token takes its grant (or its pair)."""
        access = self.access_tokens.get(token)
        refresh = self.refresh_tokens.get(token)
        if access is None and refresh is None:
            return False
        if access is not None and access.open_id is None:
            del self.access_tokens[token]
            self.client_tokens.get(access.app_key, {}).pop(token, None)
        elif self.policy.revoke_takes_grant:
            record = access or refresh
            assert record is not None and record.open_id is not None
            self.revoke_grant(record.app_key, record.open_id)
        else:
            self._revoke_pair(access, refresh)
        return True

    def _revoke_pair(self, access: AccessToken | None, refresh: RefreshToken | None) -> None:
        access = access or self.access_tokens.get(refresh.access if refresh else "")
        refresh = refresh or self.refresh_tokens.get(access.refresh or "" if access else "")
        for record in (access, refresh):
            if record is None or record.open_id is None:
                continue
            grant = self.grants.get((record.app_key, record.open_id))
            if isinstance(record, AccessToken):
                self.access_tokens.pop(record.token, None)
                if grant:
                    grant.access_tokens.pop(record.token, None)
            else:
                self._drop_refresh_token(record)

    def expire(self, token: str) -> bool:
        """Make an access or refresh token expire now (the control API's way to reproduce expiry)."""
        record = self.access_tokens.get(token) or self.refresh_tokens.get(token)
        if record is None:
            return False
        record.expires_at = min(record.expires_at, self.clock.now())
        return True

    def expire_grant(self, key: GrantKey, which: str) -> int:
        """Expire a grant's live `access`, `refresh` or `all` tokens now; how many."""
        grant = self.grants.get(key)
        if grant is None:
            return 0
        now = self.clock.now()
        records: list[AccessToken | RefreshToken | None] = []
        if which in ("access", "all"):
            records += [self.access_tokens.get(token) for token in grant.access_tokens]
        if which in ("refresh", "all"):
            records += [self.refresh_tokens.get(token) for token in grant.refresh_tokens]
        live = [record for record in records if record is not None and record.expires_at > now]
        for record in live:
            record.expires_at = now
        return len(live)

    def forget_app(self, app_key: str) -> None:
        """Drop every code and token of one app (a per-app reset)."""
        for key in [key for key in self.grants if key[0] == app_key]:
            self.revoke_grant(*key)
        for token in self.client_tokens.pop(app_key, {}):
            self.access_tokens.pop(token, None)

    def _grant(self, app_key: str, open_id: str) -> Grant:
        return self.grants.setdefault((app_key, open_id), Grant())
