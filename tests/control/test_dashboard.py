"""GET /_mock/: the dashboard page, and its plain-HTML forms."""

from __future__ import annotations

from tests.login_kit.helpers import consent


def test_the_dashboard_shows_apps_users_tokens_and_scenarios(client):
    html = client.get("/_mock/").text

    for text in ("sbawdemo000001", "tiktoker", "act.demo-tiktoker", "1d 0h", "rate-limited"):
        assert text in html


def test_the_dashboard_shows_faults_with_hit_counts_and_the_latest_requests(client):
    client.post("/_mock/faults", json={"match": {"path": "/v2/user/info/"}, "respond": {"error": "internal_error"}})
    client.get("/v2/user/info/?fields=open_id", headers={"Authorization": "Bearer act.demo-tiktoker"})

    html = client.get("/_mock/").text

    assert '<td class="hits">1</td>' in html
    assert "<code>/v2/user/info/</code>" in html and "f1: error internal_error" in html


def test_a_scenario_button_posts_a_form_and_comes_back_to_the_page(client):
    response = client.post("/_mock/scenarios/rate-limited", data={"scenario": "rate-limited"})

    assert (response.status_code, response.headers["location"]) == (303, "/_mock/")
    assert client.get("/_mock/faults").json()["faults"][0]["scenario"] == "rate-limited"


def test_the_reset_button_resets(client):
    client.post("/_mock/faults", json={"respond": {"error": "internal_error"}})

    empty_form = {"content-type": "application/x-www-form-urlencoded"}
    assert client.post("/_mock/reset", content=b"", headers=empty_form).status_code == 303
    assert client.get("/_mock/faults").json()["faults"] == []


def test_the_clock_form_advances_the_clock(client):
    client.post("/_mock/clock", data={"advance": "2h"})

    assert client.get("/_mock/clock").json()["now"].startswith("2026-03-01T14:00:00")


def test_what_a_client_sent_is_shown_escaped(client):
    client.get("/v2/<script>alert(1)</script>/")

    html = client.get("/_mock/").text

    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_the_dashboard_lists_remembered_consents_and_forgets_one(client):
    consent(client)
    html = client.get("/_mock/").text
    assert 'id="consents"' in html and "user.info.basic, video.list" in html

    response = client.post("/_mock/consents/forget", data={"user": "tiktoker", "client_key": "sbawdemo000001"})
    assert (response.status_code, response.headers["location"]) == (303, "/_mock/")
    assert client.get("/_mock/consents").json()["consents"] == []


def test_the_dashboard_shows_each_users_open_id_per_app(client):
    html = client.get("/_mock/").text

    assert "<code>sbawdemo000001</code>: <code>-000Tiktoker0pen1dDemo00000000000000</code>" in html


def test_the_dashboard_lists_webhook_deliveries(client):
    client.post("/_mock/webhooks/url", json={"app": "sbawdemo000001", "url": "http://127.0.0.1:9/hook"})
    client.post("/_mock/users/tiktoker/disconnect", json={"client_key": "sbawdemo000001"})

    html = client.get("/_mock/").text

    assert 'id="webhooks"' in html and "authorization.removed" in html and "http://127.0.0.1:9/hook" in html


def test_the_dashboard_shows_shop_authorizations_and_event_api_webhooks(client):
    from tests.shop.conftest import ShopClient

    body = {"address": "http://127.0.0.1:9/orders<b>", "event_type": "ORDER_STATUS_CHANGE"}
    assert ShopClient(client).request("PUT", "/event/202309/webhooks", body=body).json()["code"] == 0

    html = client.get("/_mock/").text

    assert 'id="shop"' in html and "<td>Demo Seller</td><td>365d 0h</td>" in html
    assert "ORDER_STATUS_CHANGE" in html and "/orders&lt;b&gt;</code>" in html and "/orders<b>" not in html
