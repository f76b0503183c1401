"""FILE_UPLOAD's arithmetic and bytes, pure: the chunk rules checked at init, the
`Content-Range` of each PUT, and what the first bytes of a video say about it.

The chunk rules are tiktok-content-posting.md §2 (R1-R7) exactly:
`total_chunk_count = floor(video_size / chunk_size)`; every chunk 5 MB to
64 MB but the final one, which carries the trailing bytes, up to 128 MB; a
video under 5 MB is one chunk with `chunk_size == video_size`; a video over
64 MB is several chunks; 1 to 1000 chunks; a maximum video size. TikTok does
not say whether MB means 10^6 or 2^20 bytes, so `units` chooses: `lenient`
(the reference's default: chunks from 5,000,000 to 67,108,864 bytes, a final
chunk up to 134,217,728), `decimal` (5/64/128 x 10^6) or `binary` (x 2^20).
Published clients send `chunk_size` larger than a small video for a one-chunk
upload (a fixed 10 MiB for a 300 KB file); `exact_single_chunk: false`
(the default) accepts that, `true` holds them to `chunk_size == video_size`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from mock_server.kernel.inputs import InputError, whole_number

UPLOAD_PATH = "/video/"  # the upload URL's path, as on open-upload.tiktokapis.com
# The boundary's limit for one PUT on the upload path: the largest final chunk (128 MiB).
UPLOAD_PATH_LIMIT = 134_217_728
MAX_CHUNKS = 1000
HEAD_BYTES = 64 * 1024  # the first bytes of a video kept for sniffing and its duration
VIDEO_TYPES = ("video/mp4", "video/quicktime", "video/webm")

# TikTok's words for every chunk-rule violation, seen live (post-for-me #327).
CHUNK_INVALID = "The chunk size is invalid"


@dataclass(frozen=True)
class ChunkUnits:
    name: str
    min_chunk: int
    max_chunk: int
    max_final: int


UNITS: dict[str, ChunkUnits] = {
    "lenient": ChunkUnits("lenient", 5_000_000, 67_108_864, 134_217_728),
    "decimal": ChunkUnits("decimal", 5_000_000, 64_000_000, 128_000_000),
    "binary": ChunkUnits("binary", 5_242_880, 67_108_864, 134_217_728),
}


class ChunkError(ValueError):
    """A chunk rule the init request breaks; the message is TikTok's, then why."""


@dataclass(frozen=True)
class ChunkPlan:
    """The chunks an init announced: each PUT must be the next one, whole."""

    video_size: int
    chunk_size: int
    total_chunk_count: int

    def expected_length(self, first: int) -> int:
        """The length of the chunk that starts at byte `first` (a chunk boundary)."""
        index = first // self.chunk_size if self.total_chunk_count > 1 else 0
        if index >= self.total_chunk_count - 1:
            return self.video_size - first  # the final chunk carries the trailing bytes
        return self.chunk_size


