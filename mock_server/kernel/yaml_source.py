"""YAML that remembers where each value came from.

The fixture loader reports every problem as `FILE:LINE: what is wrong`, so it
needs line numbers for keys and list items; plain `yaml.safe_load` drops them.

Bounded, whatever the text: PyYAML expands aliases without limit (a "billion
laughs" document is a few hundred bytes), so the tree built here counts every
value it makes and refuses past MAX_VALUES or MAX_DEPTH; a recursive alias hits
the depth bound. An empty document, an impossible date or a number too long to
print are one-line errors too.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

from mock_server.kernel.clock import MAX_TTL, parse_instant
from mock_server.kernel.errors import FixtureError


class Map(dict):
    """A YAML mapping with the line of the mapping and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class Seq(list):
    """A YAML sequence with the line of the sequence and of each item."""

    line: int = 0
    item_lines: list[int]


_SCALARS = yaml.constructor.SafeConstructor()

_URL = re.compile(r"[\x21-\x7e]{1,2048}")


def is_http_url(url: str) -> bool:
    """An absolute http(s) URL of plain ASCII, no spaces or control characters (CR/LF, NUL),
    that httpx can send to: a port up to 65535, a valid IP literal or a name IDNA accepts."""
    if _URL.fullmatch(url) is None:
        return False
    try:
        parts = urlsplit(url)
        _ = parts.port  # a bad or too-large port raises
        host = httpx.URL(url).host
        if ":" not in host:  # a name (an IPv6 literal has been checked by httpx already)
            host.encode("idna")
    except (ValueError, httpx.InvalidURL, UnicodeError):
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


MAX_VALUES = 2_000_000  # values in one document, aliases expanded
MAX_DEPTH = 64  # nesting of mappings and lists
MAX_INTEGER = 2**63 - 1  # the largest whole number any field takes: TikTok's int64 (fields may bound it lower)


