"""Parallel test workers share one server: each owns an app (client_key), and
faults, journal filters and reset by client_key keep them apart."""

from __future__ import annotations

import pytest


class Worker:
    """One test worker's flow: its own app, its own user token, its own view of the mock."""

    def __init__(self, client, name: str) -> None:
        self.client = client
        self.client_key = f"sbaw{name}"
        client.post("/_mock/apps", json={"client_key": self.client_key, "redirect_uris": ["https://w.example/cb"]})
        minted = client.post("/_mock/tokens", json={"client_key": self.client_key, "user": "tiktoker"}).json()
        self.token = minted["access_token"]

    def user_info(self) -> int:
        headers = {"Authorization": f"Bearer {self.token}"}
        return self.client.get("/v2/user/info/?fields=open_id", headers=headers).status_code

    def fault(self, **respond) -> None:
        rule = {"match": {"client_key": self.client_key}, "respond": respond}
        assert self.client.post("/_mock/faults", json=rule).status_code == 201

    def journal(self) -> list[dict]:
        return self.client.get("/_mock/requests", params={"client_key": self.client_key}).json()["requests"]

    def faults(self) -> list[dict]:
        return self.client.get("/_mock/faults", params={"client_key": self.client_key}).json()["faults"]


@pytest.fixture
def workers(client):
    return Worker(client, "workera01"), Worker(client, "workerb01")


def test_interleaved_workers_see_only_their_own_faults_and_requests(workers):
    a, b = workers
    a.fault(error="rate_limit_exceeded")

    statuses = [a.user_info(), b.user_info(), a.user_info(), b.user_info()]

    assert statuses == [429, 200, 429, 200]
    assert [entry["status"] for entry in a.journal()] == [429, 429]
    assert [entry["status"] for entry in b.journal()] == [200, 200]
    assert len(a.faults()) == 1 and b.faults() == []


def test_a_workers_scenario_does_not_reach_the_other_worker(workers):
    a, b = workers
    a.client.post("/_mock/scenarios/flaky", json={"client_key": a.client_key})

    assert [b.user_info(), a.user_info(), b.user_info(), a.user_info(), a.user_info()] == [200, 500, 200, 500, 200]


def test_a_workers_expired_token_scenario_leaves_the_others_tokens_alive(workers):
    a, b = workers
    a.client.post("/_mock/scenarios/expired-token", json={"client_key": a.client_key})

    assert (a.user_info(), b.user_info()) == (401, 200)


def test_resetting_one_worker_keeps_the_others_faults_and_journal(workers):
    a, b = workers
    a.fault(error="internal_error")
    b.fault(error="internal_error")
    a.user_info()
    b.user_info()

    a.client.post("/_mock/reset", json={"client_key": a.client_key})

    assert a.faults() == [] and a.journal() == []
    assert len(b.faults()) == 1 and len(b.journal()) == 1
    assert b.user_info() == 500


def test_clearing_one_workers_faults_leaves_the_others(workers):
    a, b = workers
    a.fault(error="internal_error")
    b.fault(error="internal_error")

    a.client.delete("/_mock/faults", params={"client_key": a.client_key})

    assert (a.user_info(), b.user_info()) == (200, 500)
