"""GET /_mock/requests: what clients sent and what the mock answered, secrets masked."""

from __future__ import annotations

from mock_server.kernel.journal import BODY_LIMIT
from tests.control.helpers import BEARER, REFRESH_FORM


def journal(client, **filters):
    response = client.get("/_mock/requests", params=filters)
    assert response.status_code == 200, response.text
    return response.json()["requests"]


def test_an_entry_holds_request_reply_and_who_called(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)

    [entry] = journal(client)

    assert (entry["method"], entry["path"], entry["query"]) == ("GET", "/v2/user/info/", {"fields": "open_id"})
    assert (entry["status"], entry["client_key"]) == (200, "sbawdemo000001")
    assert entry["open_id"] == entry["reply"]["data"]["user"]["open_id"]
    assert entry["time"].startswith("2026-03-01T12:00:00")
    assert entry["fault"] is None and entry["duration_ms"] >= 0


def test_the_authorization_header_is_masked(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)

    [entry] = journal(client)

    assert entry["headers"]["authorization"] == "Bearer act.demo…"


def test_secrets_in_a_form_body_are_masked_and_the_rest_kept(client):
    client.post("/v2/oauth/token/", data=REFRESH_FORM)

    [entry] = journal(client)

    assert entry["body"]["client_secret"] == "•••"  # a credential: hidden whole, not a character shown
    assert entry["body"]["refresh_token"] == "rft.demo…"
    assert entry["body"]["grant_type"] == "refresh_token"
    assert "demo-secret" not in str(entry)


def test_tokens_in_a_json_reply_are_masked(client):
    client.post("/v2/oauth/token/", data=REFRESH_FORM)

    [entry] = journal(client)

    assert entry["reply"]["access_token"].endswith("…")
    assert entry["reply"]["token_type"] == "Bearer"


def test_shop_secrets_in_the_query_are_masked(client):
    client.get("/api/v2/token/get?app_key=6demo00shop&app_secret=demo-shop-secret&auth_code=abc&grant_type=x")

    [entry] = journal(client)

    assert entry["query"]["app_secret"] == "•••"
    assert "demo-shop-secret" not in str(entry)
    assert entry["query"]["app_key"] == "6demo00shop"
    assert entry["client_key"] == "6demo00shop"


def test_the_journal_is_newest_last(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)
    client.post("/v2/oauth/token/", data=REFRESH_FORM)

    assert [entry["path"] for entry in journal(client)] == ["/v2/user/info/", "/v2/oauth/token/"]


def test_filter_by_path_with_or_without_the_final_slash(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)
    client.post("/v2/oauth/token/", data=REFRESH_FORM)

    assert [entry["path"] for entry in journal(client, path="/v2/oauth/token")] == ["/v2/oauth/token/"]


def test_filter_by_method_and_status(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)
    client.get("/v2/user/info/?fields=open_id")

    assert [entry["status"] for entry in journal(client, method="get", status=401)] == [401]


def test_filter_by_client_key(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)
    client.post("/v2/oauth/token/", data={**REFRESH_FORM, "client_key": "sbawautoapprove"})

    assert [entry["path"] for entry in journal(client, client_key="sbawautoapprove")] == ["/v2/oauth/token/"]


def test_filter_by_since_follows_the_mock_clock(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)
    client.post("/_mock/clock", json={"advance": "1h"})
    client.post("/v2/oauth/token/", data=REFRESH_FORM)

    assert [entry["path"] for entry in journal(client, since="2026-03-01T12:30:00Z")] == ["/v2/oauth/token/"]


def test_a_bad_filter_is_a_400_naming_it(client):
    response = client.get("/_mock/requests", params={"since": "yesterday"})

    assert (response.status_code, response.json()["field"]) == (400, "since")


def test_control_calls_are_not_journaled(client):
    client.get("/_mock/state")

    assert journal(client) == []


def test_the_journal_keeps_only_the_newest_journal_size_entries(make_client):
    client = make_client("settings: {journal_size: 3}\n")
    for _ in range(5):
        client.get("/v2/not/here/")

    assert [entry["id"] for entry in journal(client)] == [3, 4, 5]


def test_a_large_reply_is_kept_only_up_to_the_limit(client):
    client.post("/_mock/faults", json={"respond": {"status": 200, "body": "x" * (BODY_LIMIT * 2)}})
    client.get("/v2/user/info/")

    [entry] = journal(client)

    assert len(entry["reply"]) == BODY_LIMIT


def test_delete_clears_the_journal(client):
    client.get("/v2/user/info/?fields=open_id", headers=BEARER)

    assert client.delete("/_mock/requests").json() == {"cleared": 1}
    assert journal(client) == []
