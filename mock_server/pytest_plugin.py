"""The `tiktok_mock` pytest fixture (entry point `pytest11`, so installing
tiktok-mock is enough):

    def test_retries_on_rate_limit(tiktok_mock):
        tiktok_mock.fault(path="/v2/video/list/", error="rate_limit_exceeded", times=1)
        client = MyTikTokClient(base_url=tiktok_mock.origin)
        ...
        assert len(tiktok_mock.requests(path="/v2/video/list/")) == 2

    def test_my_scheduler_posts(tiktok_mock):
        publish_id = tiktok_mock.post_video("act.demo-poster", privacy_level="PUBLIC_TO_EVERYONE")
        task = tiktok_mock.publish(publish_id, moderated=True)   # the clock moves on to PUBLISH_COMPLETE
        assert task["publicaly_available_post_id"]

One live server (uvicorn on a free loopback port, in a thread) serves the whole
test session; every test starts from a reset. Options: `--tiktok-mock-fixtures
FILE` / ini `tiktok_mock_fixtures`, and `--tiktok-mock-seed N` / ini
`tiktok_mock_seed`. Nothing starts unless a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mock_server.client import MockControl
    from mock_server.live import LiveMock


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tiktok-mock", "tiktok-mock server for the tiktok_mock fixture")
    group.addoption("--tiktok-mock-fixtures", metavar="FILE", help="fixture YAML (default: the bundled one)")
    group.addoption("--tiktok-mock-seed", metavar="N", type=int, help="seed for generated fixture data")
    parser.addini("tiktok_mock_fixtures", "fixture YAML for the tiktok_mock fixture (relative to the ini file)")
    parser.addini("tiktok_mock_seed", "seed for the tiktok_mock fixture's generated data")


def _fixture_path(config: pytest.Config) -> Path | None:
    given = config.getoption("tiktok_mock_fixtures")
    if given:
        return Path(given).resolve()
    from_ini = config.getini("tiktok_mock_fixtures")
    if not from_ini:
        return None
    base = config.inipath.parent if config.inipath else config.rootpath
    return (base / str(from_ini)).resolve()


def _seed(config: pytest.Config) -> int | None:
    seed = config.getoption("tiktok_mock_seed")
    if seed is not None:
        return seed
    from_ini = config.getini("tiktok_mock_seed")
    if not from_ini:
        return None
    try:
        return int(str(from_ini))
    except ValueError:
        raise pytest.UsageError(f"tiktok_mock_seed must be a whole number, got {from_ini!r}") from None


def start_server(fixture: Path | None, seed: int | None) -> LiveMock:
    """The session's server: `create_app(...)` on the options' fixture and seed (imported only
    now, so a test run that never asks for the fixture loads no server)."""
    from mock_server.app import create_app
    from mock_server.live import LiveMock

    return LiveMock(create_app(fixture, seed=seed)).start()


class TikTokMock:
    """What a test gets: `.origin`, `.control` (a `MockControl`) and its methods directly
    (`.fault(...)`, `.advance("2h")`, `.requests(path=...)`, `.scenario(name)`, ...)."""

    def __init__(self, server: LiveMock, control: MockControl) -> None:
        self.server = server
        self.origin = server.origin
        self.control = control
        self.app = server.app  # the running app, for tests that want to look inside

    def url(self, path: str) -> str:
        return self.origin + path

    def __getattr__(self, name: str) -> Any:
        return getattr(self.control, name)


@pytest.fixture(scope="session")
def tiktok_mock_server(pytestconfig: pytest.Config) -> Iterator[LiveMock]:
    server = start_server(_fixture_path(pytestconfig), _seed(pytestconfig))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _tiktok_mock_control(tiktok_mock_server: LiveMock) -> Iterator[MockControl]:
    from mock_server.client import MockControl

    control = MockControl(tiktok_mock_server.origin)
    yield control
    control.close()


@pytest.fixture
def tiktok_mock(tiktok_mock_server: LiveMock, _tiktok_mock_control: MockControl) -> TikTokMock:
    """A live tiktok-mock, reset before this test: fixtures, clock, tokens, faults, journal."""
    _tiktok_mock_control.reset()
    return TikTokMock(tiktok_mock_server, _tiktok_mock_control)


@pytest.fixture
def tiktok_webhooks(tiktok_mock: TikTokMock) -> Iterator[Any]:
    """A local receiver for signed webhook deliveries, wired into every app of the fixture:

    def test_disconnecting_notifies_the_app(tiktok_mock, tiktok_webhooks):
        tiktok_mock.disconnect("tiktoker", "sbawdemo000001")
        [delivery] = tiktok_webhooks.wait_for("authorization.removed")
        assert delivery.content == {"reason": 1}
    """
    from mock_server.webhooks import WebhookReceiver

    receiver = WebhookReceiver()
    state = tiktok_mock.state()
    for app in [*state["apps"], *state.get("shop_apps", [])]:
        tiktok_mock.call("POST", "/webhooks/url", {"app": app, "url": receiver.url})
    yield receiver
    receiver.close()
