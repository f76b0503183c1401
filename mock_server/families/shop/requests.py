"""Reading a Partner API call's inputs: typed query values and JSON body fields,
each wrong one refused with TikTok's invalid-parameter code naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mock_server.families.shop.errors import invalid_params
from mock_server.families.shop.paging import page_size, sort_order
from mock_server.kernel.inputs import INT64_MAX, InputError, whole_number
from mock_server.kernel.json_numbers import json_integer


@dataclass
class Call:
    """One checked Partner API call: who makes it, for which shop, with what."""

    query: Mapping[str, str]
    body: Any = None  # parsed JSON, or None
    has_body: bool = False  # a body was sent (its JSON may still be `null`)
    path_params: Mapping[str, str] = field(default_factory=dict)
    now: int = 0
    files: dict[str, bytes] = field(default_factory=dict)  # multipart parts (name -> bytes)
    fields: dict[str, str] = field(default_factory=dict)  # multipart text fields

    # -- query --------------------------------------------------------------------

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.query.get(key)
        if required and not value:
            raise invalid_params(f"Invalid parameter. {key} is required.")
        return value or None

    def integer(self, key: str) -> int | None:
        value = self.query.get(key)
        if value is None or value == "":
            return None
        try:
            return whole_number(value, key)
        except InputError:
            raise invalid_params(
                f"Invalid parameter. {key} must be unix seconds (0 or more), got '{value[:40]}'."
            ) from None

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None, required: bool = False) -> str:
        value = self.query.get(key)
        value = default if value is None else value  # given but empty is a wrong value, not a missing one
        if value is None and required:
            raise invalid_params(f"Invalid parameter. {key} is required (one of {', '.join(options)}).")
        if value not in options:
            raise invalid_params(f"Invalid parameter. {key} must be one of {', '.join(options)}, got '{value}'.")
        return value

    def page_size(self, default: int | None = 20, maximum: int = 100) -> int:
        return page_size(self.query.get("page_size"), default, maximum)

    def descending(self, default: str = "DESC") -> bool:
        return sort_order(self.query.get("sort_order"), default)

    # -- body ----------------------------------------------------------------------

    def json_object(self) -> dict[str, Any]:
        if not self.has_body:
            return {}
        if not isinstance(self.body, dict):
            raise invalid_params("Invalid parameter. The request body must be a JSON object.")
        return self.body


def body_field(body: Mapping[str, Any], key: str, kind: type | tuple[type, ...], required: bool = False) -> Any:
    value = body.get(key)
    if value is None and key in body:
        # An explicit null is refused, not taken as "absent": the stricter reading (TikTok's is undocumented).
        raise invalid_params(f"Invalid parameter. {key} has the wrong type (null).")
    if value is None:
        if required:
            raise invalid_params(f"Invalid parameter. {key} is required.")
        return None
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise invalid_params(f"Invalid parameter. {key} has the wrong type.")
    if int in kinds and isinstance(value, float) and json_integer(value) is not None:
        return json_integer(value)  # 5.0 is the integer 5 (JSON Schema's integer)
    if not isinstance(value, kind):
        raise invalid_params(f"Invalid parameter. {key} has the wrong type.")
    if isinstance(value, int) and not isinstance(value, bool) and not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise invalid_params(f"Invalid parameter. {key} is out of range (TikTok's integers are int64).")
    return value


def body_time(body: Mapping[str, Any], key: str) -> int | None:
    value = body_field(body, key, int)
    if value is not None and value < 0:
        raise invalid_params(f"Invalid parameter. {key} must be unix seconds (0 or more), got {value}.")
    return value


def text_list(body: Mapping[str, Any], key: str, maximum: int | None = None) -> list[str] | None:
    value = body_field(body, key, list)
    if value is None:
        return None
    if not all(isinstance(item, str) for item in value):
        raise invalid_params(f"Invalid parameter. {key} must be a list of strings.")
    if maximum is not None and len(value) > maximum:
        raise invalid_params(f"Invalid parameter. {key} takes at most {maximum} values.")
    return value


def in_range(value: int, ge: int | None, lt: int | None) -> bool:
    return (ge is None or value >= ge) and (lt is None or value < lt)
