"""Fault rules and scenarios as users write them: the fixture's `scenarios:` and
the JSON of `POST /_mock/faults` share one schema and one reader, so a bad rule
gets the same message from either (`FILE:LINE: where: problem` from a file).

    match:    {method, path (a glob or a list), client_key, open_id, token}   all optional
    respond:  {error, message} | {status, body, headers} | {delay} | {drop: true}
    times: N    after: N    probability: 0..1    seed: any

A scenario is a list of such rules and of actions:

    - action: expire_tokens   tokens: access | refresh | all   user: NAME   app: CLIENT_KEY
    - action: revoke_grants   user: NAME   app: CLIENT_KEY
    - action: advance_clock   by: 25h
    - action: set   setting: <family>.<name>   value: ...   app: CLIENT_KEY
      (a family's run-time setting, e.g. `posting.moderation_time`; the family
      names what may be set and reads the value: `Known.tunables`)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mock_server.kernel.clock import parse_duration
from mock_server.kernel.envelopes import Envelopes
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.faults import ACTIONS, Action, FaultSpec, Match, Respond, Scenario
from mock_server.kernel.json_numbers import json_integer
from mock_server.kernel.yaml_source import Fields, Map, Seq, describe

SCENARIO_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")  # RFC 9110 token
_FIELD_VALUE = re.compile(r"[\x20-\x7e\t]{0,4096}")  # visible ASCII, space, tab; bounded
MAX_DELAY = 300.0  # seconds a delay fault may hold a request
_METHOD = re.compile(r"^[A-Z]+$")


def as_yaml_tree(value: Any) -> Any:
    """JSON data as the loader's `Map`/`Seq`, so control input goes through the same `Fields` checks.
    A whole number sent as `5.0` reads as 5 (JSON Schema's integer, as the control spec says)."""
    if isinstance(value, dict):
        mapping = Map((key, as_yaml_tree(item)) for key, item in value.items())
        mapping.line, mapping.key_lines = 0, {}
        return mapping
    if isinstance(value, list):
        items = Seq(as_yaml_tree(item) for item in value)
        items.line, items.item_lines = 0, [0] * len(items)
        return items
    if isinstance(value, float) and json_integer(value) is not None:
        return json_integer(value)
    return value


def parse_fault(fields: Fields, envelopes: Envelopes) -> FaultSpec:
    spec = FaultSpec(
        match=_parse_match(fields),
        respond=_parse_respond(fields, envelopes),
        times=fields.integer("times", minimum=1),
        after=fields.integer("after", 0, minimum=0),
        probability=_probability(fields),
        seed=_seed(fields),
    )
    fields.check_unknown()
    _check_error_fits_paths(fields, spec, envelopes)
    return spec


def _parse_match(fields: Fields) -> Match:
    match = fields.section("match")
    if match is None:
        return Match()
    method = match.text("method")
    if method is not None and not _METHOD.match(method.upper()):
        raise match.error("method", f"expected an HTTP method such as GET or POST, got {describe(method)}")
    raw_paths = match.raw("path")
    paths = [raw_paths] if isinstance(raw_paths, str) else match.text_list("path")
    for path in paths:
        if not path.startswith(("/", "*")):
            raise match.error("path", f"a path starts with '/' (globs may use '*'), got {describe(path)}")
    parsed = Match(
        method=method.upper() if method else None,
        paths=tuple(paths),
        client_key=match.text("client_key"),
        open_id=match.text("open_id"),
        token=match.text("token"),
    )
    match.check_unknown()
    return parsed


def _parse_respond(fields: Fields, envelopes: Envelopes) -> Respond:
    fields.require("respond")
    respond = fields.section("respond")
    assert respond is not None
    error = _error_name(respond, envelopes)
    status = respond.integer("status", minimum=200, maximum=599)  # a 1xx is not an answer
    body = respond.raw("body")
    if body is not None and (status is None or error is not None):
        raise respond.error("body", "a raw body goes with 'status' and no 'error' (an error brings TikTok's envelope)")
    if body is not None and status in (204, 304):
        raise respond.error("body", f"a {status} answer has no body (RFC 9110)")
    drop = respond.boolean("drop", False)
    if drop and (error is not None or status is not None):
        raise respond.error("drop", "a dropped connection sends no answer: leave out 'error' and 'status'")
    delay = _delay(respond)
    if error is None and status is None and not drop and not delay:
        raise respond.error(None, "say how to answer: 'error', 'status' (with 'body'), 'delay' or 'drop: true'")
    parsed = Respond(
        error=error,
        message=respond.text("message"),
        status=status,
        body=_plain(body),
        headers=_headers(respond),
        delay=delay,
        drop=drop,
    )
    respond.check_unknown()
    return parsed


def _error_name(respond: Fields, envelopes: Envelopes) -> str | int | None:
    error = respond.raw("error")
    if error is None:
        return None
    if isinstance(error, int) and not isinstance(error, bool):
        if error == 0:
            raise respond.error("error", "a Shop error code is a non-zero number (0 is success)")
        return error
    if not isinstance(error, str) or not envelopes.knowing(error):
        names = "; ".join(f"{family}: {', '.join(names)}" for family, names in envelopes.known_names().items())
        raise respond.error("error", f"unknown TikTok error {describe(error)}; known names: {names}")
    return error


def _delay(respond: Fields) -> float:
    value = respond.raw("delay")
    if value is None:
        return 0.0
    try:
        seconds = parse_duration(value)
    except (ValueError, TypeError) as exc:
        raise respond.error("delay", str(exc)) from None
    if not 0 <= seconds <= MAX_DELAY:
        raise respond.error("delay", f"must be from 0 to {MAX_DELAY} seconds, got {describe(value)}")
    return seconds


def _headers(respond: Fields) -> tuple[tuple[str, str], ...]:
    value = respond.raw("headers")
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value.values()
    ):
        raise respond.error("headers", f"expected a mapping of header names to text, got {describe(value)}")
    headers = tuple((str(name), str(item)) for name, item in value.items())
    for name, item in headers:
        if not _TOKEN.fullmatch(name):
            raise respond.error("headers", f"{name[:40]!r} is not a header name (RFC 9110 token characters only)")
        if not _FIELD_VALUE.fullmatch(item):
            problem = "visible ASCII, spaces and tabs only: no CR, LF or other control or non-ASCII characters"
            raise respond.error("headers", f"the value of {name!r} must be {problem}")
    return headers


