"""A tiny TikTok Shop client for tests: it signs every Partner API call the way
§4.3 says (with the one signing module), so a test says only what it changes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from mock_server.families.shop import signing

APP_KEY = "6demo00shop"
APP_SECRET = "demo-shop-secret"
ACCESS_TOKEN = "ROW_demo_access"
REFRESH_TOKEN = "ROW_demo_refresh"
GB_CIPHER = "GCP_demoShopGB00000000000000000001"
US_CIPHER = "GCP_demoShopUS00000000000000000002"
SELLER = "Demo Seller"


class ShopClient:
    def __init__(
        self, client: TestClient, token: str = ACCESS_TOKEN, secret: str = APP_SECRET, app_key: str = APP_KEY
    ) -> None:
        self.client = client
        self.token = token
        self.secret = secret
        self.app_key = app_key

    @property
    def now(self) -> int:
        return self.client.app.state.mock.clock.now_s()

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        body: Any = None,
        cipher: str | None = GB_CIPHER,
        headers: dict[str, str] | None = None,
        sign_path: str | None = None,
        **overrides: Any,
    ) -> httpx.Response:
        """A signed call. `overrides` replace query values after signing (to tamper)."""
        query = {"app_key": self.app_key, "timestamp": str(self.now)}
        if cipher:
            query["shop_cipher"] = cipher
        query.update({key: str(value) for key, value in (params or {}).items()})
        text = "" if body is None else json.dumps(body)
        query["sign"] = signing.sign(self.secret, sign_path or path, query, text, "application/json")
        query.update({key: str(value) for key, value in overrides.items()})
        sent = {"content-type": "application/json", "x-tts-access-token": self.token, **(headers or {})}
        return self.client.request(method, path, params=query, content=text or None, headers=sent)

    def send(self, method: str, path: str, query: dict[str, str], body: str = "", signed_body: str | None = None):
        """`query` signed over `signed_body` (default: the body sent), then sent as given."""
        text = body if signed_body is None else signed_body
        signed = {**query, "sign": signing.sign(self.secret, path, query, text)}
        headers = {"content-type": "application/json", "x-tts-access-token": self.token}
        return self.client.request(method, path, params=signed, content=body or None, headers=headers)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, body=body if body is not None else {}, **kwargs)

    def data(self, response: httpx.Response) -> Any:
        payload = response.json()
        assert payload["code"] == 0, payload
        return payload["data"]


@pytest.fixture
def shop(client: TestClient) -> ShopClient:
    return ShopClient(client)


@pytest.fixture
def shop_state(client: TestClient):
    return client.app.state.mock.shop


def mint_code(client: TestClient, seller: str = "Demo Seller", app_key: str = APP_KEY) -> str:
    """A fresh Shop auth code (for the demo app unless told), through the control API."""
    reply = client.post("/_mock/shop/codes", json={"app_key": app_key, "seller": seller})
    assert reply.status_code == 201, reply.text
    return reply.json()["code"]


def mint_tokens(client: TestClient, seller: str = "Demo Seller", **options: object) -> dict:
    """A Shop token pair (token/get's `data`) for the demo app, through the control API."""
    reply = client.post("/_mock/shop/tokens", json={"app_key": APP_KEY, "seller": seller, **options})
    assert reply.status_code == 201, reply.text
    return reply.json()
