"""Switching on a named scenario: its fault rules join the active ones and its
actions change state at once (an expired token is a token that expired, not a
fault, so a refresh still works afterwards, as it would on TikTok).

`client_key` scopes a scenario to one app: its rules match only that app's
requests and its actions touch only that app's grants, so parallel test
workers that each own an app can switch scenarios without seeing each other.
"""

from __future__ import annotations

from typing import Any

from mock_server.core.faults import Action, Faults, FaultSpec, Scenario, ScenarioResult
from mock_server.core.store import Store


def activate(store: Store, faults: Faults, scenario: Scenario, client_key: str | None = None) -> ScenarioResult:
    result = ScenarioResult(scenario.name)
    for step in scenario.steps:
        if isinstance(step, FaultSpec):
            spec = step.scoped_to(client_key) if client_key is not None else step
            result.faults.append(faults.add(spec, scenario=scenario.name))
        else:
            result.actions.append(run_action(store, step, client_key))
    return result


def run_action(store: Store, action: Action, client_key: str | None = None) -> dict[str, Any]:
    done = action.as_dict()
    if action.name == "advance_clock":
        store.clock.advance(action.by)
        done["now"] = store.clock.iso()
        return done
    grants = [key for key in store.tokens.grants if _selected(store, key, action, client_key)]
    if action.name == "revoke_grants":
        for key in grants:
            store.tokens.revoke_grant(*key)
        done["revoked"] = len(grants)
    elif action.name == "expire_tokens":
        done["expired"] = sum(_expire_grant(store, key, action.tokens) for key in grants)
    return done


def _selected(store: Store, key: tuple[str, str], action: Action, client_key: str | None) -> bool:
    grant_app, open_id = key
    if client_key is not None and grant_app != client_key:
        return False
    if action.app is not None and grant_app != action.app:
        return False
    if action.user is not None:
        user = store.users.get(action.user)
        return user is not None and user.open_id == open_id
    return True


def _expire_grant(store: Store, key: tuple[str, str], which: str) -> int:
    grant = store.tokens.grants[key]
    now = store.clock.now()
    records: list[Any] = []
    if which in ("access", "all"):
        records += [store.tokens.access_tokens.get(token) for token in grant.access_tokens]
    if which in ("refresh", "all"):
        records += [store.tokens.refresh_tokens.get(token) for token in grant.refresh_tokens]
    tokens = [record.token for record in records if record is not None and record.expires_at > now]
    for token in tokens:
        store.tokens.expire(token)
    return len(tokens)
