"""The fixture's shop: section: deterministic data, and FILE:LINE errors."""

from __future__ import annotations

from textwrap import dedent

import pytest

from mock_server.fixtures import bundled_fixture_path, load_fixture_file, load_fixture_text
from mock_server.kernel.errors import FixtureError


def test_the_same_fixture_gives_the_same_shop_data():
    first = load_fixture_file(bundled_fixture_path()).shop
    second = load_fixture_file(bundled_fixture_path()).shop
    assert first.data == second.data


def test_the_bundled_first_shop_has_orders_in_every_status():
    data = load_fixture_file(bundled_fixture_path()).shop.data["7494000000000000001"]
    assert len(data.orders) == 120 and len(data.products) == 60
    assert len({order.status for order in data.orders}) == 9


def test_an_order_naming_an_unknown_seller_sku_is_refused_at_its_line():
    text = dedent(
        """\
        shop:
          sellers:
            - name: S
              shops:
                - products: 1
                  orders:
                    - status: completed
                    - seller_skus: [NOPE]
        """
    )
    with pytest.raises(FixtureError) as caught:
        load_fixture_text(text, "f.yaml")
    assert str(caught.value).startswith("f.yaml:8:") and "NOPE" in str(caught.value)


def test_an_unknown_shop_scope_is_refused_at_its_line():
    text = (
        "shop:\n  apps:\n    - app_key: k\n      redirect_uri: http://localhost/cb\n      scopes: [seller.everything]\n"
    )
    with pytest.raises(FixtureError, match=r"^f.yaml:5: .*seller.everything"):
        load_fixture_text(text, "f.yaml")


def test_explicit_orders_keep_their_status_and_skus():
    text = dedent(
        """\
        shop:
          sellers:
            - name: S
              shops:
                - products: [{title: Mug, skus: [{seller_sku: MUG-1, price: 9.5}]}]
                  orders: [{id: "1", status: delivered, seller_skus: [MUG-1, MUG-1]}]
        """
    )
    shop = load_fixture_text(text, "f.yaml").shop
    order = next(iter(shop.data.values())).orders[0]
    assert (order.id, order.status, order.sub_total) == ("1", "DELIVERED", "19.00")
