"""What the contract hooks ask the mock under test for, over HTTP: where it is, real
authorization codes (no browser), a Display token of the run's own app, and its clock.

The mock is the one at `--url` (schemathesis's base URL, or TIKTOK_MOCK_ORIGIN), started
with the bundled fixtures. Calls to `/_mock/` send TIKTOK_MOCK_CONTROL_TOKEN when set.
"""

from __future__ import annotations

import os
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

# The bundled fixture's auto-approve app: its authorize URL redirects at once, as `tiktoker`.
AUTO_APP = {"client_key": "sbawautoapprove", "client_secret": "auto-secret"}
AUTO_REDIRECT = "http://localhost:3000/callback"
ALL_DISPLAY_SCOPES = "user.info.basic,user.info.profile,user.info.stats,video.list"
# The run's own app: schemathesis calls an endpoint far more than 600 times a minute with one
# token (TikTok's default rate limit), so Display calls use a token of an app without that limit.
CONTRACT_APP = {
    "client_key": "tiktokmockcontract",
    "client_secret": "contract-secret",
    "name": "tiktok-mock contract run",
    "redirect_uris": [AUTO_REDIRECT],
    "platform": "web",
    "scopes": ALL_DISPLAY_SCOPES.split(","),
    "rate_limit": {"requests": 1_000_000, "window": 60},  # the most a limit takes: far above a run
}
CONTRACT_USER = "dancequeen"  # every Display scope, and a private video among her three


class MockUnreachable(RuntimeError):
    """The control API refused or failed: the message says what to do."""


def origin_of(operation: Any = None) -> str:
    """The mock under test: TIKTOK_MOCK_ORIGIN, else the run's `--url`."""
    given = os.environ.get("TIKTOK_MOCK_ORIGIN")
    if given:
        return given.rstrip("/")
    if operation is None:
        raise MockUnreachable("set TIKTOK_MOCK_ORIGIN to the mock's origin")
    return str(operation.schema.get_base_url()).rstrip("/")


def control_headers() -> dict[str, str]:
    token = os.environ.get("TIKTOK_MOCK_CONTROL_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def control(method: str, origin: str, path: str, **kwargs: Any) -> httpx.Response:
    response = httpx.request(method, f"{origin}{path}", headers=control_headers(), timeout=30, **kwargs)
    if response.status_code in (401, 403):
        raise MockUnreachable(
            f"the mock's control API refused {method} {path} ({response.status_code}): run against a mock on "
            "this machine, or set TIKTOK_MOCK_CONTROL_TOKEN to its control token"
        )
    return response


def authorization_code(origin: str, scope: str = ALL_DISPLAY_SCOPES) -> str:
    """A fresh code: GET the authorize URL, do not follow the redirect, read `code` from Location."""
    params = {
        "client_key": AUTO_APP["client_key"],
        "response_type": "code",
        "scope": scope,
        "redirect_uri": AUTO_REDIRECT,
        "state": "contract",
    }
    response = httpx.get(f"{origin}/v2/auth/authorize/", params=params, follow_redirects=False)
    query = parse_qs(urlsplit(response.headers.get("location", "")).query)
    if response.status_code != 302 or "code" not in query:
        app = AUTO_APP["client_key"]
        raise MockUnreachable(f"no code from the auto-approve app {app}: does the mock serve the bundled fixture?")
    return query["code"][0]


_tokens: dict[str, str] = {}


def display_token(origin: str) -> str:
    """A token of the run's own app for dancequeen (added through the control API once)."""
    if origin not in _tokens:
        added = control("POST", origin, "/_mock/apps", json=CONTRACT_APP)
        if added.status_code != 201 and "exists already" not in added.text:
            raise MockUnreachable(f"could not add the contract app: {added.text}")
        minted = control(
            "POST", origin, "/_mock/tokens", json={"client_key": CONTRACT_APP["client_key"], "user": CONTRACT_USER}
        )
        if minted.status_code != 201:
            raise MockUnreachable(f"could not mint the contract token: {minted.text}")
        _tokens[origin] = minted.json()["access_token"]
    return _tokens[origin]


_clock: dict[str, tuple[float, float, bool]] = {}


def mock_now(origin: str) -> int:
    """The mock's time now, in unix seconds: read once, then followed on this machine's clock
    unless the mock's is frozen (a run may outlast TikTok Shop's 300 s timestamp tolerance)."""
    if origin not in _clock:
        clock = control("GET", origin, "/_mock/clock").json()
        _clock[origin] = (float(clock["time"]), time.monotonic(), bool(clock["frozen"]))
    mock_time, read_at, frozen = _clock[origin]
    return int(mock_time if frozen else mock_time + time.monotonic() - read_at)
