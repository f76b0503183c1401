"""Adding state at run time: apps, users, a further fixture document, token
sets, authorization codes; expiring and revoking tokens.

Apps, users and tokens use the fixture file's schema and its very parser, so a
field means the same in both and a bad one gets the same message. What is added
here lasts until the next reset, which goes back to the start-up fixtures.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_server.api.control_http import SOURCE, ControlError, body_of, control_route, fields_of, store_of
from mock_server.api.login_kit import token_body
from mock_server.core.models import App, User
from mock_server.core.scopes import with_default_scope
from mock_server.core.store import Store
from mock_server.fault_specs import parse_scenarios
from mock_server.fixtures import Fixture, parse_app, parse_token, parse_user
from mock_server.yaml_source import Fields, parse_yaml


def _view(store: Store) -> Fixture:
    """The fixture as it stands now, so new items may refer to apps and users added at run time."""
    return replace(store.fixture, apps=list(store.apps.values()), users=list(store.users.values()))


def app_json(app: App) -> dict[str, Any]:
    keys = ("client_key", "client_secret", "name", "redirect_uris", "scopes", "platform", "pkce")
    return {key: getattr(app, key) for key in keys}


def user_json(user: User) -> dict[str, Any]:
    keys = ("username", "display_name", "open_id", "union_id")
    return {**{key: getattr(user, key) for key in keys}, "videos": len(user.videos)}


async def add_app(request: Request) -> Response:
    store = store_of(request)
    app = parse_app(fields_of(await body_of(request)).mapping, "", 0, SOURCE, _view(store), len(store.apps))
    if app.client_key in store.apps:
        raise ControlError(f"an app with client_key '{app.client_key}' exists already", "client_key")
    store.add_app(app)
    return JSONResponse(app_json(app), status_code=201)


async def add_user(request: Request) -> Response:
    store = store_of(request)
    user = parse_user(fields_of(await body_of(request)).mapping, "", 0, SOURCE, _view(store), len(store.users))
    _check_new_user(store, user)
    store.add_user(user)
    return JSONResponse(user_json(user), status_code=201)


def _check_new_user(store: Store, user: User, where: str = "") -> None:
    if user.username in store.users:
        raise ControlError(f"a user named '{user.username}' exists already", f"{where}username".lstrip("."))
    if user.open_id in store.users_by_open_id:
        raise ControlError(f"a user with open_id '{user.open_id}' exists already", f"{where}open_id".lstrip("."))


async def load_fixtures(request: Request) -> Response:
    """A further fixture document (YAML or JSON): its apps, users, tokens and scenarios join the running ones."""
    store, mock = store_of(request), request.app.state.mock
    top = Fields(parse_yaml((await request.body()).decode("utf-8", "replace"), SOURCE), SOURCE, "")
    view = _view(store)
    first_user = len(store.users)
    users = [
        parse_user(item, label, line, SOURCE, view, first_user + i)
        for i, (item, label, line) in enumerate(top.items("users"))
    ]
    view.users += users
    apps = [
        parse_app(item, label, line, SOURCE, view, len(view.apps) + i)
        for i, (item, label, line) in enumerate(top.items("apps"))
    ]
    view.apps += apps
    tokens = [parse_token(item, label, line, SOURCE, view) for item, label, line in top.items("tokens")]
    scenarios = parse_scenarios(
        top.raw("scenarios"),
        SOURCE,
        top.line_of("scenarios"),
        {user.username for user in view.users},
        {app.client_key for app in view.apps},
    )
    top.check_unknown()
    for index, user in enumerate(users):
        _check_new_user(store, user, f"users[{index}].")
    for index, app in enumerate(apps):
        if app.client_key in store.apps:
            raise ControlError(f"an app with client_key '{app.client_key}' exists already", f"apps[{index}].client_key")
    for user in users:
        store.add_user(user)
    for app in apps:
        store.add_app(app)
    for spec in tokens:
        store.issue_token_spec(spec)
    mock.loaded_scenarios.update(scenarios)
    added = {
        "apps": [app.client_key for app in apps],
        "users": [user.username for user in users],
        "tokens": [spec.access_token for spec in tokens],
        "scenarios": sorted(scenarios),
    }
    return JSONResponse(added, status_code=201)


async def mint_tokens(request: Request) -> Response:
    """A token set for user+app+scopes, as if the user had logged in; TikTok's token reply shape."""
    store = store_of(request)
    body = await body_of(request)
    body = {"app": body.pop("client_key", None), **body} if "app" not in body else body
    body.setdefault("access_token", store.ids.access_token())
    body.setdefault("refresh_token", store.ids.refresh_token())
    if isinstance(body.get("scope"), str):
        body["scopes"] = [scope for scope in body.pop("scope").split(",") if scope]
    spec = parse_token(fields_of(body).mapping, "", 0, SOURCE, _view(store))
    tokens = store.issue_token_spec(spec)
    reply = {**token_body(tokens, store.clock.now()), "client_key": spec.client_key, "username": spec.username}
    return JSONResponse(reply, status_code=201)


async def mint_code(request: Request) -> Response:
    """An authorization code as the consent page would issue it, with an optional PKCE challenge."""
    store = store_of(request)
    fields = fields_of(await body_of(request))
    app = _known(store.apps, fields.text("client_key", required=True), "client_key", "app")
    username = fields.text("user", required=True)
    user = _known(store.users, username, "user", "user")
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
    code = store.tokens.issue_code(app, user.open_id, with_default_scope(scopes), redirect_uri, challenge)
    reply = {
        "code": code.code,
        "client_key": app.client_key,
        "open_id": user.open_id,
        "scopes": list(code.scopes),
        "redirect_uri": redirect_uri,
        "expires_in": round(code.expires_at - store.clock.now()),
        "code_challenge": challenge,
    }
    return JSONResponse(reply, status_code=201)


def _known(table: dict[str, Any], key: str, field: str, kind: str) -> Any:
    if key not in table:
        raise ControlError(f"no {kind} '{key}' (known: {', '.join(sorted(table))})", field)
    return table[key]


async def _token_action(request: Request, action: str) -> Response:
    """Expire or revoke any token: a Login Kit one, else a Shop one."""
    store = store_of(request)
    token = request.path_params["token"]
    shop = getattr(store, "shop", None)
    login_kit = store.tokens.expire if action == "expired" else store.tokens.revoke_token
    shop_action = None if shop is None else (shop.expire_token if action == "expired" else shop.revoke_token)
    if not login_kit(token) and not (shop_action is not None and shop_action(token)):
        raise ControlError(f"no token '{token}'", "token", status=404)
    return JSONResponse({"token": token, action: True})


async def expire_token(request: Request) -> Response:
    return await _token_action(request, "expired")


async def revoke_token(request: Request) -> Response:
    return await _token_action(request, "revoked")


routes = [
    control_route("/_mock/apps", add_app, ["POST"]),
    control_route("/_mock/users", add_user, ["POST"]),
    control_route("/_mock/fixtures", load_fixtures, ["POST"]),
    control_route("/_mock/tokens", mint_tokens, ["POST"]),
    control_route("/_mock/codes", mint_code, ["POST"]),
    control_route("/_mock/tokens/{token}/expire", expire_token, ["POST"]),
    control_route("/_mock/tokens/{token}/revoke", revoke_token, ["POST"]),
]
