"""The `tiktok_mock` fixture as a user's test suite gets it: installed via the
pytest11 entry point, run here by pytester in a throwaway project."""

from __future__ import annotations

from importlib.metadata import entry_points

pytest_plugins = ["pytester"]

USER_TESTS = """
import httpx

BEARER = {"Authorization": "Bearer act.demo-tiktoker"}


def test_a_fault_by_name(tiktok_mock):
    tiktok_mock.fault(path="/v2/user/info/", error="rate_limit_exceeded", times=1)

    first = httpx.get(tiktok_mock.url("/v2/user/info/?fields=open_id"), headers=BEARER)
    second = httpx.get(tiktok_mock.url("/v2/user/info/?fields=open_id"), headers=BEARER)

    assert first.json()["error"]["code"] == "rate_limit_exceeded"
    assert second.status_code == 200
    assert [e["status"] for e in tiktok_mock.requests(path="/v2/user/info/")] == [429, 200]


def test_each_test_starts_from_a_reset(tiktok_mock):
    assert tiktok_mock.control.faults() == []
    assert tiktok_mock.requests() == []


def test_advance_moves_the_mock_clock_past_expiry(tiktok_mock):
    tiktok_mock.advance("25h")

    response = httpx.get(tiktok_mock.origin + "/v2/user/info/?fields=open_id", headers=BEARER)

    assert response.json()["error"]["code"] == "access_token_invalid"


def test_a_scenario(tiktok_mock):
    tiktok_mock.scenario("flaky")

    codes = [httpx.get(tiktok_mock.url("/v2/user/info/?fields=open_id"), headers=BEARER).status_code for _ in "abc"]

    assert codes == [500, 500, 200]
"""


def test_the_plugin_is_registered_as_a_pytest11_entry_point():
    assert any(ep.value == "mock_server.pytest_plugin" for ep in entry_points(group="pytest11"))


def test_a_users_suite_gets_a_live_mock_reset_before_each_test(pytester):
    pytester.makepyfile(test_user=USER_TESTS)

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=4)


def test_the_fixture_file_and_seed_come_from_the_ini_file(pytester):
    pytester.makefile(
        ".yaml",
        custom="apps:\n  - client_key: sbawcustom001\n    redirect_uris: [https://c.example/cb]\nusers:\n  - {}\n",
    )
    pytester.makeini("[pytest]\ntiktok_mock_fixtures = custom.yaml\ntiktok_mock_seed = 7\n")
    pytester.makepyfile(
        test_custom="""
def test_state(tiktok_mock):
    state = tiktok_mock.state()
    assert state["apps"] == ["sbawcustom001"]
    assert state["seed"] == 7
"""
    )

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)


def test_the_command_line_options_win_over_the_ini_file(pytester):
    pytester.makefile(".yaml", other="users:\n  - username: only\n")
    pytester.makeini("[pytest]\ntiktok_mock_seed = 7\n")
    pytester.makepyfile(
        test_cli="""
def test_state(tiktok_mock):
    state = tiktok_mock.state()
    assert state["users"] == ["only"]
    assert state["seed"] == 99
"""
    )

    result = pytester.runpytest("-p", "no:cacheprovider", "--tiktok-mock-fixtures=other.yaml", "--tiktok-mock-seed=99")

    result.assert_outcomes(passed=1)


def test_a_control_error_names_the_field(pytester):
    pytester.makepyfile(
        test_error="""
import pytest
from mock_server.client import MockControlError


def test_bad_fault(tiktok_mock):
    with pytest.raises(MockControlError) as caught:
        tiktok_mock.fault(path="/v2/user/info/", error="nope")
    assert caught.value.status == 400
    assert caught.value.field == "respond.error"
"""
    )

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)
