"""Shared test helpers: an app from the bundled or an inline fixture, driven
over real HTTP (httpx against the ASGI app, or a live uvicorn)."""

from __future__ import annotations

import functools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from textwrap import dedent
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_server.app import create_app
from mock_server.fixtures import Fixture, bundled_fixture_path, load_fixture_file, load_fixture_text
from mock_server.kernel.clock import Clock
from mock_server.mock import Mock

# The bundled fixture starts a frozen clock here in tests, so expiry is exact.
T0 = "2026-03-01T12:00:00Z"

ClientFactory = Callable[..., TestClient]


@pytest.fixture
def clock() -> Clock:
    return Clock.frozen_at(T0)


@pytest.fixture(scope="session")
def parsed_fixtures() -> Callable[[str | None], Fixture]:
    """Fixture YAML parsed once per session: a `Fixture` is frozen and every app copies
    what it changes, so tests can share one (parsing the bundled file took ~90 ms)."""

    @functools.cache
    def parse(fixture_yaml: str | None) -> Fixture:
        if fixture_yaml is None:
            return load_fixture_file(bundled_fixture_path())
        return load_fixture_text(dedent(fixture_yaml), "inline.yaml")

    return parse


@pytest.fixture
def make_client(clock: Clock, parsed_fixtures: Callable[[str | None], Fixture]) -> Iterator[ClientFactory]:
    """`make_client()` for the bundled fixture, `make_client(yaml_text)` for an inline one;
    `scenario=NAME` switches a fixture scenario on from the start."""
    clients: list[TestClient] = []

    def factory(fixture_yaml: str | None = None, **kwargs: Any) -> TestClient:
        scenario = kwargs.pop("scenario", None)
        app = create_app(parsed_fixtures(fixture_yaml), clock=kwargs.pop("clock", clock), scenario=scenario)
        # A loopback client address: the /_mock/ control API answers only loopback clients.
        kwargs.setdefault("client", ("127.0.0.1", 50000))
        client = TestClient(app, follow_redirects=False, base_url="http://127.0.0.1:8000", **kwargs)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    return make_client()


@pytest.fixture
def mock(client: TestClient) -> Mock:
    return client.app.state.mock


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn on a free loopback port in a thread; ready once /_mock/health answers."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.origin}/_mock/health", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.02)
        raise RuntimeError("the live server did not become ready within 10 s")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(clock: Clock) -> Iterator[LiveServer]:
    server = LiveServer(create_app(bundled_fixture_path(), clock=clock)).start()
    yield server
    server.stop()


FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`contract_full` tests run only when asked for (`pytest -m contract_full`): the default run
    keeps the contract at its CI budget (tests/contract/test_schemathesis.py)."""
    if "contract_full" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="the full contract budget: pytest -m contract_full, or tiktok-mock contract")
    for item in items:
        if item.get_closest_marker("contract_full"):
            item.add_marker(skip)
