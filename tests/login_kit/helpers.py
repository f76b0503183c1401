"""Small helpers for driving the Login Kit flow over HTTP in tests."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.testclient import TestClient

WEB_APP = {"client_key": "sbawdemo000001", "client_secret": "demo-secret"}
WEB_REDIRECT = "http://localhost:3000/callback"
DESKTOP_APP = {"client_key": "sbawdesktop001", "client_secret": "desktop-secret"}
DESKTOP_REDIRECT = "http://127.0.0.1:53117/callback/"


def authorize_query(**overrides: str | None) -> dict[str, str]:
    params = {
        "client_key": WEB_APP["client_key"],
        "response_type": "code",
        "scope": "user.info.basic,video.list",
        "redirect_uri": WEB_REDIRECT,
        "state": "state-123",
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


def redirect_params(response) -> dict[str, str]:
    """The query of a redirect's Location, one value per key."""
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def consent(
    client: TestClient,
    user: str = "tiktoker",
    action: str = "authorize",
    ticked: list[str] | None = None,
    **query: str | None,
) -> dict[str, str]:
    """Post the consent form as a browser would and return the redirect's parameters."""
    params = authorize_query(**query)
    scopes = ticked if ticked is not None else params["scope"].split(",")
    form = [*params.items(), ("user", user), ("action", action), *(("scopes", scope) for scope in scopes)]
    response = client.post(
        "/v2/auth/authorize/", content=urlencode(form), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    return redirect_params(response)


def token_call(client: TestClient, path: str = "/v2/oauth/token/", **form: str):
    return client.post(path, data=form)


def exchange(
    client: TestClient, code: str, app: dict[str, str] = WEB_APP, redirect_uri: str = WEB_REDIRECT, **extra: str
):
    return token_call(client, grant_type="authorization_code", code=code, redirect_uri=redirect_uri, **app, **extra)


def refresh(client: TestClient, refresh_token: str, app: dict[str, str] = WEB_APP):
    return token_call(client, grant_type="refresh_token", refresh_token=refresh_token, **app)
