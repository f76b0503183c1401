"""The one grant store: the same bounds and rules for every family's tokens."""

from __future__ import annotations

import pytest

from mock_server.families.login_kit.state import TOKENS as LOGIN_KIT_TOKENS
from mock_server.families.shop.state import TOKENS as SHOP_TOKENS
from mock_server.kernel.clock import Clock
from mock_server.kernel.grants import (
    EXPIRED,
    MAX_ACCESS_TOKENS_PER_GRANT,
    MAX_FATES,
    SWEEP_FLOOR,
    UNKNOWN,
    USED,
    Dead,
    GrantStore,
    TokenPolicy,
)
from mock_server.kernel.ids import IdFactory

DAY, YEAR = 86400, 365 * 86400
POLICIES = pytest.mark.parametrize("policy", [LOGIN_KIT_TOKENS, SHOP_TOKENS], ids=["login_kit", "shop"])


def store(policy: TokenPolicy = LOGIN_KIT_TOKENS) -> GrantStore:
    return GrantStore(Clock.frozen_at(1000), IdFactory(1), policy)


@POLICIES
def test_a_refresh_loop_keeps_at_most_the_cap_of_live_access_tokens_per_grant(policy):
    grants = store(policy)
    current = grants.issue("k1", "-000user", ["s"], DAY, YEAR)
    first = current.access.token
    for _ in range(MAX_ACCESS_TOKENS_PER_GRANT + 50):
        current = grants.refresh("k1", current.refresh.token, DAY, YEAR, rotate=True)

    assert len(grants.access_tokens) == MAX_ACCESS_TOKENS_PER_GRANT
    assert grants.live_access_token(first) is None  # the oldest went first
    assert grants.live_access_token(current.access.token) is not None
    assert len(grants.refresh_tokens) == 1  # rotation: only the newest refresh token lives


def test_client_tokens_are_capped_per_app_and_forgotten_with_the_app():
    grants = store()
    issued = [grants.issue_client_token("k1", 7200).token for _ in range(MAX_ACCESS_TOKENS_PER_GRANT + 1)]

    assert grants.live_access_token(issued[0]) is None
    assert grants.live_access_token(issued[-1]) is not None
    grants.forget_app("k1")
    assert grants.access_tokens == {}


def test_shop_has_no_client_tokens():
    with pytest.raises(TypeError):
        store(SHOP_TOKENS).issue_client_token("k1", 7200)


def test_revoking_a_client_token_forgets_it():
    grants = store()
    token = grants.issue_client_token("k1", 7200).token

    assert grants.revoke(token)
    assert grants.live_access_token(token) is None and grants.client_tokens["k1"] == {}


@POLICIES
def test_expired_codes_are_swept_and_live_ones_kept(policy):
    grants = store(policy)
    old = [grants.issue_code("k1", f"-000user{i % 50}", ["s"], 600).code for i in range(SWEEP_FLOOR)]
    grants.clock.advance(601)
    fresh = grants.issue_code("k1", "-000user", ["s"], 600).code

    assert fresh in grants.codes
    assert not any(code in grants.codes for code in old)


@POLICIES
def test_a_code_is_spent_once_and_then_told_used_until_it_expires(policy):
    grants = store(policy)
    code = grants.issue_code("k1", "-000user", ["s"], 600)
    unused = grants.issue_code("k1", "-000user", ["s"], 600)
    grants.spend_code(grants.unspent_code("k1", code.code))

    with pytest.raises(Dead) as used:
        grants.unspent_code("k1", code.code)
    grants.clock.advance(600)
    with pytest.raises(Dead) as expired:
        grants.unspent_code("k1", unused.code)
    with pytest.raises(Dead) as other_app:
        grants.unspent_code("k2", code.code)
    assert (used.value.fate, expired.value.fate, other_app.value.fate) == (USED, EXPIRED, UNKNOWN)


def test_a_login_kit_revoke_takes_the_whole_grant():
    grants = store(LOGIN_KIT_TOKENS)
    first = grants.issue("k1", "-000user", ["s"], DAY, YEAR)
    second = grants.issue("k1", "-000user", ["s"], DAY, YEAR)

    assert grants.revoke(first.access.token)
    assert grants.owner_of(second.access.token) is None and grants.owner_of(second.refresh.token) is None


