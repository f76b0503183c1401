"""In-process cost per request: the mock's ASGI app against the floor's, no server, no socket.

    python -m bench.inprocess [-n 3000] [--profile CASE]

On a shared 2-core machine wrk's req/s moves by 20% from run to run; calling
the ASGI apps directly (the same requests wrk sends, best of 5 rounds) is the
steady signal for what the mock's own work costs. uvicorn and the socket add
about the same for both apps on top of these figures.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import json
import pstats
import time
from typing import Any

from bench import cases as bench_cases, fixturegen
from bench.floor import build_app as build_floor
from mock_server.app import create_app
from mock_server.fixtures import load_fixture_file


def _scope(case: bench_cases.Case, token: str, body: bytes) -> dict[str, Any]:
    path, _, query = case.target.partition("?")
    headers = [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"wrk")]
    if case.refresh:
        headers.append((b"content-type", b"application/x-www-form-urlencoded"))
    else:
        headers.append((b"authorization", f"Bearer {token}".encode()))
        if body:
            headers.append((b"content-type", b"application/json"))
    headers.append((b"content-length", str(len(body)).encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": case.method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


async def call(app: Any, case: bench_cases.Case, body: bytes) -> tuple[int, bytes]:
    """One request through the ASGI app: (status, body)."""
    sent = False
    status, chunks = 0, []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        else:
            chunks.append(message.get("body", b""))

    await app(_scope(case, fixturegen.BENCH_TOKEN, body), receive, send)
    return status, b"".join(chunks)


class Chain:
    """The bodies to send for a case; a refresh case spends each answer's new refresh token next."""

    def __init__(self, case: bench_cases.Case) -> None:
        self.case = case
        self.refresh = fixturegen.CAPTURE_REFRESH

    def body(self) -> bytes:
        return bench_cases.refresh_form(self.refresh).encode() if self.case.refresh else self.case.body.encode()

    def seen(self, reply: bytes) -> None:
        if self.case.refresh:
            self.refresh = json.loads(reply)["refresh_token"]


async def measure(app: Any, case: bench_cases.Case, n: int, rounds: int = 5) -> float:
    """Best-of-`rounds` microseconds per request over `n` requests."""
    chain = Chain(case)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(n):
            status, reply = await call(app, case, chain.body())
            chain.seen(reply)
        best = min(best, (time.perf_counter() - started) / n * 1e6)
        if status != 200:
            raise SystemExit(f"{case.name}: HTTP {status}: {reply[:200]!r}")
    return best


async def floor_for(mock: Any, cases: list[bench_cases.Case]) -> Any:
    """The floor app, serving the mock's own answers (as bench.run does over the network)."""
    answers = []
    for case in cases:
        chain = Chain(case)
        status, reply = await call(mock, case, chain.body())
        answers.append(
            {
                "method": case.method,
                "path": case.path,
                "status": status,
                "headers": [],
                "body": base64.b64encode(reply).decode(),
            }
        )
    return build_floor(answers)


async def main_async(args: argparse.Namespace) -> None:
    fixture = fixturegen.write_bundled()
    videos = load_fixture_file(fixture).login_kit.user(fixturegen.BENCH_USER).public_videos
    cases = bench_cases.throughput_cases([video.id for video in videos[:20]])
    mock = create_app(fixture)
    floor = await floor_for(create_app(fixture), cases)
    if args.profile:
        case = next(case for case in cases if args.profile in case.name)
        profiler = cProfile.Profile()
        profiler.enable()
        await measure(mock, case, args.n, rounds=1)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(30)
        return
    print(f"{'endpoint':45} {'mock us':>8} {'floor us':>8} {'ratio':>6}")
    for case in cases:
        mock_us = await measure(mock, case, args.n)
        floor_us = await measure(floor, case, args.n)
        print(f"{case.name:45} {mock_us:8.1f} {floor_us:8.1f} {mock_us / floor_us:5.1f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="requests per round (default 2000; best of 5 rounds)")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (default tottime)")
    parser.add_argument("--profile", metavar="CASE", help="cProfile one case (a part of its name, e.g. user/info)")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
