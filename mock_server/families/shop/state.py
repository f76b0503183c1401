"""TikTok Shop's live state: apps, sellers, each shop's records, and the Shop
grants (the kernel's one grant store, with Shop's token shapes).

The fixture's records are frozen; the run-time state holds them in dicts that
reset copies (shallow: cheap), and a write puts a replaced record in its dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mock_server.families.shop import notifications
from mock_server.families.shop.authorizations import END, Authorizations
from mock_server.families.shop.models import (
    AfterSale,
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
    Subscription,
    Warehouse,
)
from mock_server.kernel.clock import Clock
from mock_server.kernel.events import SHOP_EVENT, Events
from mock_server.kernel.grants import GrantStore, TokenPolicy, TokenSet
from mock_server.kernel.ids import IdFactory


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
    seller_open_id: str = ""
    events: Events = field(default_factory=Events)
    after_sales: dict[str, AfterSale] = field(default_factory=dict)  # "kind:order_id" -> request

    def put_order(self, order: Order) -> None:
        """Store a changed order; a new status is an event (a webhook for the seller's apps)."""
        before = self.orders.get(order.id)
        self.orders[order.id] = order
        if before is not None and before.status != order.status:
            self.notify("ORDER_STATUS_CHANGE", notifications.order_status(order))

    def notify(self, kind: str, data: dict[str, Any], app_key: str | None = None) -> None:
        """Raise a TikTok Shop webhook (`kind` is TikTok's type name) for the seller's apps, or one app."""
        self.events.emit(
            SHOP_EVENT, shop=self.shop, seller_open_id=self.seller_open_id, kind=kind, data=data, app_key=app_key
        )

    @classmethod
    def from_data(
        cls, shop: Shop, data: ShopData, seller_open_id: str = "", events: Events | None = None
    ) -> ShopRecords:
        return cls(
            seller_open_id=seller_open_id,
            events=events or Events(),
            shop=shop,
            products={p.id: p for p in data.products},
            orders={o.id: o for o in data.orders},
            packages={p.id: p for p in data.packages},
            statements={s.id: s for s in data.statements},
            warehouses={w.id: w for w in data.warehouses},
            data=data,
        )


def _shop_token(ids: IdFactory) -> str:
    return ids.shop_token("ROW_")


# Shop's token shapes (`ROW_` + 60 url-safe characters, codes too); every refresh
# rotates; a revoke drops the token pair, not the seller's whole grant.
TOKENS = TokenPolicy(access_token=_shop_token, refresh_token=_shop_token, code=_shop_token, revoke_takes_grant=False)


class ShopState:
    name = "shop"
    ids: IdFactory
    authorizations: Authorizations
    subscriptions: dict[tuple[str, str], dict[str, Subscription]]  # the Event API's addresses
    grants: GrantStore
    records: dict[str, ShopRecords]

    def __init__(self, spec: ShopFixture, clock: Clock, seed: int | str = 0, events: Events | None = None) -> None:
        self.events = events or Events()  # what happened, for whoever listens (webhooks)
        self.spec = spec
        self.clock = clock
        self.seed = seed
        self.apps = {app.app_key: app for app in spec.apps}
        self.sellers = {seller.open_id: seller for seller in spec.sellers}
        self.sellers_by_name = {seller.name: seller for seller in spec.sellers}
        self.shops_by_cipher: dict[str, tuple[Seller, Shop]] = {
            shop.cipher: (seller, shop) for seller in spec.sellers for shop in seller.shops
        }
        self.reset()

    # -- reset -------------------------------------------------------------------

    def reset(self, app_key: str | None = None) -> None:
        """Back to the fixture: everything, or only one app's grants."""
        if app_key is not None:
            original = next((app for app in self.spec.apps if app.app_key == app_key), None)
            if original is not None:
                self.apps[app_key] = original  # a run-time webhook URL goes too
                self.subscriptions = {key: subs for key, subs in self.subscriptions.items() if key[0] != app_key}
                for key in [key for key in self.authorizations.ends if key[0] == app_key]:
                    self.authorizations.forget(key)
                self.grants.forget_app(app_key)
                self._issue_fixture_tokens(app_key)
            return
        self.apps = {app.app_key: app for app in self.spec.apps}
        self.subscriptions = {}  # (app_key, shop_id) -> event type -> its Subscription
        self.authorizations = Authorizations()
        self.ids = IdFactory(f"{self.seed}:shop-runtime")
        self.grants = GrantStore(self.clock, self.ids, TOKENS)
        self.records = {
            shop.id: ShopRecords.from_data(shop, self.spec.data.get(shop.id, ShopData()), seller.open_id, self.events)
            for seller in self.spec.sellers
            for shop in seller.shops
        }
        self._issue_fixture_tokens(None)

    def _issue_fixture_tokens(self, app_key: str | None) -> None:
        for spec in self.spec.tokens:
            if app_key is None or spec.app_key == app_key:
                self._issue_spec(spec)

    def _issue_spec(self, spec: ShopTokenSpec) -> TokenSet:
        return self.issue_tokens(
            self.apps[spec.app_key],
            self.sellers_by_name[spec.seller],
            scopes=spec.scopes or None,
            access_token=spec.access_token,
            refresh_token=spec.refresh_token,
            access_ttl=spec.expires_in,
            refresh_ttl=spec.refresh_expires_in,
        )

    def counts(self) -> dict[str, int]:
        return {"apps": len(self.apps), "sellers": len(self.sellers), **self.grants.counts()}

    # -- tokens ------------------------------------------------------------------

    def issue_tokens(
        self,
        app: ShopApp,
        seller: Seller,
        scopes: tuple[str, ...] | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        access_ttl: int | None = None,
        refresh_ttl: int | None = None,
    ) -> TokenSet:
        """A token pair with the app's lifetimes and all its scopes unless told otherwise; the
        seller has authorized the app (again): the authorization runs from now."""
        tokens = self.grants.issue(
            app.app_key,
            seller.open_id,
            app.scopes if scopes is None else scopes,
            app.access_token_ttl if access_ttl is None else access_ttl,
            app.refresh_token_ttl if refresh_ttl is None else refresh_ttl,
            access_token=access_token,
            refresh_token=refresh_token,
        )
        self.authorizations.start((app.app_key, seller.open_id), self.clock.now(), app.authorization_ttl)
        return tokens

    # -- what time has made due ---------------------------------------------------------

    def settle(self) -> None:
        """Authorizations near their end warn their apps daily; ended ones end their grants."""
        for due in self.authorizations.due(self.clock.now()):
            app_key, open_id = due.key
            if due.key not in self.grants.grants:
                continue  # the grant ended some other way
            if due.kind == END:
                self.grants.revoke_grant(app_key, open_id)
                continue
            for shop in self.sellers[open_id].shops:
                data = notifications.upcoming_expiration(shop.id, due.days_left, int(due.expires_at))
                self.records[shop.id].notify("UPCOMING_AUTHORIZATION_EXPIRATION", data, app_key=app_key)

    def authorization_views(self, now: float, app_key: str | None = None) -> list[dict[str, Any]]:
        """Each live grant's authorization: whose, and when it ends (the control API's state)."""
        return [
            {
                "app_key": key[0],
                "seller": self.sellers[key[1]].name,
                "open_id": key[1],
                "expires_at": int(ends),
                "expires_in": round(ends - now),
            }
            for key, ends in self.authorizations.ends.items()
            if key in self.grants.grants and app_key in (None, key[0])
        ]

    # -- lookups -------------------------------------------------------------------

    def app(self, app_key: str) -> ShopApp | None:
        return self.apps.get(app_key)

    def seller(self, name_or_open_id: str) -> Seller | None:
        return self.sellers_by_name.get(name_or_open_id) or self.sellers.get(name_or_open_id)

    def set_webhook_url(self, app_key: str, url: str | None) -> bool:
        app = self.apps.get(app_key)
        if app is not None:
            self.apps[app_key] = replace(app, webhook_url=url)
        return app is not None

    def webhook_address(self, app: ShopApp, shop_id: str, kind: str) -> str | None:
        """Where the app hears of `kind` in this shop: the Event API's address, else the app's URL."""
        subscription = self.subscriptions.get((app.app_key, shop_id), {}).get(kind)
        return subscription.address if subscription is not None else app.webhook_url

    def apps_of(self, seller_open_id: str) -> list[ShopApp]:
        """The apps the seller has authorized (a live grant): they hear of the seller's events."""
        return [app for app in self.apps.values() if (app.app_key, seller_open_id) in self.grants.grants]

    def holds(self, seller_name: str, key: tuple[str, str]) -> bool:
        """Whether the grant `key` (app_key, open_id) is this seller's."""
        seller = self.sellers_by_name.get(seller_name)
        return seller is not None and seller.open_id == key[1]
