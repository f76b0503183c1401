"""POST /v2/post/publish/content/init/: photos pulled from URLs, DIRECT_POST or MEDIA_UPLOAD."""

from __future__ import annotations

import re

import pytest

from tests.posting.helpers import (
    CONTENT_INIT,
    NO_POSTING,
    POSTER,
    UNAUDITED_PUBLIC,
    UPLOADER,
    call,
    data_of,
    error_of,
    photos,
    status,
)

IMAGES = ["https://media.example.com/photos/1.jpg", "https://media.example.com/photos/2.jpg"]


def test_a_direct_photo_post_answers_a_p_pub_url_publish_id_and_publishes(client, clock):
    publish_id = data_of(photos(client, IMAGES, privacy_level="PUBLIC_TO_EVERYONE"))["publish_id"]

    assert re.match(r"^p_pub_url~v2\.\d{19}$", publish_id)
    data = data_of(status(client, publish_id))
    assert data["status"] == "PROCESSING_DOWNLOAD" and data["downloaded_bytes"] == 0
    clock.advance(15)
    data = data_of(status(client, publish_id))
    assert data["status"] == "PUBLISH_COMPLETE" and data["downloaded_bytes"] == 1_000_000


def test_media_upload_goes_to_the_inbox_with_video_upload(client, clock):
    publish_id = data_of(photos(client, IMAGES, "MEDIA_UPLOAD", UPLOADER))["publish_id"]
    clock.advance(15)

    assert data_of(status(client, publish_id, UPLOADER))["status"] == "SEND_TO_USER_INBOX"


def test_each_post_mode_needs_its_own_scope(client):
    response = photos(client, IMAGES, "DIRECT_POST", UPLOADER, privacy_level="SELF_ONLY")
    assert response.status_code == 401 and "video.publish" in error_of(response)["message"]
    response = photos(client, IMAGES, "MEDIA_UPLOAD", NO_POSTING)
    assert response.status_code == 401 and error_of(response)["code"] == "scope_not_authorized"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"media_type": "VIDEO"}, "media_type"),
        ({"post_mode": "DIRECT POST"}, "post_mode"),
        ({"source_info": {"source": "FILE_UPLOAD", "photo_images": IMAGES, "photo_cover_index": 0}}, "PULL_FROM_URL"),
        ({"source_info": {"source": "PULL_FROM_URL", "photo_images": [], "photo_cover_index": 0}}, "photo_images"),
        (
            {"source_info": {"source": "PULL_FROM_URL", "photo_images": IMAGES * 18, "photo_cover_index": 0}},
            "at most 35",
        ),
        (
            {"source_info": {"source": "PULL_FROM_URL", "photo_images": IMAGES, "photo_cover_index": 2}},
            "photo_cover_index",
        ),
        ({"source_info": {"source": "PULL_FROM_URL", "photo_images": IMAGES}}, "photo_cover_index"),
        (
            {
                "source_info": {
                    "source": "PULL_FROM_URL",
                    "photo_images": ["http://media.example.com/1.jpg"],
                    "photo_cover_index": 0,
                }
            },
            "https",
        ),
        ({"post_info": {"title": "x" * 91, "privacy_level": "SELF_ONLY"}}, "90"),
        ({"post_info": {"description": "x" * 4001, "privacy_level": "SELF_ONLY"}}, "4000"),
        ({"post_info": {"auto_add_music": "yes", "privacy_level": "SELF_ONLY"}}, "auto_add_music"),
    ],
)
def test_a_bad_photo_body_is_400_naming_the_field(client, change, named):
    body = {
        "media_type": "PHOTO",
        "post_mode": "DIRECT_POST",
        "post_info": {"privacy_level": "SELF_ONLY"},
        "source_info": {"source": "PULL_FROM_URL", "photo_images": IMAGES, "photo_cover_index": 0},
        **change,
    }
    response = call(client, CONTENT_INIT, POSTER, body)

    assert response.status_code == 400 and named in error_of(response)["message"], error_of(response)


def test_thirty_five_photos_are_fine(client):
    assert data_of(
        photos(client, [f"https://media.example.com/p/{i}.jpg" for i in range(35)], cover=34, privacy_level="SELF_ONLY")
    )


def test_every_photo_url_must_be_verified(client):
    response = photos(client, [*IMAGES, "https://elsewhere.example.net/3.jpg"], privacy_level="SELF_ONLY")

    assert response.status_code == 403 and error_of(response)["code"] == "url_ownership_unverified"


def test_direct_photo_posts_follow_the_direct_post_rules(client):
    assert error_of(photos(client, IMAGES))["code"] == "privacy_level_option_mismatch"  # no privacy_level
    assert error_of(photos(client, IMAGES, token=UNAUDITED_PUBLIC, privacy_level="SELF_ONLY"))["code"] == (
        "unaudited_client_can_only_post_to_private_accounts"
    )


def test_media_upload_counts_as_a_pending_share(client, clock):
    for _ in range(5):
        data_of(photos(client, IMAGES, "MEDIA_UPLOAD"))
    clock.advance(60)

    assert error_of(photos(client, IMAGES, "MEDIA_UPLOAD"))["code"] == "spam_risk_too_many_pending_share"


def test_a_failing_photo_download_ends_photo_pull_failed(client, clock):
    publish_id = data_of(photos(client, ["https://media.example.com/photos/broken/1.jpg"], privacy_level="SELF_ONLY"))[
        "publish_id"
    ]
    clock.advance(10)

    data = data_of(status(client, publish_id))
    assert data["status"] == "FAILED" and data["fail_reason"] == "photo_pull_failed"


def test_both_slash_forms_answer(client):
    body = {
        "media_type": "PHOTO",
        "post_mode": "MEDIA_UPLOAD",
        "source_info": {"source": "PULL_FROM_URL", "photo_images": IMAGES, "photo_cover_index": 1},
    }
    assert data_of(call(client, CONTENT_INIT.rstrip("/"), POSTER, body))
