"""Fixture YAML: Faker fills the gaps deterministically; every mistake is FILE:LINE."""

from __future__ import annotations

import dataclasses
import re
from textwrap import dedent

import pytest

from mock_server.fixtures import bundled_fixture_path, load_fixture_file, load_fixture_text
from mock_server.kernel.errors import FixtureError

MINIMAL = """
    seed: 7
    apps: [{client_key: k1, client_secret: s1, redirect_uris: ["https://a.example/cb"]}]
    users:
      - username: ann
        videos: 12
      - videos: 3
"""


def load(text: str, **kwargs):
    return load_fixture_text(dedent(text), "f.yaml", **kwargs)


def state_of(fixture) -> list:
    return [dataclasses.asdict(item) for item in (*fixture.login_kit.apps, *fixture.login_kit.users)]


def test_same_file_and_seed_give_identical_state():
    assert state_of(load(MINIMAL)) == state_of(load(MINIMAL))


def test_bundled_fixture_loads_identically_twice():
    path = bundled_fixture_path()

    assert state_of(load_fixture_file(path)) == state_of(load_fixture_file(path))


def test_another_seed_gives_other_generated_values_but_keeps_given_ones():
    first, second = load(MINIMAL), load(MINIMAL, seed=8)

    assert first.login_kit.users[0].username == second.login_kit.users[0].username == "ann"
    assert first.login_kit.users[0].display_name != second.login_kit.users[0].display_name
    assert first.login_kit.users[0].videos != second.login_kit.users[0].videos


def test_faker_fills_every_user_field_left_out():
    user = load(MINIMAL).login_kit.users[1]

    assert user.username and user.display_name and user.bio_description
    assert user.open_ids == () and user.union_ids == ()  # derived per app and developer (test_identity.py)
    assert user.avatar_url is None  # served by the mock, signed (tests/display/test_avatars.py)
    assert len(user.videos) == 3


def test_generated_videos_are_newest_first_strictly_with_19_digit_ids():
    videos = load(MINIMAL).login_kit.users[0].videos

    times = [video.create_time for video in videos]
    assert times == sorted(times, reverse=True) and len(set(times)) == len(times)
    assert all(len(video.id) == 19 and video.id.isdigit() for video in videos)


def test_app_settings_default_to_part_1_values():
    app = load(MINIMAL).login_kit.apps[0]

    assert (app.access_token_ttl, app.refresh_token_ttl, app.code_ttl) == (86400, 31536000, 600)
    assert (app.pkce, app.pkce_encoding, app.rotate_refresh_token, app.oauth_error_status) == (
        "optional",
        "either",
        True,
        "200",
    )
    assert app.scopes == ["user.info.basic"]


def test_server_settings_are_the_default_for_every_app():
    fixture = load("""
        settings: {access_token_ttl: 7200, oauth_error_status: rfc6749}
        apps:
          - {client_key: a, client_secret: s, redirect_uris: ["https://a.example/cb"]}
          - {client_key: b, client_secret: s, redirect_uris: ["https://a.example/cb"], access_token_ttl: 60}
    """)

    assert [app.access_token_ttl for app in fixture.login_kit.apps] == [7200, 60]
    assert fixture.login_kit.apps[0].oauth_error_status == "rfc6749"


def test_loopback_only_app_is_desktop_and_requires_pkce():
    app = load("""
        apps: [{client_key: d, client_secret: s, redirect_uris: ["http://127.0.0.1:*/callback/"]}]
    """).login_kit.apps[0]

    assert (app.platform, app.pkce) == ("desktop", "required")


def test_private_videos_keep_tiktoks_privacy_level_name():
    user = load("""
        users:
          - username: ann
            videos:
              - {id: "7300000000000000001", privacy_level: private}
              - {id: "7300000000000000002"}
    """).login_kit.users[0]

    assert sorted(video.privacy_level for video in user.videos) == ["PUBLIC_TO_EVERYONE", "SELF_ONLY"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("apps: [\n  {client_key: a\n", None, "not valid YAML"),
        (
            "apps:\n  - client_secret: s\n    redirect_uris: [https://a.example/cb]\n",
            2,
            "apps[0]: missing required field 'client_key'",
        ),
        (
            "apps:\n  - client_key: 12\n    redirect_uris: [https://a.example/cb]\n",
            2,
            "apps[0].client_key: expected text, got a whole number (12)",
        ),
        (
            "apps:\n  - client_key: a\n    redirect_uris: [https://a.example/cb]\n"
            "    scopes: [user.info.basic, video.fly]\n",
            4,
            "apps[0].scopes: unknown scope 'video.fly'",
        ),
        (
            "users: [{username: ann}]\napps:\n  - client_key: a\n    redirect_uris: [https://a.example/cb]\ntokens:\n"
            "  - app: a\n    user: bob\n",
            7,
            "tokens[0].user: no user with username 'bob'",
        ),
        (
            "apps:\n  - client_key: a\n    redirect_uri: [https://a.example/cb]\n",
            3,
            "apps[0].redirect_uri: unknown field (did you mean 'redirect_uris'?)",
        ),
        (
            "users:\n  - username: ann\n    follower_count: lots\n",
            3,
            "users[0].follower_count: expected a whole number, got text ('lots')",
        ),
        ("apps:\n  - client_key: a\n    redirect_uris: [http://example.com/cb]\n", 3, "must be https"),
        ("seed: 1\nseed: 2\n", 2, "the key 'seed' appears twice"),
        ("apps: {client_key: a}\n", 1, "apps: expected a list"),
        ("clock: yesterday\n", 1, "clock: 'yesterday' is not an ISO 8601 time"),
        ("users:\n  - username: ann\n  - username: ann\n", 3, "users[1]: username 'ann' is used twice"),
    ],
)
def test_a_wrong_fixture_is_reported_as_file_line_and_problem(text, line, message):
    with pytest.raises(FixtureError) as raised:
        load_fixture_text(text, "bad.yaml")

    error = str(raised.value)
    assert "\n" not in error
    if line is None:
        assert re.match(r"^bad\.yaml:\d+: ", error), error
    else:
        assert error.startswith(f"bad.yaml:{line}: "), error
    assert message in error, error


def test_a_missing_file_is_reported_with_its_path(tmp_path):
    with pytest.raises(FixtureError, match=r"nope\.yaml: cannot read the fixture file"):
        load_fixture_file(tmp_path / "nope.yaml")
