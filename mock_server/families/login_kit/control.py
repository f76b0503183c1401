"""Login Kit's /_mock/ endpoints: adding apps, users, a further fixture
document, token sets and authorization codes at run time; expiring and
revoking any family's token.

Apps, users and tokens use the fixture file's schema and its very parser, so a
field means the same in both and a bad one gets the same message. What is added
here lasts until the next reset, which goes back to the start-up fixtures.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_server.families import ENVELOPES
from mock_server.families.login_kit.fixture import Known, parse_app, parse_token, parse_user
from mock_server.families.login_kit.models import App, User
from mock_server.families.login_kit.rules import token_body
from mock_server.families.login_kit.scopes import with_default_scope
from mock_server.families.login_kit.state import LoginKitState
from mock_server.kernel import fault_specs
from mock_server.kernel.fault_specs import parse_scenarios
from mock_server.kernel.yaml_source import Fields, parse_yaml
from mock_server.mock import Mock
from mock_server.web.control_plumbing import SOURCE, ControlError, body_of, control_route, fields_of, mock_of


def _state(request: Request) -> LoginKitState:
    return mock_of(request).login_kit


def _view(mock: Mock) -> Known:
    """What new items may refer to: the apps and users running now, added ones included."""
    state = mock.login_kit
    return Known(mock.fixture.seed, mock.settings, mock.fixture.anchor, dict(state.apps), dict(state.users))


def app_json(app: App) -> dict[str, Any]:
    keys = ("client_key", "client_secret", "name", "redirect_uris", "scopes", "platform", "pkce")
    return {key: getattr(app, key) for key in keys}


def user_json(user: User) -> dict[str, Any]:
    keys = ("username", "display_name", "open_id", "union_id")
    return {**{key: getattr(user, key) for key in keys}, "videos": len(user.videos)}


async def add_app(request: Request) -> Response:
    mock = mock_of(request)
    state = mock.login_kit
    app = parse_app(fields_of(await body_of(request)).mapping, "", 0, SOURCE, _view(mock), len(state.apps))
    if app.client_key in state.apps:
        raise ControlError(f"an app with client_key '{app.client_key}' exists already", "client_key")
    state.add_app(app)
    return JSONResponse(app_json(app), status_code=201)


async def add_user(request: Request) -> Response:
    mock = mock_of(request)
    state = mock.login_kit
    user = parse_user(fields_of(await body_of(request)).mapping, "", 0, SOURCE, _view(mock), len(state.users))
    _check_new_user(state, user)
    state.add_user(user)
    return JSONResponse(user_json(user), status_code=201)


def _check_new_user(state: LoginKitState, user: User, where: str = "") -> None:
    if user.username in state.users:
        raise ControlError(f"a user named '{user.username}' exists already", f"{where}username".lstrip("."))
    if user.open_id in state.users_by_open_id:
        raise ControlError(f"a user with open_id '{user.open_id}' exists already", f"{where}open_id".lstrip("."))


async def load_fixtures(request: Request) -> Response:
    """A further fixture document (YAML or JSON): its apps, users, tokens and scenarios join the running ones."""
    mock = mock_of(request)
    state = mock.login_kit
    top = Fields(parse_yaml((await request.body()).decode("utf-8", "replace"), SOURCE), SOURCE, "")
    view = _view(mock)
    first_user = len(state.users)
    users = [
        parse_user(item, label, line, SOURCE, view, first_user + i)
        for i, (item, label, line) in enumerate(top.items("users"))
    ]
    view.users.update((user.username, user) for user in users)
    first_app = len(view.apps)
    apps = [
        parse_app(item, label, line, SOURCE, view, first_app + i)
        for i, (item, label, line) in enumerate(top.items("apps"))
    ]
    view.apps.update((app.client_key, app) for app in apps)
    tokens = [parse_token(item, label, line, SOURCE, view) for item, label, line in top.items("tokens")]
    scenarios = parse_scenarios(top.raw("scenarios"), SOURCE, top.line_of("scenarios"), _scenario_names(mock, view))
    top.check_unknown()
    for index, user in enumerate(users):
        _check_new_user(state, user, f"users[{index}].")
    for index, app in enumerate(apps):
        if app.client_key in state.apps:
            raise ControlError(f"an app with client_key '{app.client_key}' exists already", f"apps[{index}].client_key")
    for user in users:
        state.add_user(user)
    for app in apps:
        state.add_app(app)
    for spec in tokens:
        state.issue_token_spec(spec)
    mock.loaded_scenarios.update(scenarios)
    added = {
        "apps": [app.client_key for app in apps],
        "users": [user.username for user in users],
        "tokens": [spec.access_token for spec in tokens],
        "scenarios": sorted(scenarios),
    }
    return JSONResponse(added, status_code=201)


def _scenario_names(mock: Mock, view: Known) -> fault_specs.Known:
    users = set(view.users) | set(mock.shop.sellers_by_name)
    apps = set(view.apps) | set(mock.shop.apps)
    return fault_specs.Known(ENVELOPES, frozenset(users), frozenset(apps))


async def mint_tokens(request: Request) -> Response:
    """A token set for user+app+scopes, as if the user had logged in; TikTok's token reply shape."""
    mock = mock_of(request)
    state = mock.login_kit
    body = await body_of(request)
    body = {"app": body.pop("client_key", None), **body} if "app" not in body else body
    body.setdefault("access_token", state.ids.access_token())
    body.setdefault("refresh_token", state.ids.refresh_token())
    if isinstance(body.get("scope"), str):
        body["scopes"] = [scope for scope in body.pop("scope").split(",") if scope]
    spec = parse_token(fields_of(body).mapping, "", 0, SOURCE, _view(mock))
    tokens = state.issue_token_spec(spec)
    reply = {**token_body(tokens, state.clock.now()), "client_key": spec.client_key, "username": spec.username}
    return JSONResponse(reply, status_code=201)


