"""POST /v2/post/publish/status/fetch/ and cancel: the task's status on the mock clock."""

from __future__ import annotations

import re

from mock_server.client import sample_mp4
from tests.posting.helpers import (
    CANCEL,
    NO_POSTING,
    POSTER,
    PRIVATE_POSTER,
    STATUS,
    UNAUDITED_PRIVATE,
    UPLOADER,
    call,
    data_of,
    direct,
    error_of,
    file_source,
    inbox,
    posted_file,
    put,
    small_world,
    status,
    url_source,
)

SIZE = 64 * 1024


def test_a_file_upload_is_processing_until_its_last_byte_and_processing_time(client, clock):
    data = data_of(direct(client, file_source(SIZE)))
    publish_id = data["publish_id"]

    assert data_of(status(client, publish_id)) == {
        "status": "PROCESSING_UPLOAD",
        "publicaly_available_post_id": [],
        "uploaded_bytes": 0,
    }
    clock.advance(3600 - 1)  # time alone does not upload anything
    assert data_of(status(client, publish_id))["status"] == "PROCESSING_UPLOAD"
    put(client, data["upload_url"], sample_mp4(SIZE), 0, SIZE)
    assert data_of(status(client, publish_id))["uploaded_bytes"] == SIZE
    clock.advance(4.9)
    assert data_of(status(client, publish_id))["status"] == "PROCESSING_UPLOAD"
    clock.advance(0.1)
    assert data_of(status(client, publish_id)) == {
        "status": "PUBLISH_COMPLETE",
        "publicaly_available_post_id": [],
        "uploaded_bytes": SIZE,
    }


def test_a_public_post_gets_its_id_after_moderation_as_an_unquoted_19_digit_integer(client, clock):
    publish_id = posted_file(client)
    clock.advance(5 + 29)
    assert data_of(status(client, publish_id))["publicaly_available_post_id"] == []

    clock.advance(1)
    response = status(client, publish_id)

    [post_id] = data_of(response)["publicaly_available_post_id"]
    assert isinstance(post_id, int) and 10**18 <= post_id < 2**63
    assert re.search(rb'"publicaly_available_post_id":\[\d{19}\]', response.content)


def test_a_self_only_or_friends_post_never_gets_an_id(client, clock):
    for privacy in ("SELF_ONLY", "MUTUAL_FOLLOW_FRIENDS"):
        publish_id = posted_file(client, privacy=privacy)
        clock.advance(3600)
        data = data_of(status(client, publish_id))
        assert data["status"] == "PUBLISH_COMPLETE" and data["publicaly_available_post_id"] == [], privacy


def test_processing_and_moderation_times_are_settings(make_client, clock):
    client = make_client(small_world(settings="processing_time: 1m\nmoderation_time: 2h"))
    publish_id = posted_file(client, token="act.u0")
    clock.advance(59)
    assert data_of(status(client, publish_id, "act.u0"))["status"] == "PROCESSING_UPLOAD"
    clock.advance(1 + 7199)
    assert data_of(status(client, publish_id, "act.u0"))["publicaly_available_post_id"] == []
    clock.advance(1)
    assert data_of(status(client, publish_id, "act.u0"))["publicaly_available_post_id"]


def test_a_pull_downloads_then_processes_with_downloaded_bytes_growing(client, clock):
    publish_id = data_of(direct(client, url_source()))["publish_id"]

    assert data_of(status(client, publish_id)) == {
        "status": "PROCESSING_DOWNLOAD",
        "publicaly_available_post_id": [],
        "downloaded_bytes": 0,
    }
    clock.advance(5)
    assert data_of(status(client, publish_id))["downloaded_bytes"] == 5_000_000
    clock.advance(5)
    assert data_of(status(client, publish_id))["downloaded_bytes"] == 10_000_000
    assert data_of(status(client, publish_id))["status"] == "PROCESSING_DOWNLOAD"
    clock.advance(5)
    assert data_of(status(client, publish_id))["status"] == "PUBLISH_COMPLETE"


def test_a_download_the_fixture_says_fails_ends_video_pull_failed(client, clock):
    publish_id = data_of(direct(client, url_source("https://media.example.com/broken/a.mp4")))["publish_id"]
    clock.advance(9)
    assert data_of(status(client, publish_id))["status"] == "PROCESSING_DOWNLOAD"

    clock.advance(1)
    data = data_of(status(client, publish_id))
    assert data["status"] == "FAILED" and data["fail_reason"] == "video_pull_failed"


def test_downloads_sizes_and_fates_come_from_the_fixture(make_client, clock):
    downloads = "downloads:\n  - {url: 'https://media.example.com/big/*', size: 123456789}"
    client = make_client(small_world(posting=downloads, settings="download_time: 1m"))
    publish_id = data_of(direct(client, url_source("https://media.example.com/big/a.mp4"), token="act.u0"))[
        "publish_id"
    ]
    clock.advance(60)

    assert data_of(status(client, publish_id, "act.u0"))["downloaded_bytes"] == 123456789


def test_an_inbox_upload_waits_in_the_inbox_until_the_creator_posts(client, clock):
    data = data_of(inbox(client, file_source(SIZE)))
    put(client, data["upload_url"], sample_mp4(SIZE), 0, SIZE)
    clock.advance(5)
    assert data_of(status(client, data["publish_id"]))["status"] == "SEND_TO_USER_INBOX"
    clock.advance(20 * 3600)  # a day in the inbox, within the token's lifetime
    assert data_of(status(client, data["publish_id"]))["status"] == "SEND_TO_USER_INBOX"

    client.post(f"/_mock/posts/{data['publish_id']}/complete", json={})

    assert data_of(status(client, data["publish_id"]))["status"] == "PUBLISH_COMPLETE"


