"""Fault rules: which requests TikTok should fail on purpose, and how.

A rule matches a request by method, path glob, client_key, open_id or token and
answers with a TikTok error by name, a raw status and body, a delay, or a dropped
connection. `after: N` lets N matching requests through first, `times: N` stops
after N answers, `probability` draws from the rule's own seeded random, so a run
repeats exactly. Scenarios are named lists of fault rules and state actions
(expire tokens, revoke grants, move the clock) from the fixture file.

Pure: the HTTP layer gathers a `RequestFacts` once per request and renders the
rule's answer; nothing here writes a response.
"""

from __future__ import annotations

import fnmatch
import random
import re
from dataclasses import dataclass, field
from typing import Any

from mock_server.kernel.envelopes import Envelopes


def path_glob(pattern: str) -> re.Pattern[str]:
    """`*` matches anything (slashes too); a final `/` is optional on both sides, as on TikTok's paths."""
    return re.compile(fnmatch.translate(normal_path(pattern)))


def normal_path(path: str) -> str:
    return path.rstrip("/") or "/"


@dataclass(frozen=True)
class Match:
    method: str | None = None
    paths: tuple[str, ...] = ()
    client_key: str | None = None
    open_id: str | None = None
    token: str | None = None

    def as_dict(self) -> dict[str, Any]:
        values = {"method": self.method, "path": list(self.paths) or None, "client_key": self.client_key}
        values |= {"open_id": self.open_id, "token": self.token}
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True)
class Respond:
    error: str | int | None = None  # a TikTok error by name (or a Shop int code)
    message: str | None = None
    status: int | None = None
    body: Any = None  # with `status` and no `error`: a dict/list is sent as JSON, text as it is
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    drop: bool = False

    @property
    def passes_through(self) -> bool:
        """Only a delay: the real answer follows it."""
        return self.error is None and self.status is None and not self.drop

    def as_dict(self) -> dict[str, Any]:
        values: dict[str, Any] = {"error": self.error, "message": self.message, "status": self.status}
        values |= {"body": self.body, "headers": dict(self.headers) or None}
        values |= {"delay": self.delay or None, "drop": self.drop or None}
        return {key: value for key, value in values.items() if value is not None}

    def summary(self) -> str:
        parts = [f"delay {self.delay:g}s"] if self.delay else []
        if self.drop:
            parts.append("drop")
        elif self.error is not None:
            parts.append(f"error {self.error}")
        elif self.status is not None:
            parts.append(f"status {self.status}")
        return ", ".join(parts)


@dataclass(frozen=True)
class FaultSpec:
    match: Match
    respond: Respond
    times: int | None = None
    after: int = 0
    probability: float | None = None
    seed: int | str | None = None

    def scoped_to(self, client_key: str) -> FaultSpec:
        return FaultSpec(**{**self.__dict__, "match": Match(**{**self.match.__dict__, "client_key": client_key})})


ACTIONS = ("expire_tokens", "revoke_grants", "advance_clock", "set")


@dataclass(frozen=True)
class Action:
    """A scenario step that changes state instead of failing requests."""

    name: str  # one of ACTIONS
    tokens: str = "access"  # expire_tokens: access / refresh / all
    user: str | None = None  # a username: only that user's grants
    app: str | None = None  # a client_key: only that app's grants
    by: float = 0.0  # advance_clock: seconds
    setting: str | None = None  # set: a family's tunable setting, `<family>.<name>`
    value: Any = None  # set: its new value, already read by the family's reader

    def as_dict(self) -> dict[str, Any]:
        values: dict[str, Any] = {"action": self.name, "user": self.user, "app": self.app}
        if self.name == "expire_tokens":
            values["tokens"] = self.tokens
        if self.name == "advance_clock":
            values["by"] = self.by
        if self.name == "set":
            values |= {"setting": self.setting, "value": self.value}
            return {key: value for key, value in values.items() if value is not None or key == "value"}
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    steps: tuple[FaultSpec | Action, ...]