async def mint_code(request: Request) -> Response:
    """An authorization code as the consent page would issue it, with an optional PKCE challenge."""
    state = _state(request)
    fields = fields_of(await body_of(request))
    app = _known(state.apps, fields.text("client_key", required=True), "client_key", "app")
    username = fields.text("user", required=True)
    user = _known(state.users, username, "user", "user")
    scopes = fields.text_list("scopes", app.scopes)
    for scope in scopes:
        if scope not in app.scopes:
            raise ControlError(f"the app '{app.client_key}' is not allowed the scope '{scope}'", "scopes")
    redirect_uri = fields.text("redirect_uri") or app.redirect_uris[0]
    if not app.matches_redirect_uri(redirect_uri):
        raise ControlError(
            f"'{redirect_uri}' is not a redirect URI of the app (with a wildcard port, give one)", "redirect_uri"
        )
    challenge = fields.text("code_challenge")
    fields.check_unknown()
    code = state.grants.issue_code(
        app.client_key, user.open_id, with_default_scope(scopes), app.code_ttl, redirect_uri, challenge
    )
    reply = {
        "code": code.code,
        "client_key": app.client_key,
        "open_id": user.open_id,
        "scopes": list(code.scopes),
        "redirect_uri": redirect_uri,
        "expires_in": round(code.expires_at - state.clock.now()),
        "code_challenge": challenge,
    }
    return JSONResponse(reply, status_code=201)


def _known(table: dict[str, Any], key: str, field: str, kind: str) -> Any:
    if key not in table:
        raise ControlError(f"no {kind} '{key}' (known: {', '.join(sorted(table))})", field)
    return table[key]


routes = [
    control_route("/_mock/apps", add_app, ["POST"]),
    control_route("/_mock/users", add_user, ["POST"]),
    control_route("/_mock/fixtures", load_fixtures, ["POST"]),
    control_route("/_mock/tokens", mint_tokens, ["POST"]),
    control_route("/_mock/codes", mint_code, ["POST"]),
]
