"""Shop bugs the contract run found, each pinned by a test."""

from __future__ import annotations

import pytest

from mock_server.core.shop import codes


def test_a_known_shop_path_with_a_wrong_method_answers_405_with_allow(shop):
    response = shop.request("PUT", "/order/202309/orders/search")

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["code"] == 36009009


def test_an_unknown_shop_path_still_answers_404(shop):
    response = shop.get("/order/202309/no_such_thing")

    assert response.status_code == 404
    assert response.json()["code"] == 36009009


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "0001-01-05"), ("2025-01-01", "2027-01-01")],
)
def test_shop_performance_refuses_out_of_range_dates_with_invalid_params(shop, start, end):
    response = shop.get(
        "/analytics/202405/shop/performance",
        params={"start_date_ge": start, "end_date_lt": end, "with_comparison": "true", "granularity": "1D"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == codes.INVALID_REQUEST
    assert "date" in response.json()["message"] or "start_date_ge" in response.json()["message"]
