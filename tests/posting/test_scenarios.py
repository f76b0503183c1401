"""The shipped Content Posting scenarios, faults on the posting paths, and the generic
scenario action `set` that changes a family's run-time setting."""

from __future__ import annotations

import pytest

from mock_server.client import sample_mp4
from mock_server.fixtures import load_fixture_text
from mock_server.kernel.errors import FixtureError
from tests.posting.helpers import (
    CREATOR_INFO,
    POSTER,
    UNAUDITED_PRIVATE,
    call,
    data_of,
    direct,
    error_of,
    file_source,
    inbox,
    posted_file,
    put,
    status,
    url_source,
)


def switch(client, name: str, client_key: str | None = None) -> dict:
    response = client.post(f"/_mock/scenarios/{name}", json={"client_key": client_key} if client_key else {})
    assert response.status_code == 200, response.text
    return response.json()


def test_spam_cap(client):
    switch(client, "posting-spam-cap")

    response = call(client, CREATOR_INFO, POSTER)
    assert response.status_code == 200 and error_of(response)["code"] == "spam_risk_too_many_posts"
    response = direct(client, file_source(10))
    assert response.status_code == 403 and error_of(response)["code"] == "spam_risk_too_many_posts"
    assert data_of(inbox(client, file_source(10)))  # inbox uploads are not capped by it


def test_creator_cap(client):
    switch(client, "posting-creator-cap")

    assert error_of(call(client, CREATOR_INFO, POSTER))["code"] == "reached_active_user_cap"
    assert (
        error_of(direct(client, file_source(10), "SELF_ONLY", UNAUDITED_PRIVATE))["code"] == "reached_active_user_cap"
    )


def test_pending_shares(client):
    switch(client, "posting-pending-shares")

    assert error_of(inbox(client, file_source(10)))["code"] == "spam_risk_too_many_pending_share"


def test_unaudited(client):
    switch(client, "posting-unaudited")

    assert error_of(direct(client, file_source(10)))["code"] == "unaudited_client_can_only_post_to_private_accounts"
    publish_id = data_of(direct(client, file_source(10), "FOLLOWER_OF_CREATOR", "act.demo-private-poster"))[
        "publish_id"
    ]
    assert client.get(f"/_mock/posts/{publish_id}").json()["privacy_level"] == "SELF_ONLY"


def test_unaudited_for_one_app_only(client):
    switch(client, "posting-unaudited", "sbawpost000001")

    assert error_of(direct(client, file_source(10)))["code"] == "unaudited_client_can_only_post_to_private_accounts"
    client.post("/_mock/reset", json={"client_key": "sbawpost000001"})
    assert data_of(direct(client, file_source(10)))


def test_chunk_size_invalid(client):
    switch(client, "posting-chunk-size-invalid")

    response = direct(client, file_source(50_000_123, 10_000_000, 5))
    assert response.status_code == 400 and error_of(response)["message"] == "The chunk size is invalid."
    assert data_of(direct(client, file_source(1000)))  # one chunk still goes


def test_upload_url_expired(client):
    switch(client, "posting-upload-url-expired")
    url = data_of(direct(client, file_source(4096)))["upload_url"]

    response = put(client, url, sample_mp4(4096), 0, 4096)

    assert response.status_code == 403 and "expired" in error_of(response)["message"]


def test_download_fails(client, clock):
    switch(client, "posting-download-fails")
    publish_id = data_of(direct(client, url_source()))["publish_id"]
    clock.advance(10)

    assert data_of(status(client, publish_id))["fail_reason"] == "video_pull_failed"


def test_slow_moderation(client, clock):
    switch(client, "posting-slow-moderation")
    publish_id = posted_file(client)
    clock.advance(5 + 3600)
    data = data_of(status(client, publish_id))
    assert data["status"] == "PUBLISH_COMPLETE" and data["publicaly_available_post_id"] == []

    clock.advance(5 * 3600)
    assert data_of(status(client, publish_id))["publicaly_available_post_id"]


def test_a_reset_switches_the_settings_back(client):
    switch(client, "posting-spam-cap")
    client.post("/_mock/reset")

    assert data_of(direct(client, file_source(10)))


def test_the_switch_reports_what_it_set(client):
    result = switch(client, "posting-slow-moderation")

    assert result["actions"] == [{"action": "set", "setting": "posting.moderation_time", "value": 21600.0}]


def test_faults_answer_posting_errors_by_name_in_the_v2_envelope(client):
    client.post(
        "/_mock/faults",
        json={"match": {"path": "/v2/post/publish/video/init/"}, "respond": {"error": "spam_risk_too_many_posts"}},
    )
    client.post(
        "/_mock/faults",
        json={
            "match": {"path": "/v2/post/publish/creator_info/query/"},
            "respond": {"error": "reached_active_user_cap", "status": 200},
        },
    )
    client.post(
        "/_mock/faults",
        json={"match": {"path": "/v2/post/publish/content/init/"}, "respond": {"error": "app_version_check_failed"}},
    )

    response = direct(client, file_source(10))
    assert response.status_code == 403 and error_of(response)["code"] == "spam_risk_too_many_posts"
    response = call(client, CREATOR_INFO, POSTER)
    assert response.status_code == 200 and error_of(response)["code"] == "reached_active_user_cap"
    response = call(client, "/v2/post/publish/content/init/", POSTER, {})
    assert response.status_code == 400 and error_of(response)["code"] == "app_version_check_failed"


def test_a_fault_on_the_upload_url(client):
    url = data_of(direct(client, file_source(4096)))["upload_url"]
    client.post(
        "/_mock/faults",
        json={"match": {"method": "PUT", "path": "/video/"}, "respond": {"error": "internal_error"}, "times": 1},
    )

    assert put(client, url, sample_mp4(4096), 0, 4096).status_code == 500
    assert put(client, url, sample_mp4(4096), 0, 4096).status_code == 201  # "5xx: retry this chunk"


def test_set_at_run_time_through_a_loaded_scenario(client):
    document = (
        "scenarios:\n  quick:\n    - {action: set, setting: posting.processing_time, value: 0s, app: sbawpost000001}\n"
    )
    assert client.post("/_mock/fixtures", content=document).status_code == 201
    switch(client, "quick")

    publish_id = posted_file(client)

    assert data_of(status(client, publish_id))["status"] == "PUBLISH_COMPLETE"


@pytest.mark.parametrize(
    ("step", "problem"),
    [
        ("{action: set, setting: posting.nope, value: 1}", "no run-time setting 'posting.nope'"),
        ("{action: set, setting: posting.daily_post_cap, value: -1}", "whole number from 0"),
        ("{action: set, setting: posting.audited, value: 'no'}", "true or false"),
        ("{action: set, setting: posting.moderation_time, value: soon}", "not a duration"),
        ("{action: set, setting: posting.moderation_time}", "missing required field 'value'"),
        ("{action: set, value: 1}", "missing required field 'setting'"),
        ("{action: set, setting: posting.audited, value: true, app: nope}", "no app"),
    ],
)
def test_a_wrong_set_step_is_a_fixture_error_with_its_line(step, problem):
    with pytest.raises(FixtureError) as caught:
        load_fixture_text(f"scenarios:\n  s:\n    - {step}\n", "f.yaml")
    assert caught.value.line == 3 and problem in caught.value.problem, str(caught.value)
