"""`page_size` / `page_token` / `next_page_token` paging, as the Partner API pages.

The order is total and stable: the sort field, then the id. A page token holds the
(sort value, id) of the last item returned, so the next page starts right after
it even when items were added or removed in between: paging to the end yields
every matching item once. An empty `next_page_token` means the end (§4.4).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from mock_server.families.shop.errors import invalid_params
from mock_server.kernel.inputs import InputError, whole_number

T = TypeVar("T")
SortKey = tuple[Any, str]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_page_token: str
    total_count: int


def encode_token(key: SortKey) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str) -> SortKey:
    try:
        value = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        value = None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)):
        raise invalid_params(f"Invalid page_token. '{token}' is not a page_token this API returned.")
    return value[0], value[1]


def page_size(raw: str | None, default: int | None = 20, maximum: int = 100) -> int:
    """The `page_size` query parameter: required where `default` is None, 1..maximum."""
    if raw is None:  # given but empty is a wrong value, not a missing one
        if default is None:
            raise invalid_params("Invalid parameter. page_size is required.")
        return default
    try:
        return whole_number(raw, "page_size", 1, maximum)
    except InputError:
        raise invalid_params(
            f"Invalid parameter. page_size must be an integer from 1 to {maximum}, got '{raw[:40]}'."
        ) from None


def sort_order(raw: str | None, default: str = "DESC") -> bool:
    """True for descending. TikTok spells it ASC / DESC."""
    value = (raw or default).upper()
    if value not in ("ASC", "DESC"):
        raise invalid_params(f"Invalid parameter. sort_order must be ASC or DESC, got '{raw}'.")
    return value == "DESC"


def paginate(
    items: Iterable[T],
    key: Callable[[T], SortKey],
    size: int,
    token: str | None,
    descending: bool = True,
) -> Page[T]:
    ordered = sorted(items, key=key, reverse=descending)
    start = 0
    if token:
        last = decode_token(token)
        after = (lambda k: k < last) if descending else (lambda k: k > last)
        try:
            start = next((i for i, item in enumerate(ordered) if after(key(item))), len(ordered))
        except TypeError:  # a token whose sort value is not of this sort field's type
            raise invalid_params(f"Invalid page_token. '{token}' is not a page_token this API returned.") from None
    chunk = ordered[start : start + size]
    more = start + size < len(ordered)
    return Page(chunk, encode_token(key(chunk[-1])) if more and chunk else "", len(ordered))
