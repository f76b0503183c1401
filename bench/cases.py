"""The requests the benchmark sends, and one capture of each answer for the floor."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench.fixturegen import BENCH_APP, BENCH_SECRET, BENCH_TOKEN, CAPTURE_REFRESH

USER_FIELDS = (
    "open_id,union_id,avatar_url,avatar_url_100,avatar_large_url,display_name,bio_description,"
    "profile_deep_link,is_verified,username,follower_count,following_count,likes_count,video_count"
)
VIDEO_FIELDS = (
    "id,create_time,cover_image_url,share_url,video_description,duration,height,width,title,"
    "embed_html,embed_link,like_count,comment_count,share_count,view_count"
)
USER_INFO = f"/v2/user/info/?fields={USER_FIELDS}"
VIDEO_LIST = f"/v2/video/list/?fields={VIDEO_FIELDS}"
VIDEO_QUERY = f"/v2/video/query/?fields={VIDEO_FIELDS}"
TOKEN = "/v2/oauth/token/"


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    target: str  # path and query
    body: str = ""
    refresh: bool = False  # the rotating refresh-token chain (refresh.lua)

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


def list_body(max_count: int = 20, cursor: int | None = None) -> str:
    body: dict[str, int] = {"max_count": max_count}
    if cursor is not None:
        body["cursor"] = cursor
    return json.dumps(body, separators=(",", ":"))


def query_body(video_ids: list[str]) -> str:
    return json.dumps({"filters": {"video_ids": video_ids}}, separators=(",", ":"))


def throughput_cases(video_ids: list[str]) -> list[Case]:
    return [
        Case("GET /v2/user/info/", "GET", USER_INFO),
        Case("POST /v2/video/list/ (max_count 20)", "POST", VIDEO_LIST, list_body(20)),
        Case(f"POST /v2/video/query/ ({len(video_ids)} ids)", "POST", VIDEO_QUERY, query_body(video_ids)),
        Case("POST /v2/oauth/token/ (refresh, rotating)", "POST", TOKEN, refresh=True),
    ]


def refresh_form(refresh_token: str) -> str:
    return urlencode(
        {
            "client_key": BENCH_APP,
            "client_secret": BENCH_SECRET,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        }
    )


def send(origin: str, case: Case, token: str = BENCH_TOKEN) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request as wrk will send it; (status, headers, body) of the answer."""
    if case.refresh:
        data = refresh_form(CAPTURE_REFRESH).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    else:
        data = case.body.encode() or None
        headers = {"Authorization": f"Bearer {token}"}
        if data:
            headers["Content-Type"] = "application/json"
    request = urllib.request.Request(origin + case.target, data=data, headers=headers, method=case.method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, list(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, list(error.headers.items()), error.read()


# Headers the server adds itself; the floor's uvicorn adds its own.
_SERVER_HEADERS = {"date", "server", "content-length", "connection", "keep-alive"}


def capture(origin: str, cases: list[Case], out: Path) -> dict[str, tuple[int, int]]:
    """Write the mock's answer to each case for the floor; (status, body size) per case."""
    answers, seen = [], {}
    for case in cases:
        status, headers, body = send(origin, case)
        kept = [(name.lower(), value) for name, value in headers if name.lower() not in _SERVER_HEADERS]
        answers.append(
            {
                "method": case.method,
                "path": case.path,
                "status": status,
                "headers": kept,
                "body": base64.b64encode(body).decode(),
            }
        )
        seen[case.name] = (status, len(body))
    out.write_text(json.dumps(answers, indent=1), encoding="utf-8")
    return seen
