"""THE TikTok Shop request signature (tiktok-api.md §4.3), used by the server to
check requests and by tests and the contract hook to make them.

1. every query parameter except `sign` and `access_token`, sorted by key, as `{key}{value}`;
2. the request path in front;
3. the raw body behind, unless the request is `multipart/form-data`;
4. wrapped in the app secret: `app_secret + string + app_secret`;
5. `sign` = lower-case hex HMAC-SHA256 of that, keyed with the app secret.

The n8n node and hsib19's SDK leave an empty JSON object body (`{}`) out of the
string while still sending it; EcomPHP signs it. `candidate_strings` accepts both.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

from mock_server.kernel.net import media_type

EXCLUDED = frozenset({"sign", "access_token"})
MULTIPART = "multipart/form-data"


def canonical_query(params: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    pairs = params.items() if isinstance(params, Mapping) else params
    first: dict[str, str] = {}
    for key, value in pairs:
        if key not in EXCLUDED:
            first.setdefault(key, value)
    return "".join(f"{key}{first[key]}" for key in sorted(first))


def string_to_sign(
    app_secret: str,
    path: str,
    params: Mapping[str, str] | Iterable[tuple[str, str]],
    body: str = "",
    content_type: str = "",
) -> str:
    if media_type(content_type) == MULTIPART:
        body = ""
    return f"{app_secret}{path}{canonical_query(params)}{body}{app_secret}"


def hmac_hex(app_secret: str, text: str) -> str:
    return hmac.new(app_secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def sign(
    app_secret: str,
    path: str,
    params: Mapping[str, str] | Iterable[tuple[str, str]],
    body: str = "",
    content_type: str = "",
) -> str:
    """The `sign` a client must send for this request."""
    return hmac_hex(app_secret, string_to_sign(app_secret, path, params, body, content_type))


def candidate_strings(
    app_secret: str, path: str, params: list[tuple[str, str]], body: str, content_type: str
) -> list[str]:
    """Every string the mock accepts a signature of; the first is the one it reports."""
    strings = [string_to_sign(app_secret, path, params, body, content_type)]
    if body.strip() in ("{}", "[]") and not media_type(content_type) == MULTIPART:
        strings.append(string_to_sign(app_secret, path, params, "", content_type))
    return strings


def verify(
    app_secret: str, path: str, params: list[tuple[str, str]], body: str, content_type: str, given: str
) -> tuple[bool, str]:
    """(matches, the string the mock signed), comparing in constant time."""
    strings = candidate_strings(app_secret, path, params, body, content_type)
    given_bytes = given.encode("ascii", "replace")
    ok = any(hmac.compare_digest(given_bytes, hmac_hex(app_secret, text).encode()) for text in strings)
    return ok, strings[0]
