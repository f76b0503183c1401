"""Who a user is to an app, as TikTok tells it (tiktok-api.md §1.3, §2):

- `open_id` identifies a user within one app (client_key): the same person has
  another open_id in another app;
- `union_id` stays the same across the apps of one developer, and differs
  between developers.

Derived from the fixture seed, the username and the app (or developer), so the
same fixture always gives the same ids and adding an app changes no other
app's. A fixture may pin either per app / developer (`open_ids`,
`union_ids`); a user-level `open_id` pins the user's open_id in the first app
listed, and a user-level `union_id` the one under the default developer.
"""

from __future__ import annotations

import hashlib
import uuid

from mock_server.families.login_kit.models import App, User

DEFAULT_DEVELOPER = "default"  # the developer of every app that names none
FIRST_APP = ""  # in `User.open_ids`: the key of a user-level `open_id`, the first app's
_URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _digest(*parts: object) -> bytes:
    return hashlib.sha256(":".join(map(str, parts)).encode()).digest()


def derived_open_id(seed: int, username: str, client_key: str) -> str:
    """`-000` + 32 of [A-Za-z0-9_-]: the 36-character shape of real v2 open_ids."""
    digest = _digest(seed, "open_id", username, client_key)
    return "-000" + "".join(_URLSAFE[byte % 64] for byte in digest)[:32]


def derived_union_id(seed: int, username: str, developer: str) -> str:
    return str(uuid.UUID(bytes=_digest(seed, "union_id", username, developer)[:16], version=4))


class Identities:
    """The open_id of each (user, app) and the union_id of each (user, developer)."""

    def __init__(self, seed: int, first_app: str | None) -> None:
        self.seed = seed
        self.first_app = first_app

    def open_id(self, user: User, app: App) -> str:
        pinned = dict(user.open_ids)
        found = pinned.get(app.client_key)
        if found is None and app.client_key == self.first_app:
            found = pinned.get(FIRST_APP)
        return found or derived_open_id(self.seed, user.username, app.client_key)

    def union_id(self, user: User, app: App) -> str:
        return dict(user.union_ids).get(app.developer) or derived_union_id(self.seed, user.username, app.developer)
