"""`python -m bench`: throughput against the floor and Prism, start-up and memory
at scale, page latency at scale, and a bounded-memory run. See bench/README.md."""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
import statistics
import sys
import threading
import time
import urllib.request
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from bench import cases as bench_cases, fixturegen, prism, servers, wrk
from bench.report import Report
from bench.targets import check_targets
from mock_server.fixtures import bundled_fixture_path, load_fixture_file

GENERATED = fixturegen.GENERATED
RESULTS = Path(__file__).resolve().parent / "results"
PARTS = ("throughput", "scale", "soak")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_mock(name: str, fixture: Path) -> servers.Server:
    port = free_port()
    return servers.start(name, servers.mock_command(fixture, port), port)


def drive(server: servers.Server, case: bench_cases.Case, load: wrk.Load, **kwargs) -> wrk.Result:
    if case.refresh:
        tokens = str(GENERATED / "refresh-tokens.txt")
        args = [tokens, str(load.threads), fixturegen.BENCH_APP, fixturegen.BENCH_SECRET]
        return wrk.run(server.origin + case.target, "refresh.lua", args, load, **kwargs)
    args = [case.method, kwargs.pop("token", fixturegen.BENCH_TOKEN), case.body]
    return wrk.run(server.origin + case.target, "request.lua", args, load, **kwargs)


def throughput(load: wrk.Load, report: Report) -> None:
    fixture = fixturegen.write_bundled()
    fixturegen.write_tokens_file(fixturegen.refresh_pool())
    videos = load_fixture_file(fixture).login_kit.user(fixturegen.BENCH_USER).public_videos
    cases = bench_cases.throughput_cases([video.id for video in videos[:20]])
    running: list[servers.Server] = []
    try:
        mock = start_mock("mock", fixture)
        running.append(mock)
        bodies = GENERATED / "floor-bodies.json"
        for name, (status, size) in bench_cases.capture(mock.origin, cases, bodies).items():
            report.notes.append(f"mock answer to {name}: HTTP {status}, {size} bytes (the floor answers these bytes)")
        port = free_port()
        running.append(servers.start("floor", servers.floor_command(bodies, port), port))
        running += _start_prism(cases, bodies, report)
        for case in cases:
            report.throughput[case.name] = {}
            for server in running:
                if case.refresh and server.name == "prism":
                    report.throughput[case.name]["prism"] = None  # not in the Display spec
                    continue
                if not case.refresh:
                    drive(server, case, load, duration=2)  # warm-up, not counted
                before = server.rss_mb()
                result = drive(server, case, load)
                if case.refresh and server.name == "mock":
                    report.notes.append(
                        f"mock RSS over the refresh run: {before:.0f} -> {server.rss_mb():.0f} MB for "
                        f"{result.requests:,} refreshes (each keeps its access token until it expires "
                        "or 1000 newer ones exist in its grant)"
                    )
                report.throughput[case.name][server.name] = result
                print(f"  {server.name:5} {case.name}: {result.rps:,.0f} req/s", flush=True)
        report.notes.append(f"mock RSS after the throughput runs: {mock.rss_mb():.0f} MB")
    finally:
        for server in running:
            server.stop()


def _start_prism(cases: list[bench_cases.Case], bodies: Path, report: Report) -> list[servers.Server]:
    why_not = prism.ensure_installed()
    if why_not:
        report.notes.append(why_not)
        return []
    answers = json.loads(bodies.read_text())
    display = {a["path"]: base64.b64decode(a["body"]) for a in answers if a["path"] != "/v2/oauth/token/"}
    spec, described = prism.spec_for(display, GENERATED / "display-openapi-standin.yml")
    report.notes.append(
        f"Prism: @stoplight/prism-cli (bench/package.json) in mock mode on {described}; "
        "/v2/oauth/token/ is not in the Display spec, so Prism has no token figure"
    )
    port = free_port()
    server = servers.start("prism", prism.command(spec, port), port, cases[0].target, any_status=True)
    for case in cases:
        if not case.refresh:
            status, _, body = bench_cases.send(server.origin, case)
            report.notes.append(f"Prism answer to {case.name}: HTTP {status}, {len(body)} bytes")
    return [server]


def scale(load: wrk.Load, report: Report, repeats: int) -> None:
    fixtures = [("bundled (fixtures/default.yaml)", bundled_fixture_path())]
    for count in (1_000, 10_000, 100_000):
        started = time.perf_counter()
        path = fixturegen.write_videos(count)
        fixtures.append((f"{count:,} videos (+100)", path))
        print(f"  wrote {path.name} in {time.perf_counter() - started:.2f} s", flush=True)
    for label, path in fixtures:
        times, rss = [], []
        for _ in range(repeats):
            server = start_mock("scale", path)
            times.append(server.startup_s)
            rss.append(server.rss_mb())
            server.stop()
        report.startup.append((label, statistics.median(times), max(times), statistics.median(rss)))
        print(f"  start-up {label}: {statistics.median(times):.2f} s, {statistics.median(rss):.0f} MB", flush=True)
    _pages(fixtures[-1][1], load, report)


