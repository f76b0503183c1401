"""Every Partner API endpoint the mock serves: method, path, handler, scope.

The list is tiktok-api.md §4.5 (the n8n node's calls) plus the authorized-shops
and shop-performance APIs of §4.4. `shop_scoped=False` marks the APIs that
refuse a shop_cipher (EcomPHP strips it from /authorization/*, /seller/* and
image upload: "shop_cipher is not allowed in some api").
"""

from __future__ import annotations

from mock_server.families.shop import catalog, finance, fulfillment, logistics, orders, subscriptions
from mock_server.families.shop.partner import Endpoint, Partner


def _authorized_shops(p: Partner) -> object:
    return logistics.shops(p.seller)


def _active_shops(p: Partner) -> object:
    return logistics.shops(p.seller)


def _permissions(p: Partner) -> object:
    return {"permissions": list(p.token.scopes)}


def _global_warehouses(p: Partner) -> object:
    return logistics.global_warehouses(p.seller, p.state.records)


def _upload_image(p: Partner) -> object:
    return catalog.upload_image(p.call)


def _add_external(p: Partner) -> object:
    return orders.add_external(p.shop, p.call, p.call.now)


def _shop_webhooks(p: Partner) -> object:
    return subscriptions.listed(p.state, p.token.app_key, p.shop)


def _update_shop_webhook(p: Partner) -> object:
    return subscriptions.update(p.state, p.token.app_key, p.shop, p.call)


def _delete_shop_webhook(p: Partner) -> object:
    return subscriptions.delete(p.state, p.token.app_key, p.shop, p.call)


def _shop(function):  # type: ignore[no-untyped-def]
    """A handler over the call's shop records."""

    def handler(p: Partner) -> object:
        return function(p.shop, p.call)

    handler.__name__ = f"{function.__module__.rsplit('.', 1)[-1]}_{function.__name__}"
    return handler


def _bare(function):  # type: ignore[no-untyped-def]
    def handler(p: Partner) -> object:
        return function(p.shop)

    handler.__name__ = f"{function.__module__.rsplit('.', 1)[-1]}_{function.__name__}"
    return handler


GET, POST, PUT, DELETE = "GET", "POST", "PUT", "DELETE"
ENDPOINTS = [
    Endpoint(GET, "/authorization/202309/shops", _authorized_shops, "seller.authorization.info", shop_scoped=False),
    Endpoint(GET, "/seller/202309/shops", _active_shops, "seller.shop.info", shop_scoped=False),
    Endpoint(GET, "/seller/202309/permissions", _permissions, "seller.shop.info", shop_scoped=False),
    # products
    Endpoint(POST, "/product/202309/products/search", _shop(catalog.search), "seller.product.basic"),
    Endpoint(POST, "/product/202502/products/search", _shop(catalog.search), "seller.product.basic"),
    Endpoint(GET, "/product/202309/products/{product_id}", _shop(catalog.get), "seller.product.basic"),
    Endpoint(POST, "/product/202309/products", _shop(catalog.create), "seller.product.write"),
    Endpoint(DELETE, "/product/202309/products", _shop(catalog.delete), "seller.product.delete"),
    Endpoint(POST, "/product/202309/images/upload", _upload_image, "seller.product.write", shop_scoped=False),
    # orders
    Endpoint(POST, "/order/202309/orders/search", _shop(orders.search), "seller.order.info"),
    Endpoint(GET, "/order/202309/orders", _shop(orders.get_by_ids), "seller.order.info"),
    Endpoint(GET, "/order/202507/orders", _shop(orders.get_by_ids), "seller.order.info"),
    Endpoint(GET, "/order/202407/orders/{order_id}/price_detail", _shop(orders.price_detail), "seller.order.info"),
    Endpoint(POST, "/order/202406/orders/external_orders", _add_external, "seller.order.write"),
    Endpoint(GET, "/order/202406/orders/{order_id}/external_orders", _shop(orders.get_external), "seller.order.info"),
    Endpoint(POST, "/order/202406/orders/external_order_search", _shop(orders.search_external), "seller.order.info"),
    # finance
    Endpoint(GET, "/finance/202309/statements", _shop(finance.statements), "seller.finance.info"),
    Endpoint(GET, "/finance/202309/payments", _shop(finance.payments), "seller.finance.info"),
    Endpoint(GET, "/finance/202309/withdrawals", _shop(finance.withdrawals), "seller.finance.info"),
    Endpoint(
        GET,
        "/finance/202501/orders/{order_id}/statement_transactions",
        _shop(finance.order_transactions),
        "seller.finance.info",
    ),
    Endpoint(
        GET,
        "/finance/202501/statements/{statement_id}/statement_transactions",
        _shop(finance.statement_transactions),
        "seller.finance.info",
    ),
    Endpoint(GET, "/finance/202507/orders/unsettled", _shop(finance.unsettled), "seller.finance.info"),
    # logistics
    Endpoint(GET, "/logistics/202309/warehouses", _bare(logistics.warehouses), "seller.logistics"),
    Endpoint(GET, "/logistics/202309/global_warehouses", _global_warehouses, "seller.logistics", shop_scoped=False),
    Endpoint(
        GET,
        "/logistics/202309/warehouses/{warehouse_id}/delivery_options",
        _shop(logistics.delivery_options),
        "seller.logistics",
    ),
    Endpoint(
        GET,
        "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
        _shop(logistics.shipping_providers),
        "seller.logistics",
    ),
    # fulfillment
    Endpoint(POST, "/fulfillment/202309/packages", _shop(fulfillment.create), "seller.fulfillment.basic"),
    Endpoint(POST, "/fulfillment/202512/packages", _shop(fulfillment.create), "seller.fulfillment.basic"),
    Endpoint(
        POST, "/fulfillment/202309/packages/{package_id}/ship", _shop(fulfillment.ship), "seller.fulfillment.basic"
    ),
    Endpoint(
        GET,
        "/fulfillment/202309/packages/{package_id}/shipping_documents",
        _shop(fulfillment.shipping_documents),
        "seller.fulfillment.basic",
    ),
    # events: the shop's webhooks (the scope is the one third-party clients report needing)
    Endpoint(GET, "/event/202309/webhooks", _shop_webhooks, "seller.authorization.info"),
    Endpoint(PUT, "/event/202309/webhooks", _update_shop_webhook, "seller.authorization.info"),
    Endpoint(DELETE, "/event/202309/webhooks", _delete_shop_webhook, "seller.authorization.info"),
    # analytics
    Endpoint(
        GET, "/analytics/202405/shop/performance", _shop(logistics.performance), "data.shop_analytics.public.read"
    ),
]
