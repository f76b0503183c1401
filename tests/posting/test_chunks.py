"""The chunk rules of a FILE_UPLOAD init (tiktok-content-posting.md §2, R1-R7), through the HTTP
surface: 400 invalid_params "The chunk size is invalid" for every violation."""

from __future__ import annotations

import pytest

from tests.posting.helpers import MIB, data_of, direct, error_of, file_source, inbox, small_world

GIB = 1024**3


@pytest.mark.parametrize(
    ("size", "chunk", "total"),
    [
        (50_000_123, 10_000_000, 5),  # the doc's worked example: the last chunk is 10,000,123 bytes
        (4_194_304, 4_194_304, 1),  # the doc's one-chunk example
        (1, 1, 1),
        (4_999_999, 4_999_999, 1),  # just under 5 MB: one chunk
        (6_000_000, 5_000_000, 1),  # floor(6/5) = 1: one chunk carries everything
        (64 * MIB, 64 * MIB, 1),  # the largest single chunk (lenient MiB)
        (300_000_000, 64 * MIB, 4),  # final chunk 31,564,544 + 64 MiB < 128 MiB
        (4 * GIB, 64 * MIB, 64),  # the 4 GB maximum
    ],
)
def test_chunk_plans_that_follow_the_rules_are_accepted(client, size, chunk, total):
    assert "upload_url" in data_of(direct(client, file_source(size, chunk, total)))


@pytest.mark.parametrize(
    ("size", "chunk", "total", "why"),
    [
        (50_000_123, 10_000_000, 6, "floor(video_size / chunk_size) = 5"),  # ceil, as some clients compute
        (25_000_000, 10_000_000, 3, "= 2, got 3"),
        (20_000_000, 4_000_000, 5, "chunk_size must be 5000000"),  # chunks under 5 MB
        (200_000_000, 70_000_000, 2, "chunk_size must be"),  # chunks over 64 MiB
        (100_000_000, 60_000_000, 1, "more than one chunk"),  # R4: over 64 MiB in one chunk
        (4_000_000, 2_000_000, 2, "uploaded whole"),  # R3: under 5 MB in two chunks
        (4_000_000, 3_000_000, 1, "chunk_size equal to video_size"),  # R3: chunk smaller than the video
        (134_217_728 + 64 * MIB - 1, 64 * MIB, 1, "more than one chunk"),
    ],
)
def test_chunk_plans_that_break_a_rule_are_400_the_chunk_size_is_invalid(client, size, chunk, total, why):
    response = direct(client, file_source(size, chunk, total))

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_params"
    assert error["message"].startswith("The chunk size is invalid") and why in error["message"], error["message"]


def test_one_to_a_thousand_chunks(make_client):
    client = make_client(small_world(settings="max_video_size: 8000000000"))

    assert data_of(direct(client, file_source(5_000_000 * 1000, 5_000_000, 1000), token="act.u0"))
    response = direct(client, file_source(5_000_000 * 1001, 5_000_000, 1001), token="act.u0")
    assert "total_chunk_count must be 1 to 1000" in error_of(response)["message"]


def test_a_video_over_the_maximum_size_is_refused(client):
    response = direct(client, file_source(4 * GIB + 1, 64 * MIB, 64))

    assert error_of(response)["message"].startswith("The video size is invalid")


def test_the_maximum_size_is_a_setting(make_client):
    client = make_client(small_world(settings="max_video_size: 10000000000"))

    assert data_of(direct(client, file_source(9_000_000_000, 64 * MIB, 134), token="act.u0"))


def test_the_inbox_init_follows_the_same_rules(client):
    assert error_of(inbox(client, file_source(50_000_123, 10_000_000, 6)))["message"].startswith(
        "The chunk size is invalid"
    )


def test_by_default_one_chunk_larger_than_a_small_video_is_accepted(client):
    # Published Python clients send a fixed 10 MiB chunk_size for a 300 KB file.
    assert data_of(direct(client, file_source(300_000, 10 * MIB, 1)))


def test_exact_single_chunk_holds_them_to_chunk_size_equal_to_video_size(make_client):
    client = make_client(small_world(settings="exact_single_chunk: true"))

    assert error_of(direct(client, file_source(300_000, 10 * MIB, 1), token="act.u0"))["code"] == "invalid_params"
    assert error_of(direct(client, file_source(6_000_000, 10 * MIB, 1), token="act.u0"))["code"] == "invalid_params"
    assert data_of(direct(client, file_source(300_000, 300_000, 1), token="act.u0"))


@pytest.mark.parametrize(
    ("units", "chunk", "accepted"),
    [
        ("lenient", 67_108_864, True),
        ("decimal", 67_108_864, False),  # over 64,000,000
        ("binary", 67_108_864, True),
        ("lenient", 5_000_000, True),
        ("binary", 5_000_000, False),  # under 5 MiB
        ("decimal", 64_000_000, True),
    ],
)
def test_what_mb_means_is_a_setting(make_client, units, chunk, accepted):
    client = make_client(small_world(settings=f"units: {units}"))

    response = direct(client, file_source(chunk * 3, chunk, 3), token="act.u0")

    assert (response.status_code == 200) is accepted, response.text


def test_multi_chunk_uploads_can_be_refused_as_tiktok_did_live(make_client):
    client = make_client(small_world(settings="multi_chunk: false"))

    response = direct(client, file_source(70_000_000, 35_000_000, 2), token="act.u0")

    assert error_of(response)["message"] == "The chunk size is invalid."
    assert data_of(direct(client, file_source(4_000_000), token="act.u0"))
