"""Products: search (202309 and 202502), get, create, delete, image upload."""

from __future__ import annotations

import random
import struct
from dataclasses import replace
from typing import Any

from mock_server.families.shop import notifications
from mock_server.families.shop.errors import found, invalid_params
from mock_server.families.shop.generate import digits, urlsafe
from mock_server.families.shop.models import PRODUCT_STATUSES, Product, Sku, cents, money
from mock_server.families.shop.paging import paginate
from mock_server.families.shop.requests import Call, body_field, body_time, in_range, text_list
from mock_server.families.shop.state import ShopRecords

SEARCH_STATUSES = ("ALL", *PRODUCT_STATUSES)
IMAGE_USE_CASES = ("MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE", "SIZE_CHART_IMAGE")


def sku_view(sku: Sku, currency: str, warehouse_id: str) -> dict[str, Any]:
    return {
        "id": sku.id,
        "seller_sku": sku.seller_sku,
        "price": {"currency": currency, "sale_price": sku.price, "tax_exclusive_price": sku.price},
        "inventory": [{"warehouse_id": warehouse_id, "quantity": sku.quantity}],
        "sales_attributes": [{"name": name, "value_name": value} for name, value in sku.sales_attributes],
    }


def _default_warehouse(records: ShopRecords) -> str:
    return next((w.id for w in records.warehouses.values() if w.is_default), "")


def summary_view(records: ShopRecords, product: Product) -> dict[str, Any]:
    warehouse = _default_warehouse(records)
    return {
        "id": product.id,
        "title": product.title,
        "status": product.status,
        "skus": [sku_view(sku, records.shop.currency, warehouse) for sku in product.skus],
        "sales_regions": [records.shop.region],
        "create_time": product.create_time,
        "update_time": product.update_time,
        "is_not_for_sale": False,
    }


def detail_view(records: ShopRecords, product: Product) -> dict[str, Any]:
    view = summary_view(records, product)
    view.update(
        description=product.description,
        category_chains=[
            {"id": product.category_id, "local_name": product.category, "is_leaf": True, "parent_id": "0"}
        ],
        brand={"id": "7082427311584347905", "name": product.brand} if product.brand else None,
        main_images=[
            {"uri": uri, "urls": [f"https://p16-oec-va.ibyteimg.com/{uri}~tplv-o3syd03w52-origin-jpeg.jpeg"]}
            for uri in product.main_images
        ],
        package_weight={"value": product.package_weight, "unit": "KILOGRAM"},
        package_dimensions={"length": "10", "width": "10", "height": "10", "unit": "CENTIMETER"},
        is_cod_allowed=False,
    )
    return view


def search(records: ShopRecords, call: Call) -> dict[str, Any]:
    size = call.page_size(default=None)
    body = call.json_object()
    status = body_field(body, "status", str) or "ALL"
    if status not in SEARCH_STATUSES:
        raise invalid_params(f"Invalid parameter. status must be one of {', '.join(SEARCH_STATUSES)}.")
    skus = set(text_list(body, "seller_skus", maximum=100) or ())
    created = body_time(body, "create_time_ge"), body_time(body, "create_time_le")
    updated = body_time(body, "update_time_ge"), body_time(body, "update_time_le")

    def matches(product: Product) -> bool:
        if status == "ALL" and product.status == "DELETED" or status not in ("ALL", product.status):
            return False
        if skus and not skus.intersection(sku.seller_sku for sku in product.skus):
            return False
        return _between(product.create_time, *created) and _between(product.update_time, *updated)

    found = (p for p in records.products.values() if matches(p))
    page = paginate(found, lambda p: (p.create_time, p.id), size, call.text("page_token"))
    return {
        "products": [summary_view(records, p) for p in page.items],
        "total_count": page.total_count,
        "next_page_token": page.next_page_token,
    }


def _between(value: int, ge: int | None, le: int | None) -> bool:
    return in_range(value, ge, None if le is None else le + 1)


def product_of(records: ShopRecords, product_id: str) -> Product:
    return found(records.products, "product", product_id)


def get(records: ShopRecords, call: Call) -> dict[str, Any]:
    return detail_view(records, product_of(records, call.path_params["product_id"]))


