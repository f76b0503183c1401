"""Webhooks answer no TikTok path: TikTok sends them, it does not take them. Their HTTP
side is outgoing (`sender.py`); their control endpoints are in `control.py`."""

from __future__ import annotations

from starlette.routing import Route

routes: list[Route] = []
