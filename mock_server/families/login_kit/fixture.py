"""The fixture's Login Kit part -> a frozen `LoginKitFixture`; Faker fills what the file leaves out.

The same file and seed always give the same state: every generated value comes
from a random source seeded with the fixture seed and the entity's position,
so adding a user does not change the users before it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from faker import Faker

from mock_server.families.login_kit.identity import DEFAULT_DEVELOPER, FIRST_APP, Identities
from mock_server.families.login_kit.models import App, User, Video
from mock_server.families.login_kit.scopes import DEFAULT_SCOPE, KNOWN_SCOPES, with_default_scope
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.ids import IdFactory
from mock_server.kernel.limits import read_rate_limit
from mock_server.kernel.net import is_loopback_host, is_loopback_uri
from mock_server.kernel.settings import Settings
from mock_server.kernel.yaml_source import Fields, describe, refuse_duplicates

GENERATED_VIDEO_SPAN = 3 * 365 * 86400
# A rate limit keeps a timestamp per counted request: these bound what one window may hold.

PRIVACY_LEVELS = {
    "public": "PUBLIC_TO_EVERYONE",
    "friends": "MUTUAL_FOLLOW_FRIENDS",
    "followers": "FOLLOWER_OF_CREATOR",
    "private": "SELF_ONLY",
}
PRIVACY_CHOICES = tuple(PRIVACY_LEVELS.values()) + tuple(PRIVACY_LEVELS)


@dataclass(frozen=True)
class TokenSpec:
    """A pre-issued token set from the fixture, issued anew on every reset."""

    client_key: str
    username: str
    access_token: str
    refresh_token: str
    scopes: tuple[str, ...]
    expires_in: int | None = None
    refresh_expires_in: int | None = None


@dataclass(frozen=True)
class LoginKitFixture:
    """The fixture's Login Kit part (`apps`, `users` with their videos, `tokens`), validated and frozen."""

    apps: tuple[App, ...] = ()
    users: tuple[User, ...] = ()
    tokens: tuple[TokenSpec, ...] = ()

    def user(self, username: str) -> User | None:
        return next((user for user in self.users if user.username == username), None)


@dataclass
class Known:
    """What a new app, user or token may refer to: the fixture's so far, or (control API) the running state's."""

    seed: int
    settings: Settings
    anchor: int  # generated videos are dated back from this instant
    apps: dict[str, App] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    # `videos: N` generates at most this many: 100,000 at start-up (~0.6 s), 10,000 at run time
    # (the control API: ~60 ms, so a request never holds the server up for long).
    max_videos: int = 100_000


def parse_login_kit(top: Fields, known: Known) -> LoginKitFixture:
    """Read `users`, `apps` and `tokens` from the document's top level. `known` holds what is
    there already (nothing at start-up; the running apps and users for `POST /_mock/fixtures`):
    the new ones join it, and may not take a name or id it has."""
    first_user, first_app = len(known.users), len(known.apps)  # Faker seeds by position
    users = [
        _parse_user(item, label, line, top.source, known, first_user + i)
        for i, (item, label, line) in enumerate(top.items("users"))
    ]
    user_lines = top.mapping["users"].item_lines if users else []
    running = [(name, "a running user", 0) for name in known.users]
    refuse_duplicates(
        top.source, "username", [*running, *((u.username, f"users[{i}]", user_lines[i]) for i, u in enumerate(users))]
    )
    refuse_duplicates(
        top.source,
        "video id",
        ((v.id, f"users[{i}].videos", user_lines[i]) for i, u in enumerate(users) for v in u.videos),
    )
    known.users.update((user.username, user) for user in users)
    auto_approve = known.settings.auto_approve
    if auto_approve is not None and auto_approve not in known.users:
        raise top.error("settings", f"auto_approve: no user with username '{auto_approve}'")
    apps = [
        _parse_app(item, label, line, top.source, known, first_app + i)
        for i, (item, label, line) in enumerate(top.items("apps"))
    ]
    app_lines = top.mapping["apps"].item_lines if apps else []
    running = [(key, "a running app", 0) for key in known.apps]
    refuse_duplicates(
        top.source, "client_key", [*running, *((a.client_key, f"apps[{i}]", app_lines[i]) for i, a in enumerate(apps))]
    )
    known.apps.update((app.client_key, app) for app in apps)
    check_identities(users, known, lambda index: FixtureError(top.source, user_lines[index], f"users[{index}]"))
    items = top.items("tokens")
    tokens = [_parse_token(item, label, line, top.source, known) for item, label, line in items]
    refuse_duplicates(
        top.source,
        "token",
        (
            (value, label, line)
            for spec, (_, label, line) in zip(tokens, items, strict=True)
            for value in (spec.access_token, spec.refresh_token)
        ),
    )
    return LoginKitFixture(tuple(apps), tuple(users), tuple(tokens))


