"""TikTok Shop's authorization rules, pure (tiktok-api.md §4.2, §4.3): app
credentials, auth codes, token get and refresh, the access token a Partner
call presents, the shop a `shop_cipher` names. The Partner APIs' own rules
live in one module per API group (orders, catalog, finance, logistics,
fulfillment), the one gate every call passes in `partner.py`.

Expiries are absolute unix seconds, as TikTok's `access_token_expire_in` /
`refresh_token_expire_in` are. Every refresh rotates: a new pair, and the old
refresh token is dead; the old access token lives on until its own expiry.
"""

from __future__ import annotations

import hmac
from typing import Any

from mock_server.families.shop import errors as codes
from mock_server.families.shop.models import Seller, ShopApp
from mock_server.families.shop.state import ShopRecords, ShopState
from mock_server.kernel.errors import ShopError
from mock_server.kernel.grants import EXPIRED, AccessToken, AuthCode, Dead, TokenSet


def token_data(tokens: TokenSet, seller: Seller) -> dict[str, Any]:
    """The `data` of a token/get or token/refresh reply."""
    return {
        "access_token": tokens.access.token,
        "access_token_expire_in": int(tokens.access.expires_at),
        "refresh_token": tokens.refresh.token,
        "refresh_token_expire_in": int(tokens.refresh.expires_at),
        "open_id": seller.open_id,
        "seller_name": seller.name,
        "seller_base_region": seller.region,
        "user_type": seller.user_type,
        "granted_scopes": list(tokens.access.scopes),
    }


def authenticate(state: ShopState, app_key: str, app_secret: str) -> ShopApp:
    """The app whose key and secret these are; secrets compared in constant time."""
    app = state.apps.get(app_key)
    if app is None or not hmac.compare_digest(app_secret.encode(), app.app_secret.encode()):
        raise ShopError(codes.BAD_APP_CREDENTIALS, "Invalid app_key or app_secret.")
    return app


def issue_auth_code(state: ShopState, app: ShopApp, seller: Seller) -> AuthCode:
    """A fresh single-use auth code, as the seller authorization page mints one."""
    return state.grants.issue_code(app.app_key, seller.open_id, app.scopes, app.code_ttl)


def exchange_code(state: ShopState, app: ShopApp, auth_code: str) -> tuple[TokenSet, Seller]:
    """token/get: any wrong, used or expired code is the one error TikTok gives."""
    try:
        record = state.grants.unspent_code(app.app_key, auth_code)
    except Dead:
        raise codes.named("invalid_auth_code") from None
    state.grants.spend_code(record)
    seller = state.sellers[record.open_id]
    return state.issue_tokens(app, seller), seller


def refresh(state: ShopState, app: ShopApp, refresh_token: str) -> tuple[TokenSet, Seller]:
    """token/refresh: TikTok tells an expired refresh token from an unknown one."""
    try:
        record = state.grants.live_refresh_token(app.app_key, refresh_token)
    except Dead as dead:
        raise codes.named("refresh_token_expired" if dead.fate == EXPIRED else "invalid_refresh_token") from None
    seller = state.sellers.get(record.open_id)
    if seller is None:
        raise codes.named("invalid_refresh_token")
    tokens = state.grants.refresh(app.app_key, refresh_token, app.access_token_ttl, app.refresh_token_ttl, rotate=True)
    return tokens, seller


def live_access_token(state: ShopState, token: str) -> AccessToken:
    """The record of a live access token; TikTok's two answers for a dead one."""
    try:
        return state.grants.access_token(token)
    except Dead as dead:
        raise codes.named("access_token_expired" if dead.fate == EXPIRED else "access_token_invalid") from None


def shop_of(state: ShopState, token: AccessToken, cipher: str) -> ShopRecords:
    """The shop a `shop_cipher` names, if it is one of the token's seller's shops."""
    found = state.shops_by_cipher.get(cipher)
    if found is None or found[0].open_id != token.open_id:
        raise ShopError(
            codes.BAD_SHOP_CIPHER,
            "Invalid identifier. The `shop_cipher` query parameter is invalid or does not belong to "
            "the seller of this access token.",
            400,
        )
    return state.records[found[1].id]
