"""Logistics (warehouses, delivery options, shipping providers), the seller's shops,
and the seller performance analytics."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mock_server.families.shop.errors import invalid_params, not_found
from mock_server.families.shop.models import Address, Seller, Shop, Warehouse, cents, money
from mock_server.families.shop.requests import Call
from mock_server.families.shop.state import ShopRecords


def shop_view(shop: Shop) -> dict[str, Any]:
    return {
        "id": shop.id,
        "name": shop.name,
        "region": shop.region,
        "seller_type": shop.seller_type,
        "cipher": shop.cipher,
        "code": shop.code,
    }


def shops(seller: Seller) -> dict[str, Any]:
    return {"shops": [shop_view(shop) for shop in seller.shops]}


def _address_view(address: Address) -> dict[str, Any]:
    return {
        "region": address.region_code,
        "city": address.city,
        "contact_person": address.name,
        "phone_number": address.phone_number,
        "postal_code": address.postal_code,
        "full_address": address.full_address,
        "address_line1": address.address_line1,
        "region_code": address.region_code,
    }


def warehouse_view(warehouse: Warehouse) -> dict[str, Any]:
    return {
        "id": warehouse.id,
        "name": warehouse.name,
        "effect_status": warehouse.effect_status,
        "type": warehouse.type,
        "sub_type": warehouse.sub_type,
        "is_default": warehouse.is_default,
        "address": _address_view(warehouse.address),
    }


def warehouses(records: ShopRecords) -> dict[str, Any]:
    return {"warehouses": [warehouse_view(w) for w in records.warehouses.values()]}


def global_warehouses(seller: Seller, records: dict[str, ShopRecords]) -> dict[str, Any]:
    """Cross-border sellers ship from global warehouses; a local seller has none."""
    found = [
        {
            "id": w.id,
            "name": w.name,
            "effect_status": w.effect_status,
            "is_default": w.is_default,
            "address": _address_view(w.address),
        }
        for shop in seller.shops
        if shop.seller_type == "CROSS_BORDER"
        for w in records[shop.id].warehouses.values()
        if w.type == "SALES_WAREHOUSE"
    ]
    return {"global_warehouses": found}


def delivery_options(records: ShopRecords, call: Call) -> dict[str, Any]:
    warehouse_id = call.path_params["warehouse_id"]
    warehouse = records.warehouses.get(warehouse_id)
    if warehouse is None:
        raise not_found("warehouse", warehouse_id)
    views = [
        {
            "id": option.id,
            "name": option.name,
            "type": option.type,
            "description": f"{option.name} from {warehouse.name}",
            "platform": ["TIKTOK_SHOP"],
            "weight_limit": {"max_weight": 30000, "min_weight": 1, "unit": "GRAM"},
            "dimension_limit": {"max_height": 100, "max_length": 100, "max_width": 100, "unit": "CM"},
        }
        for option in warehouse.delivery_options
    ]
    return {"delivery_options": views}


def shipping_providers(records: ShopRecords, call: Call) -> dict[str, Any]:
    option_id = call.path_params["delivery_option_id"]
    for warehouse in records.warehouses.values():
        for option in warehouse.delivery_options:
            if option.id == option_id:
                return {"shipping_providers": [{"id": p.id, "name": p.name} for p in option.shipping_providers]}
    raise not_found("delivery option", option_id)


# -- analytics ---------------------------------------------------------------------

DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # YYYY-MM-DD, as the API documents
_USD_RATES = {"USD": 100, "GBP": 127, "EUR": 108}  # mock's fixed rates, cents of USD per unit


def _day(call: Call, key: str) -> date:
    raw = call.text(key, required=True) or ""
    try:
        if not DATE.match(raw):  # date.fromisoformat also takes 20250101 and 2025-W01-1
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid_params(f"Invalid parameter. {key} must be a date YYYY-MM-DD, got '{raw}'.") from None


MAX_PERFORMANCE_DAYS = 366


def performance(records: ShopRecords, call: Call) -> dict[str, Any]:
    start, end = _day(call, "start_date_ge"), _day(call, "end_date_lt")
    if end <= start:
        raise invalid_params("Invalid parameter. end_date_lt must be after start_date_ge.")
    # TikTok's own range limit is undocumented; the mock caps it so a daily
    # breakdown stays small and the comparison window stays a real date.
    if (end - start).days > MAX_PERFORMANCE_DAYS:
        raise invalid_params(f"Invalid parameter. The date range must be at most {MAX_PERFORMANCE_DAYS} days.")
    if (start - date.min).days <= (end - start).days:  # the comparison window would start before year 1
        raise invalid_params("Invalid parameter. start_date_ge is out of range.")
    granularity = call.choice("granularity", ("ALL", "1D"), default="ALL")
    currency = call.choice("currency", ("USD", "LOCAL"), default="LOCAL")
    with_comparison = call.choice("with_comparison", ("true", "false"), default="false") == "true"
    data: dict[str, Any] = {"intervals": _intervals(records, start, end, granularity, currency)}
    if with_comparison:
        span = end - start
        data["comparison_intervals"] = _intervals(records, start - span, start, granularity, currency)
    return {"performance": data}


def _intervals(records: ShopRecords, start: date, end: date, granularity: str, currency: str) -> list[dict[str, Any]]:
    if granularity == "ALL":
        return [_interval(records, start, end, currency)]
    days = (end - start).days
    return [_interval(records, start + timedelta(i), start + timedelta(i + 1), currency) for i in range(days)]


def _interval(records: ShopRecords, start: date, end: date, currency: str) -> dict[str, Any]:
    lo, hi = (int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()) for d in (start, end))
    sold = [o for o in records.orders.values() if lo <= o.create_time < hi and o.status not in ("UNPAID", "CANCELLED")]
    local = records.shop.currency
    rate = _USD_RATES.get(local, 100) if currency == "USD" else 100
    gmv = sum(cents(o.total_amount) for o in sold) * rate // 100
    label = "USD" if currency == "USD" else local
    units = sum(len(o.line_items) for o in sold)
    return {
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "gmv": {"amount": money(gmv), "currency": label},
        "orders": len(sold),
        "sku_orders": units,
        "units_sold": units,
        "buyers": len({o.user_id for o in sold}),
        "avg_order_value": {"amount": money(gmv // len(sold) if sold else 0), "currency": label},
        "product_page_views": units * 37,  # the mock's fixed views-per-sale ratio
        "conversion_rate": "0.0270" if sold else "0.0000",
    }