def check_identities(users: list[User], known: Known, where: Callable[[int], FixtureError]) -> None:
    """Every pinned open_id names a known app, and no two (user, app) pairs share an open_id
    (the running users in `known.users` count too). `where(i)` locates users[i] for an error."""
    identities = Identities(known.seed, next(iter(known.apps), None))
    new = {user.username for user in users}
    taken = {
        identities.open_id(user, app): (user.username, app.client_key)
        for user in known.users.values()
        if user.username not in new
        for app in known.apps.values()
    }
    for index, user in enumerate(users):
        located = where(index)
        for client_key, _ in user.open_ids:
            if client_key != FIRST_APP and client_key not in known.apps:
                problem = f"{located.problem}.open_ids: no app with client_key '{client_key}'"
                raise FixtureError(located.file, located.line, problem)
        for app in known.apps.values():
            open_id = identities.open_id(user, app)
            other = taken.setdefault(open_id, (user.username, app.client_key))
            if other != (user.username, app.client_key):
                problem = (
                    f"the open_id '{open_id}' of {user.username} in {app.client_key} is {other[0]}'s in {other[1]}"
                )
                raise FixtureError(located.file, located.line, f"{located.problem}: {problem}")


def read_app_settings(fields: Fields, base: Settings | App) -> dict[str, Any]:
    """The per-app settings `settings:` and every app may set, each defaulting to `base`."""
    values = {
        "access_token_ttl": fields.seconds("access_token_ttl", base.access_token_ttl, minimum=1),
        "refresh_token_ttl": fields.seconds("refresh_token_ttl", base.refresh_token_ttl, minimum=1),
        "client_token_ttl": fields.seconds("client_token_ttl", base.client_token_ttl, minimum=1),
        "code_ttl": fields.seconds("code_ttl", base.code_ttl, minimum=1),
        "rotate_refresh_token": fields.boolean("rotate_refresh_token", base.rotate_refresh_token),
        "oauth_error_status": fields.choice("oauth_error_status", ("200", "rfc6749"), base.oauth_error_status),
        "pkce_encoding": fields.choice("pkce_encoding", ("either", "hex", "base64url"), base.pkce_encoding),
        "auto_approve": fields.text("auto_approve", base.auto_approve),
        "unknown_fields": fields.choice("unknown_fields", ("reject", "ignore"), base.unknown_fields),
        "rate_limit": read_rate_limit(fields, "rate_limit", base.rate_limit),
    }
    return values


def _check_scopes(fields: Fields, key: str, scopes: list[str]) -> None:
    for scope in scopes:
        if scope not in KNOWN_SCOPES:
            raise fields.error(key, f"unknown scope '{scope}' (known: {', '.join(sorted(KNOWN_SCOPES))})")


def _check_redirect_uri(fields: Fields, uri: str) -> None:
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        if ":*" not in uri:
            raise fields.error("redirect_uris", f"'{uri}' is not a valid URL") from None
        parts = urlsplit(uri.replace(":*", ":0", 1))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fields.error("redirect_uris", f"'{uri}' must be an absolute http(s) URL")
    if "#" in uri:
        raise fields.error("redirect_uris", f"'{uri}' must not have a fragment (#)")
    if not uri.isascii() or any(char.isspace() or not char.isprintable() for char in uri):
        raise fields.error("redirect_uris", f"{uri!r} must be plain ASCII with no spaces or control characters")
    loopback = is_loopback_host(parts.hostname)
    if parts.scheme == "http" and not loopback:
        raise fields.error("redirect_uris", f"'{uri}' must be https (http is allowed only for localhost/127.0.0.1)")
    if ":*" in uri and not loopback:
        raise fields.error("redirect_uris", f"'{uri}': the wildcard port is allowed only for localhost/127.0.0.1")


def _parse_app(item: Any, where: str, line: int, source: str, known: Known, index: int) -> App:
    fields = Fields(item, source, where, line)
    fake = _faker(known.seed, "app", index)
    client_key = fields.text("client_key", required=True)
    redirect_uris = fields.text_list("redirect_uris", required=True)
    if not redirect_uris:
        raise fields.error("redirect_uris", "list at least one redirect URI")
    for uri in redirect_uris:
        _check_redirect_uri(fields, uri)
    scopes = fields.text_list("scopes", [DEFAULT_SCOPE])
    _check_scopes(fields, "scopes", scopes)
    all_loopback = all(is_loopback_uri(uri) for uri in redirect_uris)
    platform = fields.choice("platform", ("web", "desktop"), "desktop" if all_loopback else "web")
    settings = read_app_settings(fields, known.settings)
    app = App(
        client_key=client_key,
        client_secret=fields.text("client_secret") or fake.password(length=32, special_chars=False),
        name=fields.text("name") or f"{fake.company()} App",
        redirect_uris=redirect_uris,
        scopes=with_default_scope(scopes),
        platform=platform,
        pkce=fields.choice("pkce", ("optional", "required"), "required" if platform == "desktop" else "optional"),
        developer=fields.text("developer") or DEFAULT_DEVELOPER,
        webhook_url=fields.http_url("webhook_url"),
        **settings,
    )
    if app.auto_approve is not None and app.auto_approve not in known.users:
        raise fields.error("auto_approve", f"no user with username '{app.auto_approve}'")
    fields.check_unknown()
    return app


