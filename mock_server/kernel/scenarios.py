"""Switching on a named scenario: its fault rules join the active ones and its
actions change state at once (an expired token is a token that expired, not a
fault, so a refresh still works afterwards, as it would on TikTok).

Actions reach every family with grants (Login Kit and TikTok Shop): `user`
names a Login Kit username or a Shop seller, `app` a client_key or an app_key.
`set` changes a family's run-time setting (`posting.moderation_time`), for
every app, or for `app` (or the scenario's client_key) alone.

`client_key` scopes a scenario to one app: its rules match only that app's
requests and its actions touch only that app's grants, so parallel test
workers that each own an app can switch scenarios without seeing each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from mock_server.kernel.clock import Clock
from mock_server.kernel.faults import Action, Faults, FaultSpec, Scenario, ScenarioResult
from mock_server.kernel.grants import GrantKey, GrantStore


class HasGrants(Protocol):
    """A family whose grants scenario actions reach."""

    grants: GrantStore

    def holds(self, name: str, key: GrantKey) -> bool:
        """Whether the grant `key` is the user's (or seller's) called `name`."""
        ...


class Tunable(Protocol):
    """A family with settings that the action `set` may change at run time."""

    def tune(self, setting: str, value: Any, client_key: str | None = None) -> None: ...


def activate(
    clock: Clock,
    families: Iterable[HasGrants],
    faults: Faults,
    scenario: Scenario,
    client_key: str | None = None,
    tunables: Mapping[str, Tunable] | None = None,
) -> ScenarioResult:
    result = ScenarioResult(scenario.name)
    for step in scenario.steps:
        if isinstance(step, FaultSpec):
            spec = step.scoped_to(client_key) if client_key is not None else step
            result.faults.append(faults.add(spec, scenario=scenario.name))
        else:
            result.actions.append(run_action(clock, families, step, client_key, tunables))
    return result


def run_action(
    clock: Clock,
    families: Iterable[HasGrants],
    action: Action,
    client_key: str | None = None,
    tunables: Mapping[str, Tunable] | None = None,
) -> dict[str, Any]:
    done = action.as_dict()
    if action.name == "advance_clock":
        clock.advance(action.by)
        done["now"] = clock.iso()
        return done
    if action.name == "set":
        assert action.setting is not None
        tunable = (tunables or {})[action.setting.split(".", 1)[0]]
        tunable.tune(action.setting, action.value, action.app or client_key)
        return done
    revoked = expired = 0
    for family in families:
        for key in [key for key in family.grants.grants if _selected(family, key, action, client_key)]:
            if action.name == "revoke_grants":
                family.grants.revoke_grant(*key)
                revoked += 1
            elif action.name == "expire_tokens":
                expired += family.grants.expire_grant(key, action.tokens)
    if action.name == "revoke_grants":
        done["revoked"] = revoked
    elif action.name == "expire_tokens":
        done["expired"] = expired
    return done


def _selected(family: HasGrants, key: GrantKey, action: Action, client_key: str | None) -> bool:
    grant_app = key[0]
    if client_key is not None and grant_app != client_key:
        return False
    if action.app is not None and grant_app != action.app:
        return False
    if action.user is not None:
        return family.holds(action.user, key)
    return True
