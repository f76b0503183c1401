"""The API families. Each is the same vertical slice (see docs/architecture.md):

    fixture.py  its part of the fixture document -> a frozen, validated spec
    state.py    its live state, rebuilt from that spec on every reset
    rules.py    its behaviour, pure (no HTTP)
    routes.py   thin HTTP: parse, call the rules, render
    errors.py   its one error table, and the envelope(s) it answers in
    control.py  its /_mock/ endpoints

This module holds what the kernel needs from all of them, read from their
pure `errors.py` modules: every envelope, and the v2 error table the families
that answer in TikTok's v2 envelope share.
"""

from __future__ import annotations

from mock_server.families.display.errors import V2_ERRORS as DISPLAY_ERRORS
from mock_server.families.login_kit.errors import AUTHORIZE_ENVELOPE, OAUTH_ENVELOPE
from mock_server.families.posting.errors import POSTING_ERRORS
from mock_server.families.posting.fixture import TUNABLES as POSTING_TUNABLES
from mock_server.families.posting.uploads import UPLOAD_PATH, UPLOAD_PATH_LIMIT
from mock_server.families.shop.errors import SHOP_ENVELOPE
from mock_server.families.webhooks.fixture import TUNABLES as WEBHOOK_TUNABLES
from mock_server.kernel.envelopes import Envelope, Envelopes, V2Error

# TikTok's v2 codes: Display's table (the generic ones) and Content Posting's own.
V2_ERRORS: dict[str, V2Error] = {**DISPLAY_ERRORS, **POSTING_ERRORS}
V2_ENVELOPE = Envelope("v2", ("/v2/",), frozenset(V2_ERRORS), bad_input="invalid_params")

# A path no family declares answers in the v2 shape, as TikTok's unknown paths do
# (Content Posting's upload URL, `PUT /video/?upload_id=...`, among them).
ENVELOPES = Envelopes([OAUTH_ENVELOPE, AUTHORIZE_ENVELOPE, V2_ENVELOPE, SHOP_ENVELOPE], default=V2_ENVELOPE.name)

# Paths that take large streamed bodies, with their own size limit (bytes); every other
# body is held to `InputLimits.max_body` by the boundary.
UPLOAD_LIMITS: dict[str, int] = {UPLOAD_PATH: UPLOAD_PATH_LIMIT}

# Every family's run-time settings (the scenario action `set`), each with its value's reader.
TUNABLES = {**POSTING_TUNABLES, **WEBHOOK_TUNABLES}


def upload_limit(path: str) -> int | None:
    return next((limit for prefix, limit in UPLOAD_LIMITS.items() if path.startswith(prefix)), None)


__all__ = ["ENVELOPES", "TUNABLES", "UPLOAD_LIMITS", "V2_ERRORS", "V2Error", "upload_limit"]
