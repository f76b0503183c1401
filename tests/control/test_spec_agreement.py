"""Where the control API and its spec (openapi/tiktok-mock-control-openapi.yml) must agree
on what is refused: found by the contract run, each pinned by a test."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from mock_server.app import create_app

REMOTE = ("192.0.2.10", 40000)


def test_a_method_a_control_path_does_not_take_is_a_405_listing_the_ones_it_does(client):
    response = client.put("/_mock/faults")

    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD, POST"
    assert response.json()["field"] == "method"


def test_the_405_needs_no_control_token_but_a_404_does(clock):
    with TestClient(create_app(clock=clock, control_token="s3cret"), client=REMOTE) as remote:
        assert remote.request("TRACE", "/_mock/health").status_code == 405
        assert remote.get("/_mock/nothing-here").status_code == 401
        assert remote.get("/_mock/nothing-here", headers={"Authorization": "Bearer s3cret"}).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [("since=", "since"), ("status=99", "status"), ("status=", "status"), ("limit=0", "limit"), ("limit=-5", "limit")],
)
def test_a_journal_filter_given_empty_or_out_of_range_is_a_400_naming_it(client, query, field):
    response = client.get(f"/_mock/requests?{query}")

    assert (response.status_code, response.json()["field"]) == (400, field)


@pytest.mark.parametrize(("body", "field"), [({"advance": ""}, "advance"), ({"freeze": "true"}, "freeze")])
def test_a_json_clock_move_takes_no_text_for_a_switch_or_an_empty_duration(client, body, field):
    response = client.post("/_mock/clock", json=body)

    assert (response.status_code, response.json()["field"]) == (400, field)


def test_the_dashboards_form_may_still_send_freeze_as_text(client):
    response = client.post("/_mock/clock", data={"freeze": "false", "advance": ""})

    assert response.status_code == 303
    assert client.get("/_mock/clock").json()["frozen"] is False


@pytest.mark.parametrize("body", [{"user": ["a"]}, {"client_key": 5}])
def test_forgetting_consents_takes_text_filters_only(client, body):
    response = client.post("/_mock/consents/forget", json=body)

    assert (response.status_code, response.json()["field"]) == (400, next(iter(body)))


def test_a_reset_takes_a_text_client_key_only(client):
    response = client.post("/_mock/reset", json={"client_key": 0})

    assert (response.status_code, response.json()["field"]) == (400, "client_key")


def test_a_lone_surrogate_in_a_json_body_is_a_400(client):
    response = client.post(
        "/_mock/apps", content=b'{"client_key": "\\udaae"}', headers={"content-type": "application/json"}
    )

    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]


def test_a_lone_surrogate_in_a_yaml_fixture_is_echoed_escaped_not_a_500(client):
    document = b'apps: [{client_key: "x\\udaae", redirect_uris: ["\\uda06:"]}]'

    response = client.post("/_mock/fixtures", content=document, headers={"content-type": "application/yaml"})

    assert response.status_code == 400
    assert "\\uda06" in response.text and response.json()["field"] == "apps[0].redirect_uris"


def test_an_empty_body_adds_a_generated_user(client):
    response = client.post("/_mock/users")

    assert response.status_code == 201 and response.json()["username"]


def test_a_body_of_blanks_is_not_json_but_an_empty_body_is_nothing_sent(client):
    blank = client.post("/_mock/users", content=b"\n", headers={"content-type": "application/json"})
    empty = client.post("/_mock/users", content=b"", headers={"content-type": "application/json"})

    assert blank.status_code == 400 and "JSON" in blank.json()["error"]
    assert empty.status_code == 201  # Faker fills a user
