"""The fixture's `shop:` section -> a `ShopFixture`, errors as FILE:LINE.

```yaml
shop:
  apps:    [{app_key, app_secret, name, service_id, redirect_uri, scopes, auto_approve, *_ttl}]
  sellers: [{name, region, open_id, shops: [{name, region, seller_type, id, cipher, code,
                                             products: N | [...], orders: N | [...]}]}]
  tokens:  [{app, seller, access_token, refresh_token, scopes, expires_in, refresh_expires_in}]
```
Anything left out is generated from the seed (`core.shop.generate`).
"""

from __future__ import annotations

import random
from typing import Any

from mock_server.families.shop import generate
from mock_server.families.shop.models import (
    ORDER_STATUSES,
    PRODUCT_STATUSES,
    SELLER_TYPES,
    Seller,
    Shop,
    ShopApp,
    ShopData,
    ShopFixture,
    ShopTokenSpec,
    cents,
    money,
)
from mock_server.families.shop.scopes import KNOWN_SHOP_SCOPES, SHOP_SCOPES
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.ids import IdFactory
from mock_server.kernel.yaml_source import Fields, describe, refuse_duplicates


def parse_shop(value: Any, source: str, line: int, seed: int, anchor: int) -> ShopFixture | None:
    if value is None:
        return None
    top = Fields(value, source, "shop", line)
    data: dict[str, ShopData] = {}
    sellers = [
        _seller(Fields(item, source, where, ln), seed, i, anchor, data)
        for i, (item, where, ln) in enumerate(top.items("sellers"))
    ]
    placed = list(zip(sellers, top.items("sellers"), strict=True))
    refuse_duplicates(source, "seller name", ((s.name, w, ln) for s, (_, w, ln) in placed))
    refuse_duplicates(source, "seller open_id", ((s.open_id, w, ln) for s, (_, w, ln) in placed))
    for attribute in ("id", "cipher"):
        refuse_duplicates(
            source,
            f"shop {attribute}",
            (
                (getattr(shop, attribute), f"{w}.shops[{i}]", ln)
                for seller, (_, w, ln) in placed
                for i, shop in enumerate(seller.shops)
            ),
        )
    seller_names = {s.name for s in sellers}
    apps = [
        _app(Fields(item, source, where, ln), seed, i, seller_names)
        for i, (item, where, ln) in enumerate(top.items("apps"))
    ]
    app_items = top.items("apps")
    refuse_duplicates(source, "app_key", ((a.app_key, w, ln) for a, (_, w, ln) in zip(apps, app_items, strict=True)))
    apps_by_key = {app.app_key: app for app in apps}
    tokens = [
        _token(Fields(item, source, where, ln), seed, apps_by_key, seller_names)
        for item, where, ln in top.items("tokens")
    ]
    top.check_unknown()
    return ShopFixture(tuple(apps), tuple(sellers), data, tuple(tokens))


def _scopes(fields: Fields, default: list[str]) -> list[str]:
    scopes = fields.text_list("scopes", default)
    for scope in scopes:
        if scope not in KNOWN_SHOP_SCOPES:
            raise fields.error("scopes", f"unknown Shop scope '{scope}' (known: {', '.join(sorted(SHOP_SCOPES))})")
    return scopes


