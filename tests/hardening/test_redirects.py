"""Redirect URIs match exactly: only a registered wildcard port stands for digits."""

from __future__ import annotations

import pytest

from mock_server.fixtures import load_fixture_text
from mock_server.kernel.errors import FixtureError
from tests.login_kit.helpers import authorize_query

DESKTOP = {"client_key": "sbawdesktop001", "code_challenge": "c" * 43, "code_challenge_method": "S256"}


def authorize(client, redirect_uri: str):
    return client.get("/v2/auth/authorize/", params=authorize_query(redirect_uri=redirect_uri, **DESKTOP))


def test_the_wildcard_port_takes_any_port_number(client):
    assert authorize(client, "http://127.0.0.1:53117/callback/").status_code == 200  # the consent page


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:*/callback/",  # the registered pattern itself is no address
        "http://127.0.0.1:5x3/callback/",
        "http://127.0.0.1:123456/callback/",
        "http://127.0.0.1:5000/call\nback/",
        "http://127.0.0.1:5000/call\rback/",
        "http://127.0.0.1:5000/call\tback/",
        "http://127.0.0.1:5000/callback/#frag",
        "http://127.0.0.1:5000/callback/extra",
        "http://127.0.0.1:5000/callback",
        "http://localhost:5000/callback/",
    ],
    ids=["literal-star", "letters", "six-digits", "lf", "cr", "tab", "fragment", "longer", "shorter", "other-host"],
)
def test_anything_else_is_refused_on_the_page_never_redirected(client, redirect_uri):
    response = authorize(client, redirect_uri)

    assert response.status_code == 400 and "location" not in response.headers


def test_a_fragment_on_a_web_apps_registered_uri_is_refused_at_authorize(client):
    response = client.get(
        "/v2/auth/authorize/", params=authorize_query(redirect_uri="http://localhost:3000/callback#x")
    )

    assert response.status_code == 400 and "fragment" in response.text


@pytest.mark.parametrize(
    ("uri", "problem"),
    [
        ("https://a.example/cb#top", "fragment"),
        ("https://a.example/c b", "no spaces"),
        ("https://a.example/c\tb", "no spaces"),
    ],
)
def test_a_registered_uri_with_a_fragment_or_whitespace_is_refused(uri, problem):
    text = f'apps: [{{client_key: k1, client_secret: s1, redirect_uris: ["{uri}"]}}]\nusers: [{{username: ann}}]\n'

    with pytest.raises(FixtureError, match=problem):
        load_fixture_text(text, "f.yaml")
