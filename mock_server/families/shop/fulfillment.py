"""Packages: create, ship, shipping documents. Shipping moves the order along, so a
later order read shows the new status, tracking number and package state."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from mock_server.families.shop import notifications
from mock_server.families.shop.errors import bad_state, found, invalid_params
from mock_server.families.shop.generate import digits
from mock_server.families.shop.models import SHIPPING_DOCUMENT_TYPES, Order, Package
from mock_server.families.shop.orders import order_of
from mock_server.families.shop.requests import Call, body_field, text_list
from mock_server.families.shop.state import ShopRecords

HANDOVER_METHODS = ("PICKUP", "DROP_OFF")


def package_of(records: ShopRecords, package_id: str) -> Package:
    return found(records.packages, "package", package_id)


# Create Packages' `ship_type` (TikTok's published spec): 1 the whole order in one package,
# 2 the line items named in `order_line_item` (a split), 3 several orders in one (combine).
WHOLE_ORDER, SOME_ITEMS, COMBINED = "1", "2", "3"


def create(records: ShopRecords, call: Call) -> dict[str, Any]:
    # The request's shape is checked before any order is looked up, as TikTok's gateway does.
    body = call.json_object()
    ship_type = body_field(body, "ship_type", str)
    if ship_type == COMBINED:
        raise invalid_params(
            "Invalid parameter. ship_type 3 (several orders in one package) is not supported by the mock."
        )
    if ship_type not in (None, WHOLE_ORDER, SOME_ITEMS):
        raise invalid_params("Invalid parameter. ship_type must be 1, 2 or 3.")
    order_id = body_field(body, "order_id", str, required=True)
    chosen = _chosen_items(body)  # checked even when ship_type 1 does not use them
    if ship_type == SOME_ITEMS and not chosen:
        raise invalid_params("Invalid parameter. ship_type 2 needs the line items to pack in order_line_item.")
    if ship_type == WHOLE_ORDER:
        chosen = None
    order = order_of(records, order_id)
    if order.status not in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
        raise bad_state(f"The order '{order.id}' is {order.status}: packages can be created only awaiting shipment.")
    wanted = chosen or [item.id for item in order.line_items if _unshipped(records, item.package_id)]
    known = {item.id: item for item in order.line_items}
    for item_id in wanted:
        if item_id not in known:
            raise invalid_params(f"Invalid parameter. '{item_id}' is not a line item of the order '{order.id}'.")
        if not _unshipped(records, known[item_id].package_id):
            raise bad_state(f"The line item '{item_id}' is already in a shipped package.")
    rng = random.Random(f"{order.id}:{len(records.packages)}:{call.now}")
    package_id = digits(rng, 19, "115")
    while package_id in records.packages:  # the same order, count and second as an earlier package
        package_id = digits(rng, 19, "115")
    package = Package(package_id, order.id, "PROCESSING", tuple(wanted), call.now, call.now)
    _regroup(records, order, package)
    return {
        "package_id": package.id,
        "order_id": order.id,
        "order_line_item_ids": list(wanted),
        "create_time": package.create_time,
        "shipping_service_info": {"id": order.delivery_option_id, "name": "Standard shipping"},
    }


def _chosen_items(body: dict[str, Any]) -> list[str] | None:
    """The line items to pack: TikTok's `order_line_item: [{order_line_id}]`, or the
    `order_line_item_ids: [id]` list some clients send; None for all that are left."""
    ids = text_list(body, "order_line_item_ids", maximum=100)
    items = body_field(body, "order_line_item", list)
    if items is not None and ids is not None:
        raise invalid_params("Invalid parameter. Give order_line_item or order_line_item_ids, not both.")
    if items is not None:
        if len(items) > 100 or not all(_line_item_ref(item) for item in items):
            raise invalid_params(
                "Invalid parameter. order_line_item must list at most 100 {order_line_id, sub_item_id?}."
            )
        ids = [item["order_line_id"] for item in items]
    if ids is not None and len(set(ids)) != len(ids):
        raise invalid_params("Invalid parameter. A line item is listed twice.")
    return ids


def _line_item_ref(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("order_line_id"), str)
        and isinstance(item.get("sub_item_id", ""), str)
    )


def _unshipped(records: ShopRecords, package_id: str) -> bool:
    package = records.packages.get(package_id)
    return package is None or package.status == "PROCESSING"


def _regroup(records: ShopRecords, order: Order, package: Package) -> None:
    """Move the chosen line items into the new package; drop packages left empty."""
    moved = set(package.line_item_ids)
    items = tuple(replace(i, package_id=package.id) if i.id in moved else i for i in order.line_items)
    still_used = {item.package_id for item in items}
    for old in {item.package_id for item in order.line_items} - still_used:
        records.packages.pop(old, None)
    for old_id in still_used - {package.id}:
        previous = records.packages.get(old_id)
        if previous is not None and previous.status == "PROCESSING":
            remaining = tuple(i for i in previous.line_item_ids if i not in moved)
            records.packages[old_id] = replace(previous, line_item_ids=remaining)
    records.packages[package.id] = package
    records.put_order(replace(order, line_items=items, update_time=package.create_time))
    if len(still_used) > 1:  # the order now ships in several packages: the seller split it
        packages = [records.packages[p] for p in sorted(still_used) if p in records.packages]
        records.notify(
            "PACKAGE_UPDATE", notifications.package_update("SPLIT", "ROLE_SELLER", packages, package.create_time)
        )


def ship(records: ShopRecords, call: Call) -> dict[str, Any]:
    body = call.json_object()
    if "handover_method" not in body and "self_shipment" not in body:
        raise invalid_params("Invalid parameter. The body must give handover_method or self_shipment.")
    handover = body_field(body, "handover_method", str) or "DROP_OFF"
    if handover not in HANDOVER_METHODS:
        raise invalid_params(f"Invalid parameter. handover_method must be one of {', '.join(HANDOVER_METHODS)}.")
    self_shipment = _self_shipment(body)
    package = package_of(records, call.path_params["package_id"])  # after the body's shape, as TikTok checks
    if package.status != "PROCESSING":
        raise bad_state(f"The package '{package.id}' is {package.status}: it has already been shipped.")
    order = records.orders[package.order_id]
    tracking, provider = self_shipment or _platform_tracking(records, order, package)
    records.packages[package.id] = replace(
        package,
        status="FULFILLING",
        tracking_number=tracking,
        shipping_provider_id=provider,
        handover_method=handover,
        update_time=call.now,
    )
    self_shipped = self_shipment is not None
    waiting = any(p.status == "PROCESSING" for p in records.packages.values() if p.order_id == order.id)
    status = "PARTIALLY_SHIPPING" if waiting else ("IN_TRANSIT" if self_shipped else "AWAITING_COLLECTION")
    records.put_order(
        replace(order, status=status, tracking_number=tracking, shipping_provider_id=provider, update_time=call.now)
    )
    return {}


def _platform_tracking(records: ShopRecords, order: Order, package: Package) -> tuple[str, str]:
    rng = random.Random(package.id)
    option = _delivery_option(records, order)
    provider = option.shipping_providers[0].id if option and option.shipping_providers else ""
    return "TT" + digits(rng, 14), provider


def _self_shipment(body: dict[str, Any]) -> tuple[str, str] | None:
    """(tracking number, shipping provider id) when the seller ships it themselves."""
    if "self_shipment" not in body:
        return None
    self_shipment = body["self_shipment"]
    if not isinstance(self_shipment, dict):
        raise invalid_params("Invalid parameter. self_shipment must be {tracking_number, shipping_provider_id}.")
    tracking = self_shipment.get("tracking_number")
    provider = self_shipment.get("shipping_provider_id")
    if not isinstance(tracking, str) or not tracking or not isinstance(provider, str) or not provider:
        raise invalid_params("Invalid parameter. self_shipment needs tracking_number and shipping_provider_id.")
    return tracking, provider


def _delivery_option(records: ShopRecords, order: Order) -> Any:
    warehouse = records.warehouses.get(order.warehouse_id)
    options = warehouse.delivery_options if warehouse else ()
    return next((o for o in options if o.id == order.delivery_option_id), None)


def shipping_documents(records: ShopRecords, call: Call) -> dict[str, Any]:
    document_type = call.choice("document_type", SHIPPING_DOCUMENT_TYPES, required=True)
    package = package_of(records, call.path_params["package_id"])
    if package.status == "PROCESSING":
        raise bad_state(f"The package '{package.id}' has not been shipped yet: it has no {document_type}.")
    name = document_type.lower()
    return {
        "doc_url": f"https://open-fs-va.tiktokshop.com/wsos_v2/oec_fulfillment_doc/{package.id}/{name}.pdf",
        "tracking_number": package.tracking_number,
    }
