"""Login Kit's /_mock/ endpoints: adding apps, users, token sets and
authorization codes at run time. (A further fixture document spans the
families, so `POST /_mock/fixtures` is the Mock's, in web/control.py.)

Apps, users and tokens use the fixture file's schema and its very parser, so a
field means the same in both and a bad one gets the same message. What is added
here lasts until the next reset, which goes back to the start-up fixtures.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from mock_server.families.login_kit.fixture import Known, check_identities, parse_app, parse_token, parse_user
from mock_server.families.login_kit.models import App, User
from mock_server.families.login_kit.rules import REMOVAL_REASONS, USER_DISCONNECTED, token_body
from mock_server.families.login_kit.scopes import with_default_scope
from mock_server.families.login_kit.state import LoginKitState
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.yaml_source import shorten
from mock_server.web.control_plumbing import (
    SOURCE,
    ControlError,
    ControlJSON,
    body_of,
    control_route,
    fields_of,
    mock_of,
)


def _state(request: Request) -> LoginKitState:
    return mock_of(request).login_kit


def known(state: LoginKitState) -> Known:
    """What new items may refer to: the apps and users running now, added ones included."""
    return Known(state.seed, state.settings, state.anchor, dict(state.apps), dict(state.users), max_videos=10_000)


def app_json(app: App) -> dict[str, Any]:
    keys = ("client_key", "client_secret", "name", "redirect_uris", "scopes", "platform", "pkce", "developer")
    return {key: getattr(app, key) for key in keys}


def user_json(state: LoginKitState, user: User) -> dict[str, Any]:
    """A user as every app sees them: an open_id per app, a union_id per developer."""
    apps = state.apps.values()
    return {
        "username": user.username,
        "display_name": user.display_name,
        "open_ids": {app.client_key: state.open_id(user, app) for app in apps},
        "union_ids": {app.developer: state.union_id(user, app) for app in apps},
        "videos": len(user.videos),
    }


async def add_app(request: Request) -> Response:
    state = _state(request)
    app = parse_app(fields_of(await body_of(request)).mapping, "", 0, SOURCE, known(state), len(state.apps))
    if app.client_key in state.apps:
        raise ControlError(f"an app with client_key '{app.client_key}' exists already", "client_key")
    state.add_app(app)
    return ControlJSON(app_json(app), status_code=201)


async def add_user(request: Request) -> Response:
    state = _state(request)
    user = parse_user(fields_of(await body_of(request)).mapping, "", 0, SOURCE, known(state), len(state.users))
    check_new_user(state, user)
    state.add_user(user)
    return ControlJSON(user_json(state, user), status_code=201)


def check_new_user(state: LoginKitState, user: User, where: str = "") -> None:
    if user.username in state.users:
        raise ControlError(f"a user named '{user.username}' exists already", f"{where}username".lstrip("."))
    try:
        check_identities([user], known(state), lambda _: FixtureError(SOURCE, None, where.rstrip(".")))
    except FixtureError as exc:
        raise ControlError(exc.problem.lstrip(": "), f"{where}open_id".lstrip(".")) from None


async def mint_tokens(request: Request) -> Response:
    """A token set for user+app+scopes, as if the user had logged in; TikTok's token reply shape."""
    state = _state(request)
    body = await body_of(request)
    body = {"app": body.pop("client_key", None), **body} if "app" not in body else body
    body.setdefault("access_token", state.ids.access_token())
    body.setdefault("refresh_token", state.ids.refresh_token())
    if isinstance(body.get("scope"), str):
        body["scopes"] = [scope for scope in body.pop("scope").split(",") if scope]
    spec = parse_token(fields_of(body).mapping, "", 0, SOURCE, known(state))
    tokens = state.issue_token_spec(spec)
    reply = {**token_body(tokens, state.clock.now()), "client_key": spec.client_key, "username": spec.username}
    return ControlJSON(reply, status_code=201)


