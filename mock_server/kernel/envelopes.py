"""Which error envelope answers on a path, and which error names each envelope knows.

An envelope is one error shape on the wire. Every API family declares its own
(`Envelope`: a name, the path prefixes it answers on, the error names of its
one error table); the mock puts them together in one `Envelopes`, which fault
rules read to answer "a TikTok error by name" in the shape the path's clients
expect, and to refuse a name the path's shape does not have. The kernel knows
no family: it only reads what they declare.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class V2Error(NamedTuple):
    """A row of TikTok's v2 error table: the HTTP status and default message of a code.
    Every family that answers in the v2 envelope (Display, Content Posting) keeps its
    codes in rows of this shape; `families/__init__.py` merges them into one table."""

    status: int
    message: str


@dataclass(frozen=True)
class Envelope:
    name: str  # e.g. "oauth", "v2", "shop"
    prefixes: tuple[str, ...]  # paths it answers on (the longest matching prefix wins)
    error_names: frozenset[str]
    bad_input: str | int  # the error it answers malformed input with (a body too large, ...)
    int_codes: bool = False  # an int names an error too (TikTok Shop's numeric codes)


class Envelopes:
    def __init__(self, envelopes: Iterable[Envelope], default: str) -> None:
        self.by_name = {envelope.name: envelope for envelope in envelopes}
        self.default = default  # the shape of a path nobody declares
        # Longest prefix first, so /v2/oauth/ wins over /v2/.
        self._prefixes = sorted(
            ((prefix, e.name) for e in self.by_name.values() for prefix in e.prefixes),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.by_name)

    def of(self, path: str) -> str:
        for prefix, name in self._prefixes:
            if path.startswith(prefix) or path == prefix.rstrip("/"):
                return name
        return self.default

    def knowing(self, error: str | int) -> frozenset[str]:
        """The envelopes that have this error: a name is per envelope; an int is a numeric code."""
        if isinstance(error, int):
            return frozenset(e.name for e in self.by_name.values() if e.int_codes)
        return frozenset(e.name for e in self.by_name.values() if error in e.error_names)

    def known_names(self) -> dict[str, list[str]]:
        return {e.name: sorted(e.error_names) for e in self.by_name.values()}
