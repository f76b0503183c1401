"""Route helpers shared by the API families."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from starlette.routing import Route


def both_slashes(path: str, endpoint: Callable[..., Any], methods: list[str]) -> list[Route]:
    """TikTok answers its v2 paths with and without the final slash (tiktok-api.md Part 1)."""
    bare = path.rstrip("/")
    return [Route(bare + "/", endpoint, methods=methods), Route(bare, endpoint, methods=methods)]


def with_query(uri: str, params: dict[str, str | None]) -> str:
    """`uri` with `params` added to its query (None values left out): OAuth redirects."""
    query = urlencode({key: value for key, value in params.items() if value is not None})
    return f"{uri}{'&' if '?' in uri else '?'}{query}"
