"""`create_app(...)`: one Starlette app answering every TikTok host's paths."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from mock_server.families import upload_limit
from mock_server.families.display import routes as display
from mock_server.families.login_kit import routes as login_kit
from mock_server.families.posting import routes as posting
from mock_server.families.shop import routes as shop
from mock_server.families.webhooks.sender import Sender
from mock_server.fixtures import Fixture, bundled_fixture_path, load_fixture_file
from mock_server.kernel.clock import Clock
from mock_server.kernel.errors import ApiError, FixtureError
from mock_server.mock import Mock, UnknownScenario
from mock_server.web import control
from mock_server.web.access_log import AccessLog
from mock_server.web.boundary import Boundary
from mock_server.web.envelopes import v2_error, v2_error_from
from mock_server.web.middleware import LogIdMiddleware, Settler
from mock_server.web.recorder import Recorder


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        response = v2_error(request, "method_not_allowed", f"{request.method} is not allowed on {request.url.path}.")
        response.headers.update(exc.headers or {})  # `Allow`, which RFC 9110 requires on a 405
        return response
    if exc.status_code == 404:
        return v2_error(request, "not_found", f"No TikTok API answers {request.method} {request.url.path}.")
    return v2_error(request, "invalid_params", str(exc.detail), status=exc.status_code)


async def _internal_error(request: Request, exc: Exception) -> Response:
    # Never a traceback on the wire: TikTok's own envelope for its own failures.
    return v2_error(request, "internal_error")


def create_app(
    fixture: Fixture | str | Path | None = None,
    clock: Clock | None = None,
    seed: int | None = None,
    control_token: str | None = None,
    scenario: str | None = None,
    access_log: bool = False,
) -> Starlette:
    """A new mock server. `fixture` is a `Fixture`, a YAML path, or None for the bundled one.

    `control_token`: the /_mock/ API then wants `Authorization: Bearer TOKEN` from
    everyone (without one it answers loopback clients only). `scenario`: a fixture
    scenario switched on from the start (and again after every reset). `access_log`: the
    mock's own request lines on stderr, secrets masked (the CLI's default)."""
    if not isinstance(fixture, Fixture):
        fixture = load_fixture_file(fixture or bundled_fixture_path(), seed=seed)
    mock = build_mock(fixture, clock, scenario)
    routes = [
        # Starlette tries routes in order and no two families share a path, so the hot
        # Display paths go first: user/info was the 7th route tried (a regex match each).
        *display.routes,
        *login_kit.routes,
        *shop.routes,
        *posting.routes,
        *control.routes,
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            *([Middleware(AccessLog)] if access_log else []),
            Middleware(LogIdMiddleware, clock=mock.clock),
            Middleware(Settler, mock=mock),
            Middleware(Boundary, limits=mock.settings.limits, upload_limit=upload_limit),
            Middleware(Recorder, mock=mock),
        ],
        exception_handlers={HTTPException: _http_error, ApiError: v2_error_from, Exception: _internal_error},
    )
    app.router.redirect_slashes = False
    app.state.mock = mock
    app.state.control_token = control_token
    app.state.webhook_sender = Sender(mock.webhooks)  # sends in the background once a delivery is queued
    return app


def build_mock(fixture: Fixture, clock: Clock | None, scenario: str | None) -> Mock:
    try:
        return Mock(fixture, clock, (scenario,) if scenario else ())
    except UnknownScenario:
        known = ", ".join(sorted(fixture.scenarios)) or "none"
        raise FixtureError(fixture.source, None, f"no scenario named '{scenario}' (known: {known})") from None