def _app(fields: Fields, seed: int, index: int, seller_names: set[str]) -> ShopApp:
    rng = random.Random(f"{seed}:shop-app:{index}")
    app_key = fields.text("app_key", required=True)
    auto_approve = fields.text("auto_approve")
    if auto_approve is not None and auto_approve not in seller_names:
        raise fields.error("auto_approve", f"no seller named '{auto_approve}'")
    base = ShopApp("", "", "", "", "", ())
    app = ShopApp(
        app_key=app_key,
        app_secret=fields.text("app_secret") or generate.urlsafe(rng, 40),
        name=fields.text("name") or f"Shop App {app_key}",
        service_id=str(fields.raw("service_id") or generate.digits(rng, 19, "7")),
        redirect_uri=fields.text("redirect_uri", required=True),
        scopes=tuple(_scopes(fields, sorted(KNOWN_SHOP_SCOPES))),
        access_token_ttl=fields.seconds("access_token_ttl", base.access_token_ttl, minimum=1),
        refresh_token_ttl=fields.seconds("refresh_token_ttl", base.refresh_token_ttl, minimum=1),
        code_ttl=fields.seconds("code_ttl", base.code_ttl, minimum=1),
        authorization_ttl=fields.seconds("authorization_ttl", base.authorization_ttl, minimum=1),
        auto_approve=auto_approve,
        webhook_url=fields.http_url("webhook_url"),
    )
    if not app.redirect_uri.startswith(("http://", "https://")):
        raise fields.error("redirect_uri", f"'{app.redirect_uri}' must be an absolute http(s) URL")
    fields.check_unknown()
    return app


def _region(fields: Fields, default: str) -> str:
    region = fields.text("region", default)
    if len(region) != 2 or not region.isalpha():
        raise fields.error("region", f"a region is a two-letter code such as GB or US, got '{region}'")
    return region.upper()


def _seller(fields: Fields, seed: int, index: int, anchor: int, data: dict[str, ShopData]) -> Seller:
    rng = random.Random(f"{seed}:shop-seller:{index}")
    fake = generate.faker_for("US", f"{seed}:shop-seller:{index}")
    name = fields.text("name") or f"{fake.company()} Store"
    region = _region(fields, "GB")
    shops = []
    items = fields.items("shops") or [(_default_shop(fields), f"{fields.where}.shops[0]", fields.line_of())]
    for shop_index, (item, where, line) in enumerate(items):
        shop_fields = Fields(item, fields.source, where, line)
        shops.append(_shop(shop_fields, f"{seed}:shop:{index}:{shop_index}", name, region, anchor, data))
    seller = Seller(
        name=name, open_id=fields.text("open_id") or generate.seller_open_id(rng), region=region, shops=tuple(shops)
    )
    fields.check_unknown()
    return seller


def _default_shop(fields: Fields) -> Any:
    from mock_server.kernel.yaml_source import Map

    shop = Map()
    shop.line, shop.key_lines = fields.line_of(), {}
    return shop


def _shop(
    fields: Fields, seed: str, seller_name: str, seller_region: str, anchor: int, data: dict[str, ShopData]
) -> Shop:
    region = _region(fields, seller_region)
    seller_type = fields.text("seller_type", "LOCAL").upper()
    if seller_type not in SELLER_TYPES:
        raise fields.error("seller_type", f"must be one of {', '.join(SELLER_TYPES)}, got '{seller_type}'")
    made = generate.shop_identity(random.Random(f"{seed}:identity"), region, seller_type)
    shop = Shop(
        id=str(fields.raw("id") or made["id"]),
        name=fields.text("name") or f"{seller_name} {region}",
        region=region,
        seller_type=seller_type,
        cipher=fields.text("cipher") or made["cipher"],
        code=fields.text("code") or made["code"],
    )
    products = _specs(fields, "products", _product_spec)
    orders = _specs(fields, "orders", _order_spec)
    if orders and not products:
        raise fields.error("orders", "orders need products to sell: give the shop some products")
    try:
        data[shop.id] = generate.shop_data(seed, shop, products, orders, anchor)
    except generate.UnknownSku as exc:
        line = fields.mapping["orders"].item_lines[exc.index]
        raise FixtureError(fields.source, line, f"{fields.where}.{exc}") from None
    fields.check_unknown()
    return shop


def _specs(fields: Fields, key: str, parse: Any) -> list[dict[str, Any]]:
    value = fields.raw(key)
    if value is None:
        return []
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= 100_000:
            raise fields.error(key, f"must be a count from 0 to 100000 or a list, got {value}")
        return [{} for _ in range(value)]
    if not isinstance(value, list):
        raise fields.error(key, f"expected a count or a list, got {describe(value)}")
    return [parse(Fields(item, fields.source, where, line)) for item, where, line in fields.items(key)]


