"""The consent page in a real browser: click Authorize or Cancel, land on the app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from mock_server.app import create_app
from mock_server.fixtures import load_fixture_text
from tests.browser import chromium_page
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser


class RedirectCatcher:
    """The app's callback: a local server that records what TikTok sent back."""

    def __init__(self) -> None:
        seen = self.seen = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's name for the GET handler
                if self.path.startswith("/callback"):  # not the browser's /favicon.ico
                    seen.append(self.path)
                self.send_response(200)
                self.send_header("content-type", "text/html")
                self.end_headers()
                self.wfile.write(b"<h1>Signed in</h1>")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.redirect_uri = f"http://127.0.0.1:{self.server.server_port}/callback"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def params(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(urlsplit(self.seen[-1]).query).items()}


@pytest.fixture
def catcher() -> Iterator[RedirectCatcher]:
    catcher = RedirectCatcher()
    yield catcher
    catcher.server.shutdown()


@pytest.fixture
def server(catcher: RedirectCatcher, clock) -> Iterator[LiveServer]:
    fixture = load_fixture_text(
        f"""
apps:
  - client_key: browserapp
    client_secret: browser-secret
    name: Browser Test App
    platform: web
    redirect_uris: ["{catcher.redirect_uri}"]
    scopes: [user.info.basic, user.info.profile, video.list]
users:
  - {{username: tiktoker, display_name: Tik Toker}}
  - {{username: other, display_name: Someone Else}}
""",
        "browser.yaml",
    )
    live = LiveServer(create_app(fixture, clock=clock)).start()
    yield live
    live.stop()


def authorize_url(server: LiveServer, catcher: RedirectCatcher, **extra: str) -> str:
    query = {
        "client_key": "browserapp",
        "response_type": "code",
        "scope": "user.info.basic,video.list",
        "redirect_uri": catcher.redirect_uri,
        "state": "browser-state",
        **extra,
    }
    return f"{server.origin}/v2/auth/authorize/?{urlencode(query)}"


def exchange_code(server: LiveServer, catcher: RedirectCatcher, code: str) -> dict:
    form = {"client_key": "browserapp", "client_secret": "browser-secret", "grant_type": "authorization_code"}
    form |= {"code": code, "redirect_uri": catcher.redirect_uri}
    return httpx.post(f"{server.origin}/v2/oauth/token/", data=form).json()


def open_id_of(server: LiveServer, username: str) -> str:
    """The user's open_id in the browser test app (every app sees its own)."""
    accounts = server.app.state.mock.login_kit
    return accounts.open_id(accounts.users[username], accounts.apps["browserapp"])


def test_clicking_authorize_sends_a_working_code_to_the_redirect_uri(server, catcher, tmp_path):
    with chromium_page() as page:
        page.goto(authorize_url(server, catcher))
        page.get_by_label("Someone Else").check()
        page.screenshot(path=str(tmp_path / "consent.png"), full_page=True)
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(f"{catcher.redirect_uri}?*")
        assert page.get_by_role("heading").inner_text() == "Signed in"

    params = catcher.params()
    assert params["state"] == "browser-state"
    assert params["scopes"] == "user.info.basic,video.list"
    assert exchange_code(server, catcher, params["code"])["open_id"] == open_id_of(server, "other")


def test_clicking_cancel_sends_access_denied_to_the_redirect_uri(server, catcher):
    with chromium_page() as page:
        page.goto(authorize_url(server, catcher))
        page.get_by_role("button", name="Cancel").click()
        page.wait_for_url(f"{catcher.redirect_uri}?*")

    params = catcher.params()
    assert params["error"] == "access_denied"
    assert params["state"] == "browser-state"
    assert "code" not in params


def test_unticking_a_scope_in_the_browser_leaves_it_out_of_the_grant(server, catcher):
    with chromium_page() as page:
        page.goto(authorize_url(server, catcher))
        page.get_by_role("checkbox", name="Read your public videos on TikTok").uncheck()
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(f"{catcher.redirect_uri}?*")

    assert catcher.params()["scopes"] == "user.info.basic"


def test_a_second_authorize_in_the_same_browser_skips_the_page_unless_disable_auto_auth(server, catcher):
    with chromium_page() as page:
        page.goto(authorize_url(server, catcher))
        page.get_by_label("Someone Else").check()
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(f"{catcher.redirect_uri}?*")
        first = catcher.params()["code"]

        page.goto(authorize_url(server, catcher, state="again"))  # same app, same scopes: straight back
        assert page.get_by_role("heading").inner_text() == "Signed in"
        again = catcher.params()
        assert again["state"] == "again" and again["code"] != first

        page.goto(authorize_url(server, catcher, disable_auto_auth="1"))
        assert page.get_by_role("button", name="Authorize").is_visible()
        assert page.get_by_label("Someone Else").is_checked()  # the browser's user is chosen
        assert len(catcher.seen) == 2

    assert exchange_code(server, catcher, again["code"])["open_id"] == open_id_of(server, "other")
