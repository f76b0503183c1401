"""The /_mock/ control API: reset, state, clock, faults, scenarios, the journal.

JSON in and out; every call goes through the Mock and its families' state.
Each family's own endpoints (minting apps, users, tokens, codes) are in its
`control.py`; this module mounts them, and the page is `dashboard.py`.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from mock_server.families import ENVELOPES, TUNABLES
from mock_server.families.display import control as display_control
from mock_server.families.login_kit import control as login_kit_control
from mock_server.families.login_kit.fixture import parse_login_kit
from mock_server.families.posting import control as posting_control
from mock_server.families.shop import control as shop_control
from mock_server.families.webhooks import control as webhooks_control
from mock_server.kernel import fault_specs
from mock_server.kernel.clock import Clock, parse_duration, parse_instant
from mock_server.kernel.fault_specs import parse_fault
from mock_server.kernel.inputs import InputError, whole_number
from mock_server.kernel.journal import describe
from mock_server.kernel.yaml_source import Fields, parse_yaml, shorten
from mock_server.mock import Mock, UnknownScenario
from mock_server.web import dashboard, home
from mock_server.web.control_plumbing import (
    ControlError,
    ControlJSON,
    body_of,
    control_route,
    fields_of,
    is_form,
    mock_of,
    refusal,
    text_param,
)


async def health(request: Request) -> Response:
    return ControlJSON({"status": "ok"})


# -- reset and state ------------------------------------------------------------


def _client_key(body: dict[str, Any]) -> str | None:
    client_key = body.get("client_key")
    if client_key is not None and not isinstance(client_key, str):
        raise ControlError("client_key is text", "client_key")
    return client_key or None


async def reset(request: Request) -> Response:
    mock = mock_of(request)
    client_key = _client_key(await body_of(request))
    mock.reset(client_key)
    return ControlJSON({"reset": client_key or "all", "clock": clock_info(mock.clock)})


def clock_info(clock: Clock) -> dict[str, Any]:
    return {"now": clock.iso(), "time": clock.now(), "frozen": clock.frozen}


def live_tokens(mock: Mock, client_key: str | None = None) -> list[dict[str, Any]]:
    """Live Login Kit user and client access tokens, with the time each has left."""
    now = mock.clock.now()
    tokens = []
    for record in mock.login_kit.grants.live_access_tokens(client_key):
        user = mock.login_kit.user(record.open_id or "")
        tokens.append(
            {
                "access_token": record.token,
                "client_key": record.client_key,
                "open_id": record.open_id,
                "username": user.username if user else None,
                "scopes": list(record.scopes),
                "expires_in": round(record.expires_at - now),
            }
        )
    return tokens


async def state(request: Request) -> Response:
    mock = mock_of(request)
    client_key = text_param(request, "client_key")
    tokens = live_tokens(mock, client_key)
    families = mock.counts()
    counts = {
        **families["login_kit"],
        "live_access_tokens": len(tokens),
        "faults": len(mock.faults.listed(client_key)),
        "journal": len(mock.journal.entries),
    }
    body = {
        "fixture": mock.fixture.source,
        "seed": mock.fixture.seed,
        "clock": clock_info(mock.clock),
        "counts": counts,
        "families": families,
        "apps": sorted(mock.login_kit.apps),
        "shop_apps": sorted(mock.shop.apps),
        "users": sorted(mock.login_kit.users),
        "tokens": tokens,
        "shop_authorizations": mock.shop.authorization_views(mock.clock.now(), client_key),
        "scenarios": {"available": sorted(mock.scenarios), "active": mock.active},
    }
    return ControlJSON(body)


# -- clock --------------------------------------------------------------------------


async def clock(request: Request) -> Response:
    mock = mock_of(request)
    if request.method == "POST":
        body = await body_of(request)
        unknown = sorted(set(body) - {"freeze", "set", "advance"})
        if unknown:
            raise ControlError(f"unknown field '{shorten(unknown[0])}'; use freeze, set or advance", unknown[0])
        if not body:
            raise ControlError("say what to do: freeze (true/false), set (an ISO time) or advance ('25h')", "advance")
        _move_clock(mock.clock, body, is_form(request))
    return ControlJSON(clock_info(mock.clock))


def _move_clock(clock: Clock, body: dict[str, Any], form: bool = False) -> None:
    freeze = body.get("freeze")
    if freeze is not None:
        if form and isinstance(freeze, str):  # the dashboard's form sends text; JSON sends true/false
            freeze = {"true": True, "false": False, "1": True, "0": False}.get(freeze.lower(), freeze)
        if not isinstance(freeze, bool):
            raise ControlError("freeze is true or false", "freeze")
        clock.freeze() if freeze else clock.unfreeze()
    for key, parse, move in (
        ("set", parse_instant, clock.set),
        ("advance", parse_duration, clock.advance),
    ):
        if body.get(key) is not None and not (form and body[key] == ""):  # a form's empty field: not given
            try:
                move(parse(body[key]))
            except (ValueError, TypeError) as exc:
                raise ControlError(f"{key}: {exc}", key) from None


# -- faults and scenarios -----------------------------------------------------------


async def add_fault(request: Request) -> Response:
    spec = parse_fault(fields_of(await body_of(request)), ENVELOPES)
    rule = mock_of(request).faults.add(spec)
    return ControlJSON(rule.as_dict(), status_code=201)


async def faults(request: Request) -> Response:
    mock = mock_of(request)
    client_key = text_param(request, "client_key")
    if request.method == "DELETE":
        return ControlJSON({"cleared": mock.faults.clear(client_key)})
    return ControlJSON({"faults": [rule.as_dict() for rule in mock.faults.listed(client_key)]})


async def delete_fault(request: Request) -> Response:
    rule_id = request.path_params["fault_id"]
    if not mock_of(request).faults.remove(rule_id):
        raise ControlError(f"no fault rule with id '{shorten(rule_id)}'", "id", status=404)
    return ControlJSON({"deleted": rule_id})


async def scenarios(request: Request) -> Response:
    mock = mock_of(request)
    listed = [{"name": s.name, "description": s.description, "steps": len(s.steps)} for s in mock.scenarios.values()]
    return ControlJSON({"scenarios": listed, "active": mock.active})


async def switch_scenario(request: Request) -> Response:
    mock = mock_of(request)
    name = request.path_params["name"]
    client_key = _client_key(await body_of(request))
    try:
        result = mock.scenario(name, client_key)
    except UnknownScenario:
        known = ", ".join(sorted(mock.scenarios)) or "none: add `scenarios:` to the fixture file"
        raise ControlError(f"no scenario named '{shorten(name)}' (known: {known})", "name", status=404) from None
    body = {
        "scenario": name,
        "client_key": client_key,
        "faults": [rule.as_dict() for rule in result.faults],
        "actions": result.actions,
    }
    return ControlJSON(body)


# -- the journal ------------------------------------------------------------------


def _journal_filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    filters: dict[str, Any] = {
        "path": params.get("path") or None,
        "method": params.get("method") or None,
        "client_key": params.get("client_key") or None,
    }
    for key, low, high in (("status", 100, 599), ("limit", 1, 1_000_000)):
        if key in params:
            try:
                filters[key] = whole_number(params[key], key, low, high)
            except InputError as exc:
                raise ControlError(str(exc), key) from None
    if "since" in params:
        try:
            filters["since"] = parse_instant(params["since"])
        except ValueError:
            raise ControlError(f"since is an ISO time or unix seconds, got '{params['since'][:40]}'", "since") from None
    return filters


async def requests(request: Request) -> Response:
    journal = mock_of(request).journal
    if request.method == "DELETE":
        return ControlJSON({"cleared": journal.clear(text_param(request, "client_key"))})
    entries = journal.select(**_journal_filters(request))
    return ControlJSON({"requests": [describe(entry) for entry in entries]})


async def load_fixtures(request: Request) -> Response:
    """A further fixture document (YAML or JSON): its apps, users, tokens and scenarios join the
    running ones. Read whole and checked before anything is added: a refusal changes nothing,
    and reads as a fixture file's would (`<POST /_mock/fixtures>:LINE: what is wrong`)."""
    mock = mock_of(request)
    state = mock.login_kit
    source = "<POST /_mock/fixtures>"
    top = Fields(parse_yaml((await request.body()).decode("utf-8", "replace"), source), source, "")
    view = login_kit_control.known(state)
    spec = parse_login_kit(top, view)
    names = fault_specs.Known(
        ENVELOPES,
        users=frozenset(view.users) | frozenset(mock.shop.sellers_by_name),
        apps=frozenset(view.apps) | frozenset(mock.shop.apps),
        tunables=TUNABLES,
    )
    scenarios = fault_specs.parse_scenarios(top.raw("scenarios"), source, top.line_of("scenarios"), names)
    top.check_unknown()
    for index, token in enumerate(spec.tokens):
        if state.grants.owner_of(token.access_token) or state.grants.owner_of(token.refresh_token):
            raise ControlError(f"tokens[{index}]: a running token has this value already", f"tokens[{index}]")
    for user in spec.users:
        state.add_user(user)
    for app in spec.apps:
        state.add_app(app)
    for token in spec.tokens:
        state.issue_token_spec(token)
    mock.loaded_scenarios.update(scenarios)
    added = {
        "apps": [app.client_key for app in spec.apps],
        "users": [user.username for user in spec.users],
        "tokens": [token.access_token for token in spec.tokens],
        "scenarios": sorted(scenarios),
    }
    return ControlJSON(added, status_code=201)