def _seconds_at(fields: Fields, key: str) -> int | None:
    """A point in time as whole unix seconds, as the Shop's records keep it."""
    when = fields.instant(key)
    return None if when is None else int(when)


def _upper_choice(fields: Fields, key: str, options: tuple[str, ...]) -> str | None:
    value = fields.text(key)
    if value is not None and value.upper() not in options:
        raise fields.error(key, f"must be one of {', '.join(options)}, got '{value}'")
    return value.upper() if value else None


def _price(fields: Fields, key: str) -> str | None:
    value = fields.raw(key)
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        amount = round(float(value) * 100)
        if amount < 0:
            raise ValueError
    except (TypeError, ValueError):
        raise fields.error(key, f"expected a price such as 12.99, got {describe(value)}") from None
    return money(cents(money(amount)))


def _product_spec(fields: Fields) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "id": str(fields.raw("id")) if fields.has("id") else None,
        "title": fields.text("title"),
        "description": fields.text("description"),
        "status": _upper_choice(fields, "status", PRODUCT_STATUSES),
        "create_time": _seconds_at(fields, "create_time"),
    }
    skus = []
    for item, where, line in fields.items("skus"):
        sku = Fields(item, fields.source, where, line)
        skus.append(
            {
                key: value
                for key, value in {
                    "id": str(sku.raw("id")) if sku.has("id") else None,
                    "seller_sku": sku.text("seller_sku"),
                    "price": _price(sku, "price"),
                    "quantity": sku.integer("quantity", minimum=0),
                }.items()
                if value is not None
            }
        )
        sku.check_unknown()
    spec["skus"] = skus
    fields.check_unknown()
    return {key: value for key, value in spec.items() if value}


def _order_spec(fields: Fields) -> dict[str, Any]:
    spec = {
        "id": str(fields.raw("id")) if fields.has("id") else None,
        "status": _upper_choice(fields, "status", ORDER_STATUSES),
        "create_time": _seconds_at(fields, "create_time"),
        "update_time": _seconds_at(fields, "update_time"),
        "buyer_email": fields.text("buyer_email"),
        "buyer_message": fields.text("buyer_message"),
        "shipping_type": _upper_choice(fields, "shipping_type", ("TIKTOK", "SELLER")),
        "is_buyer_request_cancel": fields.boolean("is_buyer_request_cancel"),
        "seller_skus": fields.text_list("seller_skus") or None,
    }
    fields.check_unknown()
    return {key: value for key, value in spec.items() if value is not None}


def _token(fields: Fields, seed: int, apps: dict[str, ShopApp], seller_names: set[str]) -> ShopTokenSpec:
    app_key = fields.text("app", required=True)
    seller = fields.text("seller", required=True)
    app = apps.get(app_key)
    if app is None:
        raise fields.error("app", f"no Shop app with app_key '{app_key}'")
    if seller not in seller_names:
        raise fields.error("seller", f"no seller named '{seller}'")
    scopes = _scopes(fields, list(app.scopes))
    for scope in app.not_allowed(scopes):
        raise fields.error("scopes", f"the app '{app_key}' is not allowed the scope '{scope}'")
    ids = IdFactory(f"{seed}:shop-token:{fields.where}")
    spec = ShopTokenSpec(
        app_key=app_key,
        seller=seller,
        access_token=fields.text("access_token") or ids.shop_token("ROW_"),
        refresh_token=fields.text("refresh_token") or ids.shop_token("ROW_"),
        scopes=tuple(scopes),
        expires_in=fields.seconds("expires_in"),
        refresh_expires_in=fields.seconds("refresh_expires_in"),
    )
    fields.check_unknown()
    return spec
