"""Schemathesis hooks for the contract run (loaded with SCHEMATHESIS_HOOKS=tests.contract.hooks).

- Display calls carry the fixture token `act.demo-dancequeen-full` (every
  Display scope), unless a link already put a fresh token in the request.
- Some token requests get a real authorization code from the live mock, so
  the token endpoint's success reply is exercised and the stateful links
  (token -> user info / video list) carry a real new access token.
- TikTok Shop Partner API calls are signed (tests/contract/shop_signing_hook.py), and
  Shop cases get the server-made values a schema cannot describe (tests/contract/shop_hooks.py).
- Content Posting calls carry `act.demo-poster`; half the positive upload PUTs
  go to a real upload URL (tests/contract/posting_hooks.py).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import hypothesis.strategies as st
import schemathesis

from tests.contract import posting_hooks, shop_hooks, shop_signing_hook  # noqa: F401  (register their hooks)
from tests.contract.helpers import AUTO_APP, AUTO_REDIRECT, authorization_code

FIXTURE_TOKEN = "act.demo-dancequeen-full"
# Content Posting calls: tiktoker in the audited posting app, with video.publish and video.upload.
POSTING_TOKEN = "act.demo-poster"
ISSUED_TOKEN = re.compile(r"^Bearer (act|clt)\.[A-Za-z0-9]{60}!\d{4}\.va$")
DISPLAY_TAGS = {"user", "video"}
POSTING_TAGS = {"posting"}

# The upload URL takes a video's bytes as they are: send generated binary bodies raw.
for _video_type in ("video/mp4", "video/quicktime", "video/webm"):
    schemathesis.serializer.alias(_video_type, "application/octet-stream")


@schemathesis.auth()
class FixtureBearer:
    def get(self, case, context):
        return FIXTURE_TOKEN

    def set(self, case, data, context):
        tags = set(case.operation.tags or ())
        if POSTING_TAGS & tags:
            data = POSTING_TOKEN
        elif not DISPLAY_TAGS & tags:
            return
        headers = dict(case.headers or {})
        current = next((value for name, value in headers.items() if name.lower() == "authorization"), "")
        # A token the mock issued, put there by a link (`Bearer {$response.body#/access_token}`),
        # is the token under test; anything else (a generated value) gives way to the fixture token.
        if not ISSUED_TOKEN.match(str(current)):
            headers = {name: value for name, value in headers.items() if name.lower() != "authorization"}
            headers["Authorization"] = f"Bearer {data}"
        case.headers = headers


def _with_fresh_code(body: dict) -> dict:
    origin = os.environ["TIKTOK_MOCK_ORIGIN"]
    return {
        **body,
        **AUTO_APP,
        "grant_type": "authorization_code",
        "code": authorization_code(origin),
        "redirect_uri": AUTO_REDIRECT,
    }


@schemathesis.hook("flatmap_body").apply_to(operation_id="exchangeToken")
def sometimes_a_real_code(context, body):
    if not isinstance(body, dict) or body.get("grant_type") != "authorization_code":
        return st.just(body)
    return st.sampled_from([False, True]).map(lambda real: _with_fresh_code(body) if real else body)


@schemathesis.hook("filter_body").apply_to(operation_id="listVideos")
def no_integral_floats(context, body):
    """JSON Schema cannot tell 8 from 8.0 (both are integers to it), but TikTok's typed
    decoder, and so the mock, refuses 8.0 for an integer field: leave those out."""
    if not isinstance(body, dict):
        return True
    return not any(isinstance(body.get(key), float) for key in ("cursor", "max_count"))


_real_cover: dict[str, dict[str, str]] = {}


def real_cover_link() -> dict[str, dict[str, str]]:
    """A live signed cover link, read once from /v2/video/list/ (the test clock is frozen)."""
    if not _real_cover:
        origin = os.environ["TIKTOK_MOCK_ORIGIN"]
        reply = httpx.post(
            f"{origin}/v2/video/list/",
            params={"fields": "cover_image_url"},
            headers={"Authorization": f"Bearer {FIXTURE_TOKEN}"},
            json={"max_count": 1},
        ).json()
        url = urlsplit(reply["data"]["videos"][0]["cover_image_url"])
        _real_cover["path"] = {"name": url.path.rsplit("/", 1)[1]}
        _real_cover["query"] = dict(parse_qsl(url.query))
    return _real_cover


@schemathesis.hook("flatmap_case").apply_to(operation_id="getCoverImage")
def sometimes_a_real_cover(context, case):
    """Generated signatures are never valid (403); half the positive cases use a real link (200)."""
    mode = getattr(getattr(getattr(case, "meta", None), "generation", None), "mode", None)
    if mode is None or not mode.is_positive:
        return st.just(case)

    def pick(real: bool):
        if real:
            link = real_cover_link()
            case.path_parameters = dict(link["path"])
            case.query = dict(link["query"])
        return case

    return st.booleans().map(pick)
