"""Every Display call needs `Authorization: Bearer <live act. token>`; anything else is 401 access_token_invalid."""

from __future__ import annotations

import pytest

from tests.display.helpers import FULL, bearer, data_of, error_of

CALLS = [
    ("GET", "/v2/user/info/", {"fields": "open_id"}, None),
    ("POST", "/v2/video/list/", {"fields": "id"}, {}),
    ("POST", "/v2/video/query/", {"fields": "id"}, {"filters": {"video_ids": ["7300000000000000001"]}}),
]


def call(client, headers, method="GET", path="/v2/user/info/", params=None, body=None):
    return client.request(method, path, params=params or {"fields": "open_id"}, headers=headers, json=body)


def assert_token_refused(response):
    assert response.status_code == 401
    assert error_of(response)["code"] == "access_token_invalid"


@pytest.mark.parametrize(("method", "path", "params", "body"), CALLS)
def test_a_live_fixture_token_is_accepted(client, method, path, params, body):
    data_of(call(client, bearer(FULL), method, path, params, body))


@pytest.mark.parametrize(("method", "path", "params", "body"), CALLS)
def test_a_missing_authorization_header_is_refused(client, method, path, params, body):
    assert_token_refused(call(client, {}, method, path, params, body))


@pytest.mark.parametrize(
    "header",
    [f"Basic {FULL}", FULL, "Bearer", "Bearer ", "Bearer act.no-such-token", "Bearer rft.demo-dancequeen-full"],
)
def test_another_scheme_or_an_unknown_token_is_refused(client, header):
    assert_token_refused(call(client, {"Authorization": header}))


def test_the_bearer_scheme_is_case_insensitive(client):
    data_of(call(client, {"Authorization": f"bearer {FULL}"}))


def test_an_expired_token_is_refused(client, clock):
    clock.advance(86400)

    assert_token_refused(call(client, bearer(FULL)))


def test_a_token_still_live_one_second_before_expiry_is_accepted(client, clock):
    clock.advance(86399)

    data_of(call(client, bearer(FULL)))


@pytest.mark.parametrize(("method", "path", "params", "body"), CALLS)
def test_a_revoked_token_is_refused(client, method, path, params, body):
    revoked = client.post(
        "/v2/oauth/revoke/", data={"client_key": "sbawdemo000001", "client_secret": "demo-secret", "token": FULL}
    )
    assert revoked.status_code == 200

    assert_token_refused(call(client, bearer(FULL), method, path, params, body))


def test_a_client_token_is_refused(client):
    issued = client.post(
        "/v2/oauth/token/",
        data={"client_key": "sbawdemo000001", "client_secret": "demo-secret", "grant_type": "client_credentials"},
    ).json()
    assert issued["access_token"].startswith("clt.")

    assert_token_refused(call(client, bearer(issued["access_token"])))
