"""Bounded state for every family: after a churn of logins and refreshes and a clock move
past every lifetime, the mock holds what a fresh start with the same clock move holds, and
a swept token still answers with the error its fate calls for."""

from __future__ import annotations

from tests.login_kit.helpers import WEB_APP, WEB_REDIRECT, exchange, refresh
from tests.shop.conftest import APP_KEY, APP_SECRET, ShopClient, mint_code

PAST_EVERY_TTL = f"{101 * 365 * 86400}s"  # Shop refresh tokens live about a century


def churn(client, rounds: int) -> None:
    for _ in range(rounds):
        minted = {"client_key": WEB_APP["client_key"], "user": "tiktoker", "redirect_uri": WEB_REDIRECT}
        code = client.post("/_mock/codes", json=minted).json()
        tokens = exchange(client, code["code"], redirect_uri=WEB_REDIRECT).json()
        assert refresh(client, tokens["refresh_token"]).json()["access_token"].startswith("act.")
        shop = shop_tokens(client, "/api/v2/token/get", auth_code=mint_code(client), grant_type="authorized_code")
        shop_tokens(client, "/api/v2/token/refresh", refresh_token=shop["refresh_token"], grant_type="refresh_token")


def shop_tokens(client, path: str, **params: str) -> dict:
    reply = client.get(path, params={"app_key": APP_KEY, "app_secret": APP_SECRET, **params}).json()
    assert reply["code"] == 0, reply
    return reply["data"]


def test_after_a_churn_and_every_ttl_the_state_is_a_fresh_starts(make_client):
    churned, fresh = make_client(), make_client()
    churn(churned, 200)
    for client in (churned, fresh):
        client.post("/_mock/clock", json={"advance": PAST_EVERY_TTL})

    assert churned.get("/_mock/state").json()["families"] == fresh.get("/_mock/state").json()["families"]


def test_a_swept_shop_token_still_says_it_expired(client):
    client.post("/_mock/clock", json={"advance": "8d"})  # past the fixture token's 7 days
    client.get("/_mock/state")  # counting sweeps

    reply = ShopClient(client).get("/seller/202309/shops", cipher=None)
    assert reply.json()["code"] == 105002  # expired, not "invalid"
