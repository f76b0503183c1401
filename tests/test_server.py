"""Server-wide behaviour: log ids, unknown paths, health."""

from __future__ import annotations

import re

LOG_ID = re.compile(r"^\d{14}[0-9A-F]{20}$")


def test_health_answers_200(client):
    assert client.get("/_mock/health").status_code == 200


def test_unknown_path_answers_404_in_tiktoks_v2_shape(client):
    response = client.get("/v2/not/a/thing/")

    assert response.status_code == 404
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "not_found"
    assert body["error"]["log_id"] == response.headers["x-tt-logid"]


def test_wrong_method_answers_405_in_tiktoks_v2_shape(client):
    response = client.get("/v2/oauth/token/")

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_every_response_carries_a_fresh_log_id_in_tiktoks_shape(client):
    first = client.get("/_mock/health").headers["x-tt-logid"]
    second = client.get("/_mock/health").headers["x-tt-logid"]

    assert LOG_ID.match(first) and LOG_ID.match(second)
    assert first != second


def test_log_id_starts_with_the_mock_clock_time(client):
    # The tests' clock is frozen at 2026-03-01T12:00:00Z.
    assert client.get("/_mock/health").headers["x-tt-logid"].startswith("20260301120000")


def test_html_pages_carry_a_log_id_too(client):
    assert LOG_ID.match(client.get("/v2/auth/authorize/").headers["x-tt-logid"])