async def mint_code(request: Request) -> Response:
    """An authorization code as the consent page would issue it, with an optional PKCE challenge."""
    state = _state(request)
    fields = fields_of(await body_of(request))
    app = _known(state.apps, fields.text("client_key", required=True), "client_key", "app")
    username = fields.text("user", required=True)
    user = _known(state.users, username, "user", "user")
    scopes = fields.text_list("scopes", app.scopes)
    for scope in app.not_allowed(scopes):
        raise ControlError(f"the app '{app.client_key}' is not allowed the scope '{scope}'", "scopes")
    redirect_uri = fields.text("redirect_uri") or app.redirect_uris[0]
    if not app.matches_redirect_uri(redirect_uri):
        raise ControlError(
            f"'{redirect_uri}' is not a redirect URI of the app (with a wildcard port, give one)", "redirect_uri"
        )
    challenge = fields.text("code_challenge")
    fields.check_unknown()
    code = state.grants.issue_code(
        app.client_key, state.open_id(user, app), with_default_scope(scopes), app.code_ttl, redirect_uri, challenge
    )
    reply = {
        "code": code.code,
        "client_key": app.client_key,
        "open_id": code.open_id,
        "scopes": list(code.scopes),
        "redirect_uri": redirect_uri,
        "expires_in": round(code.expires_at - state.clock.now()),
        "code_challenge": challenge,
    }
    return ControlJSON(reply, status_code=201)


async def consents(request: Request) -> Response:
    """What each user approved for each app; DELETE (or the dashboard's form) forgets them, so the
    user's next authorize shows the consent page again. `user` / `client_key` narrow it down."""
    state = _state(request)
    if request.method == "GET":
        listed = [
            {"user": username, "client_key": client_key, "scopes": sorted(scopes)}
            for (username, client_key), scopes in state.consents.items()
        ]
        return ControlJSON({"consents": listed})
    given = dict(request.query_params) | (await body_of(request) if request.method == "POST" else {})
    for key in ("user", "client_key"):
        if given.get(key) is not None and not isinstance(given[key], str):
            raise ControlError(f"{key} is text", key)
    username, client_key = given.get("user") or None, given.get("client_key") or None
    if username is not None and username not in state.users:
        raise ControlError(f"no user '{shorten(username)}' (known: {', '.join(sorted(state.users))})", "user")
    return ControlJSON({"forgotten": state.forget_consents(username, client_key)})


async def disconnect(request: Request) -> Response:
    """The user disconnects an app in TikTok's settings: the grant ends and the app hears of it
    (`authorization.removed`, reason 1; `reason` 0-5 names another of TikTok's causes)."""
    state = _state(request)
    user = _known(state.users, request.path_params["username"], "username", "user")
    fields = fields_of(await body_of(request))
    app = _known(state.apps, fields.text("client_key", required=True), "client_key", "app")
    reason = fields.integer("reason", USER_DISCONNECTED, minimum=0, maximum=max(REMOVAL_REASONS))
    fields.check_unknown()
    open_id = state.open_id(user, app)
    had_grant = (app.client_key, open_id) in state.grants.grants
    state.remove_grant(app, open_id, reason)
    return ControlJSON(
        {"user": user.username, "client_key": app.client_key, "open_id": open_id, "had_grant": had_grant}
    )


def _known(table: dict[str, Any], key: str, field: str, kind: str) -> Any:
    if key not in table:
        raise ControlError(f"no {kind} '{shorten(key)}' (known: {', '.join(sorted(table))})", field)
    return table[key]


routes = [
    control_route("/_mock/apps", add_app, ["POST"]),
    control_route("/_mock/users", add_user, ["POST"]),
    control_route("/_mock/tokens", mint_tokens, ["POST"]),
    control_route("/_mock/codes", mint_code, ["POST"]),
    control_route("/_mock/consents", consents, ["GET", "DELETE"]),
    control_route("/_mock/users/{username}/disconnect", disconnect, ["POST"]),
    control_route("/_mock/consents/forget", consents, ["POST"]),  # the dashboard's form
]