def test_status_answers_only_the_five_documented_values(client, clock):
    seen = set()
    ids = [data_of(direct(client, url_source()))["publish_id"], data_of(inbox(client, url_source()))["publish_id"]]
    for _ in range(10):
        seen |= {data_of(status(client, publish_id))["status"] for publish_id in ids}
        clock.advance(3)
    assert seen <= {"PROCESSING_UPLOAD", "PROCESSING_DOWNLOAD", "SEND_TO_USER_INBOX", "PUBLISH_COMPLETE", "FAILED"}
    assert seen == {"PROCESSING_DOWNLOAD", "PUBLISH_COMPLETE", "SEND_TO_USER_INBOX"}


def test_revoking_the_grant_mid_upload_fails_the_task_with_auth_removed(client, clock):
    publish_id = data_of(direct(client, file_source(SIZE)))["publish_id"]
    client.post(
        "/v2/oauth/revoke/", data={"client_key": "sbawpost000001", "client_secret": "post-secret", "token": POSTER}
    )
    client.post("/_mock/tokens", json={"client_key": "sbawpost000001", "user": "tiktoker", "access_token": "act.again"})

    data = data_of(status(client, publish_id, "act.again"))

    assert data["status"] == "FAILED" and data["fail_reason"] == "auth_removed"


def test_a_grant_revoked_after_the_post_is_done_changes_nothing(client, clock):
    publish_id = posted_file(client)
    clock.advance(5)
    client.post("/_mock/scenarios/revoked-grant")
    client.post("/_mock/tokens", json={"client_key": "sbawpost000001", "user": "tiktoker", "access_token": "act.again"})

    assert data_of(status(client, publish_id, "act.again"))["status"] == "PUBLISH_COMPLETE"


def test_an_unknown_publish_id_is_400_invalid_publish_id(client):
    response = status(client, "v_pub_file~v2-1.7000000000000000000")

    assert response.status_code == 400 and error_of(response)["code"] == "invalid_publish_id"


def test_another_apps_or_users_token_is_400_token_not_authorized(client):
    publish_id = data_of(direct(client, file_source(10)))["publish_id"]

    for token in (UNAUDITED_PRIVATE, PRIVATE_POSTER, UPLOADER):
        response = status(client, publish_id, token)
        assert response.status_code == 400, token
        assert error_of(response)["code"] == "token_not_authorized_for_specified_publish_id"


def test_status_takes_either_posting_scope(client):
    publish_id = data_of(inbox(client, file_source(10), UPLOADER))["publish_id"]

    assert data_of(status(client, publish_id, UPLOADER))["status"] == "PROCESSING_UPLOAD"
    assert error_of(status(client, publish_id, NO_POSTING))["code"] == "scope_not_authorized"


def test_a_missing_or_wrong_publish_id_is_400_invalid_params(client):
    for body in ({}, {"publish_id": 7}, {"publish_id": ""}, {"publish_id": "x" * 65}, [1]):
        response = call(client, STATUS, POSTER, body)
        assert response.status_code == 400 and error_of(response)["code"] == "invalid_params", body


def test_thirty_status_calls_a_minute_then_429(client, clock):
    publish_id = data_of(direct(client, file_source(10)))["publish_id"]

    assert [status(client, publish_id).status_code for _ in range(31)] == [200] * 30 + [429]
    clock.advance(60)
    assert status(client, publish_id).status_code == 200


def test_both_slash_forms_answer(client):
    publish_id = data_of(direct(client, file_source(10)))["publish_id"]
    assert data_of(call(client, STATUS.rstrip("/"), POSTER, {"publish_id": publish_id}))


# -- cancel ---------------------------------------------------------------------------------------


def test_a_download_in_progress_can_be_cancelled(client, clock):
    publish_id = data_of(direct(client, url_source()))["publish_id"]
    clock.advance(3)

    response = call(client, CANCEL, POSTER, {"publish_id": publish_id})

    assert response.status_code == 200 and response.json() == {
        "error": {"code": "ok", "message": "", "log_id": response.json()["error"]["log_id"]}
    }
    clock.advance(60)
    data = data_of(status(client, publish_id))
    assert data["status"] == "FAILED" and data["fail_reason"] == "publish_cancelled"


def test_a_file_upload_or_a_finished_task_is_not_cancellable(client, clock):
    file_id = data_of(direct(client, file_source(10)))["publish_id"]
    url_id = data_of(direct(client, url_source()))["publish_id"]
    clock.advance(15)

    for publish_id in (file_id, url_id):
        response = call(client, CANCEL, POSTER, {"publish_id": publish_id})
        assert response.status_code == 400 and error_of(response)["code"] == "publish_not_cancellable"


def test_cancel_checks_the_publish_id_like_status(client):
    publish_id = data_of(direct(client, url_source()))["publish_id"]

    assert error_of(call(client, CANCEL, POSTER, {"publish_id": "v_pub_url~v2.1"}))["code"] == "invalid_publish_id"
    assert error_of(call(client, CANCEL, PRIVATE_POSTER, {"publish_id": publish_id}))["code"] == (
        "token_not_authorized_for_specified_publish_id"
    )
    assert error_of(call(client, CANCEL, POSTER, {}))["code"] == "invalid_params"
    assert error_of(call(client, CANCEL, NO_POSTING, {"publish_id": publish_id}))["code"] == "scope_not_authorized"
    assert call(client, CANCEL.rstrip("/"), POSTER, {"publish_id": publish_id}).status_code == 200
