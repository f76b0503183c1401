"""Schemathesis hooks for the contract run: `SCHEMATHESIS_HOOKS=mock_server.contract.hooks`
(`tiktok-mock contract` sets it; so does the plain `schemathesis run` in the README).

What a generic run cannot know, given by the mock under test (see session.py):
- Display calls carry a token of the run's own app (every Display scope, no rate limit),
  unless a link already put a token the mock issued in the request;
- some token requests get a real authorization code, so the token endpoint's success
  reply is checked and the stateful links (token -> user info / video list) carry a
  real new access token;
- half the positive cover and avatar image cases use a real signed link (a generated one never is);
- control API calls carry TIKTOK_MOCK_CONTROL_TOKEN when it is set;
- TikTok Shop Partner API calls are signed (shop_signing.py), and Shop cases get the
  server-made values a schema cannot describe (shop_hooks.py).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import hypothesis.strategies as st
import schemathesis

from mock_server.contract import posting_hooks, shop_hooks, shop_signing  # noqa: F401  (register their hooks)
from mock_server.contract.session import (
    AUTO_APP,
    AUTO_REDIRECT,
    authorization_code,
    control_headers,
    display_token,
    origin_of,
)

ISSUED_TOKEN = re.compile(r"^Bearer (act|clt)\.[A-Za-z0-9]{60}!\d{4}\.va$")
DISPLAY_TAGS = {"user", "video"}
POSTING_TAGS = {"posting"}

# The upload URL takes a video's bytes as they are: send generated binary bodies raw.
for _video_type in ("video/mp4", "video/quicktime", "video/webm"):
    schemathesis.serializer.alias(_video_type, "application/octet-stream")


def is_positive(case: Any) -> bool:
    mode = getattr(getattr(getattr(case, "meta", None), "generation", None), "mode", None)
    return mode is not None and bool(mode.is_positive)


def _replace_header(case: Any, name: str, value: str) -> None:
    headers = {key: item for key, item in (case.headers or {}).items() if key.lower() != name.lower()}
    headers[name] = value
    case.headers = headers


@schemathesis.auth()
class MockAuth:
    """Display: the run's token; the control API: the control token, when the server wants one."""

    def get(self, case: Any, context: Any) -> str:
        return origin_of(context.operation)

    def set(self, case: Any, origin: str, context: Any) -> None:
        tags = set(case.operation.tags or ())
        if DISPLAY_TAGS & tags:
            current = next((v for k, v in (case.headers or {}).items() if k.lower() == "authorization"), "")
            # A token the mock issued, put there by a link (`Bearer {$response.body#/access_token}`),
            # is the token under test; anything else (a generated value) gives way to the run's token.
            if not ISSUED_TOKEN.match(str(current)):
                _replace_header(case, "Authorization", f"Bearer {display_token(origin)}")
        elif POSTING_TAGS & tags:
            _replace_header(case, "Authorization", f"Bearer {posting_hooks.POSTING_TOKEN}")
        elif "control" in tags and control_headers():
            _replace_header(case, "Authorization", control_headers()["Authorization"])


def _with_fresh_code(body: dict[str, Any], origin: str) -> dict[str, Any]:
    return {
        **body,
        **AUTO_APP,
        "grant_type": "authorization_code",
        "code": authorization_code(origin),
        "redirect_uri": AUTO_REDIRECT,
    }


@schemathesis.hook("flatmap_body").apply_to(operation_id="exchangeToken")  # type: ignore[attr-defined]
def sometimes_a_real_code(context: Any, body: Any) -> Any:
    if not isinstance(body, dict) or body.get("grant_type") != "authorization_code":
        return st.just(body)
    origin = origin_of(context.operation)
    return st.sampled_from([False, True]).map(lambda real: _with_fresh_code(body, origin) if real else body)


_real_links: dict[tuple[str, str], dict[str, dict[str, str]]] = {}


def _signed_url(origin: str, operation_id: str) -> str:
    bearer = {"Authorization": f"Bearer {display_token(origin)}"}
    if operation_id == "getCoverImage":
        params, body = {"fields": "cover_image_url"}, {"max_count": 1}
        reply = httpx.post(f"{origin}/v2/video/list/", params=params, headers=bearer, json=body).json()
        return str(reply["data"]["videos"][0]["cover_image_url"])
    reply = httpx.get(f"{origin}/v2/user/info/", params={"fields": "avatar_url"}, headers=bearer).json()
    return str(reply["data"]["user"]["avatar_url"])


def real_link(origin: str, operation_id: str) -> dict[str, dict[str, str]]:
    """A live signed cover or avatar link, read once (covers live six hours, avatars two)."""
    key = (origin, operation_id)
    if key not in _real_links:
        url = urlsplit(_signed_url(origin, operation_id))
        _real_links[key] = {"path": {"name": url.path.rsplit("/", 1)[1]}, "query": dict(parse_qsl(url.query))}
    return _real_links[key]


@schemathesis.hook("flatmap_case").apply_to(operation_id="getCoverImage")  # type: ignore[attr-defined]
def sometimes_a_real_cover(context: Any, case: Any) -> Any:
    """Generated signatures are never valid (403); half the positive cases use a real link (200)."""
    return _sometimes_real(context, case, "getCoverImage")


@schemathesis.hook("flatmap_case").apply_to(operation_id="getAvatarImage")  # type: ignore[attr-defined]
def sometimes_a_real_avatar(context: Any, case: Any) -> Any:
    return _sometimes_real(context, case, "getAvatarImage")


def _sometimes_real(context: Any, case: Any, operation_id: str) -> Any:
    if not is_positive(case):
        return st.just(case)
    origin = origin_of(context.operation)

    def pick(real: bool) -> Any:
        if real:
            link = real_link(origin, operation_id)
            case.path_parameters = dict(link["path"])
            case.query = dict(link["query"])
        return case

    return st.booleans().map(pick)
