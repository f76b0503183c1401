"""One reset for every family: the clock goes back, every family is rebuilt,
and the start-up scenarios run last, so their clock move reaches every family's
fixture tokens alike, at start and after every reset."""

from __future__ import annotations

from mock_server.fixtures import bundled_fixture_path
from tests.shop.conftest import ShopClient

LATE_START = """
  late-start:
    description: The run starts 25 hours after the fixture tokens were issued.
    steps:
      - action: advance_clock
        by: 25h
"""
HOUR, DAY = 3600, 86400


def started_late(make_client, clock):
    text = bundled_fixture_path().read_text(encoding="utf-8") + LATE_START
    return make_client(text, scenario="late-start")


def user_info_status(client) -> int:
    headers = {"Authorization": "Bearer act.demo-tiktoker"}
    return client.get("/v2/user/info/", params={"fields": "open_id"}, headers=headers).status_code


def shop_code(client) -> int:
    return ShopClient(client).get("/seller/202309/shops", cipher=None).json()["code"]


def check_every_family_saw_the_same_clock_move(client) -> None:
    # Login Kit's fixture token (24 h) expired 1 h ago: it was issued before the move.
    assert user_info_status(client) == 401
    # The Shop fixture token (7 days) was issued at the same start: 6 days minus 1 hour left.
    assert shop_code(client) == 0
    client.post("/_mock/clock", json={"advance": f"{6 * DAY - HOUR - 1}s"})
    assert shop_code(client) == 0
    client.post("/_mock/clock", json={"advance": "1s"})
    assert shop_code(client) == 105002  # access token expired, as TikTok Shop says it


def test_a_start_up_scenario_moves_the_clock_for_every_familys_fixture_tokens(make_client, clock):
    client = started_late(make_client, clock)

    check_every_family_saw_the_same_clock_move(client)


def test_a_reset_rebuilds_every_family_before_the_start_up_scenario_runs_again(make_client, clock):
    client = started_late(make_client, clock)
    client.post("/_mock/clock", json={"advance": "30d"})

    assert client.post("/_mock/reset").status_code == 200
    check_every_family_saw_the_same_clock_move(client)
