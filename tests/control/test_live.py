"""Faults that only a real socket shows: a dropped connection and a slow answer."""

from __future__ import annotations

import httpx
import pytest

from tests.control.helpers import BEARER


def test_a_drop_fault_closes_the_connection_without_an_answer(live_server):
    control = httpx.Client(base_url=live_server.origin)
    control.post("/_mock/faults", json={"match": {"path": "/v2/user/info/"}, "respond": {"drop": True}})

    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        httpx.get(f"{live_server.origin}/v2/user/info/?fields=open_id", headers=BEARER)

    [entry] = control.get("/_mock/requests").json()["requests"]
    assert entry["status"] is None
    assert entry["fault"] == "f1: drop"


def test_the_server_answers_normally_after_a_dropped_connection(live_server):
    httpx.post(f"{live_server.origin}/_mock/faults", json={"respond": {"drop": True}, "times": 1})

    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{live_server.origin}/v2/user/info/?fields=open_id", headers=BEARER)

    assert httpx.get(f"{live_server.origin}/v2/user/info/?fields=open_id", headers=BEARER).status_code == 200


def test_a_delay_fault_answers_normally_after_the_delay(live_server):
    httpx.post(f"{live_server.origin}/_mock/faults", json={"respond": {"delay": "200ms"}})

    response = httpx.get(f"{live_server.origin}/v2/user/info/?fields=open_id", headers=BEARER)

    assert response.status_code == 200
    [entry] = httpx.get(f"{live_server.origin}/_mock/requests").json()["requests"]
    assert entry["fault"] == "f1: delay 0.2s"
    assert entry["duration_ms"] >= 199


def test_slow_tiktok_makes_a_client_with_a_short_timeout_time_out(live_server):
    httpx.post(f"{live_server.origin}/_mock/scenarios/slow-tiktok")

    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{live_server.origin}/v2/user/info/?fields=open_id", headers=BEARER, timeout=0.3)
