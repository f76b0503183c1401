"""A fixture document -> a validated, frozen `Fixture`, errors as `FILE:LINE: problem`.

The top level holds what every family shares (`seed`, `clock`, `settings`,
`scenarios`); each family reads its own part with its own `fixture.py`:
Login Kit `apps`, `users` (with their videos, which Display serves) and
`tokens`; TikTok Shop `shop`; Content Posting `posting` and `settings.posting`.
Whatever no one reads is an unknown field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mock_server.families import ENVELOPES, TUNABLES
from mock_server.families.login_kit.fixture import Known, LoginKitFixture, parse_login_kit, read_app_settings
from mock_server.families.posting.fixture import PostingFixture, parse_posting
from mock_server.families.shop.fixture import parse_shop
from mock_server.families.shop.models import ShopFixture
from mock_server.families.webhooks.fixture import WebhookSpec, parse_webhooks
from mock_server.kernel import fault_specs
from mock_server.kernel.clock import parse_instant
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.faults import Scenario
from mock_server.kernel.inputs import InputLimits
from mock_server.kernel.settings import Settings
from mock_server.kernel.yaml_source import Fields, parse_yaml

# Generated data is dated back from this instant unless the fixture pins a clock,
# so it does not drift with the wall clock.
DEFAULT_ANCHOR = parse_instant("2026-01-01T00:00:00Z")


@dataclass(frozen=True)
class Fixture:
    source: str = "<built-in>"
    seed: int = 0
    clock: float | None = None
    settings: Settings = field(default_factory=Settings)
    login_kit: LoginKitFixture = field(default_factory=LoginKitFixture)
    shop: ShopFixture = field(default_factory=ShopFixture)
    webhooks: WebhookSpec = field(default_factory=WebhookSpec)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    posting: PostingFixture = field(default_factory=PostingFixture)

    @property
    def anchor(self) -> int:
        return int(self.clock if self.clock is not None else DEFAULT_ANCHOR)


def bundled_fixture_path(name: str = "default.yaml") -> Path:
    """The bundled fixtures: inside the wheel when installed, `fixtures/` in a checkout."""
    packaged = resources.files("mock_server").joinpath("_bundled_fixtures", name)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "fixtures" / name


def load_fixture_file(path: str | Path, seed: int | None = None) -> Fixture:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FixtureError(str(path), None, f"cannot read the fixture file: {exc}") from None
    return load_fixture_text(text, str(path), seed=seed)


def load_fixture_text(text: str, source: str = "<string>", seed: int | None = None) -> Fixture:
    return parse_fixture(parse_yaml(text, source), source, seed=seed)


def parse_fixture(document: Any, source: str, seed: int | None = None) -> Fixture:
    top = Fields(document, source, "")
    file_seed = top.integer("seed", 0)
    seed = file_seed if seed is None else seed
    clock = top.instant("clock")
    settings = parse_settings(top)
    anchor = int(clock if clock is not None else DEFAULT_ANCHOR)
    known = Known(seed=seed, settings=settings, anchor=anchor)
    login_kit = parse_login_kit(top, known)
    shop = parse_shop(top.raw("shop"), source, top.line_of("shop"), seed, anchor) or ShopFixture()
    posting = parse_posting(
        top, {app.client_key for app in login_kit.apps}, {user.username for user in login_kit.users}
    )
    scenarios = fault_specs.parse_scenarios(
        top.raw("scenarios"), source, top.line_of("scenarios"), scenario_names(login_kit, shop)
    )
    webhooks = parse_webhooks(top)
    top.check_unknown()
    return Fixture(source, seed, clock, settings, login_kit, shop, webhooks, scenarios, posting)


def scenario_names(login_kit: LoginKitFixture, shop: ShopFixture) -> fault_specs.Known:
    """What a scenario step may name: every family's users and apps, every envelope's errors,
    and the settings families let the action `set` change."""
    users = {user.username for user in login_kit.users} | {seller.name for seller in shop.sellers}
    apps = {app.client_key for app in login_kit.apps} | {app.app_key for app in shop.apps}
    return fault_specs.Known(ENVELOPES, frozenset(users), frozenset(apps), TUNABLES)


def _parse_limits(settings: Fields) -> InputLimits:
    base = InputLimits()
    fields = settings.section("limits")
    if fields is None:
        return base
    limits = InputLimits(
        max_body=fields.integer("max_body", base.max_body, minimum=1, maximum=1 << 30),
        max_json_depth=fields.integer("max_json_depth", base.max_json_depth, minimum=2, maximum=256),
        read_timeout=fields.number("read_timeout", base.read_timeout, minimum=0.1, maximum=3600),
        max_header_bytes=fields.integer("max_header_bytes", base.max_header_bytes, minimum=64, maximum=1 << 20),
    )
    fields.check_unknown()
    return limits


def parse_settings(top: Fields) -> Settings:
    fields = top.section("settings")
    if fields is None:
        return Settings()
    base = Settings()
    settings = Settings(
        **read_app_settings(fields, base),
        cover_ttl=fields.seconds("cover_ttl", base.cover_ttl, minimum=1),
        avatar_ttl=fields.seconds("avatar_ttl", base.avatar_ttl, minimum=1),
        shop_timestamp_tolerance=fields.integer("shop_timestamp_tolerance", base.shop_timestamp_tolerance, minimum=0),
        journal_size=fields.integer("journal_size", base.journal_size, minimum=1, maximum=100_000),
        limits=_parse_limits(fields),
    )
    fields.raw("posting")  # Content Posting's own settings: read by families/posting/fixture.py
    fields.check_unknown()
    return settings
