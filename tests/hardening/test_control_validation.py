"""The control API validates before it stores: each class of bad input is a 400 naming the
field, nothing is stored, and the mock keeps answering."""

from __future__ import annotations

import pytest

from tests.display.helpers import FULL, bearer

TEN_TO_400 = int("1" + "0" * 400)


def healthy(client) -> None:
    assert client.get("/_mock/health").status_code == 200
    assert client.get("/v2/user/info/", params={"fields": "open_id"}, headers=bearer(FULL)).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"set": 1e20},
        {"set": "9999-12-31T23:59:59Z"},
        {"set": [1]},
        {"set": -5},
        {"advance": "1e400"},
        {"advance": 1e12},
    ],
    ids=["1e20", "year-9999", "a-list", "before-1970", "1e400", "too-far"],
)
def test_a_clock_value_out_of_range_is_refused_and_the_clock_stays(client, body):
    before = client.get("/_mock/clock").json()

    reply = client.post("/_mock/clock", json=body)

    assert reply.status_code == 400 and reply.json()["field"] in ("set", "advance")
    assert client.get("/_mock/clock").json() == before
    healthy(client)


def test_nan_and_infinity_in_a_control_body_are_refused(client):
    reply = client.post("/_mock/clock", content=b'{"set": NaN}', headers={"content-type": "application/json"})

    assert reply.status_code == 400
    healthy(client)


@pytest.mark.parametrize(
    "app",
    [
        {"access_token_ttl": TEN_TO_400},
        {"code_ttl": 10**12},
        {"rate_limit": {"requests": 10**30, "window": 60}},
        {"rate_limit": {"requests": 5, "window": 1e30}},
    ],
    ids=["ttl-10^400", "ttl-past-200-years", "requests-10^30", "window-1e30"],
)
def test_an_app_with_numbers_out_of_range_is_refused_and_not_added(client, app):
    reply = client.post("/_mock/apps", json={"client_key": "newapp", "redirect_uris": ["https://a.example/cb"], **app})

    assert reply.status_code == 400
    assert "newapp" not in client.get("/_mock/state").json()["apps"]
    healthy(client)


def test_a_user_with_a_million_videos_is_refused_and_ten_thousand_are_made_at_once(client):
    assert client.post("/_mock/users", json={"username": "huge", "videos": 1_000_000}).status_code == 400

    reply = client.post("/_mock/users", json={"username": "big", "videos": 10_000})
    assert reply.status_code == 201 and reply.json()["videos"] == 10_000
    healthy(client)


@pytest.mark.parametrize(
    "respond",
    [
        {"delay": "nan"},
        {"delay": 301},
        {"status": 100},
        {"status": 204, "body": "x"},
        {"status": 304, "body": {"a": 1}},
        {"status": 500, "headers": {"X-Evil": "a\r\nSet-Cookie: x=1"}},
        {"status": 500, "headers": {"X-Name": "café"}},
        {"status": 500, "headers": {"Bad Name": "x"}},
    ],
    ids=["nan-delay", "long-delay", "status-100", "204-body", "304-body", "crlf-value", "non-ascii", "bad-name"],
)
def test_a_fault_the_mock_could_not_send_is_refused(client, respond):
    reply = client.post("/_mock/faults", json={"respond": respond})

    assert reply.status_code == 400 and reply.json()["field"].startswith("respond")
    assert client.get("/_mock/faults").json()["faults"] == []
    healthy(client)


def test_client_secrets_are_masked_in_multipart_and_percent_encoded_text(client):
    multipart = b'--b\r\nContent-Disposition: form-data; name="client_secret"\r\n\r\ndemo-secret\r\n--b--\r\n'
    client.post("/v2/oauth/token/", content=multipart, headers={"content-type": "multipart/form-data; boundary=b"})
    client.post("/v2/oauth/token/", content=b"client%5Fsecret=demo-secret&x=1", headers={"content-type": "text/plain"})

    entries = client.get("/_mock/requests").json()["requests"]
    assert [entry["body"] for entry in entries][0] == {"client_secret": "•••"}
    assert "demo-secret" not in str(entries) and "client%5Fsecret=•••" in str(entries)


HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", f"/_mock/posts/{HUGE}/fail", {"fail_reason": "internal"}),
        ("DELETE", f"/_mock/faults/{HUGE}", None),
        ("POST", f"/_mock/scenarios/{HUGE}", None),
        ("POST", f"/_mock/tokens/{HUGE}/expire", None),
        ("POST", f"/_mock/webhooks/{HUGE}/redeliver", None),
        ("POST", "/_mock/webhooks/url", {"app": HUGE, "url": "http://127.0.0.1:9/x"}),
        ("POST", f"/_mock/users/{HUGE}/disconnect", {"client_key": "sbawdemo000001"}),
        ("POST", f"/_mock/shop/orders/{HUGE}/status", {"status": "DELIVERED"}),
        ("POST", f"/_mock/shop/products/{HUGE}/edit", {"title": "x"}),
        ("POST", f"/_mock/shop/sellers/{HUGE}/deauthorize", {"app_key": "6demo00shop"}),
        ("POST", "/_mock/shop/tokens", {"app_key": HUGE, "seller": "Demo Seller"}),
    ],
)
def test_an_unknown_name_is_echoed_shortened_not_whole(client, method, path, body):
    reply = client.request(method, path, json=body)

    assert reply.status_code in (400, 404)
    assert "999" in reply.json()["error"] and len(reply.json()["error"]) < 400
    healthy(client)
