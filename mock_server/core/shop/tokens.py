"""Shop authorization codes and token pairs (tiktok-api.md §4.2).

Codes are single use and short-lived. Expiries are absolute unix seconds read
from the clock, as TikTok's `access_token_expire_in` / `refresh_token_expire_in`
are. Every refresh rotates: a new pair, and the old refresh token is dead; the
old access token lives on until its own expiry.
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.core.clock import Clock
from mock_server.core.errors import ShopError
from mock_server.core.ids import IdFactory
from mock_server.core.shop import codes
from mock_server.core.shop.models import Seller, ShopApp


@dataclass
class ShopAuthCode:
    code: str
    app_key: str
    open_id: str
    expires_at: int
    used: bool = False


@dataclass
class ShopToken:
    """One token pair; the access and the refresh token both point at it."""

    access_token: str
    refresh_token: str
    app_key: str
    open_id: str
    scopes: tuple[str, ...]
    access_expires_at: int
    refresh_expires_at: int
    refresh_alive: bool = True


class ShopTokenStore:
    def __init__(self, clock: Clock, ids: IdFactory) -> None:
        self.clock = clock
        self.ids = ids
        self.codes: dict[str, ShopAuthCode] = {}
        self.by_access: dict[str, ShopToken] = {}
        self.by_refresh: dict[str, ShopToken] = {}

    def issue_code(self, app: ShopApp, seller: Seller) -> ShopAuthCode:
        code = ShopAuthCode(
            code=self.ids.shop_token("ROW_"),
            app_key=app.app_key,
            open_id=seller.open_id,
            expires_at=self.clock.now_s() + app.code_ttl,
        )
        self.codes[code.code] = code
        return code

    def issue(
        self,
        app: ShopApp,
        seller: Seller,
        scopes: tuple[str, ...] | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        access_ttl: int | None = None,
        refresh_ttl: int | None = None,
    ) -> ShopToken:
        now = self.clock.now_s()
        token = ShopToken(
            access_token=access_token or self.ids.shop_token("ROW_"),
            refresh_token=refresh_token or self.ids.shop_token("ROW_"),
            app_key=app.app_key,
            open_id=seller.open_id,
            scopes=tuple(app.scopes if scopes is None else scopes),
            access_expires_at=now + (app.access_token_ttl if access_ttl is None else access_ttl),
            refresh_expires_at=now + (app.refresh_token_ttl if refresh_ttl is None else refresh_ttl),
        )
        self.by_access[token.access_token] = token
        self.by_refresh[token.refresh_token] = token
        return token

    def redeem_code(self, app: ShopApp, auth_code: str) -> ShopAuthCode:
        """Use up a code; any wrong, used or expired code is the one error TikTok gives."""
        record = self.codes.get(auth_code)
        if record is None or record.app_key != app.app_key or record.used or self.clock.now_s() >= record.expires_at:
            raise ShopError(codes.BAD_AUTH_CODE, "invalid auth code")
        record.used = True
        return record

    def refresh(self, app: ShopApp, refresh_token: str, seller: Seller) -> ShopToken:
        record = self.by_refresh.get(refresh_token)
        if record is None or not record.refresh_alive or record.app_key != app.app_key:
            raise ShopError(codes.UNKNOWN_REFRESH_TOKEN, "can not find related auth record")
        if self.clock.now_s() >= record.refresh_expires_at:
            raise ShopError(codes.REFRESH_TOKEN_EXPIRED, "rt has expired")
        record.refresh_alive = False
        del self.by_refresh[refresh_token]
        return self.issue(app, seller, scopes=record.scopes)

    def live(self, access_token: str) -> ShopToken:
        """The pair of a live access token; TikTok's two answers for a dead one."""
        record = self.by_access.get(access_token)
        if record is None:
            raise codes.bad_credential("Invalid credentials. The `x-tts-access-token` header is invalid.")
        if self.clock.now_s() >= record.access_expires_at:
            raise ShopError(codes.TOKEN_EXPIRED, "access token is expired, please refresh it", 401)
        return record

    def expire(self, token: str) -> bool:
        """Make an access or refresh token expire now (for the control API)."""
        now = self.clock.now_s()
        if token in self.by_access:
            record = self.by_access[token]
            record.access_expires_at = min(record.access_expires_at, now)
            return True
        if token in self.by_refresh:
            record = self.by_refresh[token]
            record.refresh_expires_at = min(record.refresh_expires_at, now)
            return True
        return False

    def revoke(self, token: str) -> bool:
        """Drop the pair an access or refresh token belongs to."""
        record = self.by_access.get(token) or self.by_refresh.get(token)
        if record is None:
            return False
        self.by_access.pop(record.access_token, None)
        self.by_refresh.pop(record.refresh_token, None)
        return True

    def forget_app(self, app_key: str) -> None:
        for table in (self.by_access, self.by_refresh, self.codes):
            for key in [key for key, record in table.items() if record.app_key == app_key]:
                del table[key]
