"""The injectable clock every expiry reads."""

from __future__ import annotations

import pytest

from mock_server.kernel.clock import Clock, parse_duration, parse_instant


def test_a_clock_frozen_at_an_instant_reads_exactly_that_instant():
    assert Clock.frozen_at("2026-03-01T12:00:00Z").iso() == "2026-03-01T12:00:00Z"


def test_advance_and_set_move_a_frozen_clock_exactly():
    clock = Clock.frozen_at(1000)
    clock.advance(parse_duration("1h30m"))
    assert clock.now() == 1000 + 5400
    clock.set(parse_instant("2026-01-01T00:00:00Z"))
    assert clock.now() == 1767225600


def test_unfreeze_keeps_time_running_from_where_it_stood():
    clock = Clock.frozen_at(1000)
    clock.unfreeze()

    assert 1000 <= clock.now() < 1010


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("25h", 90000), ("500ms", 0.5), ("2d", 172800), (" 12 ", 12), ("-1h", -3600), (7, 7)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "5 parsecs", "1h banana", "", True])
def test_bad_durations_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)
