"""Orders: search, get by ids (202309 and 202507), price detail, external order references."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mock_server.families.shop.errors import NOT_FOUND, found, invalid_params
from mock_server.families.shop.models import ORDER_STATUSES, ExternalOrder, Order
from mock_server.families.shop.paging import paginate
from mock_server.families.shop.requests import Call, body_field, body_time, in_range, text_list
from mock_server.families.shop.state import ShopRecords

SORT_FIELDS = ("create_time", "update_time")


def order_view(records: ShopRecords, order: Order) -> dict[str, Any]:
    currency = order.currency
    packages = {item.package_id for item in order.line_items if item.package_id}
    return {
        "id": order.id,
        "status": order.status,
        "create_time": order.create_time,
        "update_time": order.update_time,
        "paid_time": order.paid_time or None,
        "user_id": order.user_id,
        "buyer_email": order.buyer_email,
        "buyer_message": order.buyer_message,
        "recipient_address": _address_view(order),
        "payment": {
            "currency": currency,
            "sub_total": order.sub_total,
            "shipping_fee": order.shipping_fee,
            "tax": order.tax,
            "total_amount": order.total_amount,
            "original_total_product_price": order.sub_total,
            "original_shipping_fee": order.shipping_fee,
            "seller_discount": "0.00",
            "platform_discount": "0.00",
        },
        "line_items": [_line_item_view(records, order, item) for item in order.line_items],
        "packages": [{"id": package_id} for package_id in sorted(packages)],
        "shipping_type": order.shipping_type,
        "fulfillment_type": "FULFILLMENT_BY_SELLER",
        "delivery_type": "HOME_DELIVERY",
        "warehouse_id": order.warehouse_id,
        "delivery_option_id": order.delivery_option_id,
        "shipping_provider_id": order.shipping_provider_id,
        "tracking_number": order.tracking_number,
        "is_buyer_request_cancel": order.is_buyer_request_cancel,
        "is_cod": False,
        "is_sample_order": False,
        "payment_method_name": "Card",
        "commerce_platform": "TIKTOK_SHOP",
    }


def _address_view(order: Order) -> dict[str, Any]:
    address = order.recipient_address
    return {
        "name": address.name,
        "phone_number": address.phone_number,
        "address_line1": address.address_line1,
        "address_line2": "",
        "postal_code": address.postal_code,
        "region_code": address.region_code,
        "full_address": address.full_address,
        "district_info": [{"address_level_name": "City", "address_name": address.city}],
    }


def _line_item_view(records: ShopRecords, order: Order, item: Any) -> dict[str, Any]:
    package = records.packages.get(item.package_id)
    return {
        "id": item.id,
        "product_id": item.product_id,
        "product_name": item.product_name,
        "sku_id": item.sku_id,
        "sku_name": item.sku_name,
        "seller_sku": item.seller_sku,
        "sale_price": item.sale_price,
        "original_price": item.original_price,
        "currency": order.currency,
        "display_status": order.status,
        "package_id": item.package_id or None,
        "package_status": package.status if package else None,
        "tracking_number": package.tracking_number if package else "",
        "shipping_provider_id": package.shipping_provider_id if package else "",
        "is_gift": False,
    }


def search(records: ShopRecords, call: Call) -> dict[str, Any]:
    size = call.page_size(default=None)
    sort_field = call.choice("sort_field", SORT_FIELDS, default="create_time")
    descending = call.descending()
    body = call.json_object()
    status = body_field(body, "order_status", str)
    if status is not None and status not in ORDER_STATUSES:
        raise invalid_params(f"Invalid parameter. order_status must be one of {', '.join(ORDER_STATUSES)}.")
    created = body_time(body, "create_time_ge"), body_time(body, "create_time_lt")
    updated = body_time(body, "update_time_ge"), body_time(body, "update_time_lt")
    shipping_type = body_field(body, "shipping_type", str)
    buyer = body_field(body, "buyer_user_id", str)
    cancel = body_field(body, "is_buyer_request_cancel", bool)
    warehouses = set(text_list(body, "warehouse_ids", maximum=100) or ())

    def matches(order: Order) -> bool:
        return (
            status in (None, order.status)
            and in_range(order.create_time, *created)
            and in_range(order.update_time, *updated)
            and shipping_type in (None, order.shipping_type)
            and buyer in (None, order.user_id)
            and cancel in (None, order.is_buyer_request_cancel)
            and (not warehouses or order.warehouse_id in warehouses)
        )

    found = (o for o in records.orders.values() if matches(o))
    page = paginate(found, lambda o: (getattr(o, sort_field), o.id), size, call.text("page_token"), descending)
    return {
        "orders": [order_view(records, o) for o in page.items],
        "next_page_token": page.next_page_token,
        "total_count": page.total_count,
    }


def get_by_ids(records: ShopRecords, call: Call) -> dict[str, Any]:
    ids = (call.text("ids", required=True) or "").split(",")
    if not 1 <= len(ids) <= 50 or not all(ids):
        raise invalid_params("Invalid parameter. ids takes 1 to 50 comma-separated order ids.")
    # Ids that are not this shop's orders are left out, as a batch read does.
    return {"orders": [order_view(records, records.orders[i]) for i in dict.fromkeys(ids) if i in records.orders]}


def order_of(records: ShopRecords, order_id: str) -> Order:
    return found(records.orders, "order", order_id)


def price_detail(records: ShopRecords, call: Call) -> dict[str, Any]:
    order = order_of(records, call.path_params["order_id"])
    return {
        "currency": order.currency,
        "total": order.total_amount,
        "subtotal": order.sub_total,
        "shipping": order.shipping_fee,
        "tax": order.tax,
        "seller_discount": "0.00",
        "platform_discount": "0.00",
        "sku_prices": [
            {
                "id": item.id,
                "sku_id": item.sku_id,
                "quantity": 1,
                "sale_price": item.sale_price,
                "original_price": item.original_price,
                "seller_discount": "0.00",
                "platform_discount": "0.00",
            }
            for item in order.line_items
        ],
    }


# -- external order references ----------------------------------------------------------


def _external_view(external: ExternalOrder) -> dict[str, Any]:
    return {
        "platform": external.platform,
        "id": external.id,
        "line_items": [{"id": item, "origin_id": origin} for item, origin in external.line_items],
    }


def add_external(records: ShopRecords, call: Call, now: int) -> dict[str, Any]:
    # TikTok documents {"orders": [...]}; the n8n node sends the bare list. Both are read.
    entries = call.body.get("orders") if isinstance(call.body, dict) else call.body
    if not isinstance(entries, list) or not 1 <= len(entries) <= 100:
        raise invalid_params("Invalid parameter. orders must list 1 to 100 {id, external_order} objects.")
    errors = []
    for index, entry in enumerate(entries):
        order_id, external = _external_entry(entry, index)
        order = records.orders.get(order_id)
        if order is None:
            message = f"The order '{order_id}' does not exist in this shop."
            errors.append({"code": NOT_FOUND, "message": message, "detail": {"order_id": order_id}})
            continue
        kept = tuple(e for e in order.external_orders if (e.platform, e.id) != (external.platform, external.id))
        records.put_order(replace(order, external_orders=(*kept, external), update_time=now))
    return {"errors": errors}


def _external_entry(entry: Any, index: int) -> tuple[str, ExternalOrder]:
    where = f"orders[{index}]"
    external = entry.get("external_order") if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(external, dict):
        raise invalid_params(f"Invalid parameter. {where} must be {{id, external_order: {{platform, id}}}}.")
    platform = body_field(external, "platform", str, required=True)
    external_id = body_field(external, "id", str, required=True)
    items = body_field(external, "line_items", list) or []
    if not all(isinstance(item, dict) for item in items):
        raise invalid_params(f"Invalid parameter. {where}.external_order.line_items must be {{id, origin_id}} objects.")
    pairs = tuple((body_field(i, "id", str) or "", body_field(i, "origin_id", str) or "") for i in items)
    return entry["id"], ExternalOrder(platform, external_id, pairs)


def get_external(records: ShopRecords, call: Call) -> dict[str, Any]:
    order = order_of(records, call.path_params["order_id"])
    platform = call.text("platform")
    found = [e for e in order.external_orders if platform in (None, e.platform)]
    return {"external_orders": [_external_view(e) for e in found]}


def search_external(records: ShopRecords, call: Call) -> dict[str, Any]:
    call.json_object()  # the inputs are query parameters, but a body that is not an object is still refused
    platform = call.text("platform", required=True)
    external_id = call.text("external_order_id", required=True)
    found = [
        {"id": order.id, "external_orders": [_external_view(e) for e in order.external_orders]}
        for order in records.orders.values()
        if any((e.platform, e.id) == (platform, external_id) for e in order.external_orders)
    ]
    return {"orders": found}
