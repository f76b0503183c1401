"""PUT {upload_url}: chunks in order with Content-Range; 206 per chunk, 201 for the last;
416, 400, 403 and 404 as TikTok's media transfer guide says; the first bytes sniffed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from mock_server.client import sample_mp4
from tests.posting.helpers import data_of, direct, error_of, file_source, inbox, put, small_world, status, upload

SIZE = 64 * 1024


def started(client, size: int = SIZE, chunk: int | None = None, total: int = 1) -> tuple[str, str]:
    data = data_of(direct(client, file_source(size, chunk, total)))
    return data["publish_id"], data["upload_url"]


def test_one_chunk_is_201_with_the_progress(client):
    _, url = started(client)

    response = put(client, url, sample_mp4(SIZE), 0, SIZE)

    assert response.status_code == 201
    assert response.headers["content-range"] == f"bytes 0-{SIZE}/{SIZE}"
    assert response.content == b""


def test_the_documented_multi_chunk_upload_is_206_206_206_206_201(make_client):
    client = make_client(small_world())
    size, chunk = 50_000_123, 10_000_000
    data = data_of(direct(client, file_source(size, chunk, 5), token="act.u0"))
    video = sample_mp4(size)
    ranges, statuses = [], []
    for index in range(5):
        first = index * chunk
        end = size if index == 4 else first + chunk
        response = put(client, data["upload_url"], video[first:end], first, size)
        statuses.append(response.status_code)
        ranges.append(response.headers["content-range"])
        if index == 1:
            assert data_of(status(client, data["publish_id"], "act.u0"))["uploaded_bytes"] == 20_000_000

    assert statuses == [206, 206, 206, 206, 201]
    assert ranges[0] == f"bytes 0-10000000/{size}" and ranges[-1] == f"bytes 0-{size}/{size}"


def test_the_progress_may_name_the_last_byte_instead(make_client):
    client = make_client(small_world(settings="progress_range: last_byte"))
    url = data_of(direct(client, file_source(SIZE), token="act.u0"))["upload_url"]

    assert put(client, url, sample_mp4(SIZE), 0, SIZE).headers["content-range"] == f"bytes 0-{SIZE - 1}/{SIZE}"


def test_a_chunk_that_does_not_continue_from_the_bytes_received_is_416(make_client):
    client = make_client(small_world())
    size, chunk = 15_000_000, 5_000_000
    url = data_of(direct(client, file_source(size, chunk, 3), token="act.u0"))["upload_url"]
    video = sample_mp4(size)

    assert put(client, url, video[chunk : 2 * chunk], chunk, size).status_code == 416  # skipped the first
    assert put(client, url, video[:chunk], 0, size).status_code == 206
    response = put(client, url, video[:chunk], 0, size)  # the same chunk again
    assert response.status_code == 416 and error_of(response)["code"] == "invalid_file_upload"
    assert "5000000 bytes were received" in error_of(response)["message"]


def test_a_chunk_of_the_wrong_length_is_400(make_client):
    client = make_client(small_world())
    size, chunk = 15_000_000, 5_000_000
    url = data_of(direct(client, file_source(size, chunk, 3), token="act.u0"))["upload_url"]

    response = put(client, url, bytes(4_000_000), 0, size)

    assert response.status_code == 400 and "must be 5000000 bytes" in error_of(response)["message"]


@pytest.mark.parametrize(
    "content_range",
    [
        None,
        "bytes 0-10",
        "bytes=0-9/10",
        "items 0-9/10",
        "bytes 9-0/10",
        "bytes 0-10/10",
        "bytes a-b/c",
        "bytes 0-9/" + "9" * 30,
    ],
)
def test_a_missing_or_malformed_content_range_is_400(client, content_range):
    _, url = started(client)
    headers = {"Content-Type": "video/mp4"} | ({"Content-Range": content_range} if content_range else {})

    response = client.put(url, content=bytes(SIZE), headers=headers)

    assert response.status_code == 400 and error_of(response)["code"] == "invalid_file_upload"
    assert "Content-Range" in error_of(response)["message"]


def test_a_total_that_is_not_the_video_size_is_400(client):
    _, url = started(client)

    response = put(client, url, bytes(SIZE), 0, SIZE + 1)

    assert response.status_code == 400 and "video_size" in error_of(response)["message"]


def test_a_content_type_that_is_not_a_video_is_400(client):
    _, url = started(client)

    for content_type in ("application/octet-stream", "image/png"):
        response = put(client, url, bytes(SIZE), 0, SIZE, content_type=content_type)
        assert response.status_code == 400 and "Content-Type" in error_of(response)["message"]


def test_quicktime_and_webm_are_video_types_too(client):
    for content_type in ("video/quicktime", "video/webm; codecs=vp9"):
        _, url = started(client)
        assert put(client, url, sample_mp4(SIZE), 0, SIZE, content_type=content_type).status_code == 201


def test_a_body_whose_length_is_not_the_content_length_is_400(client):
    _, url = started(client)

    response = client.put(
        url,
        content=bytes(SIZE + 5),
        headers={"Content-Type": "video/mp4", "Content-Range": f"bytes 0-{SIZE - 1}/{SIZE}"},
    )

    assert response.status_code == 400 and "Content-Length" in error_of(response)["message"]


@pytest.mark.parametrize("extra", [-5, 5])
def test_a_streamed_body_longer_or_shorter_than_its_range_is_400(client, extra):
    _, url = started(client)

    def body():
        yield bytes(SIZE // 2)
        yield bytes(SIZE // 2 + extra)

    headers = {"Content-Type": "video/mp4", "Content-Range": f"bytes 0-{SIZE - 1}/{SIZE}"}
    response = client.put(url, content=body(), headers=headers)  # chunked: no Content-Length

    assert response.status_code == 400 and "The body was" in error_of(response)["message"]
    assert put(client, url, sample_mp4(SIZE), 0, SIZE).status_code == 201  # nothing was counted


def test_an_unknown_upload_id_or_a_wrong_token_is_404(client):
    _, url = started(client)
    parts = urlsplit(url)

    for query in ("upload_id=1&upload_token=x", parts.query[:-1] + "0", ""):
        response = put(client, f"{parts.path}?{query}", bytes(SIZE), 0, SIZE)
        assert response.status_code == 404 and error_of(response)["code"] == "invalid_file_upload"


def test_the_upload_url_expires_after_an_hour_with_403(client, clock):
    _, url = started(client)
    clock.advance(3599)
    assert put(client, url, sample_mp4(SIZE), 0, SIZE).status_code == 201

    _, url = started(client)
    clock.advance(3600)
    response = put(client, url, sample_mp4(SIZE), 0, SIZE)
    assert response.status_code == 403 and "expired" in error_of(response)["message"]


def test_the_upload_url_lifetime_is_a_setting(make_client, clock):
    client = make_client(small_world(settings="upload_url_ttl: 10m"))
    url = data_of(direct(client, file_source(SIZE), token="act.u0"))["upload_url"]
    clock.advance(600)

    assert put(client, url, sample_mp4(SIZE), 0, SIZE).status_code == 403


def test_a_failed_tasks_upload_url_is_403(client):
    publish_id, url = started(client)
    client.post(f"/_mock/posts/{publish_id}/fail", json={"fail_reason": "internal"})

    response = put(client, url, sample_mp4(SIZE), 0, SIZE)

    assert response.status_code == 403 and "ended" in error_of(response)["message"]


def test_a_put_after_the_last_chunk_is_416(client):
    _, url = started(client)
    assert put(client, url, sample_mp4(SIZE), 0, SIZE).status_code == 201

    assert put(client, url, sample_mp4(SIZE), 0, SIZE).status_code == 416


def test_an_upload_needs_no_authorization_header(client):
    _, url = started(client)
    assert (
        client.put(
            url,
            content=sample_mp4(SIZE),
            headers={"Content-Type": "video/mp4", "Content-Range": f"bytes 0-{SIZE - 1}/{SIZE}"},
        ).status_code
        == 201
    )


def test_a_chunk_over_128_mib_is_413_at_the_boundary(client):
    _, url = started(client)
    response = client.put(
        url,
        headers={"Content-Type": "video/mp4", "Content-Range": "bytes 0-9/10", "Content-Length": str(134_217_729)},
        content=b"",
    )

    assert response.status_code == 413 and "134217728 bytes" in error_of(response)["message"]


def test_a_chunk_of_exactly_128_mib_passes_the_boundary(client):
    _, url = started(client)
    headers = {
        "Content-Type": "video/mp4",
        "Content-Range": f"bytes 0-{SIZE - 1}/{SIZE}",
        "Content-Length": str(134_217_728),
    }

    response = client.put(url, headers=headers, content=b"")

    assert response.status_code == 400 and "Content-Length 134217728" in error_of(response)["message"]


# -- what the first bytes say ------------------------------------------------------------------


def finished(client, clock, data: bytes, token: str = "act.demo-poster") -> dict:
    publish_id, url = started(client, len(data))
    assert upload(client, url, data) == [201]
    clock.advance(5)
    return data_of(status(client, publish_id))


@pytest.mark.parametrize(
    "head",
    [
        b"\x00\x00\x00\x18ftypmp42" + bytes(100),  # MP4
        b"\x00\x00\x00\x14ftypqt  " + bytes(100),  # MOV
        b"\x1a\x45\xdf\xa3" + bytes(100),  # WebM (EBML)
    ],
)
def test_mp4_mov_and_webm_pass_the_format_check(client, clock, head):
    assert finished(client, clock, head)["status"] == "PUBLISH_COMPLETE"


@pytest.mark.parametrize("data", [b"GIF89a" + bytes(100), b"hello", bytes(1000), b"\x00\x00\x00\x18ftzp" + bytes(100)])
def test_anything_else_ends_failed_file_format_check_failed(client, clock, data):
    result = finished(client, clock, data)

    assert result["status"] == "FAILED" and result["fail_reason"] == "file_format_check_failed"


def test_a_video_longer_than_the_creator_may_post_fails_the_duration_check(client, clock):
    assert finished(client, clock, sample_mp4(SIZE, duration=601))["fail_reason"] == "duration_check_failed"
    assert finished(client, clock, sample_mp4(SIZE, duration=600))["status"] == "PUBLISH_COMPLETE"


def test_the_inbox_upload_url_works_the_same(client):
    data = data_of(inbox(client, file_source(SIZE)))
    assert upload(client, data["upload_url"], sample_mp4(SIZE)) == [201]
