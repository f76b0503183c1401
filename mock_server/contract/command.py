"""`tiktok-mock contract`: schemathesis against the mock, with the shipped configuration
and hooks, as CI and the project's own tests run it. Needs `pip install 'tiktok-mock[contract]'`."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import httpx

from mock_server import specs
from mock_server.contract import runs

CONTROL_TOKEN_ENV = "TIKTOK_MOCK_CONTROL_TOKEN"


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1, got '{text}'")
    return int(text)


def _workers(text: str) -> str:
    return text if text == "auto" else str(_positive(text))


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got '{text}'") from None


def build_parser() -> argparse.ArgumentParser:
    names = ", ".join(specs.SHORT_NAMES)
    parser = argparse.ArgumentParser(
        prog="tiktok-mock contract",
        description="Run schemathesis against tiktok-mock with the shipped configuration and hooks: every "
        "check, positive and negative data, stateful links. Exits non-zero on any failure.",
        epilog="Arguments after `--` go to `schemathesis run` as they are (e.g. -- --include-operation-id "
        "getUserInfo). Without --url the mock is started here (bundled fixtures, a frozen clock, a fresh "
        "mock per run), and the token endpoints run once more with oauth_error_status: rfc6749.",
    )
    parser.add_argument("specs", nargs="*", metavar="SPEC", help=f"which specs (default: all): {names}")
    parser.add_argument(
        "--url", help="a running mock with the bundled fixtures (default: start one on a free loopback port)"
    )
    parser.add_argument(
        "--control-token",
        metavar="TOKEN",
        default=os.environ.get(CONTROL_TOKEN_ENV) or None,
        help=f"the mock's control token, if it has one (also read from ${CONTROL_TOKEN_ENV})",
    )
    parser.add_argument("--max-examples", type=_positive, metavar="N", help="examples per operation (default: 100)")
    parser.add_argument("--seed", type=_seed, metavar="N", help="schemathesis's seed (default: the shipped one)")
    parser.add_argument("--workers", type=_workers, metavar="N", help="schemathesis workers, or 'auto' (default: 1)")
    parser.add_argument("--report-dir", metavar="DIR", help="keep each run's JSON report (and merged spec) here")
    return parser


def _selected(parser: argparse.ArgumentParser, given: list[str]) -> list[str]:
    unknown = [name for name in given if name not in specs.SHORT_NAMES]
    if unknown:
        parser.error(f"unknown spec '{unknown[0]}' (known: {', '.join(specs.SHORT_NAMES)})")
    return [name for name in specs.SHORT_NAMES if not given or name in given]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    parser = build_parser()
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    names = _selected(parser, args.specs)
    if importlib.util.find_spec("schemathesis") is None:
        print("tiktok-mock contract needs schemathesis: pip install 'tiktok-mock[contract]'", file=sys.stderr)
        return 2
    if args.control_token:
        os.environ[CONTROL_TOKEN_ENV] = args.control_token  # for the hooks, in schemathesis's process
    passed_on = [*_option("--max-examples", args.max_examples), *_option("--seed", args.seed)]
    passed_on += [*_option("--workers", args.workers), *extra]
    url = args.url.rstrip("/") if args.url else None
    if url is not None and not _reachable(url):
        print(
            f"tiktok-mock contract: no tiktok-mock answers at {url} (GET /_mock/health); start one, "
            "or leave --url out to have one started here",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="tiktok-mock-contract-") as scratch:
        workdir = Path(args.report_dir) if args.report_dir else Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        plan = runs.plan(names, url is None, workdir)
        if url is not None and "login-kit" in names:
            print(
                "note: the rfc6749 token-error run needs a mock started with oauth_error_status: rfc6749;"
                " it runs when tiktok-mock contract starts the mock itself (no --url)",
                flush=True,
            )
        outcomes = runs.run_all(plan, url, workdir, passed_on, lambda line: print(line, flush=True))
    failed = [outcome.run.name for outcome in outcomes if not outcome.passed]
    if failed:
        print(f"tiktok-mock contract: FAILED: {', '.join(failed)} (of {len(outcomes)} runs)", flush=True)
        return 1
    print(f"tiktok-mock contract: all {len(outcomes)} runs passed", flush=True)
    return 0


def _reachable(url: str) -> bool:
    try:
        return httpx.get(f"{url}/_mock/health", timeout=5).status_code == 200
    except (httpx.HTTPError, ValueError):
        return False


def _option(name: str, value: object) -> list[str]:
    return [] if value is None else [name, str(value)]
