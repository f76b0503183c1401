"""The fixture's `webhooks:` section: how deliveries are judged and retried.

```yaml
webhooks:
  success_statuses: [200]   # TikTok: "immediately respond with a 200"; other 2xx count only if listed
  first_retry: 60           # seconds (mock clock) before the first retry; each next gap doubles
  max_gap: 21600            # no gap longer than this (6 h)
  give_up_after: 259200     # 72 h, then the delivery is dropped (TikTok's documented window)
  queue_size: 10000         # deliveries kept; the oldest finished ones go first
  timeout: 5                # seconds (real time) one attempt may take
```
TikTok documents "exponential backoff" for 72 hours but not the schedule: the
gaps are the mock's choice (a setting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mock_server.kernel.clock import MAX_TTL
from mock_server.kernel.yaml_source import Fields


@dataclass(frozen=True)
class WebhookSpec:
    success_statuses: tuple[int, ...] = (200,)
    first_retry: int = 60
    max_gap: int = 6 * 3600
    give_up_after: int = 72 * 3600
    queue_size: int = 10_000
    timeout: float = 5.0


def parse_webhooks(top: Fields) -> WebhookSpec:
    base = WebhookSpec()
    fields = top.section("webhooks")
    if fields is None:
        return base
    statuses = fields.raw("success_statuses")
    if statuses is not None and (
        not isinstance(statuses, list)
        or not statuses
        or not all(isinstance(s, int) and not isinstance(s, bool) and 200 <= s <= 299 for s in statuses)
    ):
        raise fields.error("success_statuses", "list one or more 2xx statuses, e.g. [200] or [200, 202, 204]")
    spec = WebhookSpec(
        success_statuses=tuple(statuses) if statuses else base.success_statuses,
        first_retry=fields.seconds("first_retry", base.first_retry, minimum=1),
        max_gap=fields.seconds("max_gap", base.max_gap, minimum=1),
        give_up_after=fields.integer("give_up_after", base.give_up_after, minimum=0, maximum=MAX_TTL),
        queue_size=fields.integer("queue_size", base.queue_size, minimum=1, maximum=1_000_000),
        timeout=fields.number("timeout", base.timeout, minimum=0.1, maximum=60),
    )
    fields.check_unknown()
    return spec


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}"[:200])
    return value


# What a scenario may change at run time (`- action: set, setting: webhooks.NAME, value: ...`).
# `duplicate`: every event is queued twice, the at-least-once duplicate TikTok may send.
TUNABLES: dict[str, Callable[[Any], Any]] = {"webhooks.duplicate": _flag}
