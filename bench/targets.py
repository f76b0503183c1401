"""The issue's targets, checked against one run's figures (read, not asserted)."""

from __future__ import annotations

from bench.report import Report

FLOOR_SHARE = 0.70
PRISM_TIMES = 5.0
PAGE_SLACK = 1.20
STARTUP_BUNDLED_S = 1.5
STARTUP_100K_S = 5.0
RSS_100K_MB = 200
FLAT_MB = 5.0  # RSS growth allowed over the second half of the bounded-memory run


def check_targets(report: Report) -> None:
    _throughput(report)
    _scale(report)
    _soak(report)


def _throughput(report: Report) -> None:
    for name, results in report.throughput.items():
        if not name.startswith(("GET /v2/user/info/", "POST /v2/video/list/")):
            continue
        mock, floor, prism = results.get("mock"), results.get("floor"), results.get("prism")
        if mock and floor:
            share = mock.rps / floor.rps
            report.targets.append((f"{name}: >= 70% of the floor", f"{share:.0%}", share >= FLOOR_SHARE))
        if mock and prism:
            times = mock.rps / prism.rps
            report.targets.append((f"{name}: >= 5x Prism", f"{times:.1f}x", times >= PRISM_TIMES))


def _scale(report: Report) -> None:
    for label, median, _, rss in report.startup:
        if label.startswith("bundled"):
            met = median < STARTUP_BUNDLED_S
            report.targets.append(("start-up, bundled fixtures: < 1.5 s", f"{median:.2f} s", met))
        if label.startswith("100,000"):
            report.targets.append(("start-up, 100k videos: < 5 s", f"{median:.2f} s", median < STARTUP_100K_S))
            report.targets.append(("RSS, 100k videos: < 200 MB", f"{rss:.0f} MB", rss < RSS_100K_MB))
    pages = dict(report.pages)
    for page in ("first", "last"):
        small = pages.get(f"{page} page, 100 videos")
        big = pages.get(f"{page} page, 100,000 videos")
        if small and big:
            ratio = big.p50_ms / small.p50_ms
            measured = f"p50 {big.p50_ms:.2f} vs {small.p50_ms:.2f} ms ({ratio - 1:+.0%})"
            target = f"video/list {page} page at 100k within 20% of at 100"
            report.targets.append((target, measured, ratio <= PAGE_SLACK))


def _soak(report: Report) -> None:
    if len(report.soak) < 3:
        return
    end_time, end_rss = report.soak[-1]
    half = min(report.soak, key=lambda sample: abs(sample[0] - end_time / 2))
    growth = end_rss - half[1]
    measured = f"{half[1]:.1f} MB at {half[0]:.0f} s, {end_rss:.1f} MB at {end_time:.0f} s ({growth:+.1f} MB)"
    report.targets.append(("RSS flat over the second half of the full-speed run", measured, growth <= FLAT_MB))
