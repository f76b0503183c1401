"""The TikTok Shop scopes (Partner Center "API scopes") the mock knows, with the
words the seller authorization page shows. `seller.authorization.info`,
`seller.shop.info`, `seller.order.info` and `seller.product.basic` appear in real
`granted_scopes` (§4.2); the rest are the mock's names for the other API groups."""

from __future__ import annotations

SHOP_SCOPES: dict[str, str] = {
    "seller.authorization.info": "See which shops authorized this app",
    "seller.shop.info": "Read your seller and shop information",
    "seller.order.info": "Read your orders",
    "seller.order.write": "Add external order references to your orders",
    "seller.product.basic": "Read your products",
    "seller.product.write": "Create products and upload product images",
    "seller.product.delete": "Delete products",
    "seller.finance.info": "Read your statements, payments and withdrawals",
    "seller.logistics": "Read your warehouses, delivery options and shipping providers",
    "seller.fulfillment.basic": "Create and ship packages, print shipping documents",
    "data.shop_analytics.public.read": "Read your shop performance analytics",
}

KNOWN_SHOP_SCOPES = frozenset(SHOP_SCOPES)
