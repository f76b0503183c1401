"""Getting real credentials from a running mock without a browser."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

# The bundled fixture's auto-approve app: its authorize URL redirects at once, as `tiktoker`.
AUTO_APP = {"client_key": "sbawautoapprove", "client_secret": "auto-secret"}
AUTO_REDIRECT = "http://localhost:3000/callback"
ALL_DISPLAY_SCOPES = "user.info.basic,user.info.profile,user.info.stats,video.list"


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
    assert response.status_code == 302, response.text
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert "code" in query, response.headers["location"]
    return query["code"][0]
