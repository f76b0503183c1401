"""The TikTok Shop part of the store: apps, sellers, each shop's records, Shop tokens.

The fixture's records are frozen; the run-time state holds them in dicts that
reset copies (shallow: cheap), and a write puts a replaced record in its dict.
`attach(store)` hangs the state on the store as `store.shop` and registers its
reset hook, so `/_mock/reset` restores the shop too.

For the control API: `issue_auth_code`, `issue_tokens`, `expire_token`,
`revoke_token`, `seller` and `app`.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_server.core.clock import Clock
from mock_server.core.errors import ShopError
from mock_server.core.ids import IdFactory
from mock_server.core.shop import codes
from mock_server.core.shop.models import (
    Order,
    Package,
    Product,
    Seller,
    Shop,
    ShopApp,
    ShopData,
    ShopFixture,
    ShopTokenSpec,
    Statement,
    Warehouse,
)
from mock_server.core.shop.tokens import ShopAuthCode, ShopToken, ShopTokenStore

if TYPE_CHECKING:
    from mock_server.core.store import Store


@dataclass
class ShopRecords:
    """One shop's run-time records; dicts keep the fixture's order."""

    shop: Shop
    products: dict[str, Product]
    orders: dict[str, Order]
    packages: dict[str, Package]
    statements: dict[str, Statement]
    warehouses: dict[str, Warehouse]
    data: ShopData  # the read-only rest: payments, withdrawals

    @classmethod
    def from_data(cls, shop: Shop, data: ShopData) -> ShopRecords:
        return cls(
            shop=shop,
            products={p.id: p for p in data.products},
            orders={o.id: o for o in data.orders},
            packages={p.id: p for p in data.packages},
            statements={s.id: s for s in data.statements},
            warehouses={w.id: w for w in data.warehouses},
            data=data,
        )


class ShopState:
    def __init__(self, fixture: ShopFixture, clock: Clock, seed: int | str = 0) -> None:
        self.fixture = fixture
        self.clock = clock
        self.seed = seed
        self.apps = {app.app_key: app for app in fixture.apps}
        self.sellers = {seller.open_id: seller for seller in fixture.sellers}
        self.sellers_by_name = {seller.name: seller for seller in fixture.sellers}
        self.shops_by_cipher: dict[str, tuple[Seller, Shop]] = {
            shop.cipher: (seller, shop) for seller in fixture.sellers for shop in seller.shops
        }
        self.reset()

    # -- reset -------------------------------------------------------------------

    def reset(self, app_key: str | None = None) -> None:
        """Back to the fixture: everything, or only one app's tokens and codes."""
        if app_key is not None:
            if app_key in self.apps:
                self.tokens.forget_app(app_key)
                self._issue_fixture_tokens(app_key)
            return
        self.ids = IdFactory(f"{self.seed}:shop-runtime")
        self.tokens = ShopTokenStore(self.clock, self.ids)
        self.records = {
            shop.id: ShopRecords.from_data(shop, self.fixture.data.get(shop.id, ShopData()))
            for seller in self.fixture.sellers
            for shop in seller.shops
        }
        self._issue_fixture_tokens(None)

    def _issue_fixture_tokens(self, app_key: str | None) -> None:
        for spec in self.fixture.tokens:
            if app_key is None or spec.app_key == app_key:
                self._issue_spec(spec)

    def _issue_spec(self, spec: ShopTokenSpec) -> None:
        self.tokens.issue(
            self.apps[spec.app_key],
            self.sellers_by_name[spec.seller],
            scopes=spec.scopes or None,
            access_token=spec.access_token,
            refresh_token=spec.refresh_token,
            access_ttl=spec.expires_in,
            refresh_ttl=spec.refresh_expires_in,
        )

    # -- lookups -------------------------------------------------------------------

    def app(self, app_key: str) -> ShopApp | None:
        return self.apps.get(app_key)

    def seller(self, name_or_open_id: str) -> Seller | None:
        return self.sellers_by_name.get(name_or_open_id) or self.sellers.get(name_or_open_id)

    def authenticate(self, app_key: str, app_secret: str) -> ShopApp:
        app = self.apps.get(app_key)
        if app is None or not hmac.compare_digest(app_secret.encode(), app.app_secret.encode()):
            raise ShopError(codes.BAD_APP_CREDENTIALS, "Invalid app_key or app_secret.")
        return app

    def shop_of(self, token: ShopToken, cipher: str) -> ShopRecords:
        """The shop a `shop_cipher` names, if it is one of the token's seller's shops."""
        found = self.shops_by_cipher.get(cipher)
        if found is None or found[0].open_id != token.open_id:
            raise ShopError(
                codes.BAD_SHOP_CIPHER,
                "Invalid identifier. The `shop_cipher` query parameter is invalid or does not belong to "
                "the seller of this access token.",
                400,
            )
        return self.records[found[1].id]

    # -- auth and the control API ---------------------------------------------------------

    def issue_auth_code(self, app_key: str, seller: str) -> ShopAuthCode:
        """A fresh single-use auth code, as the seller authorization page mints one."""
        return self.tokens.issue_code(self._app(app_key), self._seller(seller))

    def issue_tokens(
        self,
        app_key: str,
        seller: str,
        scopes: list[str] | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        expires_in: int | None = None,
        refresh_expires_in: int | None = None,
    ) -> ShopToken:
        """A token pair for a seller of an app, without the authorization dance."""
        app = self._app(app_key)
        unknown = [scope for scope in scopes or () if scope not in app.scopes]
        if unknown:
            raise ValueError(f"the app '{app_key}' is not allowed the scope '{unknown[0]}'")
        return self.tokens.issue(
            app,
            self._seller(seller),
            scopes=tuple(scopes) if scopes else None,
            access_token=access_token,
            refresh_token=refresh_token,
            access_ttl=expires_in,
            refresh_ttl=refresh_expires_in,
        )

    def expire_token(self, token: str) -> bool:
        return self.tokens.expire(token)

    def revoke_token(self, token: str) -> bool:
        return self.tokens.revoke(token)

    def exchange_code(self, app: ShopApp, auth_code: str) -> tuple[ShopToken, Seller]:
        record = self.tokens.redeem_code(app, auth_code)
        seller = self.sellers[record.open_id]
        return self.tokens.issue(app, seller), seller

    def refresh(self, app: ShopApp, refresh_token: str) -> tuple[ShopToken, Seller]:
        record = self.tokens.by_refresh.get(refresh_token)
        seller = self.sellers.get(record.open_id) if record else None
        if seller is None:
            raise ShopError(codes.UNKNOWN_REFRESH_TOKEN, "can not find related auth record")
        return self.tokens.refresh(app, refresh_token, seller), seller

    def _app(self, app_key: str) -> ShopApp:
        app = self.apps.get(app_key)
        if app is None:
            raise ValueError(f"no Shop app with app_key '{app_key}'")
        return app

    def _seller(self, seller: str) -> Seller:
        found = self.seller(seller)
        if found is None:
            raise ValueError(f"no seller named or with open_id '{seller}'")
        return found


def attach(store: Store) -> ShopState:
    """Build the store's Shop state from its fixture and reset it with the store."""
    fixture = store.fixture.shop if isinstance(store.fixture.shop, ShopFixture) else ShopFixture()
    state = ShopState(fixture, store.clock, store.fixture.seed)
    store.shop = state  # type: ignore[attr-defined]
    store.reset_hooks.append(lambda _store, key: state.reset(key))
    return state
