"""Webhooks' live state: the deliveries (bounded), whether delivery is paused.

Apps, secrets and callback URLs stay with their families; a delivery carries
what it needs (its body is signed when it is made).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mock_server.families.webhooks.errors import DELIVERED, DROPPED, PENDING
from mock_server.families.webhooks.fixture import TUNABLES, WebhookSpec
from mock_server.kernel.clock import Clock
from mock_server.kernel.overrides import Overrides

TIKTOK, SHOP = "tiktok", "shop"


@dataclass
class Attempt:
    at: float  # mock clock
    status: int | None  # the receiver's HTTP status, or None when there was no answer
    error: str | None = None


@dataclass
class Delivery:
    id: str
    kind: str  # TIKTOK (developer webhooks) or SHOP
    app_key: str  # the client_key or app_key it is for
    url: str
    event: str  # the TikTok event name, or the Shop type's name
    body: bytes
    headers: tuple[tuple[str, str], ...]
    created_at: float
    next_at: float
    state: str = PENDING
    attempts: list[Attempt] = field(default_factory=list)
    sending: bool = False  # an attempt is under way: no second sender takes it meanwhile


class WebhookState:
    name = "webhooks"

    def __init__(self, spec: WebhookSpec, clock: Clock) -> None:
        self.spec = spec
        self.clock = clock
        self.wake: Callable[[], None] = lambda: None  # set by the HTTP side: start sending now
        self.overrides = Overrides(self.name)
        self.reset()

    def reset(self, app_key: str | None = None) -> None:
        if app_key is not None:
            for delivery_id in [d.id for d in self.deliveries.values() if d.app_key == app_key]:
                del self.deliveries[delivery_id]
            self.overrides.forget_app(app_key)
            return
        self.deliveries: OrderedDict[str, Delivery] = OrderedDict()
        self.overrides = Overrides(self.name)
        self.paused = False
        self._next_id = 1

    def tune(self, setting: str, value: Any, client_key: str | None = None) -> None:
        """The scenario action `set`: `setting` is one of fixture.TUNABLES, value already read."""
        assert setting in TUNABLES, setting
        self.overrides.set(setting, value, client_key)

    def duplicates(self, app_key: str) -> bool:
        """Whether `app_key`'s events go out twice (the `webhooks.duplicate` setting)."""
        return bool(self.overrides.get("duplicate", app_key, False))

    def counts(self) -> dict[str, int]:
        states = [delivery.state for delivery in self.deliveries.values()]
        return {state: states.count(state) for state in (PENDING, DELIVERED, DROPPED)}

    def add(self, delivery: Delivery) -> Delivery:
        self.deliveries[delivery.id] = delivery
        while len(self.deliveries) > self.spec.queue_size:
            self._evict()
        self.wake()
        return delivery

    def new_id(self) -> str:
        delivery_id = f"d{self._next_id}"
        self._next_id += 1
        return delivery_id

    def _evict(self) -> None:
        """A full queue lets the oldest finished delivery go; failing that, the oldest (dropped)."""
        finished = next((d.id for d in self.deliveries.values() if d.state != PENDING), None)
        delivery_id = finished or next(iter(self.deliveries))
        self.deliveries.pop(delivery_id).state = DROPPED
