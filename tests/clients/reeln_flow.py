"""reeln-plugin-tiktok (PyPI), unchanged, against the mock: only its TikTok origin is swapped.

Run by test_posting_clients.py in a subprocess whose path holds the installed client:
    python reeln_flow.py ORIGIN WORKDIR VIDEO_FILE
Prints what the client saw as JSON. The plugin's own entry point (TikTokPlugin.upload)
runs: OAuth refresh from its credentials cache, creator info, init, chunked PUTs, polling.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from reeln_tiktok_plugin import auth, upload
from reeln_tiktok_plugin.plugin import TikTokPlugin

origin, workdir, video = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
upload.BASE_URL = origin  # was https://open.tiktokapis.com
auth.TIKTOK_TOKEN_URL = f"{origin}/v2/oauth/token/"
logging.basicConfig(level=logging.WARNING)


def plugin(name: str, refresh_token: str, **config: object) -> TikTokPlugin:
    secret, cache = workdir / f"{name}.secret", workdir / f"{name}.json"
    secret.write_text(str(config.pop("client_secret")))
    # expires_at 0: the plugin refreshes the access token with TikTok's token endpoint first.
    cache.write_text(json.dumps({"access_token": "act.stale", "refresh_token": refresh_token, "expires_at": 0}))
    return TikTokPlugin(
        {
            "client_secret_file": str(secret),
            "credentials_cache": str(cache),
            "upload_shorts": True,
            "upload_poll_interval_seconds": 0.1,
            "upload_poll_max_attempts": 100,
            **config,
        }
    )


seen: dict[str, object] = {}
portrait = {"format": "1080x1920", "title": "Game night"}

direct = plugin(
    "direct",
    "rft.demo-poster",
    client_key="sbawpost000001",
    client_secret="post-secret",
    direct_post=True,
    privacy_level="PUBLIC_TO_EVERYONE",
)
seen["direct"] = direct.upload(video, metadata=portrait)
seen["direct_result"] = vars(direct._last_upload_result)
seen["direct_creator"] = vars(direct._creator_info)
seen["refreshed_cache"] = json.loads((workdir / "direct.json").read_text())

# A private creator: the plugin falls back to the first privacy option it is offered.
private = plugin(
    "private",
    "rft.demo-private-poster",
    client_key="sbawpost000001",
    client_secret="post-secret",
    direct_post=True,
    privacy_level="PUBLIC_TO_EVERYONE",
)
seen["private"] = private.upload(video, metadata=portrait)

# An inbox upload pulled from a verified URL: the plugin stops polling at SEND_TO_USER_INBOX.
pulled = plugin("pulled", "rft.demo-uploader", client_key="sbawpost000001", client_secret="post-secret")
seen["pulled"] = pulled.upload(video, metadata={**portrait, "video_url": "https://media.example.com/clips/a.mp4"})
seen["pulled_status"] = pulled._last_upload_result.status

# An unaudited app posting to a public account: TikTok's 403, as the plugin reports it.
unaudited = plugin(
    "unaudited",
    "rft.demo-unaudited-public",
    client_key="sbawunaudited01",
    client_secret="unaudited-secret",
    direct_post=True,
    privacy_level="SELF_ONLY",
)
try:
    unaudited.upload(video, metadata=portrait)
except upload.UploadError as exc:
    seen["unaudited_error"] = str(exc)

print(json.dumps(seen))