@dataclass(slots=True)  # built for every request: slots, not frozen (a frozen __init__ costs 3x)
class RequestFacts:
    """What the HTTP layer knows of a request before the app runs."""

    method: str
    path: str
    envelope: str  # the error shape the path answers in (kernel.envelopes)
    client_key: str | None = None
    open_id: str | None = None
    token: str | None = None


@dataclass
class FaultRule:
    id: str
    spec: FaultSpec
    envelopes: frozenset[str]  # an error name answers only on the envelopes that have it
    random: random.Random
    scenario: str | None = None
    globs: tuple[re.Pattern[str], ...] = ()
    seen: int = 0  # matching requests, counted also when let through by `after` or chance
    hits: int = 0  # requests answered with the fault

    @property
    def exhausted(self) -> bool:
        return self.spec.times is not None and self.hits >= self.spec.times

    def matches(self, facts: RequestFacts) -> bool:
        match = self.spec.match
        return (
            facts.envelope in self.envelopes
            and (match.method is None or match.method == facts.method)
            and (match.client_key is None or match.client_key == facts.client_key)
            and (match.open_id is None or match.open_id == facts.open_id)
            and (match.token is None or match.token == facts.token)
            and (not self.globs or any(glob.match(normal_path(facts.path)) for glob in self.globs))
        )

    def as_dict(self) -> dict[str, Any]:
        spec = self.spec
        values: dict[str, Any] = {"id": self.id, "match": spec.match.as_dict(), "respond": spec.respond.as_dict()}
        values |= {"times": spec.times, "after": spec.after or None, "probability": spec.probability}
        values |= {"scenario": self.scenario, "seen": self.seen, "hits": self.hits, "exhausted": self.exhausted}
        return {key: value for key, value in values.items() if value is not None}


class Faults:
    """The active rules, newest first when several match (as WireMock's stubs)."""

    def __init__(self, seed: int | str, envelopes: Envelopes) -> None:
        self.seed = seed
        self.envelopes = envelopes
        self.reset()

    def reset(self) -> None:
        self.rules: list[FaultRule] = []
        self._next_id = 1

    def add(self, spec: FaultSpec, scenario: str | None = None) -> FaultRule:
        rule_id = f"f{self._next_id}"
        self._next_id += 1
        error = spec.respond.error
        envelopes = frozenset(self.envelopes.names) if error is None else self.envelopes.knowing(error)
        seed = spec.seed if spec.seed is not None else rule_id
        rule = FaultRule(
            id=rule_id,
            spec=spec,
            envelopes=envelopes,
            random=random.Random(f"{self.seed}:{seed}"),
            scenario=scenario,
            globs=tuple(path_glob(path) for path in spec.match.paths),
        )
        self.rules.insert(0, rule)
        return rule

    def decide(self, facts: RequestFacts) -> FaultRule | None:
        """The rule that answers this request, with its counts moved on; None lets it through."""
        for rule in self.rules:
            if rule.exhausted or not rule.matches(facts):
                continue
            rule.seen += 1
            if rule.seen <= rule.spec.after:
                continue
            probability = rule.spec.probability
            if probability is not None and rule.random.random() >= probability:
                continue
            rule.hits += 1
            return rule
        return None

    def remove(self, rule_id: str) -> bool:
        before = len(self.rules)
        self.rules = [rule for rule in self.rules if rule.id != rule_id]
        return len(self.rules) != before

    def clear(self, client_key: str | None = None) -> int:
        """Drop every rule, or only those scoped to one app; the number dropped."""
        before = len(self.rules)
        if client_key is None:
            self.rules = []
        else:
            self.rules = [rule for rule in self.rules if rule.spec.match.client_key != client_key]
        return before - len(self.rules)

    def listed(self, client_key: str | None = None) -> list[FaultRule]:
        """Oldest first, as they were added."""
        rules = reversed(self.rules)
        return [rule for rule in rules if client_key is None or rule.spec.match.client_key == client_key]


@dataclass
class ScenarioResult:
    name: str
    faults: list[FaultRule] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
