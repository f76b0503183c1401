"""What the world outside the seller's API does to a shop, pure: the buyer asks to cancel or
return, or changes the delivery address; TikTok's audit passes or fails a product; the seller
edits a product in Seller Center, or deauthorizes an app. The control API drives these; each
one raises the webhooks TikTok sends for it. A move that cannot happen now raises ValueError,
saying why (the control API's 409).
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from mock_server.families.shop import notifications
from mock_server.families.shop.generate import digits
from mock_server.families.shop.models import (
    CANCELLATION,
    SHIPPED_STATUSES,
    Address,
    AfterSale,
    Order,
    Product,
    Seller,
    ShopApp,
)
from mock_server.families.shop.state import ShopRecords, ShopState

# A cancellation that succeeds ends the order (order status CANCELLED, ORDER_STATUS_CHANGE too).
_CANCELS_THE_ORDER = ("CANCELLATION_REQUEST_SUCCESS", "CANCELLATION_REQUEST_COMPLETE")
# Where TikTok's audit and moderation can move a product, and from where.
PRODUCT_MOVES = {
    "ACTIVATE": ("PENDING", "PLATFORM_DEACTIVATED", "FREEZE"),  # audit passed, or reinstated
    "FAILED": ("PENDING",),  # audit failed
    "PLATFORM_DEACTIVATED": ("ACTIVATE", "SELLER_DEACTIVATED"),  # taken off sale by TikTok
    "FREEZE": ("ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED"),  # frozen by TikTok
}


def deauthorize(state: ShopState, app: ShopApp, seller: Seller) -> bool:
    """The seller removes the app in Seller Center: the grant ends and the app hears it once per
    shop (SELLER_DEAUTHORIZATION). Whether the app had a grant."""
    had_grant = (app.app_key, seller.open_id) in state.grants.grants
    if had_grant:
        state.grants.revoke_grant(app.app_key, seller.open_id)
        state.authorizations.forget((app.app_key, seller.open_id))
        for shop in seller.shops:
            data = notifications.seller_deauthorization(shop.id)
            state.records[shop.id].notify("SELLER_DEAUTHORIZATION", data, app_key=app.app_key)
    return had_grant


def after_sale(
    records: ShopRecords, order: Order, kind: str, status: str, role: str, return_type: str, now: int
) -> AfterSale:
    """Open or move the order's cancellation or return request (one of each per order)."""
    key = f"{kind}:{order.id}"
    request = records.after_sales.get(key)
    if kind == CANCELLATION and request is None and order.status == "CANCELLED":
        raise ValueError(f"the order '{order.id}' is CANCELLED already")
    if kind == CANCELLATION and request is None and order.status in SHIPPED_STATUSES:
        raise ValueError(f"the order '{order.id}' is {order.status}: it can no longer be cancelled (ask for a return)")
    if kind == CANCELLATION and status in _CANCELS_THE_ORDER and order.status in SHIPPED_STATUSES:
        raise ValueError(f"the order '{order.id}' is {order.status}: a cancellation can no longer succeed")
    if kind != CANCELLATION and request is None and order.status not in SHIPPED_STATUSES:
        raise ValueError(f"the order '{order.id}' is {order.status}: only a shipped order can be returned")
    if request is None:
        new_id = digits(random.Random(key), 19, "40")
        request = AfterSale(
            new_id, kind, order.id, role, status, now, now, return_type or ("" if kind == CANCELLATION else "REFUND")
        )
    else:  # who asked stays who asked; the type changes only when given
        request = replace(request, status=status, update_time=now, return_type=return_type or request.return_type)
    records.after_sales[key] = request
    records.notify(
        "CANCELLATION_STATUS_CHANGE" if kind == CANCELLATION else "RETURN_STATUS_CHANGE",
        notifications.after_sale(request),
    )
    if kind == CANCELLATION:
        pending = status == "CANCELLATION_REQUEST_PENDING" and request.role == "BUYER"
        ended = status in _CANCELS_THE_ORDER
        moved = replace(order, is_buyer_request_cancel=pending, update_time=now)
        records.put_order(replace(moved, status="CANCELLED") if ended else moved)
    return request


def change_address(records: ShopRecords, order: Order, address: Address, now: int) -> Order:
    """The buyer changes where an unshipped order goes (RECIPIENT_ADDRESS_UPDATE)."""
    if order.status in (*SHIPPED_STATUSES, "CANCELLED"):
        raise ValueError(f"the order '{order.id}' is {order.status}: its address can no longer change")
    if address == order.recipient_address:
        return order  # nothing changed: nothing to announce
    moved = replace(order, recipient_address=address, update_time=now)
    records.put_order(moved)
    records.notify("RECIPIENT_ADDRESS_UPDATE", notifications.recipient_address(moved))
    return moved


def move_product(records: ShopRecords, product: Product, status: str, reason: str, now: int) -> Product:
    """TikTok's audit or moderation moves a product (PRODUCT_STATUS_CHANGE and
    PRODUCT_AUDIT_STATUS_CHANGE)."""
    if product.status not in PRODUCT_MOVES[status]:
        allowed = ", ".join(PRODUCT_MOVES[status])
        raise ValueError(f"the product '{product.id}' is {product.status}: {status} is reached only from {allowed}")
    moved = replace(product, status=status, update_time=now)
    records.products[product.id] = moved
    records.notify("PRODUCT_STATUS_CHANGE", notifications.product_status(moved, product.status, reason))
    records.notify("PRODUCT_AUDIT_STATUS_CHANGE", notifications.product_audit(moved))
    return moved


# The product information a Seller Center edit may change, named as changed_fields names them.
INFORMATION_FIELDS = ("title", "description", "main_images")


def edit_product(records: ShopRecords, product: Product, changes: dict[str, Any], now: int) -> Product:
    """The seller edits a product in Seller Center: a live product's information change says
    which fields moved (PRODUCT_INFORMATION_CHANGE); a new category is PRODUCT_CATEGORY_CHANGE."""
    if product.status == "DELETED":
        raise ValueError(f"the product '{product.id}' is DELETED: it can no longer be edited")
    changed = {key: value for key, value in changes.items() if getattr(product, key) != value}
    if not changed:
        return product
    moved = replace(product, **changed, update_time=now)
    records.products[product.id] = moved
    information = [key for key in INFORMATION_FIELDS if key in changed]
    if information and moved.status == "ACTIVATE":
        records.notify(
            "PRODUCT_INFORMATION_CHANGE", notifications.product_information(moved, information, "SELLER_CENTER")
        )
    if "category_id" in changed:
        records.notify("PRODUCT_CATEGORY_CHANGE", notifications.product_category(moved, product.category_id))
    return moved
