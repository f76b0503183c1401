"""Rate limits: N requests per sliding window per endpoint per access token, then 429 rate_limit_exceeded."""

from __future__ import annotations

import pytest

from mock_server.kernel.clock import Clock
from mock_server.kernel.limits import RateLimit, RateLimiter
from tests.display.helpers import data_of, error_of, user_info, video_list

FIXTURE = """
settings:
  rate_limit: {requests: 3, window: 60}
apps:
  - client_key: limitedapp0001
    redirect_uris: [https://example.com/callback]
    scopes: [user.info.basic, video.list]
  - client_key: roomyapp000001
    redirect_uris: [https://example.com/callback]
    scopes: [user.info.basic, video.list]
    rate_limit: {requests: 5, window: 10}
users:
  - username: one
    videos: 2
tokens:
  - {app: limitedapp0001, user: one, access_token: act.first}
  - {app: limitedapp0001, user: one, access_token: act.second}
  - {app: roomyapp000001, user: one, access_token: act.roomy}
"""


@pytest.fixture
def limited(make_client):
    return make_client(FIXTURE)


def info(client, token="act.first"):
    return user_info(client, "open_id", token=token)


def assert_limited(response):
    assert response.status_code == 429
    assert error_of(response)["code"] == "rate_limit_exceeded"


def test_the_request_after_the_limit_is_429(limited):
    for _ in range(3):
        data_of(info(limited))

    assert_limited(info(limited))


def test_the_limit_is_released_after_the_window(limited, clock):
    for _ in range(3):
        info(limited)
    clock.advance(60)

    data_of(info(limited))


def test_the_window_slides_rather_than_resetting_at_once(limited, clock):
    info(limited)
    clock.advance(30)
    info(limited)
    info(limited)
    clock.advance(30)  # the first request has left the window, the other two have not

    data_of(info(limited))
    assert_limited(info(limited))


def test_refused_requests_do_not_count(limited, clock):
    for _ in range(3):
        info(limited)
    for _ in range(10):
        info(limited)
    clock.advance(60)

    for _ in range(3):
        data_of(info(limited))


def test_each_endpoint_has_its_own_count(limited):
    for _ in range(3):
        info(limited)

    data_of(video_list(limited, {}, fields="id", token="act.first"))


def test_each_access_token_has_its_own_count(limited):
    for _ in range(3):
        info(limited)

    data_of(info(limited, token="act.second"))


def test_an_app_may_set_its_own_limit(limited, clock):
    for _ in range(5):
        data_of(info(limited, token="act.roomy"))
    assert_limited(info(limited, token="act.roomy"))
    clock.advance(10)

    data_of(info(limited, token="act.roomy"))


def test_the_default_limit_is_600_per_sliding_minute(mock):
    # The HTTP behaviour is shown with small limits above; 600 real calls would only slow the suite.
    assert mock.settings.rate_limit == RateLimit(requests=600, window=60)
    assert {app.rate_limit for app in mock.login_kit.apps.values()} == {RateLimit(requests=600, window=60)}


def test_a_reset_clears_the_counts(limited):
    for _ in range(3):
        info(limited)

    limited.app.state.mock.reset()

    data_of(info(limited))


def test_a_tracked_key_keeps_at_most_limit_timestamps():
    limiter = RateLimiter(Clock.frozen_at(0))
    for _ in range(1000):
        limiter.allow("key", RateLimit(requests=5, window=60))

    assert len(limiter._hits["key"]) == 5


def test_the_number_of_tracked_keys_is_bounded():
    limiter = RateLimiter(Clock.frozen_at(0), max_keys=100)
    for key in range(10_000):
        limiter.allow(key, RateLimit())

    assert len(limiter) == 100


def test_a_reset_of_one_app_clears_only_that_apps_counts(limited):
    for _ in range(3):
        info(limited)
    for _ in range(5):
        info(limited, token="act.roomy")

    limited.app.state.mock.reset("limitedapp0001")

    data_of(info(limited))
    assert_limited(info(limited, token="act.roomy"))
