"""Reading a raw ASGI header list without building a Headers object (the hot paths)."""

from __future__ import annotations

from collections.abc import Iterable


def header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The first value of header `name` (lower case, as ASGI sends names), else None."""
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None
