"""The benchmark's tables and target checks, as Markdown (printed and put in bench/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bench.wrk import Load, Result

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
SERVERS = ("mock", "floor", "prism")


@dataclass
class Report:
    cores: int
    command: str
    load: Load
    when: str
    notes: list[str] = field(default_factory=list)
    throughput: dict[str, dict[str, Result | None]] = field(default_factory=dict)
    startup: list[tuple[str, float, float, float]] = field(default_factory=list)  # label, median s, max s, RSS MB
    pages: list[tuple[str, Result]] = field(default_factory=list)
    pages_rss: float | None = None
    soak: list[tuple[float, float]] = field(default_factory=list)  # (seconds, RSS MB)
    soak_result: Result | None = None
    soak_state: str = ""
    targets: list[tuple[str, str, bool | None]] = field(default_factory=list)

    def render(self) -> str:
        parts = [
            f"Run {self.when} on a machine with {self.cores} cores (shared and noisy: read the ratios, "
            "not the absolute figures).",
            f"Command: `{self.command}`. wrk: {self.load.threads} threads, {self.load.connections} connections, "
            f"{self.load.duration} s per run, the same for every server.",
            "",
        ]
        if self.throughput:
            parts += ["### Throughput: mock vs floor vs Prism", "", *self._throughput_table(), ""]
        if self.startup:
            parts += ["### Start-up and memory", "", *self._startup_table(), ""]
        if self.pages:
            parts += ["### video/list page latency at scale", "", *self._pages_table(), ""]
        if self.soak:
            parts += ["### Bounded memory under a full-speed run", "", *self._soak_lines(), ""]
        if self.targets:
            parts += ["### Targets", "", "| target | measured | met |", "| --- | --- | --- |"]
            parts += [f"| {t} | {m} | {_verdict(ok)} |" for t, m, ok in self.targets]
            parts.append("")
        if self.notes:
            parts += ["Notes:", *[f"- {note}" for note in self.notes], ""]
        return "\n".join(parts)

    def _throughput_table(self) -> list[str]:
        head = "| endpoint | " + " | ".join(f"{s} req/s | {s} p50 / p99 ms" for s in SERVERS)
        lines = [head + " | mock/floor | mock/Prism |", "| --- " * (3 + 2 * len(SERVERS)) + "|"]
        for name, results in self.throughput.items():
            cells = []
            for server in SERVERS:
                result = results.get(server)
                cells += _cells(result)
            lines.append(
                f"| {name} | "
                + " | ".join(cells)
                + f" | {_ratio(results, 'floor')} | {_ratio(results, 'prism', times=True)} |"
            )
        return lines

    def _startup_table(self) -> list[str]:
        lines = ["| fixtures | start-up median (max) | RSS at ready |", "| --- | --- | --- |"]
        lines += [f"| {label} | {med:.2f} s ({top:.2f} s) | {rss:.0f} MB |" for label, med, top, rss in self.startup]
        return lines

    def _pages_table(self) -> list[str]:
        lines = ["| page (median of 3 interleaved 3 s runs) | req/s | p50 ms | p99 ms |", "| --- | --- | --- | --- |"]
        lines += [f"| {label} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} |{_flag(r)}" for label, r in self.pages]
        if self.pages_rss is not None:
            lines += ["", f"RSS of the 100k-video server after these runs: {self.pages_rss:.0f} MB."]
        return lines

    def _soak_lines(self) -> list[str]:
        samples = ", ".join(f"{t:.0f} s: {rss:.1f}" for t, rss in self.soak)
        lines = [f"RSS (MB) sampled during the run: {samples}."]
        if self.soak_result:
            r = self.soak_result
            lines.append(f"The run answered {r.requests:,} requests ({r.rps:,.0f}/s){_flag(r)}.")
        if self.soak_state:
            lines.append(self.soak_state)
        return lines

    def write_readme(self, text: str) -> None:
        readme = README.read_text(encoding="utf-8")
        block = f"{START}\n{text}\n{END}"
        updated = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)
        README.write_text(updated if START in readme else readme + "\n" + block + "\n", encoding="utf-8")


def _cells(result: Result | None) -> list[str]:
    if result is None:
        return ["n/a", "n/a"]
    return [f"{result.rps:,.0f}{_flag(result)}", f"{result.p50_ms:.2f} / {result.p99_ms:.2f}"]


def _flag(result: Result) -> str:
    if result.clean:
        return ""
    wrong = []
    if result.bad_status:
        wrong.append(f"{result.bad_status} non-2xx")
    if result.invalid:
        wrong.append(f"{result.invalid} invalid")
    if result.errors:
        wrong.append(f"{result.errors} socket errors")
    return f" ({', '.join(wrong)}!)"


def _ratio(results: dict[str, Result | None], other: str, times: bool = False) -> str:
    mine, theirs = results.get("mock"), results.get(other)
    if not mine or not theirs or not theirs.rps:
        return "n/a"
    ratio = mine.rps / theirs.rps
    return f"{ratio:.1f}x" if times else f"{ratio:.0%}"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")