def _faker(seed: int, kind: str, index: int) -> Faker:
    fake = _shared_faker()
    fake.seed_instance(f"{seed}:{kind}:{index}")
    return fake


_FAKER: list[Faker] = []


def _shared_faker() -> Faker:
    # Building a Faker is slow; one instance is re-seeded per entity instead.
    if not _FAKER:
        _FAKER.append(Faker("en_US"))
    return _FAKER[0]


def _parse_user(item: Any, where: str, line: int, source: str, known: Known, index: int) -> User:
    fields = Fields(item, source, where, line)
    fake = _faker(known.seed, "user", index)
    ids = IdFactory(f"{known.seed}:user-ids:{index}")
    username = fields.text("username") or fake.user_name()
    user = User(
        username=username,
        display_name=fields.text("display_name") or fake.name(),
        open_ids=_pinned_ids(fields, "open_id", "open_ids", FIRST_APP, known.apps),
        union_ids=_pinned_ids(fields, "union_id", "union_ids", DEFAULT_DEVELOPER, None),
        avatar_url=fields.text("avatar_url"),
        avatar_url_100=fields.text("avatar_url_100"),
        avatar_large_url=fields.text("avatar_large_url"),
        bio_description=fields.text("bio_description", fake.sentence(nb_words=8)),
        profile_deep_link=fields.text("profile_deep_link") or f"https://vm.tiktok.com/ZM{ids.hex(7).upper()}/",
        is_verified=fields.boolean("is_verified", ids.random.random() < 0.1),
        follower_count=fields.integer("follower_count", ids.random.randint(0, 250_000), minimum=0),
        following_count=fields.integer("following_count", ids.random.randint(0, 2_000), minimum=0),
        likes_count=fields.integer("likes_count", ids.random.randint(0, 5_000_000), minimum=0),
        videos=_parse_videos(fields, known, index),
    )
    fields.check_unknown()
    return user


def _pinned_ids(
    fields: Fields, single: str, per_key: str, default_key: str, apps: dict[str, App] | None
) -> tuple[tuple[str, str], ...]:
    """A user's pinned ids: `open_id` (the first app's) and `open_ids: {client_key: open_id}`;
    `union_id` (the default developer's) and `union_ids: {developer: union_id}`."""
    pinned = {default_key: fields.text(single)} if fields.has(single) else {}
    table = fields.section(per_key)
    if table is not None:
        for key in list(table.mapping):
            if apps is not None and apps and key not in apps:
                raise table.error(str(key), f"no app with client_key '{key}'")
            pinned[str(key)] = table.text(str(key), required=True)
    return tuple(pinned.items())


def _parse_videos(fields: Fields, known: Known, index: int) -> tuple[Video, ...]:
    value = fields.raw("videos")
    rng = random.Random(f"{known.seed}:videos:{index}")
    anchor = known.anchor
    if value is None:
        return ()
    if isinstance(value, int) and not isinstance(value, bool):
        count = fields.integer("videos", minimum=0, maximum=known.max_videos)
        return generate_videos(count, rng, anchor)
    if not isinstance(value, list):
        raise fields.error("videos", f"expected a count or a list of videos, got {describe(value)}")
    videos, seen_ids = [], set()
    previous = anchor
    for item, where, line in fields.items("videos"):
        video = _parse_video(Fields(item, fields.source, where, line), rng, previous - rng.randint(3600, 86400 * 3))
        if video.id in seen_ids:
            raise FixtureError(fields.source, line, f"{where}.id: the video id '{video.id}' is used twice")
        previous = video.create_time
        seen_ids.add(video.id)
        videos.append(video)
    videos.sort(key=lambda v: v.create_time, reverse=True)
    return tuple(videos)


