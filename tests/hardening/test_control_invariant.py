"""After ANY control call, accepted or refused, /_mock/health answers 200; after a reset, a valid
user/info call answers 200 again. Faults and clock moves break calls on purpose; nothing may
break them for good."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient

from mock_server.app import create_app
from mock_server.fixtures import bundled_fixture_path, load_fixture_file
from mock_server.kernel.clock import Clock

FIXTURE = load_fixture_file(bundled_fixture_path())
WILD = st.sampled_from(
    [1e20, -1e20, "1e400", "NaN", float("inf"), [1], {"a": {}}, "9" * 5000, 10**30, "", None, True, "25h", -5, 0]
)
VALUE = st.recursive(
    WILD | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
FIELDS = (
    "set advance freeze client_key username videos open_id open_ids redirect_uris scopes access_token_ttl "
    "rate_limit requests window match respond error status body headers delay drop times after probability "
    "app user access_token refresh_token expires_in scope code_challenge app_key seller"
).split()
BODIES = st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=4)


@pytest.fixture(scope="module")
def control():
    app = create_app(FIXTURE, clock=Clock.frozen_at("2026-03-01T12:00:00Z"))
    routes = sorted(
        {
            (m, r.path)
            for r in app.routes
            if isinstance(r, Route) and r.path.startswith("/_mock")
            for m in r.methods or ()
        }
        - {("HEAD", r.path) for r in app.routes if isinstance(r, Route)}
    )
    with TestClient(app, client=("127.0.0.1", 50000), base_url="http://127.0.0.1:8000") as client:
        yield client, routes


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(choice=st.integers(min_value=0), body=BODIES, raw=st.booleans())
def test_any_control_call_leaves_the_mock_healthy_and_a_reset_restores_it(control, choice, body, raw):
    client, routes = control
    method, template = routes[choice % len(routes)]
    path = (
        template.replace("{fault_id}", "f1").replace("{name}", "expired-token").replace("{token}", "act.demo-tiktoker")
    )
    path = path.replace("{rest:path}", "anything")
    content = json.dumps(body).encode() if not raw else json.dumps(body).encode()[::-1]

    reply = client.request(method, path, content=content, headers={"content-type": "application/json"})

    assert reply.status_code < 500, (method, path, body, reply.text[:300])
    assert client.get("/_mock/health").status_code == 200
    assert client.post("/_mock/reset").status_code == 200
    info = client.get(
        "/v2/user/info/", params={"fields": "open_id"}, headers={"Authorization": "Bearer act.demo-tiktoker"}
    )
    assert info.status_code == 200, info.text