async def _token_action(request: Request, action: str) -> Response:
    """Expire or revoke any family's token (Login Kit's or TikTok Shop's)."""
    mock = mock_of(request)
    token = request.path_params["token"]
    for family in mock.token_families:
        grants = family.grants
        if (grants.expire if action == "expired" else grants.revoke)(token):
            return ControlJSON({"token": token, action: True})
    raise ControlError(f"no token '{shorten(token)}'", "token", status=404)


async def expire_token(request: Request) -> Response:
    return await _token_action(request, "expired")


async def revoke_token(request: Request) -> Response:
    return await _token_action(request, "revoked")


async def not_found(request: Request) -> Response:
    """405 (with `Allow`) for a path that has endpoints under other methods, to anyone (the paths are
    public: this spec lists them); else, to whoever may call the control API, a 404."""
    allowed = sorted(
        method
        for route in request.app.routes
        if isinstance(route, Route) and route is not _catch_all and route.matches(request.scope)[0] == Match.PARTIAL
        for method in route.methods or ()
    )
    if allowed:
        message = f"{request.method} is not allowed on {request.url.path}; use {', '.join(allowed)}"
        return ControlJSON(
            {"error": message, "field": "method"}, status_code=405, headers={"Allow": ", ".join(allowed)}
        )
    refused = refusal(request)
    if refused is not None:
        return refused
    message = f"no control endpoint {request.method} {request.url.path}"
    return ControlJSON({"error": message, "field": "path"}, status_code=404)


