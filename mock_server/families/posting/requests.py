"""Reading Content Posting request bodies, strictly typed, as TikTok's typed decoder would.

Every malformed body is an `InputError` naming the field; the rules turn it into
400 `invalid_params` (or TikTok's documented `invalid_param`, a setting).
`true` is not an int, `"10"` is not an int, 10.0 is not an int. Unknown keys are
accepted and ignored, in both `post_info` and `source_info` (clients put
`video_cover_timestamp_ms` in `source_info`, and `post_info` in inbox inits).

A privacy_level that is missing or not one of the creator's options is not a
400: TikTok answers it with 403 `privacy_level_option_mismatch`, after the
other business rules, so it is read here as text and checked by the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mock_server.families.posting.tasks import FILE_UPLOAD, PULL_FROM_URL
from mock_server.kernel.inputs import INT64_MAX, InputError, json_document

VIDEO_TITLE_MAX = 2200  # UTF-16 code units
PHOTO_TITLE_MAX = 90
PHOTO_DESCRIPTION_MAX = 4000
PHOTO_IMAGES_MAX = 35
URL_MAX = 2048


def json_object(raw: bytes, max_depth: int, empty_ok: bool = False) -> dict[str, Any]:
    """The JSON object of a body; an empty body is `{}` where the endpoint takes none."""
    if not raw.strip():
        if empty_ok:
            return {}
        raise InputError("the request body is empty; send a JSON object")
    value = json_document(raw, max_depth)
    if not isinstance(value, dict):
        raise InputError("the request body must be a JSON object")
    return value


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _object(body: dict[str, Any], key: str, required: bool) -> dict[str, Any]:
    value = body.get(key)
    if value is None:
        if required:
            raise InputError(f"{key} is required (a JSON object)")
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{key} must be a JSON object")
    return value


def _text(obj: dict[str, Any], where: str, key: str, limit: int | None = None) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}.{key} must be a string")
    if limit is not None and utf16_length(value) > limit:
        raise InputError(f"{where}.{key} is longer than {limit} UTF-16 characters")
    return value


def _flag(obj: dict[str, Any], where: str, key: str) -> bool | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, bool):
        raise InputError(f"{where}.{key} must be true or false")
    return value


def _integer(obj: dict[str, Any], where: str, key: str, minimum: int = 1, required: bool = False) -> int | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise InputError(f"{where}.{key} is required (an integer)")
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(f"{where}.{key} must be an integer")
    if not minimum <= value <= INT64_MAX:
        raise InputError(f"{where}.{key} must be between {minimum} and {INT64_MAX}")
    return value


def _https_url(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise InputError(f"{where} must be a URL string")
    if len(value) > URL_MAX:
        raise InputError(f"{where} is longer than {URL_MAX} characters")
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise InputError(f"{where} is not a valid URL") from None
    if parts.scheme != "https" or not host:
        raise InputError(f"{where} must be an https URL (TikTok pulls media over https only)")
    return value


@dataclass(frozen=True)
class PostInfo:
    privacy_level: str | None = None  # text, checked against the creator's options by the rules
    privacy_given: bool = False
    title: str = ""
    description: str = ""
    brand_content_toggle: bool | None = None


@dataclass(frozen=True)
class VideoInit:
    post_info: PostInfo
    source: str
    video_size: int = 0
    chunk_size: int = 0
    total_chunk_count: int = 0
    video_url: str = ""


@dataclass(frozen=True)
class PhotoInit:
    post_info: PostInfo
    post_mode: str
    photo_images: tuple[str, ...]
    photo_cover_index: int


def _privacy(info: dict[str, Any], where: str) -> tuple[str | None, bool]:
    value = info.get("privacy_level")
    if value is None:
        return None, False
    if not isinstance(value, str):
        raise InputError(f"{where}.privacy_level must be a string such as SELF_ONLY")
    return value, True


def video_init(body: dict[str, Any], direct: bool) -> VideoInit:
    """`/v2/post/publish/video/init/` (direct) and `/inbox/video/init/` bodies."""
    info = _object(body, "post_info", False)
    privacy, given = _privacy(info, "post_info") if direct else (None, False)
    title = _text(info, "post_info", "title", VIDEO_TITLE_MAX) or ""
    for key in (
        "disable_duet",
        "disable_stitch",
        "disable_comment",
        "brand_content_toggle",
        "brand_organic_toggle",
        "is_aigc",
    ):
        _flag(info, "post_info", key)
    # "If invalid or unset, the first frame is used": any integer is fine, a non-integer is not.
    cover = info.get("video_cover_timestamp_ms")
    if cover is not None and (not isinstance(cover, int) or isinstance(cover, bool)):
        raise InputError("post_info.video_cover_timestamp_ms must be an integer")
    post_info = PostInfo(privacy, given, title, title, info.get("brand_content_toggle"))
    source_info = _object(body, "source_info", True)
    source = source_info.get("source")
    if source == FILE_UPLOAD:
        video_size, chunk_size, total = (
            _integer(source_info, "source_info", key, required=True) or 0
            for key in ("video_size", "chunk_size", "total_chunk_count")
        )
        return VideoInit(post_info, FILE_UPLOAD, video_size, chunk_size, total)
    if source == PULL_FROM_URL:
        url = _https_url(source_info.get("video_url"), "source_info.video_url")
        return VideoInit(post_info, PULL_FROM_URL, video_url=url)
    raise InputError("source_info.source must be FILE_UPLOAD or PULL_FROM_URL")


def photo_init(body: dict[str, Any]) -> PhotoInit:
    """`/v2/post/publish/content/init/`: photos, PULL_FROM_URL only."""
    if body.get("media_type") != "PHOTO":
        raise InputError("media_type must be PHOTO")
    post_mode = body.get("post_mode")
    if post_mode not in ("DIRECT_POST", "MEDIA_UPLOAD"):
        raise InputError("post_mode must be DIRECT_POST or MEDIA_UPLOAD")
    info = _object(body, "post_info", False)
    privacy, given = _privacy(info, "post_info")
    title = _text(info, "post_info", "title", PHOTO_TITLE_MAX) or ""
    description = _text(info, "post_info", "description", PHOTO_DESCRIPTION_MAX) or ""
    for key in ("disable_comment", "auto_add_music", "brand_content_toggle", "brand_organic_toggle"):
        _flag(info, "post_info", key)
    source_info = _object(body, "source_info", True)
    if source_info.get("source") != PULL_FROM_URL:
        raise InputError("source_info.source must be PULL_FROM_URL (photos are pulled from URLs only)")
    images = source_info.get("photo_images")
    if not isinstance(images, list) or not images:
        raise InputError("source_info.photo_images must be a list of 1 to 35 image URLs")
    if len(images) > PHOTO_IMAGES_MAX:
        raise InputError(f"source_info.photo_images lists {len(images)} images; at most {PHOTO_IMAGES_MAX}")
    urls = tuple(_https_url(url, f"source_info.photo_images[{i}]") for i, url in enumerate(images))
    cover = _integer(source_info, "source_info", "photo_cover_index", minimum=0, required=True)
    assert cover is not None
    if cover >= len(urls):
        raise InputError(f"source_info.photo_cover_index must be 0 to {len(urls) - 1} (an index into photo_images)")
    post_info = PostInfo(privacy, given, title, description or title, info.get("brand_content_toggle"))
    return PhotoInit(post_info, post_mode, urls, cover)


def publish_id_of(body: dict[str, Any]) -> str:
    value = body.get("publish_id")
    if not isinstance(value, str) or not value:
        raise InputError("publish_id is required (the string init returned)")
    if len(value) > 64:
        raise InputError("publish_id is at most 64 characters")
    return value
