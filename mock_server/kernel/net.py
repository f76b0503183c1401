"""Pure readers of network values, one of each, for every family and the kernel:
the loopback rule (the control API's guard, redirect URIs, the CLI's warning),
the bearer token of an `Authorization` value, and a `Content-Type`'s media type."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

FORM_TYPE = "application/x-www-form-urlencoded"


def is_loopback_host(host: str) -> bool:
    """`localhost`, 127.0.0.0/8, ::1, and IPv4-mapped loopback (`::ffff:127.0.0.1`); brackets allowed."""
    host = host.strip().removeprefix("[").removesuffix("]").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def is_loopback_uri(uri: str) -> bool:
    try:
        return is_loopback_host(urlsplit(uri).hostname or "")
    except ValueError:
        return False


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
