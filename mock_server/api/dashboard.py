"""GET /_mock/: one server-rendered page of the mock's state, with plain HTML
forms (no JavaScript) to reset, move the clock and switch scenarios on."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from mock_server.api.control_http import mock_of, store_of
from mock_server.api.pages import render
from mock_server.core.journal import describe

LATEST = 50  # journal entries shown


def time_left(seconds: float) -> str:
    seconds = int(seconds)
    if seconds <= 0:
        return "expired"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s" if minutes else f"{secs}s"


async def page(request: Request) -> Response:
    store, mock = store_of(request), mock_of(request)
    now = store.clock.now()
    tokens = []
    for record in store.tokens.access_tokens.values():
        if record.expires_at > now:
            user = store.users_by_open_id.get(record.open_id or "")
            tokens.append({"record": record, "user": user, "left": time_left(record.expires_at - now)})
    entries = [describe(entry) for entry in list(mock.journal.entries)[-LATEST:]]
    token = request.query_params.get("control_token")
    context: dict[str, Any] = {
        "store": store,
        "clock": store.clock,
        "apps": list(store.apps.values()),
        "users": list(store.users.values()),
        "tokens": tokens,
        "faults": [rule.as_dict() for rule in mock.faults.listed()],
        "scenarios": list(mock.scenarios.values()),
        "active": mock.active,
        "entries": list(reversed(entries)),
        "query": "?" + urlencode({"control_token": token}) if token else "",
    }
    return render(request, "dashboard.html", context)