_catch_all = Route(
    "/_mock/{rest:path}", not_found, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
)
routes = [
    Route("/", home.home, methods=["GET"]),
    Route("/_mock/health", health, methods=["GET"]),
    Route("/_mock/docs", home.docs, methods=["GET"]),
    Route("/_mock/specs", home.spec_list, methods=["GET"]),
    Route("/_mock/specs/{folder}/{name}", home.spec_file, methods=["GET"]),
    control_route("/_mock/", dashboard.page, ["GET"]),
    control_route("/_mock/reset", reset, ["POST"]),
    control_route("/_mock/state", state, ["GET"]),
    control_route("/_mock/clock", clock, ["GET", "POST"]),
    control_route("/_mock/faults", add_fault, ["POST"]),
    control_route("/_mock/faults", faults, ["GET", "DELETE"]),
    control_route("/_mock/faults/{fault_id}", delete_fault, ["DELETE"]),
    control_route("/_mock/scenarios", scenarios, ["GET"]),
    control_route("/_mock/scenarios/{name}", switch_scenario, ["POST"]),
    control_route("/_mock/requests", requests, ["GET", "DELETE"]),
    control_route("/_mock/fixtures", load_fixtures, ["POST"]),
    control_route("/_mock/tokens/{token}/expire", expire_token, ["POST"]),
    control_route("/_mock/tokens/{token}/revoke", revoke_token, ["POST"]),
    *login_kit_control.routes,
    *display_control.routes,
    *shop_control.routes,
    *posting_control.routes,
    *webhooks_control.routes,
    _catch_all,
]
