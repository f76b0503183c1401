"""/_mock/posts: the publish tasks and what the creator or TikTok would do to them; the dashboard panel."""

from __future__ import annotations

import pytest

from tests.posting.helpers import (
    UPLOADER,
    data_of,
    direct,
    file_source,
    inbox,
    posted_file,
    status,
    url_source,
)


def test_posts_lists_every_task_with_its_state(client, clock):
    file_id = posted_file(client)
    url_id = data_of(direct(client, url_source(), "SELF_ONLY"))["publish_id"]
    inbox_id = data_of(inbox(client, file_source(10), UPLOADER))["publish_id"]

    posts = client.get("/_mock/posts").json()["posts"]

    assert [post["publish_id"] for post in posts] == [file_id, url_id, inbox_id]
    first = posts[0]
    assert first["status"] == "PROCESSING_UPLOAD" and first["uploaded_bytes"] == 64 * 1024
    assert first["flow"] == "DIRECT_POST" and first["source"] == "FILE_UPLOAD" and first["media_format"] == "mp4"
    assert first["ready_at"] == clock.now() + 5 and first["user"] == "tiktoker"
    assert posts[1]["downloaded_bytes"] == 0 and posts[1]["urls"] == ["https://media.example.com/clips/routine.mp4"]
    assert posts[2]["flow"] == "INBOX_SHARE" and posts[2]["user"] == "dancequeen"


def test_posts_filter_by_app_and_user(client):
    posted_file(client)
    data_of(inbox(client, file_source(10), UPLOADER))

    assert [p["user"] for p in client.get("/_mock/posts", params={"user": "dancequeen"}).json()["posts"]] == [
        "dancequeen"
    ]
    assert client.get("/_mock/posts", params={"client_key": "sbawdemo000001"}).json()["posts"] == []
    assert len(client.get("/_mock/posts", params={"client_key": "sbawpost000001"}).json()["posts"]) == 2


def test_one_task_and_an_unknown_one(client):
    publish_id = posted_file(client)

    assert client.get(f"/_mock/posts/{publish_id}").json()["publish_id"] == publish_id
    response = client.get("/_mock/posts/v_pub_url~v2.1")
    assert response.status_code == 404 and response.json()["field"] == "publish_id"


def test_complete_posts_an_inbox_upload_as_the_creator_would(client, clock):
    publish_id = data_of(inbox(client, url_source()))["publish_id"]
    clock.advance(15)

    task = client.post(f"/_mock/posts/{publish_id}/complete", json={"privacy_level": "SELF_ONLY"}).json()

    assert task["status"] == "PUBLISH_COMPLETE" and task["privacy_level"] == "SELF_ONLY"
    assert data_of(status(client, publish_id))["status"] == "PUBLISH_COMPLETE"


def test_complete_refuses_a_task_that_is_not_in_the_inbox_and_a_privacy_the_creator_lacks(client, clock):
    inbox_id = data_of(inbox(client, url_source()))["publish_id"]
    direct_id = data_of(direct(client, url_source()))["publish_id"]

    assert client.post(f"/_mock/posts/{inbox_id}/complete").status_code == 409  # still downloading
    clock.advance(15)
    assert client.post(f"/_mock/posts/{direct_id}/complete").status_code == 409  # a Direct Post
    response = client.post(f"/_mock/posts/{inbox_id}/complete", json={"privacy_level": "FOLLOWER_OF_CREATOR"})
    assert response.status_code == 409 and response.json()["field"] == "privacy_level"
    assert client.post(f"/_mock/posts/{inbox_id}/complete", json={"privacy_level": 7}).status_code == 400


def test_fail_fails_a_task_now_with_a_documented_reason(client):
    publish_id = data_of(direct(client, file_source(10)))["publish_id"]

    task = client.post(f"/_mock/posts/{publish_id}/fail", json={"fail_reason": "spam_risk_text"}).json()

    assert task["status"] == "FAILED" and task["fail_reason"] == "spam_risk_text"
    assert data_of(status(client, publish_id))["fail_reason"] == "spam_risk_text"
    assert client.post(f"/_mock/posts/{publish_id}/fail", json={"fail_reason": "internal"}).status_code == 409


@pytest.mark.parametrize("reason", [None, "video_size_check_failed", "nope", 3])
def test_fail_wants_a_documented_fail_reason(client, reason):
    publish_id = data_of(direct(client, file_source(10)))["publish_id"]

    response = client.post(f"/_mock/posts/{publish_id}/fail", json={"fail_reason": reason})

    assert response.status_code == 400 and response.json()["field"] == "fail_reason"


def test_moderate_finishes_moderation_now_for_a_public_post_only(client, clock):
    public_id = posted_file(client)
    private_id = posted_file(client, privacy="SELF_ONLY")
    assert client.post(f"/_mock/posts/{public_id}/moderate").status_code == 409  # still processing
    clock.advance(5)

    task = client.post(f"/_mock/posts/{public_id}/moderate").json()

    assert task["publicaly_available_post_id"] == [int(task["post_id"])]
    assert client.post(f"/_mock/posts/{private_id}/moderate").status_code == 409


def test_the_state_counts_publish_tasks(client):
    posted_file(client)

    assert client.get("/_mock/state").json()["families"]["posting"] == {"publish_tasks": 1, "pending_tasks": 1}


# -- the dashboard ---------------------------------------------------------------------------------


def test_the_dashboard_lists_publish_tasks_with_their_actions(client, clock):
    public_id = posted_file(client)
    inbox_id = data_of(inbox(client, url_source()))["publish_id"]
    clock.advance(15)

    html = client.get("/_mock/").text

    assert 'id="posts"' in html and public_id in html and inbox_id in html
    assert f'action="/_mock/posts/{inbox_id}/complete"' in html
    assert f'action="/_mock/posts/{public_id}/moderate"' in html


def test_the_dashboards_forms_act_and_come_back(client, clock):
    inbox_id = data_of(inbox(client, url_source()))["publish_id"]
    clock.advance(15)
    failing_id = data_of(direct(client, url_source()))["publish_id"]

    form = {"content-type": "application/x-www-form-urlencoded"}
    response = client.post(f"/_mock/posts/{inbox_id}/complete", content=b"", headers=form)
    assert (response.status_code, response.headers["location"]) == (303, "/_mock/")
    assert client.post(f"/_mock/posts/{failing_id}/fail", data={"fail_reason": "internal"}).status_code == 303

    assert client.get(f"/_mock/posts/{inbox_id}").json()["status"] == "PUBLISH_COMPLETE"
    assert client.get(f"/_mock/posts/{failing_id}").json()["fail_reason"] == "internal"


def test_an_empty_dashboard_says_so(client):
    assert "No publish tasks yet" in client.get("/_mock/").text
