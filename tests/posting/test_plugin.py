"""What a posting test gets from the pytest plugin and MockControl: a small MP4, an upload,
and the clock moved on to PUBLISH_COMPLETE; run by pytester as a user's suite would."""

from __future__ import annotations

from mock_server.client import MockControl, MockControlError, sample_mp4
from mock_server.families.posting.uploads import mp4_duration, sniff

pytest_plugins = ["pytester"]

USER_TESTS = """
import httpx
import pytest

from mock_server.client import MockControlError

TOKEN = "act.demo-poster"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def status(mock, publish_id):
    body = {"publish_id": publish_id}
    return httpx.post(mock.url("/v2/post/publish/status/fetch/"), headers=BEARER, json=body).json()["data"]


def init(mock, source):
    body = {"post_info": {"privacy_level": "SELF_ONLY"}, "source_info": {"source": "FILE_UPLOAD", **source}}
    return httpx.post(mock.url("/v2/post/publish/video/init/"), headers=BEARER, json=body).json()["data"]


def test_post_a_small_mp4_and_publish_it(tiktok_mock):
    publish_id = tiktok_mock.post_video(TOKEN, privacy_level="PUBLIC_TO_EVERYONE", title="hello")
    assert status(tiktok_mock, publish_id)["status"] == "PROCESSING_UPLOAD"

    task = tiktok_mock.publish(publish_id, moderated=True)

    assert task["status"] == "PUBLISH_COMPLETE" and task["publicaly_available_post_id"]
    assert status(tiktok_mock, publish_id)["publicaly_available_post_id"] == task["publicaly_available_post_id"]
    listed = httpx.post(tiktok_mock.url("/v2/video/list/?fields=id,title"), headers=BEARER, json={})
    assert listed.json()["data"]["videos"][0] == {"id": task["post_id"], "title": "hello"}


def test_an_inbox_upload_is_posted_by_the_creator(tiktok_mock):
    publish_id = tiktok_mock.post_video(TOKEN, inbox=True)

    assert tiktok_mock.publish(publish_id)["status"] == "PUBLISH_COMPLETE"


def test_the_chunked_upload_by_hand(tiktok_mock):
    video = tiktok_mock.sample_mp4(12_000_000)
    data = init(tiktok_mock, {"video_size": len(video), "chunk_size": 5_000_000, "total_chunk_count": 2})

    assert tiktok_mock.upload(data["upload_url"], video, 5_000_000) == [206, 201]
    assert [p["status"] for p in tiktok_mock.posts()] == ["PROCESSING_UPLOAD"]


def test_publish_says_when_the_video_is_not_uploaded(tiktok_mock):
    publish_id = init(tiktok_mock, {"video_size": 10, "chunk_size": 10, "total_chunk_count": 1})["publish_id"]

    with pytest.raises(MockControlError, match="10 bytes missing"):
        tiktok_mock.publish(publish_id)


def test_a_refused_init_raises_with_tiktoks_error(tiktok_mock):
    with pytest.raises(MockControlError) as caught:
        tiktok_mock.post_video("act.demo-unaudited-public")
    assert caught.value.status == 403
    assert caught.value.body["error"]["code"] == "unaudited_client_can_only_post_to_private_accounts"


def test_fail_and_complete_and_moderate_by_hand(tiktok_mock):
    publish_id = tiktok_mock.post_video(TOKEN)
    assert tiktok_mock.fail_post(publish_id, "spam_risk_text")["fail_reason"] == "spam_risk_text"
    with pytest.raises(MockControlError):
        tiktok_mock.publish(publish_id)
"""


def test_a_users_posting_suite_runs_against_the_plugins_live_mock(pytester):
    pytester.makepyfile(test_user_posting=USER_TESTS)

    # In a subprocess: an in-process run leaves uvicorn in a state that breaks later live-server
    # tests (tests/control/test_pytest_plugin.py then tests/control/test_live.py fails the same way).
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=6)


def test_sample_mp4_is_an_mp4_of_the_size_and_duration_asked():
    data = sample_mp4(10_000, 42.5)

    assert len(data) == 10_000 and sniff(data) == "mp4" and mp4_duration(data) == 42.5
    assert MockControl.sample_mp4(5000) == sample_mp4(5000)


def test_sample_mp4_refuses_a_size_too_small_for_its_header():
    try:
        sample_mp4(50)
    except ValueError as exc:
        assert "at least" in str(exc)
    else:
        raise AssertionError("no ValueError")


def test_upload_sends_a_foreign_upload_url_to_the_mock(live_server):
    control = MockControl(live_server.origin)
    body = {"source_info": {"source": "FILE_UPLOAD", "video_size": 4096, "chunk_size": 4096, "total_chunk_count": 1}}
    data = control.http.post(
        "/v2/post/publish/inbox/video/init/", json=body, headers={"Authorization": "Bearer act.demo-poster"}
    ).json()["data"]
    foreign = data["upload_url"].replace(live_server.origin, "https://open-upload.tiktokapis.com")

    assert control.upload(foreign, sample_mp4(4096)) == [201]
    try:
        control.upload(foreign, sample_mp4(4096))
    except MockControlError as exc:
        assert exc.status == 416
    else:
        raise AssertionError("a second upload of the same chunk was accepted")
    control.close()
