"""How much a chunked Content Posting upload grows the server's memory.

    python -m bench.upload_rss                  # 1 GiB in 64 MiB chunks (16 PUTs)
    python -m bench.upload_rss --size 4GiB --chunk 64MiB

Starts the mock in its own process (the CLI, the bundled fixture), inits a Direct Post
FILE_UPLOAD with `act.demo-poster`, and PUTs the video chunk by chunk, each streamed from
a generator in 1 MiB blocks with its Content-Length, as a client reading a file would.
Meanwhile it samples the server's resident memory (/proc/PID/status VmRSS) every 10 ms
and prints: the RSS before the upload, the highest RSS seen during it, the growth, the
kernel's high-water mark (VmHWM), throughput, and the statuses (206 ... 201). Not a test:
a figure for bench/README.md. The server never holds a chunk: it counts the bytes as they
stream and keeps only the first 64 KiB of the video, to sniff its format.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench.servers import LOGS, mock_command, start
from mock_server.client import sample_mp4
from mock_server.fixtures import bundled_fixture_path

MIB = 1024 * 1024
BLOCK = MIB
TOKEN = "act.demo-poster"


def size_of(text: str) -> int:
    units = {"gib": 1024**3, "mib": MIB, "kib": 1024, "gb": 10**9, "mb": 10**6, "": 1}
    number = text.rstrip("GgMmKkIiBb")
    return int(float(number) * units[text[len(number) :].lower()])


def kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chunk_body(first: int, length: int, head: bytes) -> Iterator[bytes]:
    """The chunk's bytes in 1 MiB blocks: the MP4 header at byte 0, zeros after it."""
    block = bytes(BLOCK)
    sent = 0
    while sent < length:
        n = min(BLOCK, length - sent)
        at = first + sent
        if at < len(head):
            piece = head[at : at + n]
            yield piece + block[: n - len(piece)]
        else:
            yield block[:n]
        sent += n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1GiB", help="the video's size (default 1GiB)")
    parser.add_argument("--chunk", default="64MiB", help="chunk_size (default 64MiB, TikTok's largest)")
    args = parser.parse_args()
    size, chunk = size_of(args.size), size_of(args.chunk)
    total = max(1, size // chunk)

    LOGS.mkdir(exist_ok=True)
    port = free_port()
    server = start("upload-rss", mock_command(bundled_fixture_path(), port), port)
    pid = server.process.pid
    samples: list[int] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(kb(pid, "VmRSS"))
            time.sleep(0.01)

    try:
        with httpx.Client(base_url=server.origin, timeout=None) as http:
            head = sample_mp4(64 * 1024, 30)
            body = {
                "post_info": {"privacy_level": "SELF_ONLY", "title": "bench"},
                "source_info": {
                    "source": "FILE_UPLOAD",
                    "video_size": size,
                    "chunk_size": chunk,
                    "total_chunk_count": total,
                },
            }
            reply = http.post("/v2/post/publish/video/init/", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
            reply.raise_for_status()
            url = reply.json()["data"]["upload_url"]
            time.sleep(0.5)
            before = kb(pid, "VmRSS")
            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            statuses = []
            began = time.perf_counter()
            for index in range(total):
                first = index * chunk
                length = size - first if index == total - 1 else chunk
                headers = {
                    "Content-Type": "video/mp4",
                    "Content-Range": f"bytes {first}-{first + length - 1}/{size}",
                    "Content-Length": str(length),
                }
                response = http.put(url, content=chunk_body(first, length, head), headers=headers)
                statuses.append(response.status_code)
            seconds = time.perf_counter() - began
            done.set()
            sampler.join()
            after = kb(pid, "VmRSS")
            hwm = kb(pid, "VmHWM")
    finally:
        done.set()
        server.stop()

    peak = max(samples or [before])
    print(f"video {size:,} bytes in {total} chunks of {chunk:,} (final {size - (total - 1) * chunk:,})")
    print(f"statuses        {' '.join(map(str, statuses))}")
    print(f"server RSS      before {before / 1024:.1f} MiB, during (peak) {peak / 1024:.1f} MiB")
    print(f"                after {after / 1024:.1f} MiB")
    print(f"growth          {(peak - before) / 1024:.1f} MiB (peak - before), {len(samples)} samples every 10 ms")
    print(f"VmHWM           {hwm / 1024:.1f} MiB (the process's high-water mark, start-up included)")
    print(f"throughput      {size / MIB / seconds:.0f} MiB/s over loopback ({seconds:.1f} s)")
    return 0 if statuses[-1] == 201 and all(status == 206 for status in statuses[:-1]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
