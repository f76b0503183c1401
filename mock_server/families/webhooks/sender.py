"""The webhooks' HTTP side: POST each due delivery to its URL, in the background.

One task per server, started when a delivery is queued (`WebhookState.wake`),
checks the mock clock every TICK seconds of real time and sends what is due,
several at once; it ends when nothing is left pending. An API request never
waits for a delivery, and a slow, failing or absent receiver only fails its
own deliveries (each attempt has `timeout` seconds).
"""

from __future__ import annotations

import asyncio

import httpx

from mock_server.families.webhooks import rules
from mock_server.families.webhooks.errors import PENDING
from mock_server.families.webhooks.state import Delivery, WebhookState

TICK = 0.05  # seconds of real time between looks at the mock clock


async def deliver_due(state: WebhookState) -> int:
    """Attempt every due delivery now; how many were attempted."""
    ready = rules.due(state)
    for delivery in ready:  # taken before the first await, so a second sender cannot take it too
        delivery.sending = True
    if ready:
        async with httpx.AsyncClient(timeout=state.spec.timeout, follow_redirects=False) as client:
            await asyncio.gather(*(_attempt(client, state, delivery) for delivery in ready))
    return len(ready)


async def _attempt(client: httpx.AsyncClient, state: WebhookState, delivery: Delivery) -> None:
    try:
        reply = await client.post(delivery.url, content=delivery.body, headers=dict(delivery.headers))
    except Exception as exc:  # not only httpx.HTTPError: a URL httpx cannot use raises others
        rules.record(state, delivery, None, f"{type(exc).__name__}: {exc}"[:200] or type(exc).__name__)
    else:
        rules.record(state, delivery, reply.status_code)
    finally:
        delivery.sending = False


class Sender:
    def __init__(self, state: WebhookState) -> None:
        self.state = state
        self.task: asyncio.Task[None] | None = None
        state.wake = self.wake

    def wake(self) -> None:
        if self.task is not None and not self.task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # queued outside a server (a script): `POST /_mock/webhooks/deliver` sends
            return
        self.task = loop.create_task(self._run())

    async def _run(self) -> None:
        while any(delivery.state == PENDING for delivery in self.state.deliveries.values()):
            try:
                await deliver_due(self.state)
            except Exception:  # never let one bad delivery end the sender; it is recorded per attempt
                pass
            await asyncio.sleep(TICK)
