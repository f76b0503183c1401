"""Who a user is to each app: an open_id per (user, app), a union_id per (user, developer)."""

from __future__ import annotations

import re

import pytest

from mock_server.fixtures import load_fixture_text
from mock_server.kernel.errors import FixtureError
from tests.login_kit.helpers import consent, exchange

TWO_DEVELOPERS = """
apps:
  - {client_key: webapp0000001, client_secret: web-secret, redirect_uris: ["https://a.example/cb"],
     scopes: [user.info.basic, video.list]}
  - {client_key: desktopapp001, client_secret: desk-secret, redirect_uris: ["https://b.example/cb"]}
  - {client_key: partnerapp001, client_secret: partner-secret, redirect_uris: ["https://c.example/cb"],
     developer: partner-studio}
users:
  - {username: ann, videos: 2}
  - {username: bob}
tokens:
  - {app: webapp0000001, user: ann, access_token: act.ann-web, refresh_token: rft.ann-web}
  - {app: desktopapp001, user: ann, access_token: act.ann-desktop, refresh_token: rft.ann-desktop}
  - {app: partnerapp001, user: ann, access_token: act.ann-partner, refresh_token: rft.ann-partner}
"""
OPEN_ID = re.compile(r"-000[A-Za-z0-9_-]{32}")


def who(client, token: str) -> dict[str, str]:
    reply = client.get(
        "/v2/user/info/", params={"fields": "open_id,union_id"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]["user"]


def test_two_apps_of_one_developer_see_two_open_ids_and_one_union_id(make_client):
    client = make_client(TWO_DEVELOPERS)
    web, desktop = who(client, "act.ann-web"), who(client, "act.ann-desktop")

    assert web["open_id"] != desktop["open_id"]
    assert OPEN_ID.fullmatch(web["open_id"]) and OPEN_ID.fullmatch(desktop["open_id"])
    assert web["union_id"] == desktop["union_id"]


def test_an_app_of_another_developer_sees_another_union_id(make_client):
    client = make_client(TWO_DEVELOPERS)

    assert who(client, "act.ann-partner")["union_id"] != who(client, "act.ann-web")["union_id"]


def test_the_ids_are_the_same_on_every_start_from_the_same_seed(make_client):
    first, second = make_client(TWO_DEVELOPERS), make_client(TWO_DEVELOPERS + "seed: 0\n")

    assert who(first, "act.ann-desktop") == who(second, "act.ann-desktop")


def test_the_token_reply_names_the_user_by_the_apps_own_open_id(client):
    code = consent(client, client_key="sbawdemo000001")["code"]
    web = exchange(client, code).json()

    assert web["open_id"] == "-000Tiktoker0pen1dDemo00000000000000"  # pinned for the demo web app
    accounts = client.app.state.mock.login_kit
    desktop_id = accounts.open_id(accounts.users["tiktoker"], accounts.apps["sbawdesktop001"])
    assert desktop_id != web["open_id"] and OPEN_ID.fullmatch(desktop_id)


def test_one_apps_token_never_resolves_another_apps_open_id(make_client):
    client = make_client(TWO_DEVELOPERS)
    web = who(client, "act.ann-web")["open_id"]
    client.post("/_mock/faults", json={"match": {"open_id": web}, "respond": {"error": "access_token_invalid"}})

    assert who(client, "act.ann-desktop")["open_id"] != web  # the desktop app's calls do not match the rule
    reply = client.get("/v2/user/info/", params={"fields": "open_id"}, headers={"Authorization": "Bearer act.ann-web"})
    assert reply.status_code == 401


def test_the_journal_and_control_api_name_users_per_app(make_client):
    client = make_client(TWO_DEVELOPERS)
    desktop = who(client, "act.ann-desktop")["open_id"]

    [entry] = client.get("/_mock/requests", params={"path": "/v2/user/info/"}).json()["requests"]
    assert entry["open_id"] == desktop
    added = client.post("/_mock/users", json={"username": "cleo"}).json()
    assert set(added["open_ids"]) == {"webapp0000001", "desktopapp001", "partnerapp001"}
    assert len(set(added["open_ids"].values())) == 3
    assert set(added["union_ids"]) == {"default", "partner-studio"}
    code = client.post("/_mock/codes", json={"client_key": "desktopapp001", "user": "ann"}).json()
    assert code["open_id"] == desktop


def test_open_ids_pin_an_open_id_per_app_and_a_user_level_one_pins_the_first_apps(make_client):
    client = make_client(
        TWO_DEVELOPERS.replace(
            "{username: ann, videos: 2}", "{username: ann, open_id: -000first, open_ids: {desktopapp001: -000desk}}"
        )
    )

    assert who(client, "act.ann-web")["open_id"] == "-000first"
    assert who(client, "act.ann-desktop")["open_id"] == "-000desk"
    assert OPEN_ID.fullmatch(who(client, "act.ann-partner")["open_id"])


def test_a_pin_for_an_unknown_app_names_file_and_line():
    text = TWO_DEVELOPERS.replace("{username: bob}", "{username: bob, open_ids: {nosuchapp: -000x}}")

    with pytest.raises(FixtureError, match=r"^f.yaml:10: users\[1\].open_ids: no app with client_key 'nosuchapp'"):
        load_fixture_text(text, "f.yaml")


def test_two_users_with_one_open_id_in_one_app_are_refused():
    text = TWO_DEVELOPERS.replace("{username: ann, videos: 2}", "{username: ann, open_id: -000same}").replace(
        "{username: bob}", "{username: bob, open_ids: {webapp0000001: -000same}}"
    )

    with pytest.raises(FixtureError, match=r"^f.yaml:10: users\[1\]: the open_id '-000same' of bob in webapp0000001"):
        load_fixture_text(text, "f.yaml")


def test_adding_a_user_whose_pinned_open_id_is_taken_is_refused(make_client):
    client = make_client(TWO_DEVELOPERS)
    taken = who(client, "act.ann-web")["open_id"]

    reply = client.post("/_mock/users", json={"username": "cleo", "open_ids": {"webapp0000001": taken}})
    assert reply.status_code == 400 and "ann" in reply.json()["error"]
