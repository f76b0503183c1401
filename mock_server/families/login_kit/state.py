"""Login Kit's live state: apps, users (with their videos) and grants, rebuilt
from the frozen `LoginKitFixture` on every reset.

Other families read it only through its narrow interface: `app`, `user`,
`user_named`, `user_token`, `open_id`, `union_id`, `has_grant` (Display and
Content Posting), and Content Posting adds what a creator posts with
`add_video` / `remove_videos` (a new frozen User record, so Display's index,
keyed by the record, is rebuilt). Nothing lives at module level; each mock has
its own.
"""

from __future__ import annotations

import hmac
from collections import OrderedDict
from dataclasses import replace

from mock_server.families.login_kit.fixture import LoginKitFixture, TokenSpec
from mock_server.families.login_kit.identity import Identities
from mock_server.families.login_kit.models import App, User, Video
from mock_server.kernel.clock import Clock
from mock_server.kernel.errors import OAuthError
from mock_server.kernel.events import GRANT_REMOVED, Events
from mock_server.kernel.grants import AccessToken, GrantStore, TokenPolicy, TokenSet
from mock_server.kernel.ids import IdFactory
from mock_server.kernel.settings import Settings

# Browsers the consent page remembers; past this the least recently seen one is logged out.
MAX_SESSIONS = 10_000

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

    def __init__(
        self,
        spec: LoginKitFixture,
        settings: Settings,
        clock: Clock,
        seed: int,
        anchor: int,
        events: Events | None = None,
    ) -> None:
        self.events = events or Events()  # what happened, for whoever listens (webhooks)
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
        self.identities = Identities(self.seed, self.spec.apps[0].client_key if self.spec.apps else None)
        self.apps: dict[str, App] = {}
        self.users: dict[str, User] = {}
        self.by_open_id: dict[str, tuple[User, App]] = {}  # every (user, app) pair, by its open_id
        self._open_ids: dict[tuple[str, str], str] = {}  # (username, client_key) -> open_id: the hot path's
        for app in self.spec.apps:
            self.add_app(_copy_app(app))
        for user in self.spec.users:
            self.add_user(user)
        for spec in self.spec.tokens:
            self.issue_token_spec(spec)
        self.sessions: OrderedDict[str, str] = OrderedDict()  # browser session id -> username, newest last
        self.consents: dict[tuple[str, str], frozenset[str]] = {}  # (username, client_key) -> scopes granted

    def _reset_app(self, client_key: str) -> None:
        self.grants.forget_app(client_key)
        self.forget_consents(client_key=client_key)
        original = next((app for app in self.spec.apps if app.client_key == client_key), None)
        if original is None:
            self._forget_app(client_key)
            return
        self.add_app(_copy_app(original))
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
        app = self.apps[spec.client_key]
        return self.issue_tokens(
            app,
            self.open_id(self.users[spec.username], app),
            spec.scopes,
            access_token=spec.access_token,
            refresh_token=spec.refresh_token,
            access_ttl=spec.expires_in,
            refresh_ttl=spec.refresh_expires_in,
        )

    def remove_grant(self, app: App, open_id: str, reason: int) -> None:
        """End a user's authorization of an app: every code and token dies, and the app is told
        (`authorization.removed` with TikTok's reason: 1 the user disconnected, 5 the developer revoked)."""
        self.grants.revoke_grant(app.client_key, open_id)
        self.events.emit(GRANT_REMOVED, app=app, open_id=open_id, reason=reason)

    # -- remembered consent ----------------------------------------------------------------

    def log_in(self, session: str | None, username: str) -> str:
        """The browser's session, now logged in as `username`; a new one unless it had one."""
        if session is None or session not in self.sessions:
            session = self.ids.hex(32)
        self.sessions[session] = username
        self.sessions.move_to_end(session)
        if len(self.sessions) > MAX_SESSIONS:
            self.sessions.popitem(last=False)  # the least recently used browser logs out
        return session

    def session_user(self, session: str | None) -> User | None:
        username = self.sessions.get(session or "")
        return self.users.get(username) if username else None

    def consent(self, user: User, app: App, scopes: tuple[str, ...] | list[str]) -> None:
        key = (user.username, app.client_key)
        self.consents[key] = self.consents.get(key, frozenset()) | frozenset(scopes)

    def granted(self, user: User, app: App) -> frozenset[str]:
        return self.consents.get((user.username, app.client_key), frozenset())

    def forget_consents(self, username: str | None = None, client_key: str | None = None) -> int:
        """Forget what users approved (all, one user's, one app's): their next authorize shows the page."""
        keys = [
            key
            for key in self.consents
            if (username is None or key[0] == username) and (client_key is None or key[1] == client_key)
        ]
        for key in keys:
            del self.consents[key]
        return len(keys)

    # -- apps and users -------------------------------------------------------------------

    def add_app(self, app: App) -> None:
        self._forget_app(app.client_key)
        self.apps[app.client_key] = app
        if self.identities.first_app is None:
            self.identities.first_app = app.client_key
        for user in self.users.values():
            self._index(user, app)

    def _forget_app(self, client_key: str) -> None:
        app = self.apps.pop(client_key, None)
        for user in self.users.values() if app is not None else ():
            self.by_open_id.pop(self._open_ids.pop((user.username, client_key), ""), None)

    def add_user(self, user: User) -> None:
        for app in self.apps.values():
            self.by_open_id.pop(self._open_ids.pop((user.username, app.client_key), ""), None)
            self._index(user, app)
        self.users[user.username] = user

    def _index(self, user: User, app: App) -> None:
        open_id = self.identities.open_id(user, app)
        self._open_ids[(user.username, app.client_key)] = open_id
        self.by_open_id[open_id] = (user, app)

    def open_id(self, user: User, app: App) -> str:
        """The user's open_id in this app: another app sees another one."""
        return self._open_ids.get((user.username, app.client_key)) or self.identities.open_id(user, app)

    def union_id(self, user: User, app: App) -> str:
        """The user's union_id for the app's developer: the same in every app of that developer."""
        return self.identities.union_id(user, app)

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
        found = self.by_open_id.get(open_id)
        return found[0] if found else None

    def set_webhook_url(self, client_key: str, url: str | None) -> bool:
        app = self.apps.get(client_key)
        if app is not None:
            app.webhook_url = url
        return app is not None

    def holds(self, username: str, key: tuple[str, str]) -> bool:
        """Whether the grant `key` (client_key, open_id) is this user's."""
        found = self.by_open_id.get(key[1])
        return found is not None and found[0].username == username and found[1].client_key == key[0]

    def user_named(self, username: str) -> User | None:
        return self.users.get(username)

    def has_grant(self, client_key: str, open_id: str) -> bool:
        """Whether the user still authorizes the app: the grant has not been revoked."""
        return (client_key, open_id) in self.grants.grants

    def add_video(self, username: str, video: Video) -> None:
        """The user has posted `video` (Content Posting): a new User record with it, newest first."""
        user = self.users.get(username)
        if user is None:
            return
        videos = sorted((video, *(v for v in user.videos if v.id != video.id)), key=lambda v: -v.create_time)
        self.add_user(replace(user, videos=tuple(videos)))

    def remove_videos(self, username: str, video_ids: set[str]) -> None:
        """Take posted videos back off the user (a per-app reset of Content Posting)."""
        user = self.users.get(username)
        if user is None or not any(video.id in video_ids for video in user.videos):
            return
        self.add_user(replace(user, videos=tuple(v for v in user.videos if v.id not in video_ids)))

    def user_token(self, token: str) -> AccessToken | None:
        """A live access token with a user behind it; None for anything else (client tokens too).
        An open_id resolves only in the app it was issued to."""
        record = self.grants.live_access_token(token)
        if record is None:
            return None
        found = self.by_open_id.get(record.open_id or "")
        return record if found is not None and found[1].client_key == record.client_key else None


def _copy_app(app: App) -> App:
    return replace(app, redirect_uris=list(app.redirect_uris), scopes=list(app.scopes))
