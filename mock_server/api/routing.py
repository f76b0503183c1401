"""Route helpers shared by the API families."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.routing import Route


def both_slashes(path: str, endpoint: Callable[..., Any], methods: list[str]) -> list[Route]:
    """TikTok answers its v2 paths with and without the final slash (tiktok-api.md Part 1)."""
    bare = path.rstrip("/")
    return [Route(bare + "/", endpoint, methods=methods), Route(bare, endpoint, methods=methods)]