def _pages(path: Path, load: wrk.Load, report: Report, rounds: int = 3) -> None:
    """First and last page for the 100-video and the 100k-video user, interleaved
    over a few short rounds (median p50), so machine noise hits both alike."""
    fixture = load_fixture_file(path)
    runs: dict[str, tuple[bench_cases.Case, str]] = {}
    for user in ("small", "big"):
        videos = fixture.login_kit.user(user).public_videos
        # Just above the oldest video: the cursor returns videos with create_time*1000 < cursor.
        last = bench_cases.list_body(20, videos[-1].create_time * 1000 + 1)
        for page, body in (("first", bench_cases.list_body(20)), ("last", last)):
            case = bench_cases.Case(f"{page} page, {len(videos):,} videos", "POST", bench_cases.VIDEO_LIST, body)
            runs[case.name] = (case, f"act.bench-{user}")
    order = sorted(runs, key=lambda name: name.split(",")[0])  # first/first, last/last: neighbours compare
    server = start_mock("pages", path)
    try:
        results: dict[str, list[wrk.Result]] = {name: [] for name in order}
        for name in order:
            drive(server, runs[name][0], load, duration=2, token=runs[name][1])  # warm-up, not counted
        for _ in range(rounds):
            for name in order:
                results[name].append(drive(server, runs[name][0], load, duration=3, token=runs[name][1]))
        for name in order:
            ranked = sorted(results[name], key=lambda result: result.p50_ms)
            report.pages.append((name, ranked[(len(ranked) - 1) // 2]))
            print(f"  {name}: p50 {report.pages[-1][1].p50_ms:.2f} ms", flush=True)
        report.pages_rss = server.rss_mb()
    finally:
        server.stop()


def soak(load: wrk.Load, report: Report, seconds: int) -> None:
    fixture = fixturegen.write_bundled()
    videos = load_fixture_file(fixture).login_kit.user(fixturegen.BENCH_USER).public_videos
    query = bench_cases.query_body([video.id for video in videos[:20]])
    server = start_mock("soak", fixture)
    stop = threading.Event()
    began = time.perf_counter()

    def sample() -> None:
        while not stop.wait(5):
            report.soak.append((time.perf_counter() - began, server.rss_mb()))

    sampler = threading.Thread(target=sample, daemon=True)
    report.soak.append((0.0, server.rss_mb()))
    sampler.start()
    try:
        args = [
            fixturegen.BENCH_TOKEN,
            bench_cases.USER_INFO,
            bench_cases.VIDEO_LIST,
            bench_cases.list_body(20),
            bench_cases.VIDEO_QUERY,
            query,
        ]
        report.soak_result = wrk.run(server.origin + "/", "mix.lua", args, load, duration=seconds)
        stop.set()
        sampler.join()
        report.soak.append((time.perf_counter() - began, server.rss_mb()))
        report.soak_state = _control_state(server.origin)
    finally:
        stop.set()
        server.stop()


def _control_state(origin: str) -> str:
    """What the control API says about the journal after the run, if it is there."""
    try:
        with urllib.request.urlopen(origin + "/_mock/state", timeout=10) as response:
            state = json.loads(response.read())
    except Exception as exc:  # a report line, not a failure
        return f"GET /_mock/state after the run: not available ({exc})."
    counts = state.get("counts", state) if isinstance(state, dict) else state
    return f"`GET /_mock/state` counts after the run: `{json.dumps(counts, separators=(',', ':'))[:400]}`."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"any of {', '.join(PARTS)} (default: all)")
    parser.add_argument("-t", "--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("-c", "--connections", type=int, default=50, help="wrk connections (default 50)")
    parser.add_argument("-d", "--duration", type=int, default=10, help="seconds per load run (default 10)")
    parser.add_argument("--soak", type=int, default=60, help="seconds of the bounded-memory run (default 60)")
    parser.add_argument("--repeats", type=int, default=3, help="start-ups per fixture (default 3)")
    parser.add_argument("--no-readme", action="store_true", help="do not write the tables into bench/README.md")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    if not wrk.available():
        print(wrk.INSTALL_HINT, file=sys.stderr)
        return 2
    parts = args.parts or list(PARTS)
    load = wrk.Load(args.threads, args.connections, args.duration)
    command = "python -m bench" + "".join(f" {arg}" for arg in (argv if argv is not None else sys.argv[1:]))
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = Report(cores=os.cpu_count() or 0, command=command, load=load, when=when)
    GENERATED.mkdir(parents=True, exist_ok=True)
    if "throughput" in parts:
        print("throughput ...", flush=True)
        throughput(load, report)
    if "scale" in parts:
        print("scale ...", flush=True)
        scale(load, report, args.repeats)
    if "soak" in parts:
        print(f"bounded-memory run ({args.soak} s) ...", flush=True)
        soak(load, report, args.soak)
    check_targets(report)
    text = report.render()
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(asdict(report), indent=1, default=str), encoding="utf-8")
    if not args.no_readme:
        report.write_readme(text)
    return 0
