"""Reading Display API requests: the bearer token, `fields`, and the JSON bodies.

Every bad input is an `invalid_params` ApiError that names the field, as
tiktok-api.md Part 1 decides. JSON types are checked the way TikTok's typed
decoder would: `true` is not an int, `"10"` is not an int, 10.5 is not an int; `10.0` is
the integer 10, as JSON Schema (and so the spec) says (kernel/json_numbers.py).
"""

from __future__ import annotations

import json
from typing import Any

from mock_server.kernel.errors import ApiError
from mock_server.kernel.inputs import InputError, json_document
from mock_server.kernel.json_numbers import json_integer

MAX_COUNT_DEFAULT = 10
MAX_COUNT_LIMIT = 20
QUERY_IDS_LIMIT = 20
INT64_MAX = 2**63 - 1


def field_names(text: str | None) -> list[str]:
    """The comma-separated `fields` query parameter, in order, each once."""
    names = [part.strip() for part in (text or "").split(",")]
    return list(dict.fromkeys(name for name in names if name))


def decode_json_body(raw: bytes, max_depth: int) -> dict[str, Any]:
    """The JSON object of a request body; an empty body is an empty object (every key is optional)."""
    if not raw.strip():
        return {}
    try:
        body = json_document(raw, max_depth)
    except InputError as exc:
        raise ApiError("invalid_params", f"Invalid parameter: {exc}.") from None
    if not isinstance(body, dict):
        raise ApiError("invalid_params", "The request body must be a JSON object.")
    return body


def _integer(body: dict[str, Any], key: str, minimum: int, maximum: int) -> int | None:
    given = body.get(key)
    if given is None:
        return None
    value = json_integer(given)
    if value is None:
        raise ApiError("invalid_params", f"Invalid parameter: {key} must be an integer, got {json.dumps(given)}.")
    if not minimum <= value <= maximum:
        raise ApiError("invalid_params", f"Invalid parameter: {key} must be between {minimum} and {maximum}.")
    return value


def video_list_request(body: dict[str, Any]) -> tuple[int | None, int]:
    """(cursor in ms or None, max_count) of a `/v2/video/list/` body."""
    cursor = _integer(body, "cursor", 0, INT64_MAX)
    max_count = _integer(body, "max_count", 1, MAX_COUNT_LIMIT)
    return cursor, MAX_COUNT_DEFAULT if max_count is None else max_count


def video_query_request(body: dict[str, Any]) -> list[str]:
    """The video ids of a `/v2/video/query/` body `{"filters": {"video_ids": [...]}}`, each once."""
    filters = body.get("filters")
    if not isinstance(filters, dict):
        raise ApiError("invalid_params", 'Invalid parameter: filters is required: {"filters": {"video_ids": [...]}}.')
    ids = filters.get("video_ids")
    if not isinstance(ids, list) or not all(isinstance(video_id, str) for video_id in ids):
        raise ApiError("invalid_params", "Invalid parameter: filters.video_ids must be a list of video id strings.")
    if not ids:
        raise ApiError("invalid_params", "Invalid parameter: filters.video_ids must list at least one video id.")
    if len(ids) > QUERY_IDS_LIMIT:
        raise ApiError(
            "invalid_params",
            f"Invalid parameter: filters.video_ids lists {len(ids)} ids; at most {QUERY_IDS_LIMIT} are allowed.",
        )
    return list(dict.fromkeys(ids))