def plan_chunks(
    video_size: int,
    chunk_size: int,
    total_chunk_count: int,
    units: ChunkUnits,
    max_video_size: int,
    exact_single_chunk: bool = False,
    multi_chunk: bool = True,
) -> ChunkPlan:
    """The plan of a valid FILE_UPLOAD init, else ChunkError saying which rule it breaks.
    `multi_chunk: false` refuses every multi-chunk upload, as TikTok did live for a week."""

    def refuse(why: str) -> ChunkError:
        return ChunkError(f"{CHUNK_INVALID}: {why}.")

    if video_size > max_video_size:
        raise ChunkError(
            f"The video size is invalid: video_size {video_size} is over the maximum of {max_video_size} bytes."
        )
    if not 1 <= total_chunk_count <= MAX_CHUNKS:
        raise refuse(f"total_chunk_count must be 1 to {MAX_CHUNKS}, got {total_chunk_count}")
    single = total_chunk_count == 1
    if video_size < units.min_chunk:  # R3
        if not single:
            raise refuse(f"a video under {units.min_chunk} bytes is uploaded whole, in one chunk (total_chunk_count 1)")
        if chunk_size < video_size or (exact_single_chunk and chunk_size != video_size):
            raise refuse(
                f"a video under {units.min_chunk} bytes is one chunk with chunk_size equal to video_size ({video_size})"
            )
        return ChunkPlan(video_size, video_size, 1)
    if single and video_size > units.max_chunk:  # R4
        raise refuse(f"a video over {units.max_chunk} bytes must be uploaded in more than one chunk")
    if single and chunk_size > video_size and not exact_single_chunk:
        return _allowed(ChunkPlan(video_size, video_size, 1), multi_chunk)
    if not units.min_chunk <= chunk_size <= units.max_chunk:  # R2
        raise refuse(f"chunk_size must be {units.min_chunk} to {units.max_chunk} bytes, got {chunk_size}")
    expected = video_size // chunk_size  # R1
    if total_chunk_count != expected:
        raise refuse(f"total_chunk_count must be floor(video_size / chunk_size) = {expected}, got {total_chunk_count}")
    final = video_size - (total_chunk_count - 1) * chunk_size
    if final > units.max_final:  # implied by R1 and R2 in every unit system; kept as the rule reads
        raise refuse(f"the final chunk would be {final} bytes; at most {units.max_final}")
    return _allowed(ChunkPlan(video_size, chunk_size, total_chunk_count), multi_chunk)


def _allowed(plan: ChunkPlan, multi_chunk: bool) -> ChunkPlan:
    if plan.total_chunk_count > 1 and not multi_chunk:
        raise ChunkError(f"{CHUNK_INVALID}.")
    return plan


def content_range(value: str | None) -> tuple[int, int, int]:
    """(first, last, total) of `Content-Range: bytes first-last/total`; InputError otherwise."""
    if value is None:
        raise InputError("Content-Range is required: bytes {first}-{last}/{total}")
    unit, _, spec = value.strip().partition(" ")
    span, _, total = spec.strip().partition("/")
    first, dash, last = span.partition("-")
    if unit.lower() != "bytes" or not dash:
        raise InputError(f"Content-Range must be 'bytes {{first}}-{{last}}/{{total}}', got '{value[:60]}'")
    numbers = (
        whole_number(first, "Content-Range first byte"),
        whole_number(last, "Content-Range last byte"),
        whole_number(total, "Content-Range total"),
    )
    if numbers[1] < numbers[0] or numbers[1] >= numbers[2]:
        raise InputError(f"Content-Range '{value[:60]}' is not a range within the total")
    return numbers


def sniff(head: bytes) -> str | None:
    """The container the first bytes show: `mp4`, `mov` (an `ftyp` box at offset 4) or
    `webm` (EBML's magic `1A 45 DF A3`); None for anything else."""
    if head[4:8] == b"ftyp":
        return "mov" if head[8:12] == b"qt  " else "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    return None


def mp4_duration(head: bytes) -> float | None:
    """The duration in seconds from the `moov/mvhd` box, when the first bytes hold it
    (a "fast start" file); None when they do not (then the fixture's default applies)."""
    moov = _box(head, 0, len(head), b"moov")
    if moov is None:
        return None
    mvhd = _box(head, moov[0], moov[1], b"mvhd")
    if mvhd is None:
        return None
    start, end = mvhd
    version = head[start] if start < end else None
    try:
        if version == 0:
            timescale, duration = struct.unpack_from(">II", head, start + 12)
        elif version == 1:
            timescale, duration = struct.unpack_from(">IQ", head, start + 20)
        else:
            return None
    except struct.error:
        return None
    return duration / timescale if timescale else None


def _box(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    """(payload start, payload end) of the first box `kind` among the boxes in data[start:end]."""
    offset = start
    for _ in range(256):  # bounded: a box header lies at most once per position
        if offset + 8 > end:
            return None
        size, name = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1:
            if offset + 16 > end:
                return None
            size = struct.unpack_from(">Q", data, offset + 8)[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header:
            return None
        if name == kind:
            return offset + header, min(offset + size, end)
        offset += size
    return None
