"""The mock's own state beside TikTok's: fault rules, the request journal and
the scenarios switched on. It resets with the store (a `Store.reset_hooks`
entry): a whole reset drops everything and switches the start-up scenarios
(`--scenario`) back on; a reset of one app drops only that app's rules and
journal entries, so parallel test workers never see each other's."""

from __future__ import annotations

from mock_server.core.families import families_knowing
from mock_server.core.faults import Faults, Scenario, ScenarioResult
from mock_server.core.journal import Journal
from mock_server.core.scenarios import activate
from mock_server.core.store import Store


class UnknownScenario(KeyError):
    pass


class MockState:
    def __init__(self, store: Store, startup_scenarios: tuple[str, ...] = ()) -> None:
        self.store = store
        self.faults = Faults(f"{store.fixture.seed}:faults", families_knowing)
        self.journal = Journal(store.settings.journal_size)
        self.loaded_scenarios: dict[str, Scenario] = {}  # from POST /_mock/fixtures, until a reset
        self.active: list[str] = []
        for name in startup_scenarios:
            self.scenario(name)  # an unknown name fails here, at start-up
        self.startup = tuple(startup_scenarios)
        store.reset_hooks.append(self._on_reset)

    @property
    def scenarios(self) -> dict[str, Scenario]:
        return {**self.store.fixture.scenarios, **self.loaded_scenarios}

    def scenario(self, name: str, client_key: str | None = None) -> ScenarioResult:
        scenario = self.scenarios.get(name)
        if scenario is None:
            raise UnknownScenario(name)
        result = activate(self.store, self.faults, scenario, client_key)
        label = name if client_key is None else f"{name} ({client_key})"
        if label not in self.active:
            self.active.append(label)
        return result

    def _on_reset(self, store: Store, client_key: str | None) -> None:
        if client_key is not None:
            self.faults.clear(client_key)
            self.journal.clear(client_key)
            self.active = [label for label in self.active if not label.endswith(f"({client_key})")]
            return
        self.faults.reset()
        self.journal.clear()
        self.loaded_scenarios = {}
        self.active = []
        for name in getattr(self, "startup", ()):
            self.scenario(name)
