"""What is posted becomes the creator's video: /v2/video/list/ and /v2/video/query/ show a
public post once it is moderated, with the same privacy rules as fixture videos."""

from __future__ import annotations

from mock_server.client import sample_mp4
from tests.posting.helpers import (
    POSTER,
    PRIVATE_POSTER,
    data_of,
    file_source,
    inbox,
    photos,
    posted_file,
    status,
    upload,
)

FIELDS = "id,title,create_time,cover_image_url,share_url,video_description,duration"


def listed(client, token: str = POSTER) -> list[dict]:
    response = client.post(
        f"/v2/video/list/?fields={FIELDS}", headers={"Authorization": f"Bearer {token}"}, json={"max_count": 20}
    )
    return data_of(response)["videos"]


def queried(client, ids: list[str], token: str = POSTER) -> list[dict]:
    body = {"filters": {"video_ids": ids}}
    response = client.post(f"/v2/video/query/?fields={FIELDS}", headers={"Authorization": f"Bearer {token}"}, json=body)
    return data_of(response)["videos"]


def video_count(client) -> int:
    return client.get(
        "/v2/user/info/?fields=video_count", headers={"Authorization": "Bearer act.demo-dancequeen-full"}
    ).json()


def test_a_public_post_is_listed_newest_first_once_moderated(client, clock):
    before = [video["id"] for video in listed(client)]
    publish_id = posted_file(client, duration=12)
    clock.advance(5)
    assert [video["id"] for video in listed(client)] == before  # published, still in moderation

    clock.advance(30)

    [post_id] = data_of(status(client, publish_id))["publicaly_available_post_id"]
    newest = listed(client)[0]
    assert newest["id"] == str(post_id)
    assert newest["title"] == "New routine #fyp" and newest["video_description"] == "New routine #fyp"
    assert newest["create_time"] == int(clock.now()) - 30  # when it was published
    assert newest["duration"] == 12  # from the MP4's moov
    assert newest["share_url"].startswith(f"https://www.tiktok.com/@tiktoker/video/{post_id}?")
    assert client.get(newest["cover_image_url"].removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert queried(client, [str(post_id)])[0]["id"] == str(post_id)


def test_the_post_is_listed_without_anyone_asking_for_its_status(client, clock):
    posted_file(client)
    clock.advance(35)

    assert listed(client)[0]["title"] == "New routine #fyp"


def test_a_self_only_post_is_the_creators_but_never_listed(client, clock):
    publish_id = posted_file(client, privacy="SELF_ONLY")
    clock.advance(3600)

    assert all(video["title"] != "New routine #fyp" for video in listed(client))
    task = client.get(f"/_mock/posts/{publish_id}").json()
    assert task["published"] is True and queried(client, [task["post_id"]]) == []


def test_finish_moderation_now_lists_it_at_once(client, clock):
    publish_id = posted_file(client)
    clock.advance(5)

    client.post(f"/_mock/posts/{publish_id}/moderate")

    assert data_of(status(client, publish_id))["publicaly_available_post_id"]
    assert listed(client)[0]["title"] == "New routine #fyp"


def test_a_public_photo_post_is_listed_too(client, clock):
    data_of(photos(client, ["https://media.example.com/p/1.jpg"], privacy_level="PUBLIC_TO_EVERYONE", title="Sunday"))
    clock.advance(45)

    newest = listed(client)[0]
    assert newest["title"] == "Sunday" and newest["duration"] == 0


def test_an_inbox_upload_is_listed_once_the_creator_posts_it_publicly(client, clock):
    data = data_of(inbox(client, file_source(4096)))
    upload(client, data["upload_url"], sample_mp4(4096))
    clock.advance(5)
    client.post(f"/_mock/posts/{data['publish_id']}/complete", json={"privacy_level": "PUBLIC_TO_EVERYONE"})
    clock.advance(30)

    assert data_of(status(client, data["publish_id"]))["publicaly_available_post_id"]
    assert listed(client)[0]["title"] == ""


def test_a_private_creators_followers_only_post_is_not_listed(client, clock):
    posted_file(client, token=PRIVATE_POSTER, privacy="FOLLOWER_OF_CREATOR")
    clock.advance(3600)

    assert len(listed(client, PRIVATE_POSTER)) == 2  # the fixture's two


def test_a_reset_takes_the_posts_back(client, clock):
    posted_file(client)
    clock.advance(35)
    assert listed(client)[0]["title"] == "New routine #fyp"

    client.post("/_mock/reset")

    assert all(video["title"] != "New routine #fyp" for video in listed(client))
    assert client.get("/_mock/posts").json() == {"posts": []}


def test_a_reset_of_the_posting_app_takes_its_posts_back_and_leaves_the_others(client, clock):
    posted_file(client)
    clock.advance(35)

    client.post("/_mock/reset", json={"client_key": "sbawpost000001"})

    assert client.get("/_mock/posts").json() == {"posts": []}
    assert all(video["title"] != "New routine #fyp" for video in listed(client, "act.demo-tiktoker"))
