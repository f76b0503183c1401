"""Content Posting's part of the fixture -> a frozen `PostingFixture`, errors as FILE:LINE.

Apps and users are Login Kit's (`apps:`, `users:`); what Content Posting adds
to them lives in its own section, keyed by client_key and username, so Login
Kit's parser stays as it is and a posting key can never be mistaken for a
Login Kit one:

```yaml
settings:
  posting: {processing_time: 5s, moderation_time: 30s, upload_url_ttl: 1h, ...}   # PostingSettings
posting:
  apps:                       # per client_key; an app not listed is audited, with nothing verified
    sbawpost000001: {audited: true, verified_domains: [media.example.com],
                     verified_url_prefixes: ["https://cdn.example.org/tiktok/"], active_creator_cap: 100}
  creators:                   # per username; a user not listed is a public account, every setting "everyone"
    privatecreator: {account_privacy: private, comment: everyone, duet: friends, stitch: no_one,
                     max_video_post_duration_sec: 300, banned: false}
  downloads:                  # what a PULL_FROM_URL "download" of a matching URL does (first match wins)
    - {url: "https://media.example.com/broken/*", fail_reason: video_pull_failed}
    - {url: "https://media.example.com/big.mp4", size: 900000000}
```
"""

from __future__ import annotations

import fnmatch
import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from mock_server.families.posting.errors import FAIL_REASONS
from mock_server.families.posting.uploads import UNITS
from mock_server.kernel.clock import parse_duration
from mock_server.kernel.limits import RateLimit, read_rate_limit
from mock_server.kernel.yaml_source import Fields, Map, describe

ACCOUNT_PRIVACY = ("public", "private")
AUDIENCE = ("everyone", "friends", "no_one")  # TikTok's "Everyone" / "Friends" / "No one"
GIB = 1024**3


@dataclass(frozen=True)
class PostingSettings:
    """`settings.posting`: the server-wide Content Posting behaviour; README lists each."""

    processing_time: float = 5.0  # s after the last byte arrives before the post is done
    download_time: float = 10.0  # s a PULL_FROM_URL download takes (cancel works meanwhile)
    moderation_time: float = 30.0  # s after PUBLISH_COMPLETE before a public post gets its id
    upload_url_ttl: float = 3600.0  # TikTok: an upload_url is valid for one hour
    upload_origin: str | None = None  # e.g. https://open-upload.tiktokapis.com; None: the mock's own
    units: str = "lenient"  # lenient / decimal / binary: what "MB" means in the chunk rules
    exact_single_chunk: bool = False  # True: a one-chunk upload needs chunk_size == video_size
    multi_chunk: bool = True  # False: every multi-chunk init fails "The chunk size is invalid" (seen live)
    max_video_size: int = 4 * GIB  # "4 GB"; a 3P report says 10 GB now
    max_video_post_duration_sec: int = 600  # a creator's default; the API's maximum is 10 min
    default_duration: int = 15  # s, for a video whose first bytes do not say (no moov up front)
    daily_post_cap: int = 15  # direct posts per creator per 24 h, all apps together
    unaudited_creator_cap: int = 5  # creators an unaudited app may post for in 24 h
    active_creator_cap: int | None = None  # the same for audited apps (TikTok: "based on usage estimates")
    pending_share_cap: int = 5  # inbox shares waiting for the creator, per creator per 24 h
    pull_video_size: int = 10_000_000  # bytes a PULL_FROM_URL video "downloads" unless `downloads` says
    pull_photo_size: int = 500_000  # bytes per photo
    download_failure: bool = False  # True: every PULL_FROM_URL download fails (video/photo_pull_failed)
    invalid_param_code: str = "invalid_params"  # or TikTok's documented `invalid_param`
    unaudited_private_posts: str = "self_only"  # unaudited app, private account, not SELF_ONLY: or "reject"
    require_brand_content_toggle: bool = False  # the Direct Post table marks it required
    creator_info_data_on_refusal: bool = False  # creator_info's 200 "cannot post now": with data too
    progress_range: str = "count"  # PUT's Content-Range end: `count` (bytes 0-N/T, as documented) or `last_byte`
    creator_info_limit: RateLimit = field(default_factory=lambda: RateLimit(20, 60))
    init_limit: RateLimit = field(default_factory=lambda: RateLimit(6, 60))
    status_limit: RateLimit = field(default_factory=lambda: RateLimit(30, 60))
    cancel_limit: RateLimit = field(default_factory=lambda: RateLimit(30, 60))
    shared_init_limit: bool = False  # True: the three init endpoints share one window per token


