"""The v2 envelope: one builder, a fresh log_id per request equal to `x-tt-logid`, both slashes."""

from __future__ import annotations

import re

import pytest

from tests.display.helpers import FULL, bearer, data_of, error_of, user_info, video_list, video_query

LOG_ID = re.compile(r"^\d{14}[0-9A-F]{20}$")


def test_a_success_carries_data_and_an_ok_error_with_the_header_log_id(client):
    response = user_info(client, "open_id")

    body = response.json()
    assert set(body) == {"data", "error"}
    assert body["error"] == {"code": "ok", "message": "", "log_id": response.headers["x-tt-logid"]}
    assert LOG_ID.match(body["error"]["log_id"])


def test_an_error_carries_no_data_and_the_header_log_id(client):
    response = user_info(client, "no_such_field")

    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["log_id"] == response.headers["x-tt-logid"]


def test_every_request_gets_a_fresh_log_id(client):
    ids = {user_info(client, "open_id").json()["error"]["log_id"] for _ in range(5)}

    assert len(ids) == 5


@pytest.mark.parametrize("path", ["/v2/user/info/", "/v2/user/info"])
def test_user_info_answers_with_and_without_the_final_slash(client, path):
    assert data_of(user_info(client, "open_id", path=path))["user"]["open_id"]


@pytest.mark.parametrize("path", ["/v2/video/list/", "/v2/video/list"])
def test_video_list_answers_with_and_without_the_final_slash(client, path):
    assert data_of(video_list(client, {}, path=path))["videos"]


@pytest.mark.parametrize("path", ["/v2/video/query/", "/v2/video/query"])
def test_video_query_answers_with_and_without_the_final_slash(client, path):
    assert data_of(video_query(client, ["7300000000000000001"], path=path))["videos"]


def test_a_wrong_method_is_405_in_the_v2_envelope(client):
    response = client.get("/v2/video/list/", params={"fields": "id"}, headers=bearer(FULL))

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
