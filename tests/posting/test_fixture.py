"""Content Posting's part of the fixture: `settings.posting` and `posting:`; mistakes are FILE:LINE."""

from __future__ import annotations

import pytest

from mock_server.fixtures import load_fixture_text
from mock_server.kernel.errors import FixtureError

BASE = """\
apps:
  - {client_key: appone, redirect_uris: ['https://a.example.com/cb'], scopes: [video.publish]}
users:
  - {username: alice}
"""


def load(extra: str):
    return load_fixture_text(BASE + extra, "f.yaml")


def test_the_bundled_defaults_without_any_posting_section():
    posting = load("").posting

    assert posting.settings.processing_time == 5 and posting.settings.units == "lenient"
    assert posting.apps == {} and posting.creators == {}


def test_a_full_posting_section_reads():
    posting = load(
        """\
settings:
  posting:
    processing_time: 1m
    moderation_time: 90
    upload_origin: https://open-upload.tiktokapis.com/
    units: decimal
    init_limit: {requests: 2, window: 10}
posting:
  apps:
    appone: {audited: false, verified_domains: [media.example.com], verified_url_prefixes: ['https://cdn.example.org/v/']}
  creators:
    alice: {account_privacy: private, comment: no_one, max_video_post_duration_sec: 180, banned: true}
  downloads:
    - {url: 'https://media.example.com/x/*', size: 10, fail_reason: video_pull_failed}
"""
    ).posting

    assert posting.settings.processing_time == 60 and posting.settings.moderation_time == 90
    assert posting.settings.upload_origin == "https://open-upload.tiktokapis.com"
    assert posting.settings.init_limit.requests == 2
    assert posting.apps["appone"].audited is False
    assert posting.creators["alice"].private and posting.creators["alice"].banned
    assert posting.downloads[0].matches("https://media.example.com/x/1.mp4")


@pytest.mark.parametrize(
    ("extra", "line", "problem"),
    [
        ("posting:\n  apps:\n    nope: {audited: true}\n", 7, "no app with client_key 'nope'"),
        ("posting:\n  creators:\n    bob: {}\n", 7, "no user named 'bob'"),
        ("posting:\n  apps:\n    appone: {audit: true}\n", 7, "unknown field"),
        ("posting:\n  apps:\n    appone: {verified_url_prefixes: ['http://x.example.com/']}\n", 7, "https://"),
        ("posting:\n  apps:\n    appone: {verified_url_prefixes: ['https://x.example.com/v']}\n", 7, "ends with '/'"),
        ("posting:\n  apps:\n    appone: {verified_url_prefixes: ['https://10.0.0.1/v/']}\n", 7, "IP address"),
        ("posting:\n  apps:\n    appone: {verified_domains: ['https://media.example.com']}\n", 7, "host name"),
        ("posting:\n  creators:\n    alice: {account_privacy: friends}\n", 7, "public, private"),
        ("posting:\n  downloads:\n    - {url: x, fail_reason: broken}\n", 7, "unknown fail_reason"),
        ("posting:\n  downloads:\n    - {size: 3}\n", 7, "url"),
        ("posting:\n  extra: 1\n", 6, "unknown field"),
        ("settings:\n  posting:\n    units: mb\n", 7, "lenient, decimal, binary"),
        ("settings:\n  posting:\n    processing_time: soon\n", 7, "not a duration"),
        ("settings:\n  posting:\n    upload_origin: open-upload.tiktokapis.com\n", 7, "an origin"),
        ("settings:\n  posting:\n    daily_cap: 3\n", 7, "unknown field"),
        ("settings:\n  posting:\n    init_limit: {requests: 0}\n", 7, "at least 1"),
    ],
)
def test_a_mistake_names_the_file_and_line(extra, line, problem):
    with pytest.raises(FixtureError) as caught:
        load(extra)

    assert caught.value.file == "f.yaml" and caught.value.line == line, str(caught.value)
    assert problem in caught.value.problem, str(caught.value)
