"""cover_image_url: a signed link on the mock's own origin, served until x-expires, 403 after or if tampered."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tests.display.helpers import FULL, bearer, data_of, video_list, video_query

COVER = re.compile(
    r"^http://127\.0\.0\.1:8000/tos-alisg-p-0037/[0-9a-f]{32}~tplv-noop\.image\?x-expires=\d+&x-signature=[^&]+$"
)
T0_S = 1772366400  # tests/conftest.py T0, 2026-03-01T12:00:00Z


def cover_url(client, video_id="7300000000000000001") -> str:
    return data_of(video_query(client, [video_id], fields="cover_image_url"))["videos"][0]["cover_image_url"]


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_the_url_has_tiktoks_signed_cdn_shape_on_the_mocks_origin(client):
    assert COVER.match(cover_url(client))


def test_x_expires_is_now_plus_six_hours(client):
    assert query_of(cover_url(client))["x-expires"] == str(T0_S + 21600)


def test_the_origin_follows_the_host_the_client_used(client):
    response = client.post(
        "/v2/video/query/",
        params={"fields": "cover_image_url"},
        headers={**bearer(FULL), "Host": "mock.test:9999"},
        json={"filters": {"video_ids": ["7300000000000000001"]}},
    )

    assert data_of(response)["videos"][0]["cover_image_url"].startswith("http://mock.test:9999/tos-alisg-p-0037/")


def test_the_cover_is_served_as_an_image_before_it_expires(client, clock):
    url = cover_url(client)
    clock.advance(21599)

    response = client.get(url)

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_the_cover_is_403_once_the_clock_passes_x_expires(client, clock):
    url = cover_url(client)
    clock.advance(21600)

    assert client.get(url).status_code == 403


def test_a_wrong_signature_is_403(client):
    url = cover_url(client)
    signature = query_of(url)["x-signature"]
    tampered = url.replace("x-signature=", "x-signature=A", 1)

    assert signature and client.get(tampered).status_code == 403


def test_a_pushed_back_expiry_is_403(client):
    url = cover_url(client)
    expires = query_of(url)["x-expires"]

    assert client.get(url.replace(f"x-expires={expires}", f"x-expires={int(expires) + 3600}")).status_code == 403


def test_a_cover_link_without_signature_is_403(client):
    path = urlsplit(cover_url(client)).path

    assert client.get(path).status_code == 403


def test_video_query_re_signs_an_expired_cover_with_a_fresh_expiry(client, clock):
    old = cover_url(client)
    clock.advance(86400 - 60)  # the fixture token lives 24 h
    assert client.get(old).status_code == 403

    fresh = cover_url(client)

    assert int(query_of(fresh)["x-expires"]) == T0_S + 86400 - 60 + 21600
    assert client.get(fresh).status_code == 200


def test_video_list_covers_are_signed_too(client):
    url = data_of(video_list(client, {"max_count": 1}, fields="cover_image_url", token=FULL))["videos"][0]

    assert client.get(url["cover_image_url"]).status_code == 200


def test_cover_ttl_is_a_setting(make_client):
    short = make_client(
        """
        settings:
          cover_ttl: 60
        apps:
          - client_key: coverapp000001
            redirect_uris: [https://example.com/callback]
            scopes: [video.list]
        users:
          - username: one
            videos: 1
        tokens:
          - {app: coverapp000001, user: one, access_token: act.one}
        """
    )
    url = data_of(video_list(short, {}, fields="cover_image_url", token="act.one"))["videos"][0]["cover_image_url"]

    assert query_of(url)["x-expires"] == str(T0_S + 60)
