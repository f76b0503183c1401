"""The shipped scenarios (fixtures/default.yaml `scenarios:`): each switched on
through POST /_mock/scenarios/{name}, each seen by a client as TikTok's exact error."""

from __future__ import annotations

from textwrap import dedent

import pytest

from mock_server.app import create_app
from mock_server.fixtures import load_fixture_text
from mock_server.kernel.errors import FixtureError
from tests.control.helpers import BEARER, REFRESH_FORM


def switch_on(client, name, **body):
    response = client.post(f"/_mock/scenarios/{name}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def user_info(client, token="act.demo-tiktoker"):
    return client.get("/v2/user/info/?fields=open_id", headers={"Authorization": f"Bearer {token}"})


def v2_error_of(response):
    return response.status_code, response.json()["error"]["code"], response.json()["error"]["message"]


def test_expired_token_makes_the_display_api_answer_access_token_invalid(client):
    switch_on(client, "expired-token")

    assert v2_error_of(user_info(client)) == (
        401,
        "access_token_invalid",
        "The access token is invalid or not found in the request.",
    )


def test_expired_token_still_lets_the_client_refresh_and_go_on(client):
    switch_on(client, "expired-token")

    refreshed = client.post("/v2/oauth/token/", data=REFRESH_FORM).json()

    assert user_info(client, refreshed["access_token"]).status_code == 200


def test_revoked_grant_makes_the_refresh_answer_invalid_grant(client):
    switch_on(client, "revoked-grant")

    response = client.post("/v2/oauth/token/", data=REFRESH_FORM)

    assert response.status_code == 200
    assert response.json()["error"] == "invalid_grant"
    assert response.json()["error_description"] == "Refresh token is invalid or expired."


def test_revoked_grant_makes_the_display_api_answer_access_token_invalid(client):
    switch_on(client, "revoked-grant")

    assert v2_error_of(user_info(client))[:2] == (401, "access_token_invalid")


def test_missing_scope_makes_video_list_answer_scope_not_authorized(client):
    switch_on(client, "missing-scope")

    response = client.post("/v2/video/list/?fields=id", headers=BEARER, json={})

    assert v2_error_of(response) == (
        401,
        "scope_not_authorized",
        "The user did not authorize the scope required for completing this request.",
    )


def test_rate_limited_answers_429_rate_limit_exceeded(client):
    switch_on(client, "rate-limited")

    assert v2_error_of(user_info(client)) == (
        429,
        "rate_limit_exceeded",
        "The API rate limit was exceeded. Please try again later.",
    )


def test_tiktok_5xx_answers_500_internal_error(client):
    switch_on(client, "tiktok-5xx")

    assert v2_error_of(client.post("/v2/video/query/?fields=id", headers=BEARER, json={"filters": {}})) == (
        500,
        "internal_error",
        "Something went wrong. Please try again later.",
    )


def test_flaky_fails_twice_then_succeeds(client):
    switch_on(client, "flaky")

    assert [user_info(client).status_code for _ in range(3)] == [500, 500, 200]


def test_slow_tiktok_delays_every_answer_by_three_seconds(client):
    [rule] = switch_on(client, "slow-tiktok")["faults"]

    assert rule["respond"] == {"delay": 3.0}
    assert "match" not in rule or rule["match"] == {}


def test_a_scenario_for_one_app_leaves_other_apps_alone(client):
    switch_on(client, "rate-limited", client_key="sbawautoapprove")

    assert user_info(client).status_code == 200
    assert client.get("/_mock/faults").json()["faults"][0]["match"]["client_key"] == "sbawautoapprove"


def test_an_unknown_scenario_is_a_404_listing_the_known_ones(client):
    response = client.post("/_mock/scenarios/nope")

    assert response.status_code == 404
    assert response.json()["field"] == "name"
    assert "rate-limited" in response.json()["error"]


def test_a_reset_switches_scenarios_off(client):
    switch_on(client, "rate-limited")
    client.post("/_mock/reset")

    assert user_info(client).status_code == 200


def test_scenarios_are_listed_with_their_descriptions(client):
    listed = {item["name"]: item for item in client.get("/_mock/scenarios").json()["scenarios"]}

    assert set(listed) >= {
        "expired-token",
        "revoked-grant",
        "missing-scope",
        "rate-limited",
        "tiktok-5xx",
        "slow-tiktok",
        "flaky",
    }
    assert "429" in listed["rate-limited"]["description"]


def test_a_startup_scenario_is_on_at_once_and_again_after_a_reset(clock):
    from starlette.testclient import TestClient

    app = create_app(clock=clock, scenario="rate-limited")
    with TestClient(app, client=("127.0.0.1", 1)) as client:
        assert user_info(client).status_code == 429
        client.post("/_mock/reset")
        assert user_info(client).status_code == 429


def test_an_unknown_startup_scenario_stops_the_server_with_the_known_names(clock):
    with pytest.raises(FixtureError, match="no scenario named 'nope'.*rate-limited"):
        create_app(clock=clock, scenario="nope")


def test_a_scenario_action_for_an_unknown_user_names_file_and_line():
    text = dedent(
        """\
        scenarios:
          gone:
            - action: revoke_grants
              user: nobody
        """
    )

    with pytest.raises(FixtureError, match=r"^inline.yaml:4: scenarios.gone\[0\].user: no user or seller named"):
        load_fixture_text(text, "inline.yaml")


def test_a_scenario_fault_with_a_bad_error_names_file_and_line():
    text = dedent(
        """\
        scenarios:
          broken:
            steps:
              - match: {path: /v2/user/info/}
                respond:
                  error: rate_limit
        """
    )

    expected = r"^inline.yaml:6: scenarios.broken\[0\].respond.error: unknown TikTok error"
    with pytest.raises(FixtureError, match=expected):
        load_fixture_text(text, "inline.yaml")


def test_a_scenario_that_is_not_a_list_names_file_and_line():
    with pytest.raises(FixtureError, match=r"^inline.yaml:2: scenarios.x: expected a list"):
        load_fixture_text("scenarios:\n  x: 3\n", "inline.yaml")
