"""The specs and the server agree both ways: every route has an operation, every
operation a route.

The trailing-slash rule: TikTok answers `/v2/oauth/token` and `/v2/oauth/token/`
alike, and the server has a route for each, but the specs list each endpoint
once, under TikTok's documented path (with the slash), so generated clients get
one method per endpoint. A route `/x` therefore needs no operation of its own
when the spec has the same method on `/x/` and the server sends both paths to
the same endpoint function.

`/_mock/` control routes are the mock's own API: they are compared only once a
spec describes any `/_mock/` path. Catch-all routes (`/order/{rest:path}`) are
not operations: they answer unknown paths under a family's prefix with that
family's own error, so they are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from starlette.routing import Mount, Route

from mock_server.app import create_app
from mock_server.specs import load, operations, spec_paths

CONTROL_PREFIX = "/_mock/"
Key = tuple[str, str]  # (METHOD, path with every {param} written as {})


def normalised(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def app_routes(routes: Iterable[Any] | None = None, prefix: str = "") -> dict[Key, Callable[..., Any]]:
    """(METHOD, path) -> endpoint for every route of the app (HEAD is Starlette's automatic twin of GET)."""
    found: dict[Key, Callable[..., Any]] = {}
    for route in routes if routes is not None else create_app().routes:
        if isinstance(route, Mount):
            found.update(app_routes(route.routes, prefix + route.path))
        elif isinstance(route, Route) and ":path}" not in route.path:
            for method in (route.methods or set()) - {"HEAD"}:
                found[(method, normalised(prefix + route.path))] = route.endpoint
    return found


def spec_operations() -> dict[Key, str]:
    """(METHOD, path) -> the spec file describing it."""
    found: dict[Key, str] = {}
    for path in spec_paths():
        for method, route, _ in operations(load(path)):
            key = (method, normalised(route))
            assert key not in found, f"{method} {route} is described in {found.get(key)} and {path.name}"
            found[key] = path.name
    return found


def is_control(path: str) -> bool:
    """The mock's own API: /_mock/..., and `/`, its page of links."""
    return path == "/" or path.startswith(CONTROL_PREFIX)


def compared(keys: Iterable[Key], specs: dict[Key, str]) -> set[Key]:
    control_described = any(is_control(path) for _, path in specs)
    return {key for key in keys if control_described or not is_control(key[1])}


def routes_without_operation(routes: dict[Key, Callable[..., Any]], specs: dict[Key, str]) -> list[Key]:
    missing = []
    for key in sorted(compared(routes, specs)):
        if key in specs:
            continue
        method, path = key
        slashed = (method, path + "/")
        if not path.endswith("/") and slashed in specs and routes.get(slashed) is routes[key]:
            continue  # the trailing-slash twin of a described endpoint
        missing.append(key)
    return missing


def test_every_route_has_an_operation() -> None:
    assert routes_without_operation(app_routes(), spec_operations()) == []


def test_every_operation_has_a_route() -> None:
    routes, specs = app_routes(), spec_operations()
    assert sorted(key for key in compared(specs, specs) if key not in routes) == []


def test_every_described_path_also_answers_without_its_trailing_slash() -> None:
    routes, specs = app_routes(), spec_operations()
    slashed = [(method, path) for method, path in specs if path.endswith("/") and path.startswith("/v2/")]
    assert slashed, "the specs describe no /v2/ path"
    assert [key for key in slashed if routes.get((key[0], key[1].rstrip("/"))) is not routes[key]] == []


async def _token(request):  # pragma: no cover - never called
    raise AssertionError


async def _other(request):  # pragma: no cover - never called
    raise AssertionError


SPECS = {("POST", "/v2/oauth/token/"): "tiktok-login-kit-openapi.yml"}


def test_the_slash_rule_excuses_a_bare_path_to_the_same_endpoint() -> None:
    routes = {("POST", "/v2/oauth/token/"): _token, ("POST", "/v2/oauth/token"): _token}
    assert routes_without_operation(routes, SPECS) == []


def test_a_route_without_an_operation_is_reported() -> None:
    routes = {("POST", "/v2/oauth/token/"): _token, ("GET", "/v2/stray/"): _other}
    assert routes_without_operation(routes, SPECS) == [("GET", "/v2/stray/")]


def test_a_bare_path_to_a_different_endpoint_is_not_excused_by_the_slash_rule() -> None:
    routes = {("POST", "/v2/oauth/token/"): _token, ("POST", "/v2/oauth/token"): _other}
    assert routes_without_operation(routes, SPECS) == [("POST", "/v2/oauth/token")]