@dataclass(frozen=True)
class PostingApp:
    audited: bool = True
    verified_domains: tuple[str, ...] = ()
    verified_url_prefixes: tuple[str, ...] = ()
    active_creator_cap: int | None = None  # None: the settings' cap for its kind of app

    def owns(self, url: str) -> bool:
        """Whether a media URL is under a verified domain (that host or a subdomain of it,
        not its parent) or starts with a verified URL prefix (tiktok-content-posting.md §2)."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return False
        if any(host == domain or host.endswith("." + domain) for domain in self.verified_domains):
            return True
        return any(url.startswith(prefix) for prefix in self.verified_url_prefixes)


@dataclass(frozen=True)
class Creator:
    account_privacy: str = "public"
    comment: str = "everyone"
    duet: str = "everyone"
    stitch: str = "everyone"
    max_video_post_duration_sec: int | None = None  # None: settings.posting's
    banned: bool = False

    @property
    def private(self) -> bool:
        return self.account_privacy == "private"


@dataclass(frozen=True)
class DownloadRule:
    url: str  # a glob: `*` matches anything
    size: int | None = None
    fail_reason: str | None = None

    def matches(self, url: str) -> bool:
        return fnmatch.fnmatchcase(url, self.url)


@dataclass(frozen=True)
class PostingFixture:
    settings: PostingSettings = field(default_factory=PostingSettings)
    apps: Mapping[str, PostingApp] = field(default_factory=dict)
    creators: Mapping[str, Creator] = field(default_factory=dict)
    downloads: tuple[DownloadRule, ...] = ()


def parse_posting(top: Fields, client_keys: set[str], usernames: set[str]) -> PostingFixture:
    """`settings.posting` and the `posting:` section of the document's top level."""
    settings = _settings(top)
    section = top.section("posting")
    if section is None:
        return PostingFixture(settings)
    apps = {key: _app(item) for key, item in _keyed(section, "apps", client_keys, "app with client_key").items()}
    creators = {key: _creator(item) for key, item in _keyed(section, "creators", usernames, "user named").items()}
    downloads = tuple(
        _download(Fields(item, top.source, where, line)) for item, where, line in section.items("downloads")
    )
    section.check_unknown()
    return PostingFixture(settings, apps, creators, downloads)


def _keyed(section: Fields, key: str, known: set[str], what: str) -> dict[str, Fields]:
    value = section.raw(key)
    if value is None:
        return {}
    if not isinstance(value, Map):
        raise section.error(
            key, f"expected a mapping keyed by {what.split()[-1].replace('named', 'username')}, got {describe(value)}"
        )
    table = Fields(value, section.source, f"posting.{key}", section.line_of(key))
    found = {}
    for name in value:
        if str(name) not in known:
            raise table.error(str(name), f"no {what} '{name}'")
        found[str(name)] = Fields(value[name], section.source, f"posting.{key}.{name}", table.line_of(str(name)))
    return found


def _app(fields: Fields) -> PostingApp:
    domains = fields.text_list("verified_domains")
    for domain in domains:
        if not domain or "/" in domain or ":" in domain or domain != domain.strip().lower():
            raise fields.error("verified_domains", f"'{domain}' is a lower-case host name such as media.example.com")
    prefixes = fields.text_list("verified_url_prefixes")
    for prefix in prefixes:
        if url_prefix_problem(prefix):
            raise fields.error("verified_url_prefixes", f"'{prefix}': {url_prefix_problem(prefix)}")
    app = PostingApp(
        audited=fields.boolean("audited", True),
        verified_domains=tuple(domains),
        verified_url_prefixes=tuple(prefixes),
        active_creator_cap=fields.integer("active_creator_cap", minimum=0),
    )
    fields.check_unknown()
    return app


def url_prefix_problem(prefix: str) -> str | None:
    """TikTok's rule for a verified URL prefix: `https://` + host + path + `/`, not an IP address."""
    try:
        parts = urlsplit(prefix)
    except ValueError:
        return "not a URL"
    if parts.scheme != "https" or not parts.hostname or not prefix.endswith("/"):
        return "a URL prefix is https:// + host + path and ends with '/'"
    try:
        ipaddress.ip_address(parts.hostname)
    except ValueError:
        return None
    return "the host of a URL prefix may not be an IP address"


def _creator(fields: Fields) -> Creator:
    creator = Creator(
        account_privacy=fields.choice("account_privacy", ACCOUNT_PRIVACY, "public"),
        comment=fields.choice("comment", AUDIENCE, "everyone"),
        duet=fields.choice("duet", AUDIENCE, "everyone"),
        stitch=fields.choice("stitch", AUDIENCE, "everyone"),
        max_video_post_duration_sec=fields.integer("max_video_post_duration_sec", minimum=1, maximum=3600),
        banned=fields.boolean("banned", False),
    )
    fields.check_unknown()
    return creator


def _download(fields: Fields) -> DownloadRule:
    rule = DownloadRule(
        url=fields.text("url", required=True),
        size=fields.integer("size", minimum=1, maximum=64 * GIB),
        fail_reason=_fail_reason(fields, "fail_reason"),
    )
    fields.check_unknown()
    return rule


