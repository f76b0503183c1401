"""Run-time settings a scenario's `set` action changed, for one app or the whole server.

One family's overrides; a lookup tries the app's value, then the server-wide one, then
the caller's default (the fixture's value). A reset of one app forgets only its values.
"""

from __future__ import annotations

from typing import Any

_MISSING = object()


class Overrides:
    def __init__(self, family: str) -> None:
        self._prefix = f"{family}."
        self._values: dict[tuple[str, str | None], Any] = {}  # (setting, client_key or None) -> value

    def set(self, setting: str, value: Any, client_key: str | None = None) -> None:
        """`setting` as a scenario names it (`posting.moderation_time`), its value already read."""
        self._values[(setting.removeprefix(self._prefix), client_key)] = value

    def get(self, name: str, client_key: str | None, default: Any = _MISSING) -> Any:
        """The app's value, else the server-wide one, else `default` (or _MISSING when unset)."""
        for key in ((name, client_key), (name, None)):
            if key in self._values:
                return self._values[key]
        return default

    def is_set(self, name: str, client_key: str | None) -> bool:
        return self.get(name, client_key) is not _MISSING

    def forget_app(self, client_key: str) -> None:
        self._values = {key: value for key, value in self._values.items() if key[1] != client_key}
