"""The Mock: every API family's state in a fixed list, and the mock's own state
beside TikTok's (fault rules, the request journal, scenarios).

One reset for everything, in one order: the clock goes back to its start,
each family rebuilds its state from its frozen fixture part, fault rules and
the journal empty, and the start-up scenarios (`--scenario`) run last, so a
clock move in one of them reaches every family's tokens. A reset of one app
(`client_key`, or a Shop `app_key`) does the same for that app alone in
every family, and drops only its fault rules and journal entries, so parallel
test workers never see each other's.
"""

from __future__ import annotations

from typing import Protocol

from mock_server.families import ENVELOPES
from mock_server.families.display import avatars
from mock_server.families.display.state import DisplayState
from mock_server.families.login_kit.models import App, User
from mock_server.families.login_kit.state import LoginKitState
from mock_server.families.posting.state import PostingState
from mock_server.families.shop.models import Shop
from mock_server.families.shop.state import ShopState
from mock_server.families.webhooks import rules as webhook_rules
from mock_server.families.webhooks.state import WebhookState
from mock_server.fixtures import Fixture
from mock_server.kernel.clock import Clock
from mock_server.kernel.events import DEVELOPER_EVENT, GRANT_REMOVED, SHOP_EVENT, Events
from mock_server.kernel.faults import Faults, Scenario, ScenarioResult
from mock_server.kernel.journal import Journal
from mock_server.kernel.scenarios import Tunable, activate


class Family(Protocol):
    """What the mock asks of every family's state."""

    name: str

    def reset(self, app_key: str | None = None) -> None: ...

    def counts(self) -> dict[str, int]: ...


class UnknownScenario(KeyError):
    pass


class Mock:
    def __init__(self, fixture: Fixture, clock: Clock | None = None, startup_scenarios: tuple[str, ...] = ()) -> None:
        if clock is None:
            clock = Clock.frozen_at(fixture.clock) if fixture.clock is not None else Clock()
        self.fixture = fixture
        self.settings = fixture.settings
        self.clock = clock
        self._clock_at_start = clock.snapshot()
        self.events = Events()
        self.login_kit = LoginKitState(
            fixture.login_kit, fixture.settings, clock, fixture.seed, fixture.anchor, self.events
        )
        self.display = DisplayState(self.login_kit, fixture.settings, fixture.seed)
        self.shop = ShopState(fixture.shop, clock, fixture.seed, self.events)
        # Content Posting after Login Kit: a reset restores the users first, then drops the posts.
        self.posting = PostingState(
            fixture.posting, self.login_kit, fixture.settings, fixture.seed, self._avatar, self.events
        )
        self.webhooks = WebhookState(fixture.webhooks, clock)
        self.families: tuple[Family, ...] = (self.login_kit, self.display, self.shop, self.posting, self.webhooks)
        self._wire_webhooks()
        self.token_families = (self.login_kit, self.shop)  # the families with grants
        # the families whose settings the scenario action `set` changes
        self.tunables: dict[str, Tunable] = {self.posting.name: self.posting, self.webhooks.name: self.webhooks}
        self.faults = Faults(f"{fixture.seed}:faults", ENVELOPES)
        self.journal = Journal(fixture.settings.journal_size)
        unknown = [name for name in startup_scenarios if name not in fixture.scenarios]
        if unknown:
            raise UnknownScenario(unknown[0])
        self.startup = tuple(startup_scenarios)
        self.loaded_scenarios: dict[str, Scenario] = {}  # from POST /_mock/fixtures, until a reset
        self.active: list[str] = []  # the scenarios switched on, "name" or "name (client_key)"
        self._start()

    def _wire_webhooks(self) -> None:
        """What happens in the families becomes webhook deliveries to the apps that hear of it."""
        webhooks = self.webhooks

        def grant_removed(app: App, open_id: str, reason: int) -> None:
            webhook_rules.tiktok_event(webhooks, app, "authorization.removed", open_id, {"reason": reason})

        def shop_event(
            shop: Shop, seller_open_id: str, kind: str, data: dict[str, object], app_key: str | None
        ) -> None:
            apps = self.shop.apps_of(seller_open_id) if app_key is None else [self.shop.app(app_key)]
            for app in apps:
                if app is not None:
                    url = self.shop.webhook_address(app, shop.id, kind)
                    webhook_rules.shop_event(webhooks, app, kind, shop.id, data, url)

        def developer_event(app: App, open_id: str | None, event: str, content: dict[str, object]) -> None:
            webhook_rules.tiktok_event(webhooks, app, event, open_id, content)

        self.events.subscribe(GRANT_REMOVED, grant_removed)
        self.events.subscribe(DEVELOPER_EVENT, developer_event)
        self.events.subscribe(SHOP_EVENT, shop_event)

    # -- reset ---------------------------------------------------------------------------

    def reset(self, app_key: str | None = None) -> None:
        """Back to the fixture: everything, or one app in every family."""
        if app_key is not None:
            for family in self.families:
                family.reset(app_key)
            self.faults.clear(app_key)
            self.journal.clear(app_key)
            self.active = [label for label in self.active if not label.endswith(f"({app_key})")]
            return
        self.clock.restore(self._clock_at_start)
        for family in self.families:
            family.reset()
        self._start()

    def _start(self) -> None:
        """The mock's own state as at start-up; the start-up scenarios last of all."""
        self.faults.reset()
        self.journal.clear()
        self.loaded_scenarios = {}
        self.active = []
        for name in self.startup:
            self.scenario(name)

    def counts(self) -> dict[str, dict[str, int]]:
        return {family.name: family.counts() for family in self.families}

    def settle(self) -> None:
        """What the clock has made due (a finished post joins the creator's videos): before
        every request, so every family reads the same state. A few comparisons when nothing is due."""
        self.posting.settle()
        self.shop.settle()

    def _avatar(self, user: User, origin: str, expires: int) -> str:
        """Display's signed avatar link (creator_info's `creator_avatar_url`): one image for a user everywhere."""
        return user.avatar_url or avatars.avatar_url(self.display.covers, origin, user.username, "avatar_url", expires)

    # -- scenarios ---------------------------------------------------------------------

    @property
    def scenarios(self) -> dict[str, Scenario]:
        return {**self.fixture.scenarios, **self.loaded_scenarios}

    def scenario(self, name: str, client_key: str | None = None) -> ScenarioResult:
        scenario = self.scenarios.get(name)
        if scenario is None:
            raise UnknownScenario(name)
        result = activate(self.clock, self.token_families, self.faults, scenario, client_key, self.tunables)
        label = name if client_key is None else f"{name} ({client_key})"
        if label not in self.active:
            self.active.append(label)
        return result

    # -- who holds a token ------------------------------------------------------------------

    def owner_of(self, token: str) -> tuple[str, str | None] | None:
        """(app key, open_id) of any family's access or refresh token."""
        for family in self.token_families:
            owner = family.grants.owner_of(token)
            if owner is not None:
                return owner
        return None

    def owner_of_code(self, code: str) -> tuple[str, str] | None:
        for family in self.token_families:
            owner = family.grants.owner_of_code(code)
            if owner is not None:
                return owner
        return None