class _Budget:
    def __init__(self, source: str) -> None:
        self.source = source
        self.left = MAX_VALUES

    def spend(self, line: int, depth: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise FixtureError(self.source, line, f"the document has more than {MAX_VALUES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            problem = f"nested deeper than {MAX_DEPTH} levels (or an alias that contains itself)"
            raise FixtureError(self.source, line, problem)


def parse_yaml(text: str, source: str) -> Any:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise FixtureError(source, line, f"not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise FixtureError(source, None, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise FixtureError(source, None, f"not valid YAML: nested deeper than {MAX_DEPTH} levels") from None
    if node is None:
        raise FixtureError(source, None, "the document is empty (only blank lines or comments): nothing to load")
    return _to_python(node, source, _Budget(source), 1)


def _to_python(node: yaml.Node, source: str, budget: _Budget, depth: int) -> Any:
    line = node.start_mark.line + 1
    budget.spend(line, depth)
    if isinstance(node, yaml.MappingNode):
        result = Map()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, source, budget, depth + 1)
            if not isinstance(key, str | int):
                raise FixtureError(source, key_node.start_mark.line + 1, "a key must be plain text")
            if key in result:
                raise FixtureError(source, key_node.start_mark.line + 1, f"the key '{key}' appears twice")
            result[key] = _to_python(value_node, source, budget, depth + 1)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = Seq()
        items.line, items.item_lines = line, []
        for item in node.value:
            items.append(_to_python(item, source, budget, depth + 1))
            items.item_lines.append(item.start_mark.line + 1)
        return items
    try:
        value = _SCALARS.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise FixtureError(source, line, f"cannot read this value: {exc}") from None
    except (ValueError, OverflowError) as exc:  # the date 2025-13-45, a 5,000-digit number
        text = str(node.value)
        if node.tag.endswith(":int"):
            problem = f"a whole number of {len(text)} digits is too long (TikTok's are at most 19)"
        else:
            problem = f"cannot read '{text[:40]}': {exc}"
        raise FixtureError(source, line, problem) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise FixtureError(source, line, f"'{node.value}' is not a finite number")
    return value


_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    float: "a number",
    Map: "a mapping",
    Seq: "a list",
}


def shorten(value: Any) -> str:
    """A value as an error message shows it: a huge number by its length, long text cut."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return f"a {len(str(abs(value))) if abs(value) < 10**4000 else 'many'}-digit number"
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, datetime | date):
        return f"the time {value}"
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            if kind is str:
                return f"{name} ({shorten(value)!r})"
            return f"{name} ({shorten(value)})" if kind in (int, float) else name
    return type(value).__name__


class Fields:
    """Reads one mapping's fields by name and type, naming file and line on error."""

    def __init__(self, mapping: Any, source: str, where: str, line: int = 0) -> None:
        self.source = source
        self.where = where
        if not isinstance(mapping, Map):
            raise FixtureError(
                source,
                getattr(mapping, "line", None) or line or None,
                f"{where}: expected a mapping, got {describe(mapping)}",
            )
        self.mapping = mapping
        self.seen: set[str] = set()

    def line_of(self, key: str | None = None) -> int:
        if key is not None and key in self.mapping.key_lines:
            return self.mapping.key_lines[key]
        return self.mapping.line

    def error(self, key: str | None, problem: str) -> FixtureError:
        label = (f"{self.where}.{key}" if self.where else key) if key else self.where
        return FixtureError(self.source, self.line_of(key), f"{label}: {problem}")

    def section(self, key: str) -> Fields | None:
        """The mapping under `key` read as Fields of its own (errors say `where.key` and its line),
        or None when the key is absent or null."""
        value = self.raw(key)
        if value is None:
            return None
        return Fields(value, self.source, f"{self.where}.{key}".lstrip("."), self.line_of(key))

    def has(self, key: str) -> bool:
        return key in self.mapping and self.mapping[key] is not None

    def raw(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        value = self.mapping.get(key)
        return default if value is None else value

    def require(self, key: str) -> None:
        if not self.has(key):
            typo = difflib.get_close_matches(key, [str(k) for k in self.mapping if k != key], n=1, cutoff=0.85)
            if typo:
                raise self.error(typo[0], f"unknown field (did you mean '{key}'?)")
            label = f"{self.where}: " if self.where else ""
            raise FixtureError(self.source, self.mapping.line, f"{label}missing required field '{key}'")

    def _typed(self, key: str, kinds: tuple[type, ...], name: str, default: Any, required: bool) -> Any:
        if required:
            self.require(key)
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(key, f"expected {name}, got {describe(value)}")
        if not isinstance(value, kinds):
            raise self.error(key, f"expected {name}, got {describe(value)}")
        return value

    def text(self, key: str, default: str | None = None, required: bool = False) -> Any:
        return self._typed(key, (str,), "text", default, required)

    def integer(
        self,
        key: str,
        default: int | None = None,
        required: bool = False,
        minimum: int | None = None,
        maximum: int = MAX_INTEGER,
    ) -> Any:
        value = self._typed(key, (int,), "a whole number", default, required)
        if value is None:
            return value
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, got {shorten(value)}")
        if value > maximum:
            raise self.error(key, f"must be at most {maximum}, got {shorten(value)}")
        return value

    def instant(self, key: str) -> float | None:
        """A point in time: unix seconds or an ISO 8601 text, within the clock's range."""
        value = self.raw(key)
        if value is None:
            return None
        try:
            return parse_instant(value)
        except (ValueError, TypeError) as exc:
            raise self.error(key, str(exc)) from None

    def http_url(self, key: str) -> str | None:
        """An absolute http(s) URL of plain ASCII (no spaces or control characters), or None."""
        url = self.text(key)
        if url is None:
            return None
        if not is_http_url(url):
            raise self.error(key, f"{url[:80]!r} must be an absolute http(s) URL of plain ASCII")
        return url

    def seconds(self, key: str, default: int | None = None, minimum: int = 0) -> Any:
        """A lifetime in whole seconds: at most MAX_TTL, so every expiry stays a representable date."""
        return self.integer(key, default, minimum=minimum, maximum=MAX_TTL)

    def number(
        self,
        key: str,
        default: float | None = None,
        required: bool = False,
        minimum: float | None = None,
        maximum: float = MAX_INTEGER,
    ) -> Any:
        value = self._typed(key, (int, float), "a number", default, required)
        if value is None:
            return None
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number) or number > maximum or (minimum is not None and number < minimum):
            low = "" if minimum is None else f"from {minimum:g} "
            raise self.error(key, f"must be a number {low}up to {maximum:g}, got {shorten(value)}")
        return number

    def boolean(self, key: str, default: bool | None = None) -> Any:
        return self._typed(key, (bool,), "true or false", default, False)

    def choice(self, key: str, options: tuple[str, ...], default: str | None) -> str:
        """One of `options`, given in any case; `default` when absent, required when it is None."""
        value = self.raw(key)
        if value is None:
            if default is None:
                self.require(key)  # raises: absent or null
            return default or ""
        text = str(value).lower() if isinstance(value, str | int) and not isinstance(value, bool) else None
        if text not in options:
            raise self.error(key, f"must be one of {', '.join(options)}, got {describe(value)}")
        return text

    def text_list(self, key: str, default: list[str] | None = None, required: bool = False) -> list[str]:
        if required:
            self.require(key)
        value = self.raw(key)
        if value is None:
            return list(default or [])
        if not isinstance(value, Seq):
            raise self.error(key, f"expected a list of text, got {describe(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise FixtureError(
                    self.source,
                    value.item_lines[index],
                    f"{self.where}.{key}[{index}]: expected text, got {describe(item)}",
                )
        return list(value)

    def items(self, key: str) -> list[tuple[Any, str, int]]:
        """The entries of a list field, each with its label and line."""
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, Seq):
            raise self.error(key, f"expected a list, got {describe(value)}")
        prefix = f"{self.where}.{key}" if self.where else key
        return [(item, f"{prefix}[{i}]", value.item_lines[i]) for i, item in enumerate(value)]

    def check_unknown(self) -> None:
        for key in self.mapping:
            if key not in self.seen:
                hint = difflib.get_close_matches(str(key), sorted(self.seen), n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise self.error(str(key), f"unknown field{suggestion}")


def refuse_duplicates(source: str, what: str, entries: Iterable[tuple[Any, str, int]]) -> None:
    """Every `(value, where, line)` once: a second use names both places, `FILE:LINE: where: ...`."""
    seen: dict[Any, tuple[str, int]] = {}
    for value, where, line in entries:
        first = seen.setdefault(value, (where, line))
        if first != (where, line):
            place = f"{first[0]}, line {first[1]}" if first[1] else first[0]
            problem = f"{where}: {what} '{shorten(value)}' is used twice (first at {place})"
            raise FixtureError(source, line, problem)
