"""The request journal: what clients sent and what the mock answered.

A ring buffer (`deque(maxlen=journal_size)`), so a long run cannot grow memory.
Recording keeps the raw bytes and does no work; decoding, masking secrets and
parsing bodies happen only when someone reads the journal.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl, unquote

from mock_server.kernel.faults import normal_path, path_glob
from mock_server.kernel.inputs import InputError, json_document
from mock_server.kernel.net import media_type

BODY_LIMIT = 64 * 1024  # bytes of a request or reply body kept per entry

SECRET_HEADERS = frozenset({"authorization", "x-tts-access-token", "cookie", "proxy-authorization"})
SECRET_FIELDS = frozenset(
    {
        "client_secret",
        "app_secret",
        "access_token",
        "refresh_token",
        "token",
        "auth_code",
        "code_verifier",
        "password",
        "control_token",
    }
)
# `code` is a secret in a form or query (the authorization code), but TikTok's
# JSON replies use it for error codes, so JSON keeps it.
FORM_SECRETS = SECRET_FIELDS | {"code"}


# Credentials are hidden whole; tokens and codes keep a few leading characters to tell them apart.
CREDENTIALS = frozenset({"client_secret", "app_secret", "password", "control_token", "code_verifier"})


def mask_field(name: str, value: str) -> str:
    return "•••" if unquote(name).lower() in CREDENTIALS else mask(value)


def mask(value: str) -> str:
    """Enough to tell tokens apart (`Bearer act.demo…`), never the whole secret."""
    scheme, _, secret = value.partition(" ") if value.lower().startswith("bearer ") else ("", "", value)
    shown = secret[: min(8, len(secret) // 2)]
    return f"{scheme} {shown}…".lstrip() if scheme else f"{shown}…"


@dataclass(slots=True)
class Entry:
    id: int
    at: float
    method: str
    path: str
    query: bytes
    headers: list[tuple[bytes, bytes]]
    body: bytes
    client_key: str | None = None
    open_id: str | None = None
    status: int | None = None  # None: the connection was dropped
    reply: bytes = b""
    reply_type: str = ""
    fault: str | None = None
    duration: float = 0.0  # seconds, wall time


class Journal:
    def __init__(self, size: int) -> None:
        self.entries: deque[Entry] = deque(maxlen=size)
        self._next_id = 1

    def new_id(self) -> int:
        entry_id = self._next_id
        self._next_id += 1
        return entry_id

    def record(self, entry: Entry) -> None:
        self.entries.append(entry)

    def clear(self, client_key: str | None = None) -> int:
        before = len(self.entries)
        if client_key is None:
            self.entries.clear()
        else:
            kept = [entry for entry in self.entries if entry.client_key != client_key]
            self.entries = deque(kept, maxlen=self.entries.maxlen)
        return before - len(self.entries)

    def select(
        self,
        path: str | None = None,
        method: str | None = None,
        client_key: str | None = None,
        status: int | None = None,
        since: float | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Newest last; `path` is exact or a glob with `*`, a final `/` optional."""
        glob = path_glob(path) if path else None
        found = [
            entry
            for entry in self.entries
            if (glob is None or glob.match(normal_path(entry.path)))
            and (method is None or entry.method == method.upper())
            and (client_key is None or entry.client_key == client_key)
            and (status is None or entry.status == status)
            and (since is None or entry.at >= since)
        ]
        return found[-limit:] if limit else found


def describe(entry: Entry) -> dict[str, Any]:
    """One entry as JSON-ready data, secrets masked and bodies parsed where they are JSON or forms."""
    headers: dict[str, str] = {}
    content_type = ""
    for raw_name, raw_value in entry.headers:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name == "content-type":
            content_type = value
        headers[name] = mask(value) if name in SECRET_HEADERS else value
    return {
        "id": entry.id,
        "time": datetime.fromtimestamp(entry.at, UTC).isoformat().replace("+00:00", "Z"),
        "method": entry.method,
        "path": entry.path,
        "query": _masked_pairs(parse_qsl(entry.query.decode("latin-1"), keep_blank_values=True)),
        "headers": headers,
        "body": _body(entry.body, content_type),
        "client_key": entry.client_key,
        "open_id": entry.open_id,
        "status": entry.status,
        "reply": _body(entry.reply, entry.reply_type),
        "fault": entry.fault,
        "duration_ms": round(entry.duration * 1000, 3),
    }


def _masked_pairs(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        value = mask_field(key, value) if key in FORM_SECRETS else value
        if key in result:
            previous = result[key]
            result[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            result[key] = value
    return result


def _body(raw: bytes, content_type: str) -> Any:
    if not raw:
        return None
    raw = raw[:BODY_LIMIT]
    text = raw.decode("utf-8", "replace")
    kind = media_type(content_type)
    if kind == "application/x-www-form-urlencoded":
        return _masked_pairs(parse_qsl(text, keep_blank_values=True))
    if kind == "application/json" or kind.endswith("+json"):
        try:
            return _masked_json(json_document(raw))
        except InputError:
            pass
    if kind == "multipart/form-data":
        return _masked_multipart(raw, content_type) or masked_text(text)
    return masked_text(text)


def masked_text(text: str) -> str:
    """Secrets in text that is neither JSON nor a form: `name=value`, `"name": "value"`, with the
    name's characters written plainly or percent-encoded (`client%5Fsecret=...`)."""
    return _SECRET_TEXT.sub(lambda m: f"{m['lead']}{mask_field(m['name'], m['value'])}", text)


def masked_query(query: str) -> str:
    """A query string as logs show it: every secret parameter's value masked, the rest as sent."""
    return masked_text(query) if "=" in query else query


def _masked_multipart(raw: bytes, content_type: str) -> dict[str, Any] | None:
    message = BytesParser(policy=policy.HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
    if not message.is_multipart():
        return None
    parts: dict[str, Any] = {}
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition") or "")
        payload = part.get_payload(decode=True)
        if part.get_filename() is not None or not isinstance(payload, bytes):
            parts[name] = f"<file {part.get_filename()!s}>"
        else:
            value = payload.decode("utf-8", "replace")
            parts[name] = mask_field(name, value) if name in FORM_SECRETS else value
    return parts


def _masked_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: mask_field(key, str(item)) if key in SECRET_FIELDS else _masked_json(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_masked_json(item) for item in value]
    return value


def _spelled(name: str) -> str:
    """A pattern for `name` with each character plain or percent-encoded (either case)."""
    return "".join(f"(?:{re.escape(char)}|%{ord(char):02x}|%{ord(char):02X})" for char in name)


# Secrets in a body that is neither JSON nor a form (e.g. a truncated one), and in query strings.
_SECRET_NAMES = "|".join(_spelled(name) for name in sorted(FORM_SECRETS, key=len, reverse=True))
_SECRET_TEXT = re.compile(
    rf'(?<![A-Za-z0-9_])(?P<lead>(?P<name>{_SECRET_NAMES})"?\s*(?::|=|%3[aA]|%3[dD])\s*"?)(?P<value>[^"&,\s]+)'
)