def test_a_shop_revoke_takes_only_the_token_pair():
    grants = store(SHOP_TOKENS)
    first = grants.issue("k1", "-000seller", ["s"], DAY, YEAR)
    second = grants.issue("k1", "-000seller", ["s"], DAY, YEAR)

    assert grants.revoke(first.refresh.token)
    assert grants.owner_of(first.access.token) is None and grants.owner_of(first.refresh.token) is None
    assert grants.live_access_token(second.access.token) is not None


@POLICIES
def test_a_dead_access_token_says_whether_it_expired_or_never_was(policy):
    grants = store(policy)
    tokens = grants.issue("k1", "-000user", ["s"], 60, YEAR)
    grants.clock.advance(60)

    with pytest.raises(Dead) as expired:
        grants.access_token(tokens.access.token)
    with pytest.raises(Dead) as unknown:
        grants.access_token("act.nothing")
    assert (expired.value.fate, unknown.value.fate) == (EXPIRED, UNKNOWN)


def test_each_family_keeps_its_token_shapes():
    login_kit = store(LOGIN_KIT_TOKENS).issue("k1", "-000user", ["s"], DAY, YEAR)
    shop = store(SHOP_TOKENS).issue("k1", "-000seller", ["s"], DAY, YEAR)

    assert login_kit.access.token.startswith("act.") and login_kit.refresh.token.startswith("rft.")
    assert shop.access.token.startswith("ROW_") and shop.refresh.token.startswith("ROW_")


@POLICIES
def test_a_churn_of_logins_and_refreshes_keeps_the_tables_bounded(policy):
    grants = store(policy)
    for user in range(3000):
        tokens = grants.issue("k1", f"-000user{user}", ["s"], 60, 120)
        grants.refresh("k1", tokens.refresh.token, 60, 120, rotate=True)
        grants.clock.advance(1)
    grants.clock.advance(121)  # past every lifetime

    held = len(grants.access_tokens) + len(grants.refresh_tokens)
    assert held < 3 * SWEEP_FLOOR  # amortised sweeps ran while issuing
    assert grants.counts() == {
        "live_access_tokens": 0,
        "refresh_tokens": 0,
        "codes": 0,
        "grants": 0,
    }
    assert 0 < len(grants.fates) <= MAX_FATES


@POLICIES
def test_a_swept_token_still_answers_with_its_fate(policy):
    grants = store(policy)
    tokens = grants.issue("k1", "-000user", ["s"], 60, 120)
    code = grants.issue_code("k1", "-000user", ["s"], 600)
    grants.clock.advance(601)
    grants.sweep()

    assert tokens.access.token not in grants.access_tokens  # swept
    fates = []
    for check in (
        lambda: grants.access_token(tokens.access.token),
        lambda: grants.live_refresh_token("k1", tokens.refresh.token),
        lambda: grants.unspent_code("k1", code.code),
        lambda: grants.access_token("act.never-issued"),
    ):
        with pytest.raises(Dead) as dead:
            check()
        fates.append(dead.value.fate)
    assert fates == [EXPIRED, EXPIRED, EXPIRED, UNKNOWN]


@POLICIES
def test_a_login_loop_keeps_at_most_the_cap_of_codes_and_refresh_tokens_per_grant(policy):
    grants = store(policy)
    first = grants.issue("k1", "-000user", ["s"], DAY, YEAR)
    codes = [grants.issue_code("k1", "-000user", ["s"], 600).code for _ in range(MAX_ACCESS_TOKENS_PER_GRANT + 10)]
    for _ in range(MAX_ACCESS_TOKENS_PER_GRANT + 10):
        grants.issue("k1", "-000user", ["s"], DAY, YEAR)

    grant = grants.grants[("k1", "-000user")]
    assert len(grant.codes) == len(grant.refresh_tokens) == MAX_ACCESS_TOKENS_PER_GRANT
    with pytest.raises(Dead) as dropped:
        grants.live_refresh_token("k1", first.refresh.token)
    assert dropped.value.fate == EXPIRED  # dropped as if it had expired
    assert codes[0] not in grants.codes and codes[-1] in grants.codes
