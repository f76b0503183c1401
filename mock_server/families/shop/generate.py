"""Faker-filled, deterministic shop data: the same seed always gives the same shop.

Each shop draws from its own random source (seed + shop position), so adding a
shop or an order to a fixture does not change the data before it. Ids follow
TikTok's shapes: 18-19 digit numeric strings, ciphers `GCP_`/`ROW_` + base64url.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from faker import Faker

from mock_server.families.shop.models import (
    ORDER_STATUSES,
    SHIPPED_STATUSES,
    Address,
    DeliveryOption,
    LineItem,
    Order,
    Package,
    Payment,
    Product,
    ShippingProvider,
    Shop,
    ShopData,
    Sku,
    Statement,
    StatementLine,
    Warehouse,
    Withdrawal,
    cents,
    money,
)

_URLSAFE = string.ascii_letters + string.digits + "-_"
_UPPER = string.ascii_uppercase + string.digits
DAY = 86400
ORDER_SPAN = 90 * DAY
STATEMENT_PERIOD = 7 * DAY
_PROVIDERS = {
    "GB": ("Royal Mail", "DPD", "Evri", "Yodel"),
    "US": ("USPS", "UPS", "FedEx", "DHL eCommerce"),
}
_ADJECTIVES = ("Classic", "Premium", "Eco", "Mini", "Deluxe", "Soft", "Smart", "Vintage", "Portable", "Organic")
_NOUNS: tuple[str, ...] = ("Tote Bag", "Phone Case", "Water Bottle", "Desk Lamp", "Hoodie", "Scented Candle")
_NOUNS += ("Yoga Mat", "Lip Gloss", "Wireless Earbuds", "Plant Pot", "Notebook", "Hair Clip Set", "Coffee Mug")
_NOUNS += ("Backpack", "Face Serum")
_COLOURS = ("Black", "White", "Pink", "Sage", "Navy", "Beige")
_SIZES = ("S", "M", "L", "XL")


class UnknownSku(Exception):
    """An order in the fixture names a seller_sku no product of its shop has."""

    def __init__(self, index: int, seller_sku: str) -> None:
        super().__init__(f"orders[{index}]: no product in this shop has the seller_sku '{seller_sku}'")
        self.index = index
        self.seller_sku = seller_sku


def digits(rng: random.Random, n: int, first: str = "") -> str:
    return first + "".join(rng.choices(string.digits, k=n - len(first)))


def urlsafe(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(_URLSAFE, k=n))


@cache
def _faker(locale: str) -> Faker:
    # Building a Faker is slow; one per locale, re-seeded per shop.
    return Faker(locale)


def faker_for(region: str, seed: str) -> Faker:
    fake = _faker("en_GB" if region == "GB" else "en_US")
    fake.seed_instance(seed)
    return fake


def seller_open_id(rng: random.Random) -> str:
    return urlsafe(rng, 54)  # captured open_ids are 54 base64url characters (§4.2)


def shop_identity(rng: random.Random, region: str, seller_type: str) -> dict[str, str]:
    prefix = "GCP_" if seller_type == "LOCAL" else "ROW_"
    return {
        "id": digits(rng, 19, "749"),
        "cipher": prefix + urlsafe(rng, 32),
        "code": region[:2].upper() + "".join(rng.choices(_UPPER, k=8)),
    }


def address(fake: Faker, region: str) -> Address:
    return Address(
        name=fake.name(),
        phone_number=fake.phone_number(),
        address_line1=fake.street_address(),
        city=fake.city(),
        postal_code=fake.postcode(),
        region_code=region,
    )


# -- logistics ---------------------------------------------------------------


def warehouses(rng: random.Random, fake: Faker, shop: Shop) -> tuple[Warehouse, ...]:
    names = _PROVIDERS.get(shop.region, ("Standard Post", "Express Courier", "Local Carrier"))
    options = []
    for name, kind in (("Standard shipping", "STANDARD"), ("Express shipping", "EXPRESS")):
        providers = tuple(ShippingProvider(digits(rng, 19, "69"), n) for n in rng.sample(names, k=2))
        options.append(DeliveryOption(digits(rng, 19, "70"), name, kind, providers))
    sales = Warehouse(
        digits(rng, 19, "72"), f"{fake.city()} Warehouse", "SALES_WAREHOUSE", True, address(fake, shop.region)
    )
    sales = replace(sales, delivery_options=tuple(options))
    returns = Warehouse(
        digits(rng, 19, "72"), f"{fake.city()} Returns", "RETURN_WAREHOUSE", False, address(fake, shop.region)
    )
    return sales, returns


# -- products ------------------------------------------------------------------


def product(rng: random.Random, fake: Faker, when: int, given: dict[str, Any]) -> Product:
    title = given.get("title") or f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"
    product_id = given.get("id") or digits(rng, 19, "17")
    skus = given.get("skus") or [{} for _ in range(rng.randint(1, 3))]
    colours = rng.sample(_COLOURS, k=len(skus)) if len(skus) <= len(_COLOURS) else None
    return Product(
        id=product_id,
        title=title,
        description=given.get("description") or f"<p>{fake.sentence(nb_words=14)}</p>",
        status=given.get("status") or rng.choices(("ACTIVATE", "DRAFT", "SELLER_DEACTIVATED"), (85, 10, 5))[0],
        create_time=given.get("create_time") or when,
        update_time=given.get("create_time") or when + rng.randint(0, 5 * DAY),
        skus=tuple(_sku(rng, product_id, index, spec, colours) for index, spec in enumerate(skus)),
        brand=fake.company().split()[0],
        main_images=(f"tos-maliva-i-o3syd03w52-us/{urlsafe(rng, 32)}",),
    )


def _sku(rng: random.Random, product_id: str, index: int, given: dict[str, Any], colours: Any) -> Sku:
    attributes = (("Colour", colours[index]),) if colours else (("Size", _SIZES[index % len(_SIZES)]),)
    return Sku(
        id=given.get("id") or digits(rng, 19, "17"),
        seller_sku=given.get("seller_sku") or f"SKU-{product_id[-5:]}-{index + 1}",
        price=given.get("price") or money(rng.randint(499, 12999)),
        quantity=given.get("quantity", rng.randint(0, 500)),
        sales_attributes=attributes,
    )


def products(rng: random.Random, fake: Faker, specs: Sequence[dict[str, Any]], anchor: int) -> tuple[Product, ...]:
    when = anchor - 180 * DAY
    made = []
    for spec in specs:
        when += rng.randint(600, 2 * DAY)
        made.append(product(rng, fake, min(when, anchor - DAY), spec))
    return tuple(made)


# -- orders and packages ---------------------------------------------------------


def orders(
    rng: random.Random,
    fake: Faker,
    shop: Shop,
    specs: Sequence[dict[str, Any]],
    catalogue: Sequence[Product],
    warehouse: Warehouse,
    anchor: int,
) -> tuple[tuple[Order, ...], tuple[Package, ...]]:
    sellable = [p for p in catalogue if p.status == "ACTIVATE"] or list(catalogue)
    by_sku = {sku.seller_sku: (p, sku) for p in catalogue for sku in p.skus}
    made: list[Order] = []
    packages: list[Package] = []
    for index, spec in enumerate(specs):
        # The first nine cycle through every status, so any fixture with 9+ orders has them all.
        status = spec.get("status") or (ORDER_STATUSES[index] if index < len(ORDER_STATUSES) else _status(rng))
        created = spec.get("create_time") or anchor - rng.randint(DAY, ORDER_SPAN)
        wanted = spec.get("seller_skus") or ()
        unknown = [sku for sku in wanted if sku not in by_sku]
        if unknown:
            raise UnknownSku(index, unknown[0])
        chosen = [by_sku[sku] for sku in wanted] or [_pick_sku(rng, sellable) for _ in range(rng.randint(1, 3))]
        order = _order(rng, fake, shop, spec, status, created, chosen, warehouse, anchor)
        package = _package(rng, order)
        if package is not None:
            order = _assign_package(order, package)
            packages.append(package)
        made.append(order)
    return tuple(made), tuple(packages)


def _status(rng: random.Random) -> str:
    weights = (3, 1, 12, 1, 4, 8, 10, 45, 6)
    return rng.choices(ORDER_STATUSES, weights)[0]


def _order(
    rng: random.Random,
    fake: Faker,
    shop: Shop,
    spec: dict[str, Any],
    status: str,
    created: int,
    chosen: Sequence[tuple[Product, Sku]],
    warehouse: Warehouse,
    anchor: int,
) -> Order:
    order_id = spec.get("id") or digits(rng, 18, "57")
    items = tuple(
        LineItem(
            id=digits(rng, 18, "57"),
            product_id=prod.id,
            product_name=prod.title,
            sku_id=sku.id,
            sku_name=", ".join(value for _, value in sku.sales_attributes),
            seller_sku=sku.seller_sku,
            sale_price=sku.price,
            original_price=sku.price,
        )
        for prod, sku in chosen
    )
    option = rng.choice(warehouse.delivery_options)
    shipped = status in SHIPPED_STATUSES or status == "PARTIALLY_SHIPPING"
    provider = rng.choice(option.shipping_providers) if shipped else None
    wants_cancel = rng.random() < 0.05
    return Order(
        id=order_id,
        status=status,
        create_time=created,
        update_time=spec.get("update_time") or min(anchor, created + rng.randint(60, 10 * DAY)),
        user_id=digits(rng, 19, "7"),
        buyer_email=spec.get("buyer_email") or f"{urlsafe(rng, 12)}@scs.tiktokw.us",
        buyer_message=spec.get("buyer_message", ""),
        recipient_address=address(fake, shop.region),
        currency=shop.currency,
        shipping_fee=money(rng.choice((0, 0, 199, 299, 399))),
        tax="0.00",
        line_items=items,
        warehouse_id=warehouse.id,
        delivery_option_id=option.id,
        shipping_provider_id=provider.id if provider else "",
        tracking_number=("TT" + digits(rng, 14)) if provider else "",
        shipping_type=spec.get("shipping_type") or "TIKTOK",
        paid_time=0 if status == "UNPAID" else created + rng.randint(5, 600),
        is_buyer_request_cancel=spec.get("is_buyer_request_cancel", status == "AWAITING_SHIPMENT" and wants_cancel),
    )


def _pick_sku(rng: random.Random, sellable: Sequence[Product]) -> tuple[Product, Sku]:
    prod = rng.choice(sellable)
    return prod, rng.choice(prod.skus)


_PACKAGE_STATUS = {"AWAITING_SHIPMENT": "PROCESSING", "PARTIALLY_SHIPPING": "FULFILLING"}
_PACKAGE_STATUS.update(AWAITING_COLLECTION="FULFILLING", IN_TRANSIT="FULFILLING", DELIVERED="COMPLETED")
_PACKAGE_STATUS.update(COMPLETED="COMPLETED")


def _package(rng: random.Random, order: Order) -> Package | None:
    status = _PACKAGE_STATUS.get(order.status)
    if status is None:
        return None
    return Package(
        id=digits(rng, 19, "115"),
        order_id=order.id,
        status=status,
        line_item_ids=tuple(item.id for item in order.line_items),
        create_time=order.paid_time or order.create_time,
        update_time=order.update_time,
        shipping_provider_id=order.shipping_provider_id,
        tracking_number=order.tracking_number,
    )


def _assign_package(order: Order, package: Package) -> Order:
    return replace(order, line_items=tuple(replace(item, package_id=package.id) for item in order.line_items))


# -- finance -----------------------------------------------------------------------


def statements(
    rng: random.Random, shop: Shop, made: Sequence[Order], anchor: int
) -> tuple[tuple[Statement, ...], tuple[Payment, ...]]:
    """Completed orders settle in weekly statements; each paid statement has its payment."""
    by_period: dict[int, list[Order]] = {}
    for order in made:
        if order.status == "COMPLETED":
            period_end = (order.update_time // STATEMENT_PERIOD + 1) * STATEMENT_PERIOD
            by_period.setdefault(period_end, []).append(order)
    made_statements, made_payments = [], []
    for period_end in sorted(by_period):
        lines = tuple(_statement_line(rng, order) for order in sorted(by_period[period_end], key=lambda o: o.id))
        paid = period_end + 2 * DAY <= anchor
        payment_id = digits(rng, 19, "73") if paid else ""
        statement = Statement(
            id=digits(rng, 19, "73"),
            statement_time=period_end,
            currency=shop.currency,
            payment_status="PAID" if paid else "PROCESSING",
            payment_id=payment_id,
            lines=lines,
        )
        made_statements.append(statement)
        if paid:
            made_payments.append(_payment(rng, shop, statement, payment_id))
    return tuple(made_statements), tuple(made_payments)


def _statement_line(rng: random.Random, order: Order) -> StatementLine:
    revenue = cents(order.sub_total)
    fee = -round(revenue * rng.choice((0.05, 0.08, 0.09)))
    shipping = -cents(order.shipping_fee)
    return StatementLine(
        id=digits(rng, 19, "74"),
        order_id=order.id,
        order_create_time=order.create_time,
        revenue_amount=money(revenue),
        fee_amount=money(fee),
        shipping_cost_amount=money(shipping),
        settlement_amount=money(revenue + fee + shipping),
    )


def _payment(rng: random.Random, shop: Shop, statement: Statement, payment_id: str) -> Payment:
    return Payment(
        id=payment_id,
        create_time=statement.statement_time + DAY,
        status="PAID",
        amount=statement.total("settlement_amount"),
        currency=shop.currency,
        paid_time=statement.statement_time + 2 * DAY,
        bank_account="****" + digits(rng, 4),
    )


def withdrawals(rng: random.Random, shop: Shop, payments: Sequence[Payment]) -> tuple[Withdrawal, ...]:
    return tuple(
        Withdrawal(
            id=digits(rng, 19, "75"),
            type="WITHDRAW",
            amount=payment.amount,
            currency=shop.currency,
            status="SUCCESS",
            create_time=payment.paid_time,
        )
        for payment in payments
    )


def shop_data(
    seed: str,
    shop: Shop,
    product_specs: Sequence[dict[str, Any]],
    order_specs: Sequence[dict[str, Any]],
    anchor: int,
) -> ShopData:
    rng = random.Random(f"{seed}:data")
    fake = faker_for(shop.region, f"{seed}:faker")
    stock = warehouses(rng, fake, shop)
    catalogue = products(rng, fake, product_specs, anchor)
    made_orders, packages = orders(rng, fake, shop, order_specs, catalogue, stock[0], anchor) if catalogue else ((), ())
    made_statements, payments = statements(rng, shop, made_orders, anchor)
    return ShopData(
        products=catalogue,
        orders=made_orders,
        packages=packages,
        statements=made_statements,
        payments=payments,
        withdrawals=withdrawals(rng, shop, payments),
        warehouses=stock,
    )