def create(records: ShopRecords, call: Call) -> dict[str, Any]:
    body = call.json_object()
    title = body_field(body, "title", str, required=True)
    if not 1 <= len(title) <= 255:
        raise invalid_params("Invalid parameter. title must be 1 to 255 characters.")
    description = body_field(body, "description", str, required=True)
    category_id = body_field(body, "category_id", str, required=True)
    images = body_field(body, "main_images", list, required=True)
    if not images or not all(isinstance(i, dict) and isinstance(i.get("uri"), str) for i in images):
        raise invalid_params("Invalid parameter. main_images must be a non-empty list of {uri}.")
    raw_skus = body_field(body, "skus", list, required=True)
    if not raw_skus:
        raise invalid_params("Invalid parameter. skus must list at least one SKU.")
    rng = random.Random(f"{records.shop.id}:{len(records.products)}:{title}")
    product_id = digits(rng, 19, "17")
    skus = tuple(_new_sku(rng, product_id, index, raw) for index, raw in enumerate(raw_skus))
    product = Product(
        id=product_id,
        title=title,
        description=description,
        status="PENDING",  # a new product waits for TikTok's audit before it is ACTIVATE
        create_time=call.now,
        update_time=call.now,
        skus=skus,
        main_images=tuple(image["uri"] for image in images),
        category_id=category_id,
    )
    records.products[product.id] = product
    records.notify("PRODUCT_CREATION", notifications.product_creation(product))
    records.notify("PRODUCT_AUDIT_STATUS_CHANGE", notifications.product_audit(product))  # AUDITING
    return {
        "product_id": product.id,
        "skus": [{"id": s.id, "seller_sku": s.seller_sku, "sales_attributes": []} for s in skus],
        "warnings": [],
    }


def _new_sku(rng: random.Random, product_id: str, index: int, raw: Any) -> Sku:
    where = f"skus[{index}]"
    if not isinstance(raw, dict):
        raise invalid_params(f"Invalid parameter. {where} must be an object.")
    price = body_field(raw, "price", dict, required=True)
    amount = body_field(price, "amount", str, required=True)
    if not _is_amount(amount):
        raise invalid_params(f"Invalid parameter. {where}.price.amount must be a decimal string like '12.99'.")
    body_field(price, "currency", str)
    inventory = body_field(raw, "inventory", list, required=True)
    if not inventory or not all(isinstance(item, dict) for item in inventory):
        raise invalid_params(f"Invalid parameter. {where}.inventory is required: [{{warehouse_id, quantity}}].")
    quantity = 0
    for item in inventory:
        body_field(item, "warehouse_id", str)
        count = body_field(item, "quantity", int) or 0
        if count < 0:
            raise invalid_params(f"Invalid parameter. {where}.inventory[].quantity must be a whole number from 0.")
        quantity += count
    seller_sku = body_field(raw, "seller_sku", str) or ""
    return Sku(id=digits(rng, 19, "17"), seller_sku=seller_sku, price=money(cents(amount)), quantity=quantity)


def _is_amount(text: str) -> bool:
    whole, _, frac = text.partition(".")
    if not text.isascii():  # '²'.isdigit() is True, but no amount has such a digit
        return False
    return whole.isdigit() and len(whole) <= 12 and (frac == "" or (frac.isdigit() and len(frac) <= 2))


def delete(records: ShopRecords, call: Call) -> dict[str, Any]:
    body = call.json_object()
    ids = text_list(body, "product_ids", maximum=20)
    if not ids:
        raise invalid_params("Invalid parameter. product_ids must list 1 to 20 product ids.")
    errors = []
    for product_id in ids:
        product = records.products.get(product_id)
        if product is None:
            message = f"The product '{product_id}' does not exist in this shop."
            errors.append({"code": 36009011, "message": message, "detail": {"product_id": product_id}})
            continue
        records.products[product_id] = replace(product, status="DELETED", update_time=call.now)
    return {"errors": errors}


def upload_image(call: Call) -> dict[str, Any]:
    image = call.files.get("data")
    if not image:
        raise invalid_params("Invalid parameter. data (the image file) is required.")
    use_case = call.fields.get("use_case") or "MAIN_IMAGE"
    if use_case not in IMAGE_USE_CASES:
        raise invalid_params(f"Invalid parameter. use_case must be one of {', '.join(IMAGE_USE_CASES)}.")
    size = image_size(image)
    if size is None:
        raise invalid_params("Invalid parameter. data must be a JPG, PNG or GIF image.")
    uri = f"tos-maliva-i-o3syd03w52-us/{urlsafe(random.Random(image), 32)}"
    return {
        "uri": uri,
        "url": f"https://p16-oec-va.ibyteimg.com/{uri}~tplv-o3syd03w52-origin-jpeg.jpeg",
        "width": size[0],
        "height": size[1],
        "use_case": use_case,
    }


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG, read from its header; None otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker, length = data[pos + 1], struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None
