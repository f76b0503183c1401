"""Calling the Content Posting API over HTTP in tests, with the bundled fixture's tokens."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from mock_server.client import sample_mp4

POSTER = "act.demo-poster"  # tiktoker (public account) in the audited app: video.publish + video.upload
PRIVATE_POSTER = "act.demo-private-poster"  # privatecreator (private account), audited app
UNAUDITED_PUBLIC = "act.demo-unaudited-public"  # tiktoker in the unaudited app
UNAUDITED_PRIVATE = "act.demo-unaudited-private"  # privatecreator in the unaudited app
UPLOADER = "act.demo-uploader"  # dancequeen, audited app, video.upload only
NO_POSTING = "act.demo-tiktoker"  # user.info.basic + video.list only

PREFIX = "/v2/post/publish/"
CREATOR_INFO = PREFIX + "creator_info/query/"
VIDEO_INIT = PREFIX + "video/init/"
INBOX_INIT = PREFIX + "inbox/video/init/"
CONTENT_INIT = PREFIX + "content/init/"
STATUS = PREFIX + "status/fetch/"
CANCEL = PREFIX + "cancel/"

VERIFIED_URL = "https://media.example.com/clips/routine.mp4"
MB = 1_000_000
MIB = 1024 * 1024


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def call(client: TestClient, path: str, token: str | None = POSTER, body: Any = None, content: bytes | None = None):
    headers = bearer(token) if token else {}
    if content is not None:
        return client.post(path, headers={**headers, "Content-Type": "application/json"}, content=content)
    return client.post(path, headers=headers, json=body)


def file_source(size: int, chunk: int | None = None, total: int = 1) -> dict[str, Any]:
    return {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": chunk or size, "total_chunk_count": total}


def url_source(url: str = VERIFIED_URL) -> dict[str, Any]:
    return {"source": "PULL_FROM_URL", "video_url": url}


def direct(
    client: TestClient,
    source: dict[str, Any],
    privacy: str | None = "PUBLIC_TO_EVERYONE",
    token: str = POSTER,
    **info: Any,
):
    post_info = {"title": "New routine #fyp", **info}
    if privacy is not None:
        post_info["privacy_level"] = privacy
    return call(client, VIDEO_INIT, token, {"post_info": post_info, "source_info": source})


def inbox(client: TestClient, source: dict[str, Any], token: str = POSTER):
    return call(client, INBOX_INIT, token, {"source_info": source})


def photos(
    client: TestClient, images: list[str], mode: str = "DIRECT_POST", token: str = POSTER, cover: int = 0, **info: Any
):
    body = {
        "media_type": "PHOTO",
        "post_mode": mode,
        "post_info": {"title": "Sunday", **info},
        "source_info": {"source": "PULL_FROM_URL", "photo_images": images, "photo_cover_index": cover},
    }
    return call(client, CONTENT_INIT, token, body)


def put(
    client: TestClient, url: str, data: bytes, first: int, total: int, content_type: str = "video/mp4", **headers: str
):
    last = first + len(data) - 1
    sent = {"Content-Type": content_type, "Content-Range": f"bytes {first}-{last}/{total}", **headers}
    return client.put(url, content=data, headers=sent)


def upload(client: TestClient, url: str, data: bytes, chunk: int | None = None) -> list[int]:
    """Every chunk in order, the final one carrying the trailing bytes; their statuses."""
    size, chunk = len(data), chunk or len(data)
    count = max(1, size // chunk)
    statuses = []
    for index in range(count):
        first = index * chunk
        end = size if index == count - 1 else first + chunk
        statuses.append(put(client, url, data[first:end], first, size).status_code)
    return statuses


def status(client: TestClient, publish_id: str, token: str = POSTER):
    return call(client, STATUS, token, {"publish_id": publish_id})


def data_of(response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"]["code"] == "ok" and body["error"]["message"] == "", body
    return body["data"]


def error_of(response) -> dict[str, Any]:
    """The v2 error object, after checking the error envelope has no `data`."""
    body = response.json()
    assert "data" not in body, body
    return body["error"]


def posted_file(
    client: TestClient,
    size: int = 64 * 1024,
    token: str = POSTER,
    privacy: str = "PUBLIC_TO_EVERYONE",
    duration: float = 3.0,
) -> str:
    """A Direct Post of a small MP4, fully uploaded; its publish_id."""
    data = data_of(direct(client, file_source(size), privacy, token))
    assert upload(client, data["upload_url"], sample_mp4(size, duration)) == [201]
    return data["publish_id"]


def small_world(
    settings: str = "", posting: str = "", users: int = 7, app: str = "{verified_domains: [media.example.com]}"
) -> str:
    """An inline fixture: an audited app `sbawpost1` and an unaudited `sbawunaud1`, users
    user0..userN-1 each with a token in both (`act.u0` / `act.x0`), plus what is given
    under `settings.posting` and `posting` (YAML lines, indented as under those keys);
    `app` is the audited app's `posting.apps` entry."""
    names = [f"user{i}" for i in range(users)]
    scopes = "[user.info.basic, video.list, video.publish, video.upload]"
    lines = [
        "seed: 7",
        "settings:",
        "  access_token_ttl: 2592000",
        "  posting:",
        "    default_duration: 15",
        *(f"    {line}" for line in settings.splitlines() if line.strip()),
        "apps:",
        f"  - {{client_key: sbawpost1, redirect_uris: ['https://app.example.com/cb'], scopes: {scopes}}}",
        f"  - {{client_key: sbawunaud1, redirect_uris: ['https://app.example.com/cb'], scopes: {scopes}}}",
        "users:",
        *(f"  - {{username: {name}, videos: 1}}" for name in names),
        "tokens:",
        *(
            f"  - {{app: sbawpost1, user: {name}, access_token: act.u{i}, refresh_token: rft.u{i}}}"
            for i, name in enumerate(names)
        ),
        *(
            f"  - {{app: sbawunaud1, user: {name}, access_token: act.x{i}, refresh_token: rft.x{i}}}"
            for i, name in enumerate(names)
        ),
        "posting:",
        "  apps:",
        f"    sbawpost1: {app}",
        "    sbawunaud1: {audited: false, verified_domains: [media.example.com]}",
        *(f"  {line}" for line in posting.splitlines() if line.strip()),
    ]
    return "\n".join(lines) + "\n"
