"""Schemathesis hooks for the Content Posting spec (loaded through mock_server/contract/hooks.py).

An upload URL is made by init and carries a server-made upload_id and
upload_token, and the chunk must continue from the bytes received: a generated
PUT can only get 400 or 404. Half the positive PUT cases therefore start a real
FILE_UPLOAD (an inbox upload, one chunk) of exactly the generated body's size
and send that body as the whole video, so the 201 reply and its Content-Range
header are checked too. (The body is left as generated: schemathesis takes a
binary body set by a hook for a negative one.)
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import hypothesis.strategies as st
import schemathesis
from schemathesis.transport.serialization import serialize_binary

from mock_server.contract.session import origin_of

# Content Posting calls: tiktoker in the bundled fixture's audited posting app (video.publish, video.upload).
POSTING_TOKEN = "act.demo-poster"


def _positive(case: Any) -> bool:
    mode = getattr(getattr(getattr(case, "meta", None), "generation", None), "mode", None)
    return mode is not None and bool(mode.is_positive)


def real_upload_url(origin: str, size: int) -> dict[str, str]:
    """upload_id and upload_token of a fresh one-chunk FILE_UPLOAD of `size` bytes on the mock."""
    reply = httpx.post(
        f"{origin}/v2/post/publish/inbox/video/init/",
        headers={"Authorization": f"Bearer {POSTING_TOKEN}"},
        json={"source_info": {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": size, "total_chunk_count": 1}},
    ).json()
    query = parse_qs(urlsplit(reply["data"]["upload_url"]).query)
    return {"upload_id": query["upload_id"][0], "upload_token": query["upload_token"][0]}


@schemathesis.hook("flatmap_case").apply_to(operation_id="uploadVideoChunk")  # type: ignore[attr-defined]
def sometimes_a_real_upload(context: Any, case: Any) -> Any:
    if not _positive(case):
        return st.just(case)
    origin = origin_of(context.operation)

    def pick(real: bool) -> Any:
        size = len(serialize_binary(case.body)) if isinstance(case.body, bytes | str) else 0
        if real and size:
            case.query = real_upload_url(origin, size)
            case.headers = {**(case.headers or {}), "Content-Range": f"bytes 0-{size - 1}/{size}"}
        return case

    return st.booleans().map(pick)
