"""The mock's whole state, built from a fixture and put back by `reset()`.

One store per app instance; nothing lives at module level. Each API family
keeps its own part of the state here, so `/_mock/reset` and `/_mock/state`
see everything.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import replace

from mock_server.core.clock import Clock
from mock_server.core.errors import OAuthError
from mock_server.core.ids import IdFactory
from mock_server.core.models import App, User
from mock_server.core.tokens import TokenSet, TokenStore
from mock_server.fixtures import Fixture, TokenSpec

ResetHook = Callable[["Store", str | None], None]


class Store:
    def __init__(self, fixture: Fixture, clock: Clock | None = None) -> None:
        self.fixture = fixture
        self.settings = fixture.settings
        if clock is None:
            clock = Clock.frozen_at(fixture.clock) if fixture.clock is not None else Clock()
        self.clock = clock
        self._clock_at_start = clock.snapshot()
        # Families with state of their own register here to be reset with the rest.
        self.reset_hooks: list[ResetHook] = []
        self.apps: dict[str, App] = {}
        self.users: dict[str, User] = {}
        self.users_by_open_id: dict[str, User] = {}
        self.reset()

    # -- reset ---------------------------------------------------------------

    def reset(self, client_key: str | None = None) -> None:
        """Back to the fixture: the whole server, or only one app's apps and tokens."""
        if client_key is not None:
            self._reset_app(client_key)
        else:
            self.clock.restore(self._clock_at_start)
            self.ids = IdFactory(f"{self.fixture.seed}:runtime")
            self.apps = {app.client_key: _copy_app(app) for app in self.fixture.apps}
            self.users = {}
            self.users_by_open_id = {}
            for user in self.fixture.users:
                self.add_user(user)
            self.tokens = TokenStore(self.clock, self.ids)
            for spec in self.fixture.tokens:
                self.issue_token_spec(spec)
        for hook in self.reset_hooks:
            hook(self, client_key)

    def _reset_app(self, client_key: str) -> None:
        self.tokens.forget_app(client_key)
        original = next((app for app in self.fixture.apps if app.client_key == client_key), None)
        if original is None:
            self.apps.pop(client_key, None)
            return
        self.apps[client_key] = _copy_app(original)
        for spec in self.fixture.tokens:
            if spec.client_key == client_key:
                self.issue_token_spec(spec)

    def issue_token_spec(self, spec: TokenSpec) -> TokenSet:
        """A token set as the fixture file (or the control API) describes it."""
        return self.tokens.issue_token_set(
            self.apps[spec.client_key],
            self.users[spec.username].open_id,
            list(spec.scopes),
            access_token=spec.access_token,
            refresh_token=spec.refresh_token,
            access_ttl=spec.expires_in,
            refresh_ttl=spec.refresh_expires_in,
        )

    # -- apps and users -------------------------------------------------------

    def add_app(self, app: App) -> None:
        self.apps[app.client_key] = app

    def add_user(self, user: User) -> None:
        previous = self.users.get(user.username)
        if previous is not None:
            self.users_by_open_id.pop(previous.open_id, None)
        self.users[user.username] = user
        self.users_by_open_id[user.open_id] = user

    def authenticate_client(self, client_key: str, client_secret: str) -> App:
        """The app whose key and secret these are; secrets compared in constant time."""
        app = self.apps.get(client_key)
        if app is None or not hmac.compare_digest(client_secret.encode(), app.client_secret.encode()):
            raise OAuthError("invalid_client", "Client key or secret is invalid.")
        return app


def _copy_app(app: App) -> App:
    return replace(app, redirect_uris=list(app.redirect_uris), scopes=list(app.scopes))
