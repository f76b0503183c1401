"""What the control tests send as a client of the bundled fixtures."""

from __future__ import annotations

BEARER = {"Authorization": "Bearer act.demo-tiktoker"}
REFRESH_FORM = {
    "client_key": "sbawdemo000001",
    "client_secret": "demo-secret",
    "grant_type": "refresh_token",
    "refresh_token": "rft.demo-tiktoker",
}
