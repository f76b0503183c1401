"""Login Kit's live state: apps, users (with their videos) and grants, rebuilt
from the frozen `LoginKitFixture` on every reset.

Other families read it only through its narrow interface: `app`, `user`,
`user_by_name`, `user_token` (Display, and Content Posting next). Nothing lives
at module level; each mock has its own.
"""

from __future__ import annotations

import hmac
from dataclasses import replace

from mock_server.families.login_kit.fixture import LoginKitFixture, TokenSpec
from mock_server.families.login_kit.models import App, User
from mock_server.kernel.clock import Clock
from mock_server.kernel.errors import OAuthError
from mock_server.kernel.grants import AccessToken, GrantStore, TokenPolicy, TokenSet
from mock_server.kernel.ids import IdFactory
from mock_server.kernel.settings import Settings

# Login Kit's token shapes (kernel/ids.py); a revoke takes the user's whole grant of the app.
TOKENS = TokenPolicy(
    access_token=IdFactory.access_token,
    refresh_token=IdFactory.refresh_token,
    code=IdFactory.auth_code,
    client_token=IdFactory.client_token,
)


class LoginKitState:
    name = "login_kit"
    ids: IdFactory
    grants: GrantStore

    def __init__(self, spec: LoginKitFixture, settings: Settings, clock: Clock, seed: int, anchor: int) -> None:
        self.spec = spec
        self.settings = settings
        self.clock = clock
        self.seed = seed
        self.anchor = anchor  # videos generated at run time are dated back from here, as the fixture's are
        self.reset()

    # -- reset -------------------------------------------------------------------------

    def reset(self, client_key: str | None = None) -> None:
        """Back to the fixture: everything, or only one app and its grants."""
        if client_key is not None:
            self._reset_app(client_key)
            return
        self.ids = IdFactory(f"{self.seed}:runtime")
        self.grants = GrantStore(self.clock, self.ids, TOKENS)
        self.apps = {app.client_key: _copy_app(app) for app in self.spec.apps}
        self.users: dict[str, User] = {}
        self.users_by_open_id: dict[str, User] = {}
        for user in self.spec.users:
            self.add_user(user)
        for spec in self.spec.tokens:
            self.issue_token_spec(spec)

    def _reset_app(self, client_key: str) -> None:
        self.grants.forget_app(client_key)
        original = next((app for app in self.spec.apps if app.client_key == client_key), None)
        if original is None:
            self.apps.pop(client_key, None)
            return
        self.apps[client_key] = _copy_app(original)
        for spec in self.spec.tokens:
            if spec.client_key == client_key:
                self.issue_token_spec(spec)

    def counts(self) -> dict[str, int]:
        return {
            "apps": len(self.apps),
            "users": len(self.users),
            "videos": sum(len(user.videos) for user in self.users.values()),
            **self.grants.counts(),
        }

    # -- tokens --------------------------------------------------------------------------

    def issue_tokens(
        self,
        app: App,
        open_id: str,
        scopes: tuple[str, ...] | list[str],
        access_token: str | None = None,
        refresh_token: str | None = None,
        access_ttl: float | None = None,
        refresh_ttl: float | None = None,
    ) -> TokenSet:
        """A token set with the app's lifetimes unless told otherwise."""
        return self.grants.issue(
            app.client_key,
            open_id,
            scopes,
            app.access_token_ttl if access_ttl is None else access_ttl,
            app.refresh_token_ttl if refresh_ttl is None else refresh_ttl,
            access_token=access_token,
            refresh_token=refresh_token,
        )

    def issue_token_spec(self, spec: TokenSpec) -> TokenSet:
        """A token set as the fixture file (or the control API) describes it."""
        return self.issue_tokens(
            self.apps[spec.client_key],
            self.users[spec.username].open_id,
            spec.scopes,
            access_token=spec.access_token,
            refresh_token=spec.refresh_token,
            access_ttl=spec.expires_in,
            refresh_ttl=spec.refresh_expires_in,
        )

    # -- apps and users -------------------------------------------------------------------

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

    # -- the narrow interface other families read ------------------------------------------

    def app(self, client_key: str) -> App | None:
        return self.apps.get(client_key)

    def user(self, open_id: str) -> User | None:
        return self.users_by_open_id.get(open_id)

    def open_id_of(self, username: str) -> str | None:
        user = self.users.get(username)
        return user.open_id if user else None

    def user_token(self, token: str) -> AccessToken | None:
        """A live access token with a user behind it; None for anything else (client tokens too)."""
        record = self.grants.live_access_token(token)
        if record is None or record.open_id is None or record.open_id not in self.users_by_open_id:
            return None
        return record


def _copy_app(app: App) -> App:
    return replace(app, redirect_uris=list(app.redirect_uris), scopes=list(app.scopes))
