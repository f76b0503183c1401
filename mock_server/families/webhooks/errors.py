"""Webhooks answer no TikTok path, so they have no error envelope of their own (their
control endpoints answer in the control API's shape). What they have is a table of the
ways a delivery ends, which the state, the control API and the dashboard share."""

from __future__ import annotations

PENDING = "pending"  # waiting for its next attempt
DELIVERED = "delivered"  # the receiver answered a success status
DROPPED = "dropped"  # retried for the whole window (72 h) without success, or pushed out of a full queue

OUTCOMES: dict[str, str] = {
    PENDING: "waiting for its next attempt (on the mock clock)",
    DELIVERED: "the receiver answered a success status (200 by default)",
    DROPPED: "no success within the retry window, or pushed out of a full queue",
}