def _parse_video(fields: Fields, rng: random.Random, default_time: int) -> Video:
    created = fields.instant("create_time")
    create_time = int(created) if created is not None else default_time
    generated = _video(rng, create_time)
    video_id = fields.raw("id")
    if video_id is not None and (
        not isinstance(video_id, str | int) or isinstance(video_id, bool) or not str(video_id).isdigit()
    ):
        raise fields.error("id", f"expected a numeric video id such as '7080213458555737986', got {describe(video_id)}")
    privacy = fields.choice("privacy_level", tuple(choice.lower() for choice in PRIVACY_CHOICES), "public_to_everyone")
    video = replace(
        generated,
        id=str(video_id) if video_id is not None else generated.id,
        title=fields.text("title", generated.title),
        video_description=fields.text("video_description", generated.video_description),
        duration=fields.integer("duration", generated.duration, minimum=1),
        height=fields.integer("height", generated.height, minimum=1),
        width=fields.integer("width", generated.width, minimum=1),
        like_count=fields.integer("like_count", generated.like_count, minimum=0),
        comment_count=fields.integer("comment_count", generated.comment_count, minimum=0),
        share_count=fields.integer("share_count", generated.share_count, minimum=0),
        view_count=fields.integer("view_count", generated.view_count, minimum=0),
        privacy_level=PRIVACY_LEVELS.get(privacy, privacy.upper()),
    )
    fields.check_unknown()
    return video


_HASHTAGS = ("#fyp", "#foryou", "#viral", "#tutorial", "#dayinmylife", "#cooking", "#travel", "#dance", "#pets", "#diy")


def _words() -> tuple[str, ...]:
    from faker.providers.lorem.en_US import Provider

    return tuple(Provider.word_list)


def _video(rng: random.Random, create_time: int) -> Video:
    words = _words()
    title = " ".join(rng.choices(words, k=rng.randint(2, 6))).capitalize()
    tags = " ".join(rng.sample(_HASHTAGS, k=rng.randint(1, 3)))
    views = int(rng.paretovariate(1.2) * 500)
    portrait = rng.random() < 0.85
    return Video(
        # TikTok ids carry the creation time in their upper 32 bits.
        id=str((create_time << 32) | rng.getrandbits(32)),
        create_time=create_time,
        title=title[:150],
        video_description=f"{title} {tags}"[:150],
        duration=rng.randint(5, 180),
        height=1920 if portrait else 720,
        width=1080 if portrait else 1280,
        like_count=int(views * rng.uniform(0.01, 0.2)),
        comment_count=int(views * rng.uniform(0.0, 0.02)),
        share_count=int(views * rng.uniform(0.0, 0.01)),
        view_count=views,
    )


def generate_videos(count: int, rng: random.Random, anchor: int) -> tuple[Video, ...]:
    """`count` public videos, newest first, strictly older one by one."""
    mean_gap = max(2, min(86400 * 3, GENERATED_VIDEO_SPAN // max(count, 1)))
    videos = []
    when = anchor - rng.randint(60, mean_gap)
    for _ in range(count):
        videos.append(_video(rng, when))
        when -= rng.randint(1, 2 * mean_gap - 1)
    return tuple(videos)


def _parse_token(item: Any, where: str, line: int, source: str, known: Known) -> TokenSpec:
    fields = Fields(item, source, where, line)
    client_key = fields.text("app", required=True)
    username = fields.text("user", required=True)
    app = known.apps.get(client_key)
    if app is None:
        raise fields.error("app", f"no app with client_key '{client_key}'")
    if username not in known.users:
        raise fields.error("user", f"no user with username '{username}'")
    ids = IdFactory(f"{known.seed}:token:{where}")
    access_token = fields.text("access_token") or ids.access_token()
    refresh_token = fields.text("refresh_token") or ids.refresh_token()
    if not access_token.startswith("act."):
        raise fields.error("access_token", f"a user access token starts with 'act.', got '{access_token}'")
    if not refresh_token.startswith("rft."):
        raise fields.error("refresh_token", f"a refresh token starts with 'rft.', got '{refresh_token}'")
    scopes = fields.text_list("scopes", app.scopes)
    _check_scopes(fields, "scopes", scopes)
    for scope in app.not_allowed(scopes):
        raise fields.error("scopes", f"the app '{client_key}' is not allowed the scope '{scope}'")
    spec = TokenSpec(
        client_key=client_key,
        username=username,
        access_token=access_token,
        refresh_token=refresh_token,
        scopes=tuple(with_default_scope(scopes)),
        expires_in=fields.seconds("expires_in"),
        refresh_expires_in=fields.seconds("refresh_expires_in"),
    )
    fields.check_unknown()
    return spec


# The per-item readers, public for the control API (POST /_mock/apps, /users,
# /tokens, /fixtures), so run-time input follows the fixture file's schema.
parse_app, parse_user, parse_token = _parse_app, _parse_user, _parse_token
