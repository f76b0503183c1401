"""The fixture loader never raises a traceback: every refusal is one line, `FILE:LINE: what is
wrong` (both places for a duplicate), the same text in the 400 of `POST /_mock/fixtures`, and
the running state is untouched."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from mock_server.fixtures import bundled_fixture_path, load_fixture_text
from mock_server.kernel.errors import FixtureError

APP = "{client_key: k1, client_secret: s1, redirect_uris: ['https://a.example/cb']}"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)

REFUSED = {
    "empty": ("", r"^f\.yaml: the document is empty"),
    "comments only": ("# nothing here\n\n# at all\n", r"^f\.yaml: the document is empty"),
    "impossible date": ("clock: 2025-13-45T00:00:00Z\n", r"^f\.yaml:1: "),
    "year 10000": ("clock: 9999-12-31T23:59:59Z\n", r"^f\.yaml:1: clock: the clock stays between"),
    "ttl 10^400": (
        "settings:\n  access_token_ttl: 1" + "0" * 400 + "\n",
        r"^f\.yaml:2: settings\.access_token_ttl: must be at most",
    ),
    "5000 digits": ("seed: " + "9" * 5000 + "\n", r"^f\.yaml:1: a whole number of 5000 digits is too long"),
    "nan": ("settings:\n  rate_limit: {requests: 5, window: .nan}\n", r"^f\.yaml:2: '\.nan' is not a finite number"),
    "videos 10^8": (
        f"apps: [{APP}]\nusers: [{{username: a, videos: 100000000}}]\n",
        r"^f\.yaml:2: users\[0\]\.videos: must be at most 100000",
    ),
    "recursive alias": ("a: &a [*a]\n", r"^f\.yaml:1: nested deeper than 64"),
    "alias bomb": (BOMB, r"^f\.yaml:\d+: the document has more than 2,000,000 values"),
    "50,000 deep": ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", r"^f\.yaml(:\d+)?: (not valid YAML: )?nested deeper"),
    "create_time 1e17": (
        f"apps: [{APP}]\nusers: [{{username: a, videos: [{{id: '1', create_time: 100000000000000000}}]}}]\n",
        r"^f\.yaml:2: users\[0\]\.videos\[0\]\.create_time: the clock stays between",
    ),
    "duplicate username": (
        f"apps: [{APP}]\nusers:\n  - {{username: a}}\n  - {{username: a}}\n",
        r"^f\.yaml:4: users\[1\]: username 'a' is used twice \(first at users\[0\], line 3\)",
    ),
    "duplicate client_key": (
        f"apps:\n  - {APP}\n  - {APP}\n",
        r"^f\.yaml:3: apps\[1\]: client_key 'k1' is used twice \(first at apps\[0\], line 2\)",
    ),
    "duplicate open_id": (
        f"apps: [{APP}]\nusers:\n  - {{username: a, open_id: -000x}}\n  - {{username: b, open_id: -000x}}\n",
        r"^f\.yaml:4: users\[1\]: the open_id '-000x' of b in k1 is a's in k1",
    ),
    "duplicate token": (
        f"apps: [{APP}]\nusers: [{{username: a}}]\ntokens:\n  - {{app: k1, user: a, access_token: act.x}}\n"
        "  - {app: k1, user: a, access_token: act.x}\n",
        r"^f\.yaml:5: tokens\[1\]: token 'act\.x' is used twice \(first at tokens\[0\], line 4\)",
    ),
    "duplicate video id": (
        f"apps: [{APP}]\nusers:\n  - {{username: a, videos: [{{id: '7'}}]}}\n"
        "  - {username: b, videos: [{id: '7'}]}\n",
        r"^f\.yaml:4: users\[1\]\.videos: video id '7' is used twice \(first at users\[0\]\.videos, line 3\)",
    ),
    "duplicate shop cipher": (
        "shop:\n  sellers:\n    - {name: s1, shops: [{cipher: C1}]}\n    - {name: s2, shops: [{cipher: C1}]}\n",
        r"^f\.yaml:4: shop\.sellers\[1\]\.shops\[0\]: shop cipher 'C1' is used twice",
    ),
    "duplicate seller open_id": (
        "shop:\n  sellers:\n    - {name: s1, open_id: o1}\n    - {name: s2, open_id: o1}\n",
        r"^f\.yaml:4: shop\.sellers\[1\]: seller open_id 'o1' is used twice",
    ),
}


@pytest.mark.parametrize("text,expected", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_fixture_is_one_line_naming_file_and_line(text, expected):
    with pytest.raises(FixtureError) as refused:
        load_fixture_text(text, "f.yaml")

    message = str(refused.value)
    assert re.match(expected, message), message
    assert "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize(
    "text", [REFUSED[name][0] for name in ("empty", "alias bomb", "duplicate username", "5000 digits")]
)
def test_post_mock_fixtures_refuses_the_same_way_and_leaves_the_state_alone(client, text):
    before = client.get("/_mock/state").json()

    reply = client.post("/_mock/fixtures", content=text.encode())

    with pytest.raises(FixtureError) as same:
        load_fixture_text(text, "<POST /_mock/fixtures>")
    assert reply.status_code == 400 and reply.json()["error"] == str(same.value)
    assert client.get("/_mock/state").json() == before


BUNDLED = yaml.safe_load(bundled_fixture_path().read_text(encoding="utf-8"))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


PATHS = [path for path in _paths(BUNDLED) if path]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=3))
def test_a_fuzzed_fixture_loads_or_is_refused_in_one_line(changes):
    document = yaml.safe_load(yaml.safe_dump(BUNDLED))
    for path, value in changes:
        node = document
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        load_fixture_text(text, "fuzz.yaml")
    except FixtureError as refused:
        assert re.match(r"^fuzz\.yaml(:\d+)?: \S", str(refused)), str(refused)
