"""JSON Schema's `integer`, read one way everywhere: a number whose fractional part is
zero is an integer (`6.0` is the integer 6, as JSON Schema says), while `6.5`, `true` and
`"6"` are not. A value a spec calls valid is then one the mock accepts: Display's and
TikTok Shop's request bodies and the control API read whole numbers here.
"""

from __future__ import annotations

from typing import Any


def json_integer(value: Any) -> int | None:
    """The int a JSON value equals: an int, or a finite float with no fraction; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():  # False for NaN and the infinities
        return int(value)
    return None
