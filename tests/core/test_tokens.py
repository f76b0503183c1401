"""Token bookkeeping that must stay bounded however long a client runs."""

from __future__ import annotations

from mock_server.core.clock import Clock
from mock_server.core.ids import IdFactory
from mock_server.core.models import App
from mock_server.core.tokens import MAX_ACCESS_TOKENS_PER_GRANT, TokenStore

APP = App(
    client_key="k1", client_secret="s1", name="A", redirect_uris=["https://a.example/cb"], scopes=["user.info.basic"]
)


def store() -> TokenStore:
    return TokenStore(Clock.frozen_at(1000), IdFactory(1))


def test_a_refresh_loop_keeps_at_most_the_cap_of_live_access_tokens_per_grant():
    tokens = store()
    current = tokens.issue_token_set(APP, "-000user", ["user.info.basic"])
    first = current.access.token
    for _ in range(MAX_ACCESS_TOKENS_PER_GRANT + 50):
        current = tokens.refresh(APP, current.refresh.token)

    assert len(tokens.access_tokens) == MAX_ACCESS_TOKENS_PER_GRANT
    assert tokens.live_access_token(first) is None  # the oldest went first
    assert tokens.live_access_token(current.access.token) is not None


def test_client_tokens_are_capped_per_app_and_forgotten_with_the_app():
    tokens = store()
    issued = [tokens.issue_client_token(APP).token for _ in range(MAX_ACCESS_TOKENS_PER_GRANT + 1)]

    assert tokens.live_access_token(issued[0]) is None
    assert tokens.live_access_token(issued[-1]) is not None
    tokens.forget_app("k1")
    assert tokens.access_tokens == {}


def test_revoking_a_client_token_forgets_it():
    tokens = store()
    token = tokens.issue_client_token(APP).token

    assert tokens.revoke_token(token)
    assert tokens.live_access_token(token) is None and tokens.client_tokens["k1"] == {}


def test_expired_codes_are_swept_and_live_ones_kept():
    tokens = store()
    old = [tokens.issue_code(APP, "-000user", ["user.info.basic"], "https://a.example/cb").code for _ in range(1024)]
    tokens.clock.advance(601)
    fresh = tokens.issue_code(APP, "-000user", ["user.info.basic"], "https://a.example/cb").code

    assert fresh in tokens.codes
    assert not any(code in tokens.codes for code in old)
