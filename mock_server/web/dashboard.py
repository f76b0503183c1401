"""GET /_mock/: one server-rendered page of the mock's state, with plain HTML
forms (no JavaScript) to reset, move the clock and switch scenarios on."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from mock_server.families.posting.control import task_json
from mock_server.families.posting.errors import FAIL_REASONS
from mock_server.kernel.journal import describe
from mock_server.web.control_plumbing import mock_of
from mock_server.web.pages import render

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
    mock = mock_of(request)
    accounts = mock.login_kit
    now = mock.clock.now()
    tokens = [
        {"record": record, "user": accounts.user(record.open_id or ""), "left": time_left(record.expires_at - now)}
        for record in accounts.grants.live_access_tokens()
    ]
    entries = [describe(entry) for entry in list(mock.journal.entries)[-LATEST:]]
    token = request.query_params.get("control_token")
    context: dict[str, Any] = {
        "mock": mock,
        "clock": mock.clock,
        "apps": list(accounts.apps.values()),
        "users": list(accounts.users.values()),
        "consents": sorted(accounts.consents.items()),
        "deliveries": list(reversed(mock.webhooks.deliveries.values()))[:LATEST],
        "webhooks_paused": mock.webhooks.paused,
        "open_ids": {
            user.username: [(app.client_key, accounts.open_id(user, app)) for app in accounts.apps.values()]
            for user in accounts.users.values()
        },
        "tokens": tokens,
        "shop_authorizations": [
            {**view, "left": time_left(view["expires_in"])} for view in mock.shop.authorization_views(now)
        ],
        "shop_webhooks": [
            (app_key, shop_id, subscription)
            for (app_key, shop_id), subscriptions in sorted(mock.shop.subscriptions.items())
            for subscription in subscriptions.values()
        ],
        "faults": [rule.as_dict() for rule in mock.faults.listed()],
        "scenarios": list(mock.scenarios.values()),
        "active": mock.active,
        "entries": list(reversed(entries)),
        "posts": [task_json(mock.posting, task) for task in reversed(mock.posting.tasks.values())][:LATEST],
        "fail_reasons": FAIL_REASONS,
        "query": "?" + urlencode({"control_token": token}) if token else "",
    }
    return render(request, "dashboard.html", context)