def _plain(value: Any) -> Any:
    """Map/Seq back to plain dict/list, so a raw body is sent as the user wrote it."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _probability(fields: Fields) -> float | None:
    value = fields.number("probability")
    if value is not None and not 0 < value <= 1:
        raise fields.error("probability", f"must be more than 0 and at most 1, got {value:g}")
    return value


def _seed(fields: Fields) -> int | str | None:
    value = fields.raw("seed")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | str)):
        raise fields.error("seed", f"expected a number or text, got {describe(value)}")
    return value


def _check_error_fits_paths(fields: Fields, spec: FaultSpec, envelopes: Envelopes) -> None:
    """An error named for a literal path must exist in that path's envelope (globs just skip other envelopes)."""
    error = spec.respond.error
    if error is None:
        return
    knowing = envelopes.knowing(error)
    for path in spec.match.paths:
        family = envelopes.of(path)
        if "*" not in path and family not in knowing:
            names = ", ".join(envelopes.known_names()[family])
            raise fields.error(
                "respond", f"{path} answers in the {family} shape, which has no error {error!r}: {names}"
            )


def parse_action(fields: Fields, known: Known) -> Action:
    name = fields.choice("action", ACTIONS, "")
    user = fields.text("user")
    app = fields.text("app")
    if user is not None and user not in known.users:
        raise fields.error("user", f"no user or seller named '{user}'")
    if app is not None and app not in known.apps:
        raise fields.error("app", f"no app with client_key or app_key '{app}'")
    tokens = fields.choice("tokens", ("access", "refresh", "all"), "access") if name == "expire_tokens" else "access"
    by = 0.0
    if name == "advance_clock":
        fields.require("by")
        try:
            by = parse_duration(fields.raw("by"))
        except (ValueError, TypeError) as exc:
            raise fields.error("by", str(exc)) from None
    setting, value = _setting(fields, known) if name == "set" else (None, None)
    action = Action(name=name, tokens=tokens, user=user, app=app, by=by, setting=setting, value=value)
    fields.check_unknown()
    return action


def _setting(fields: Fields, known: Known) -> tuple[str, Any]:
    """`set`'s setting (one a family lets scenarios change) and its value, read by that family."""
    setting = fields.text("setting", required=True)
    reader = known.tunables.get(setting)
    if reader is None:
        names = ", ".join(sorted(known.tunables)) or "none"
        raise fields.error("setting", f"no run-time setting '{setting}' (known: {names})")
    if "value" not in fields.mapping:
        raise fields.error(None, "missing required field 'value'")
    try:
        return setting, reader(_plain(fields.raw("value")))
    except (ValueError, TypeError) as exc:
        raise fields.error("value", f"{setting}: {exc}") from None


@dataclass(frozen=True)
class Known:
    """What scenario steps may name: the envelopes' errors, and the users and apps of every family."""

    envelopes: Envelopes
    users: frozenset[str] = frozenset()  # Login Kit usernames, Shop seller names
    apps: frozenset[str] = frozenset()  # Login Kit client_keys, Shop app_keys
    # `<family>.<name>` -> the reader of its value: what the action `set` may change.
    tunables: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)


def parse_scenarios(value: Any, source: str, line: int, known: Known) -> dict[str, Scenario]:
    """The fixture's `scenarios:`: name -> a list of steps, or {description, steps}."""
    if value is None:
        return {}
    if not isinstance(value, Map):
        raise FixtureError(
            source, line, f"scenarios: expected a mapping of scenario names to steps, got {describe(value)}"
        )
    scenarios = {}
    for name, steps in value.items():
        where = f"scenarios.{name}"
        name_line = value.key_lines.get(name, line)
        if not isinstance(name, str) or not SCENARIO_NAME.match(name):
            raise FixtureError(source, name_line, f"{where}: a scenario name is letters, digits, '.', '_' or '-'")
        description = ""
        if isinstance(steps, Map):
            described = Fields(steps, source, where, name_line)
            description = described.text("description", "")
            described.require("steps")
            steps = described.raw("steps")
            described.check_unknown()
        if not isinstance(steps, Seq):
            raise FixtureError(
                source, name_line, f"{where}: expected a list of faults and actions, got {describe(steps)}"
            )
        scenarios[name] = Scenario(
            name, description, tuple(_step(steps, i, where, source, known) for i in range(len(steps)))
        )
    return scenarios


def _step(steps: Seq, index: int, where: str, source: str, known: Known) -> FaultSpec | Action:
    fields = Fields(steps[index], source, f"{where}[{index}]", steps.item_lines[index])
    if fields.has("action"):
        return parse_action(fields, known)
    return parse_fault(fields, known.envelopes)