def _fail_reason(fields: Fields, key: str) -> str | None:
    value = fields.text(key)
    if value is not None and value not in FAIL_REASONS:
        raise fields.error(key, f"unknown fail_reason '{value}' (known: {', '.join(FAIL_REASONS)})")
    return value


def _duration(fields: Fields, key: str, default: float) -> float:
    value = fields.raw(key)
    if value is None:
        return default
    try:
        seconds = parse_duration(value)
    except (ValueError, TypeError) as exc:
        raise fields.error(key, str(exc)) from None
    if seconds < 0:
        raise fields.error(key, f"must not be negative, got {describe(value)}")
    return seconds


def _settings(top: Fields) -> PostingSettings:
    settings = top.raw("settings")
    value = settings.get("posting") if isinstance(settings, Map) else None
    base = PostingSettings()
    if value is None:
        return base
    fields = Fields(value, top.source, "settings.posting", settings.key_lines.get("posting", settings.line))
    origin = fields.text("upload_origin")
    if origin is not None:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise fields.error("upload_origin", f"an origin such as https://open-upload.tiktokapis.com, got '{origin}'")
    parsed = PostingSettings(
        processing_time=_duration(fields, "processing_time", base.processing_time),
        download_time=_duration(fields, "download_time", base.download_time),
        moderation_time=_duration(fields, "moderation_time", base.moderation_time),
        upload_url_ttl=_duration(fields, "upload_url_ttl", base.upload_url_ttl),
        upload_origin=origin.rstrip("/") if origin else None,
        units=fields.choice("units", tuple(UNITS), base.units),
        exact_single_chunk=fields.boolean("exact_single_chunk", base.exact_single_chunk),
        multi_chunk=fields.boolean("multi_chunk", base.multi_chunk),
        max_video_size=fields.integer("max_video_size", base.max_video_size, minimum=1, maximum=64 * GIB),
        max_video_post_duration_sec=fields.integer(
            "max_video_post_duration_sec", base.max_video_post_duration_sec, minimum=1, maximum=3600
        ),
        default_duration=fields.integer("default_duration", base.default_duration, minimum=1, maximum=3600),
        daily_post_cap=fields.integer("daily_post_cap", base.daily_post_cap, minimum=0),
        unaudited_creator_cap=fields.integer("unaudited_creator_cap", base.unaudited_creator_cap, minimum=0),
        active_creator_cap=fields.integer("active_creator_cap", minimum=0),
        pending_share_cap=fields.integer("pending_share_cap", base.pending_share_cap, minimum=0),
        pull_video_size=fields.integer("pull_video_size", base.pull_video_size, minimum=1, maximum=64 * GIB),
        pull_photo_size=fields.integer("pull_photo_size", base.pull_photo_size, minimum=1, maximum=GIB),
        download_failure=fields.boolean("download_failure", base.download_failure),
        invalid_param_code=fields.choice(
            "invalid_param_code", ("invalid_params", "invalid_param"), base.invalid_param_code
        ),
        unaudited_private_posts=fields.choice(
            "unaudited_private_posts", ("self_only", "reject"), base.unaudited_private_posts
        ),
        require_brand_content_toggle=fields.boolean("require_brand_content_toggle", base.require_brand_content_toggle),
        creator_info_data_on_refusal=fields.boolean("creator_info_data_on_refusal", base.creator_info_data_on_refusal),
        progress_range=fields.choice("progress_range", ("count", "last_byte"), base.progress_range),
        creator_info_limit=read_rate_limit(fields, "creator_info_limit", base.creator_info_limit),
        init_limit=read_rate_limit(fields, "init_limit", base.init_limit),
        status_limit=read_rate_limit(fields, "status_limit", base.status_limit),
        cancel_limit=read_rate_limit(fields, "cancel_limit", base.cancel_limit),
        shared_init_limit=fields.boolean("shared_init_limit", base.shared_init_limit),
    )
    fields.check_unknown()
    return parsed


# -- run-time tuning (the scenario action `set`) ---------------------------------------------


def _seconds(value: Any) -> float:
    seconds = parse_duration(value)
    if seconds < 0:
        raise ValueError("must not be negative")
    return seconds


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number from 0, got {describe(value)}")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {describe(value)}")
    return value


# What a scenario may change at run time (`- action: set, setting: posting.NAME, value: ...`),
# each with the reader of its value. `audited` is per app (give the step `app:`, or switch the
# scenario on for one client_key); the others are server-wide unless scoped the same way.
TUNABLES: dict[str, Callable[[Any], Any]] = {
    "posting.processing_time": _seconds,
    "posting.download_time": _seconds,
    "posting.moderation_time": _seconds,
    "posting.upload_url_ttl": _seconds,
    "posting.multi_chunk": _flag,
    "posting.download_failure": _flag,
    "posting.audited": _flag,
    "posting.daily_post_cap": _count,
    "posting.unaudited_creator_cap": _count,
    "posting.active_creator_cap": _count,
    "posting.pending_share_cap": _count,
}
