"""Domain events: a family says what happened, in its own words, and whoever cares listens.

Families never import each other (docs/architecture.md), yet a revoked grant in
Login Kit or an order that ships in TikTok Shop must become a webhook delivery.
The Mock owns one `Events` and wires listeners to it; a family only emits.
Listeners run at once, in the emitting call (they only queue work: deliveries
go out later, in the background).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Listener = Callable[..., None]


class Events:
    def __init__(self) -> None:
        self._listeners: dict[str, list[Listener]] = {}

    def subscribe(self, name: str, listener: Listener) -> None:
        self._listeners.setdefault(name, []).append(listener)

    def emit(self, name: str, **facts: Any) -> None:
        for listener in self._listeners.get(name, ()):
            listener(**facts)


# The events families emit, and what each carries.
GRANT_REMOVED = "login_kit.grant_removed"  # app: App, open_id: str, reason: int (TikTok's codes, 0-5)
# Any TikTok Shop webhook the Shop raises: shop: Shop, seller_open_id: str, kind: str (TikTok's
# type name, ORDER_STATUS_CHANGE ...), data: dict, app_key: str | None (one app; None: every app
# the seller has authorized)
SHOP_EVENT = "shop.event"
# Any developer webhook a family raises as it is (Content Posting's post.publish.*):
# app: App, open_id: str | None, event: str (TikTok's name), content: dict
DEVELOPER_EVENT = "tiktok.developer_event"
