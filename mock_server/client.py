"""`MockControl`: a small client for a running mock's /_mock/ control API.

Talks HTTP only (no server internals), so it drives a mock in another process,
a container or the pytest plugin's server alike:

    mock = MockControl("http://127.0.0.1:8000")
    mock.fault(path="/v2/video/list/", error="rate_limit_exceeded", times=1)
    mock.advance("25h")
    [entry] = mock.requests(path="/v2/video/list/")
"""

from __future__ import annotations

from typing import Any

import httpx


class MockControlError(Exception):
    """The control API refused a call: `status`, and the `{"error", "field"}` body."""

    def __init__(self, status: int, body: Any) -> None:
        self.status = status
        self.body = body
        self.field = body.get("field") if isinstance(body, dict) else None
        message = body.get("error") if isinstance(body, dict) else body
        super().__init__(f"{status}: {message}")


_MATCH_KEYS = ("method", "path", "client_key", "open_id", "token")
_RESPOND_KEYS = ("error", "message", "status", "body", "headers", "delay", "drop")
_RULE_KEYS = ("times", "after", "probability", "seed")


class MockControl:
    def __init__(self, origin: str, token: str | None = None, timeout: float = 10.0) -> None:
        self.origin = origin.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=self.origin, headers=headers, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> MockControl:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, method: str, path: str, json: Any = None, **kwargs: Any) -> Any:
        response = self.http.request(method, f"/_mock/{path.lstrip('/')}", json=json, **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = response.text
        if response.status_code >= 400:
            raise MockControlError(response.status_code, body)
        return body

    # -- server -----------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self.call("GET", "health")

    def reset(self, client_key: str | None = None) -> dict[str, Any]:
        return self.call("POST", "reset", json={"client_key": client_key} if client_key else {})

    def state(self, client_key: str | None = None) -> dict[str, Any]:
        return self.call("GET", "state", params=_params(client_key=client_key))

    # -- clock ---------------------------------------------------------------------------

    def clock(self) -> dict[str, Any]:
        return self.call("GET", "clock")

    def advance(self, duration: str | float) -> dict[str, Any]:
        """Move the clock on: `"25h"`, `"90s"`, `"1h30m"` or seconds."""
        return self.call("POST", "clock", json={"advance": duration})

    def set_time(self, when: str | float) -> dict[str, Any]:
        return self.call("POST", "clock", json={"set": when})

    def freeze(self, frozen: bool = True) -> dict[str, Any]:
        return self.call("POST", "clock", json={"freeze": frozen})

    # -- state at run time -----------------------------------------------------------------

    def add_app(self, **app: Any) -> dict[str, Any]:
        return self.call("POST", "apps", json=app)

    def add_user(self, **user: Any) -> dict[str, Any]:
        return self.call("POST", "users", json=user)

    def load_fixtures(self, yaml_text: str) -> dict[str, Any]:
        return self.call("POST", "fixtures", content=yaml_text.encode(), headers={"Content-Type": "application/yaml"})

    def mint_token(self, client_key: str, user: str, scopes: list[str] | None = None, **extra: Any) -> dict[str, Any]:
        """A token set as TikTok's token endpoint returns it (access_token, refresh_token, open_id, ...)."""
        body = {"client_key": client_key, "user": user, **extra}
        if scopes is not None:
            body["scopes"] = scopes
        return self.call("POST", "tokens", json=body)

    def mint_code(self, client_key: str, user: str, **extra: Any) -> dict[str, Any]:
        return self.call("POST", "codes", json={"client_key": client_key, "user": user, **extra})

    def mint_shop_tokens(self, app_key: str, seller: str, **extra: Any) -> dict[str, Any]:
        """A TikTok Shop token pair (token/get's `data`) for a seller, by name or open_id."""
        return self.call("POST", "shop/tokens", json={"app_key": app_key, "seller": seller, **extra})

    def mint_shop_code(self, app_key: str, seller: str) -> dict[str, Any]:
        return self.call("POST", "shop/codes", json={"app_key": app_key, "seller": seller})

    def expire(self, token: str) -> dict[str, Any]:
        return self.call("POST", f"tokens/{token}/expire")

    def revoke(self, token: str) -> dict[str, Any]:
        return self.call("POST", f"tokens/{token}/revoke")

    # -- faults and scenarios ------------------------------------------------------------------

    def fault(self, **rule: Any) -> dict[str, Any]:
        """Add a fault rule from flat keywords: `fault(path=..., error=..., times=2)`;
        `match=`/`respond=` dicts are taken as they are."""
        body: dict[str, Any] = {"match": dict(rule.pop("match", {})), "respond": dict(rule.pop("respond", {}))}
        for keys, target in ((_MATCH_KEYS, body["match"]), (_RESPOND_KEYS, body["respond"]), (_RULE_KEYS, body)):
            for key in keys:
                if rule.get(key) is not None:
                    target[key] = rule.pop(key)
                rule.pop(key, None)
        if rule:
            raise TypeError(f"unknown fault keyword(s): {', '.join(sorted(rule))}")
        if not body["match"]:
            del body["match"]
        return self.call("POST", "faults", json=body)

    def faults(self, client_key: str | None = None) -> list[dict[str, Any]]:
        return self.call("GET", "faults", params=_params(client_key=client_key))["faults"]

    def clear_faults(self, client_key: str | None = None) -> int:
        return self.call("DELETE", "faults", params=_params(client_key=client_key))["cleared"]

    def delete_fault(self, fault_id: str) -> dict[str, Any]:
        return self.call("DELETE", f"faults/{fault_id}")

    def scenario(self, name: str, client_key: str | None = None) -> dict[str, Any]:
        return self.call("POST", f"scenarios/{name}", json={"client_key": client_key} if client_key else {})

    def scenarios(self) -> list[dict[str, Any]]:
        return self.call("GET", "scenarios")["scenarios"]

    # -- the journal -----------------------------------------------------------------------------

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journal entries, newest last; filters: path, method, client_key, status, since, limit."""
        return self.call("GET", "requests", params=_params(**filters))["requests"]

    def clear_requests(self, client_key: str | None = None) -> int:
        return self.call("DELETE", "requests", params=_params(client_key=client_key))["cleared"]


def _params(**values: Any) -> dict[str, str]:
    return {key: str(value) for key, value in values.items() if value is not None}
