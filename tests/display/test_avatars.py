"""The avatar fields: signed links on the mock's own origin, each a JPEG of the size its
name says, served until x-expires, 403 after or when any part of the link was changed."""

from __future__ import annotations

import re
import struct
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.display.helpers import FULL, bearer, data_of

AVATAR = re.compile(
    r"^http://127\.0\.0\.1:8000/tos-maliva-avt-0068/[0-9a-f]{32}~c5_(\d+)x\1\.jpeg\?x-expires=\d+&x-signature=[^&]+$"
)
FIELDS = {"avatar_url_100": 100, "avatar_url": 168, "avatar_large_url": 1080}
T0_S = 1772366400  # tests/conftest.py T0, 2026-03-01T12:00:00Z


def avatars(client, token=FULL) -> dict[str, str]:
    reply = client.get("/v2/user/info/", params={"fields": ",".join(FIELDS)}, headers=bearer(token))
    return data_of(reply)["user"]


def jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a baseline JPEG's SOF0 segment."""
    assert data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"
    start = data.index(b"\xff\xc0")
    height, width = struct.unpack(">HH", data[start + 5 : start + 9])
    return width, height


@pytest.mark.parametrize(("field", "size"), FIELDS.items())
def test_each_avatar_is_a_jpeg_of_the_size_its_name_says(client, field, size):
    url = avatars(client)[field]
    assert AVATAR.match(url) and f"~c5_{size}x{size}.jpeg" in url

    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert jpeg_size(response.content) == (size, size)


def test_x_expires_is_now_plus_the_avatar_lifetime(client):
    query = parse_qs(urlsplit(avatars(client)["avatar_url"]).query)

    assert query["x-expires"] == [str(T0_S + 7200)]


def test_an_avatar_is_served_until_it_expires_and_refused_after(client, clock):
    url = avatars(client)["avatar_url"]
    clock.advance(7199)
    assert client.get(url).status_code == 200

    clock.advance(1)
    refused = client.get(url)
    assert refused.status_code == 403 and "expired" in refused.text


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.replace("~c5_168x168", "~c5_1080x1080"),  # a bigger picture for the same signature
        lambda url: re.sub(r"x-expires=(\d+)", lambda m: f"x-expires={int(m[1]) + 3600}", url),
        lambda url: url.replace("x-signature=", "x-signature=A"),
        lambda url: url.split("?")[0],
    ],
    ids=["size", "expiry", "signature", "unsigned"],
)
def test_a_tampered_avatar_link_is_refused(client, tamper):
    assert client.get(tamper(avatars(client)["avatar_url"])).status_code == 403


def test_a_user_has_one_picture_in_every_app_and_on_every_start(client, make_client):
    first = client.get(avatars(client)["avatar_url"]).content
    other_start = make_client()

    assert other_start.get(avatars(other_start)["avatar_url"]).content == first
    assert client.get(avatars(client, token="act.demo-newbie-basic")["avatar_url"]).content != first


def test_an_avatar_url_the_fixture_gives_is_returned_as_written(make_client):
    client = make_client(
        """
        apps: [{client_key: k1, client_secret: s1, redirect_uris: ["https://a.example/cb"]}]
        users: [{username: ann, avatar_url: "https://cdn.example/ann.jpeg"}]
        tokens: [{app: k1, user: ann, access_token: act.ann, refresh_token: rft.ann}]
        """
    )

    urls = avatars(client, token="act.ann")
    assert urls["avatar_url"] == "https://cdn.example/ann.jpeg"
    assert AVATAR.match(urls["avatar_url_100"])
