"""Reading requests: one helper each for the bearer token, the media type and a raw header,
so every family reads them the same way."""

from __future__ import annotations

from starlette.types import Scope

FORM_TYPE = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"


def bearer_token(authorization: str | None) -> str | None:
    """The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750), else None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def media_type(content_type: str | bytes | None) -> str:
    """`application/json; charset=utf-8` -> `application/json` (lower case, no parameters)."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    return (content_type or "").split(";")[0].strip().lower()


def header(scope: Scope, name: bytes) -> str | None:
    """What `request.headers.get(name)` gives (name in lower case), without building a Headers object."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None
