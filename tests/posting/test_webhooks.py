"""Content Posting's post.publish.* webhooks: raised as the task's status changes on the
mock clock or by a control action, each once, signed like every TikTok developer event."""

from __future__ import annotations

import json

import pytest

from mock_server.webhooks import WebhookReceiver, verify_tiktok_signature
from tests.posting.helpers import CANCEL, UPLOADER, call, data_of, direct, inbox, posted_file, status, url_source

POSTING_APP = "sbawpost000001"


@pytest.fixture
def receiver(client):
    receiver = WebhookReceiver()
    assert client.post("/_mock/webhooks/url", json={"app": POSTING_APP, "url": receiver.url}).status_code == 200
    yield receiver
    receiver.close()


def events(client, publish_id: str) -> list[tuple[str, dict]]:
    """The post.publish.* deliveries queued for one task, oldest first, with their content."""
    client.get("/_mock/posts")  # any request settles what the clock has made due
    found = []
    for delivery in client.get("/_mock/webhooks").json()["deliveries"]:
        body = delivery["body"]  # the payload, parsed; its content is a JSON string, as TikTok sends it
        content = json.loads(body["content"])
        if delivery["event"].startswith("post.publish.") and content["publish_id"] == publish_id:
            found.append((delivery["event"], content))
    return found


def test_a_public_direct_post_is_complete_then_publicly_available(client, clock, receiver):
    publish_id = posted_file(client)

    clock.advance(5)
    assert events(client, publish_id) == [
        ("post.publish.complete", {"publish_id": publish_id, "publish_type": "DIRECT_POST"})
    ]
    clock.advance(30)
    [_, (event, content)] = events(client, publish_id)

    post_id = client.get(f"/_mock/posts/{publish_id}").json()["post_id"]
    assert event == "post.publish.publicly_available"
    assert content == {"publish_id": publish_id, "publish_type": "DIRECT_POST", "post_id": post_id}
    client.post("/_mock/webhooks/deliver")
    [received] = receiver.wait_for("post.publish.publicly_available")
    assert received.json["user_openid"] == client.get(f"/_mock/posts/{publish_id}").json()["open_id"]
    secret = client.app.state.mock.login_kit.app(POSTING_APP).client_secret
    now = int(clock.now())
    assert verify_tiktok_signature(secret, received.headers["tiktok-signature"], received.body, now=now)


def test_a_clock_jump_past_several_changes_raises_each_event_once_in_order(client, clock, receiver):
    publish_id = posted_file(client)

    clock.advance(3600)
    events(client, publish_id)
    clock.advance(3600)

    assert [event for event, _ in events(client, publish_id)] == [
        "post.publish.complete",
        "post.publish.publicly_available",
    ]


def test_a_post_taken_down_is_no_longer_publicly_available_nor_listed(client, clock, receiver):
    publish_id = posted_file(client)
    clock.advance(35)
    refused = client.post(f"/_mock/posts/{posted_file(client, privacy='SELF_ONLY')}/take_down")
    assert client.get(f"/_mock/posts/{publish_id}").json()["post_id"] in listed_ids(client)

    taken = client.post(f"/_mock/posts/{publish_id}/take_down")

    assert refused.status_code == 409 and taken.status_code == 200
    post_id = taken.json()["post_id"]
    assert events(client, publish_id)[-1] == (
        "post.publish.no_longer_publicaly_available",  # TikTok's spelling
        {"publish_id": publish_id, "publish_type": "DIRECT_POST", "post_id": post_id},
    )
    assert data_of(status(client, publish_id))["publicaly_available_post_id"] == []
    assert post_id not in listed_ids(client)


def listed_ids(client) -> list[str]:
    return [video["id"] for video in call(client, "/v2/video/list/?fields=id", body={}).json()["data"]["videos"]]


def test_a_post_that_is_not_public_never_becomes_publicly_available(client, clock, receiver):
    publish_id = posted_file(client, privacy="SELF_ONLY")
    clock.advance(3600)

    assert [event for event, _ in events(client, publish_id)] == ["post.publish.complete"]


def test_an_inbox_upload_is_delivered_then_complete_when_the_creator_posts_it(client, clock, receiver):
    publish_id = data_of(inbox(client, url_source(), UPLOADER))["publish_id"]
    clock.advance(15)  # 10 s download, 5 s processing
    assert events(client, publish_id) == [
        ("post.publish.inbox_delivered", {"publish_id": publish_id, "publish_type": "INBOX_SHARE"})
    ]

    client.post(f"/_mock/posts/{publish_id}/complete", json={"privacy_level": "SELF_ONLY"})

    assert [event for event, _ in events(client, publish_id)] == [
        "post.publish.inbox_delivered",
        "post.publish.complete",
    ]


def test_a_cancelled_download_fails_with_the_reason_under_reason(client, clock, receiver):
    publish_id = data_of(direct(client, url_source(), "SELF_ONLY"))["publish_id"]

    assert call(client, CANCEL, body={"publish_id": publish_id}).status_code == 200

    assert events(client, publish_id) == [
        (
            "post.publish.failed",
            {"publish_id": publish_id, "publish_type": "DIRECT_POST", "reason": "publish_cancelled"},
        )
    ]


def test_a_control_failure_and_a_revoked_grant_raise_post_publish_failed(client, clock, receiver):
    failed = posted_file(client)
    client.post(f"/_mock/posts/{failed}/fail", json={"fail_reason": "spam_risk_text"})
    revoked = data_of(inbox(client, url_source(), UPLOADER))["publish_id"]
    client.post("/v2/oauth/revoke/", data={**_app_credentials(client), "token": "act.demo-uploader"})

    assert [(e, c["reason"]) for e, c in events(client, failed)] == [("post.publish.failed", "spam_risk_text")]
    assert [(e, c["reason"]) for e, c in events(client, revoked)] == [("post.publish.failed", "auth_removed")]


def _app_credentials(client) -> dict[str, str]:
    app = client.app.state.mock.login_kit.app(POSTING_APP)
    return {"client_key": app.client_key, "client_secret": app.client_secret}


def arrival_of(receiver, event: str, publish_id: str) -> list:
    """Every delivery of `event` up to the first about `publish_id` (AssertionError if none comes).
    Delivery is at least once: a repeat of another task's event may come first."""
    count = 1
    while True:
        arrived = receiver.wait_for(event, count=count)
        if publish_id in [received.content["publish_id"] for received in arrived]:
            return arrived
        count += 1


def test_every_post_publish_event_arrives_signed_with_the_apps_secret(client, clock, receiver):
    inboxed = data_of(inbox(client, url_source(), UPLOADER))["publish_id"]
    public = posted_file(client)
    cancelled = data_of(direct(client, url_source(), "SELF_ONLY"))["publish_id"]
    call(client, CANCEL, body={"publish_id": cancelled})
    clock.advance(35)
    client.post(f"/_mock/posts/{inboxed}/complete", json={"privacy_level": "SELF_ONLY"})
    client.post(f"/_mock/posts/{public}/take_down")
    client.post("/_mock/webhooks/deliver")

    secret = _app_credentials(client)["client_secret"]
    expected = {
        "post.publish.inbox_delivered": inboxed,
        "post.publish.complete": inboxed,
        "post.publish.publicly_available": public,
        "post.publish.no_longer_publicaly_available": public,
        "post.publish.failed": cancelled,
    }
    for event, publish_id in expected.items():
        arrived = arrival_of(receiver, event, publish_id)
        for received in arrived:
            header = received.headers["tiktok-signature"]
            assert verify_tiktok_signature(secret, header, received.body, now=int(clock.now())), event
