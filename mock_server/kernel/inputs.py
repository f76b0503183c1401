"""The guarded boundary's rules for untrusted input, in one place: whole numbers,
JSON documents, and the sizes the mock accepts. Every family reads request
numbers and JSON bodies through here and turns an `InputError` into its own
error envelope, so a 5,000-digit number, NaN, JSON 1,000 deep or a body too
large is a clear 4xx in TikTok's shape, never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

# A whole number in a request has at most this many digits: enough for int64 and
# unix milliseconds. (Python refuses to parse more than 4,300 digits at all.)
MAX_DIGITS = 20
INT64_MAX = 2**63 - 1


class InputError(ValueError):
    """Input the mock refuses; the message says what is wrong, for the client to read."""


@dataclass(frozen=True)
class InputLimits:
    """What the boundary accepts; `settings.limits` in the fixture, `--max-body` on the CLI."""

    max_body: int = 1024 * 1024  # bytes of a JSON or form body (uploads have their own limit)
    max_json_depth: int = 32  # nesting of objects and arrays in a JSON body
    read_timeout: float = 30.0  # seconds a client may take to send the rest of a started body
    max_header_bytes: int = 8 * 1024  # bytes of one header value the journal keeps


def whole_number(text: str, name: str, minimum: int = 0, maximum: int = INT64_MAX) -> int:
    """`text` as an int within [minimum, maximum]: ASCII digits with an optional `-`, at most MAX_DIGITS."""
    digits = text[1:] if text[:1] == "-" else text
    if not digits or len(digits) > MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
        raise InputError(f"{name} must be a whole number, got '{text[:40]}'")
    value = int(text)
    if not minimum <= value <= maximum:
        raise InputError(f"{name} must be between {minimum} and {maximum}, got {text[:40]}")
    return value


def json_document(raw: bytes, max_depth: int = InputLimits.max_json_depth) -> Any:
    """The JSON value of `raw` (UTF-8): NaN, Infinity, numbers that overflow a double and
    nesting deeper than `max_depth` are refused, as TikTok's typed decoders would."""
    try:
        value = orjson.loads(raw)  # refuses NaN/Infinity and overflowing numbers; depth at most 1024
    except orjson.JSONDecodeError as exc:
        raise InputError(f"the body is not valid JSON: {str(exc).split(':')[0]}") from None
    if _depth_exceeds(value, max_depth):
        raise InputError(f"the JSON body is nested deeper than {max_depth} levels")
    return value


def _depth_exceeds(value: Any, max_depth: int) -> bool:
    """Iterative (no recursion to exhaust): whether objects/arrays nest deeper than `max_depth`."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
