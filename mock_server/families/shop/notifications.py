"""What each TikTok Shop webhook says: the `data` of every type the Shop raises, in the
words and types of TikTok's topic pages (Partner Center "Webhooks", one page per type).

The envelope (`type`, `tts_notification_id`, `shop_id`, `timestamp`) and the signature are
the webhooks family's; here is only what happened, built from the Shop's records.
Where a page's example disagrees with its table, the example wins (it is what clients parse).
"""

from __future__ import annotations

from typing import Any

from mock_server.families.shop.models import CANCELLATION, AfterSale, Order, Package, Product
from mock_server.kernel.inputs import INT64_MAX

# The order statuses a webhook names differ from the Order API's in one word (§6: CANCEL).
_WEBHOOK_ORDER_STATUS = {"CANCELLED": "CANCEL"}

# Product status -> audit status of PRODUCT_AUDIT_STATUS_CHANGE (type 37): NONE is "not
# applicable ... a draft, frozen, or deactivated state".
AUDIT_STATUS = {"PENDING": "AUDITING", "FAILED": "FAILED", "ACTIVATE": "APPROVED"}


def _number(product_id: str) -> int | str:
    """A product id as the topic pages show it, a JSON number, when it reads back as the same
    id (ASCII digits, no leading zero, an int64); any other fixture id stays text."""
    canonical = product_id.isascii() and product_id.isdigit() and not product_id.startswith("0")
    return int(product_id) if canonical and len(product_id) <= 19 and int(product_id) <= INT64_MAX else product_id


def order_status(order: Order) -> dict[str, Any]:
    """ORDER_STATUS_CHANGE (1)."""
    return {
        "order_id": order.id,
        "order_status": _WEBHOOK_ORDER_STATUS.get(order.status, order.status),
        "is_on_hold_order": order.status == "ON_HOLD",
        "update_time": order.update_time,
    }


def recipient_address(order: Order) -> dict[str, Any]:
    """RECIPIENT_ADDRESS_UPDATE (3)."""
    return {"order_id": order.id, "update_time": order.update_time}


def package_update(sc_type: str, role: str, packages: list[Package], now: int) -> dict[str, Any]:
    """PACKAGE_UPDATE (4): `sc_type` COMBINE, SPLIT, ...; `role_type` ROLE_SELLER, ROLE_USER, ..."""
    return {
        "sc_type": sc_type,
        "role_type": role,
        "package_list": [{"package_id": p.id, "order_id_list": [p.order_id]} for p in packages],
        "update_time": now,
    }


def product_status(product: Product, before: str, reason: str) -> dict[str, Any]:
    """PRODUCT_STATUS_CHANGE (5): the first audit passed or failed, or the platform moved it.
    `product_id` is a number on this page (and on 16 and 37), a string on 15's: as documented."""
    if before == "PENDING" and product.status == "ACTIVATE":
        status = "PRODUCT_FIRST_PASS_REVIEW"
    elif product.status == "FAILED":
        status = "PRODUCT_AUDIT_FAILURE"
    else:
        status = "PRODUCT_STATUS_CHANGED"
    return {
        "product_id": _number(product.id),
        "status": status,
        "suspended_reason": reason,
        "update_time": product.update_time,
    }


def product_audit(product: Product) -> dict[str, Any]:
    """PRODUCT_AUDIT_STATUS_CHANGE (37)."""
    audit = {"status": AUDIT_STATUS.get(product.status, "NONE")}
    return {"product_id": _number(product.id), "audit": audit, "update_time": product.update_time}


def product_information(product: Product, changed_fields: list[str], source: str) -> dict[str, Any]:
    """PRODUCT_INFORMATION_CHANGE (15): a live product's title, description, images... changed
    (`change_source` SELLER_CENTER or OPEN_API). `product_id` is a string on this page."""
    return {
        "product_id": product.id,
        "change_source": source,
        "changed_fields": changed_fields,
        "update_time": product.update_time,
    }


def product_category(product: Product, previous_category_id: str) -> dict[str, Any]:
    """PRODUCT_CATEGORY_CHANGE (18), however the category changed."""
    return {
        "product_id": product.id,
        "previous_category_id": previous_category_id,
        "current_category_id": product.category_id,
        "update_time": product.update_time,
    }


def product_creation(product: Product) -> dict[str, Any]:
    """PRODUCT_CREATION (16). `product_types` names special kinds only (COMBINED_PRODUCT,
    GPR_PRODUCT); what TikTok sends for a plain product is not documented: an empty list."""
    return {"product_id": _number(product.id), "product_types": [], "update_time": product.create_time}


def after_sale(request: AfterSale) -> dict[str, Any]:
    """CANCELLATION_STATUS_CHANGE (11) or RETURN_STATUS_CHANGE (12)."""
    if request.kind == CANCELLATION:
        return {
            "order_id": request.order_id,
            "cancellations_role": request.role,
            "cancel_status": request.status,
            "cancel_id": request.id,
            "create_time": request.create_time,
        }
    return {
        "order_id": request.order_id,
        "return_role": request.role,
        "return_type": request.return_type,
        "return_status": request.status,
        "return_id": request.id,
        "create_time": request.create_time,
        "update_time": request.update_time,
    }


def seller_deauthorization(shop_id: str) -> dict[str, Any]:
    """SELLER_DEAUTHORIZATION (6): only a sentence; the envelope's shop_id says which shop."""
    return {"message": f"Shop_id {shop_id} is deauthorized from your APP by merchant."}


def upcoming_expiration(shop_id: str, days: int, expires_at: int) -> dict[str, Any]:
    """UPCOMING_AUTHORIZATION_EXPIRATION (7); `expiration_time` is a string on TikTok's page."""
    return {
        "message": f"Authorization of shop_id {shop_id} is expiring in {days} days. "
        "Please direct the merchant to re-authorize.",
        "expiration_time": str(expires_at),
    }
