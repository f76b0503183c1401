"""The `tiktok-mock` command: serve the mock on one origin."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from dataclasses import replace

import uvicorn

from mock_server import __version__
from mock_server.fixtures import Fixture, bundled_fixture_path, load_fixture_file
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.net import is_loopback_host
from mock_server.web.protocol import with_head_timeout


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tiktok-mock", description="A local mock of TikTok's APIs.")
    parser.add_argument("--fixtures", metavar="FILE", help="fixture YAML (default: the bundled fixtures)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    parser.add_argument("--seed", type=int, help="override the fixture's seed for generated data")
    parser.add_argument("--scenario", metavar="NAME", help="switch a fixture scenario on from the start")
    parser.add_argument(
        "--control-token",
        metavar="TOKEN",
        help="let any client use /_mock/ with 'Authorization: Bearer TOKEN' (default: loopback clients only)",
    )
    parser.add_argument(
        "--max-body", type=int, metavar="BYTES", help="largest JSON or form body (default: settings.limits, 1 MiB)"
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        metavar="SECONDS",
        help="time a client may take to send a request's head or body (default: settings.limits, 30)",
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--version", action="version", version=f"tiktok-mock {__version__}")
    return parser


CONTROL_OFF_WARNING = (
    "warning: serving on {host}, but the control API (/_mock/) is off for every client that is not on "
    "this machine (loopback); start with --control-token TOKEN to open it to them with a bearer token"
)


def banner(fixture: Fixture, origin: str) -> str:
    lines = [f"tiktok-mock {__version__} serving {fixture.source}", f"  origin: {origin}", "  apps:"]
    for app in fixture.login_kit.apps:
        lines.append(
            f"    {app.client_key} (secret {app.client_secret}, {app.platform}) -> " + ", ".join(app.redirect_uris)
        )
    if fixture.login_kit.tokens:
        lines.append("  demo tokens:")
        for token in fixture.login_kit.tokens:
            lines.append(f"    {token.access_token}  {token.username}@{token.client_key}  [{','.join(token.scopes)}]")
        example = fixture.login_kit.tokens[0].access_token
        lines.append(
            f"  try: curl -H 'Authorization: Bearer {example}' '{origin}/v2/user/info/?fields=open_id,display_name'"
        )
    return "\n".join(lines + _shop_banner(fixture))


def _shop_banner(fixture: Fixture) -> list[str]:
    shop = fixture.shop
    if not shop.apps and not shop.sellers:
        return []
    lines = ["  shop apps:"]
    lines += [f"    {app.app_key} (secret {app.app_secret}) -> {app.redirect_uri}" for app in shop.apps]
    for seller in shop.sellers:
        ciphers = ", ".join(f"{s.name} {s.cipher}" for s in seller.shops)
        lines.append(f"  seller {seller.name}: {ciphers}")
    if shop.tokens:
        lines.append("  shop tokens (x-tts-access-token):")
        lines += [f"    {t.access_token}  {t.seller}@{t.app_key}" for t in shop.tokens]
    return lines


def with_limits(fixture: Fixture, max_body: int | None, read_timeout: float | None) -> Fixture:
    """The fixture with `--max-body` / `--read-timeout` over its `settings.limits`, checked as a file's are."""
    limits = fixture.settings.limits
    if max_body is not None:
        if not 1 <= max_body <= 1 << 30:
            raise ValueError(f"--max-body: from 1 to {1 << 30} bytes, got {max_body}")
        limits = replace(limits, max_body=max_body)
    if read_timeout is not None:
        if not 0.1 <= read_timeout <= 3600:
            raise ValueError(f"--read-timeout: from 0.1 to 3600 seconds, got {read_timeout:g}")
        limits = replace(limits, read_timeout=read_timeout)
    return replace(fixture, settings=replace(fixture.settings, limits=limits))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        fixture = load_fixture_file(args.fixtures or bundled_fixture_path(), seed=args.seed)
    except FixtureError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        fixture = with_limits(fixture, args.max_body, args.read_timeout)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    from mock_server.app import create_app

    try:
        # The mock's own access log (secrets masked) in place of uvicorn's, which prints whole queries.
        access_log = args.log_level in ("info", "debug")
        app = create_app(fixture, control_token=args.control_token, scenario=args.scenario, access_log=access_log)
    except FixtureError as exc:
        print(f"--scenario: {exc}", file=sys.stderr)
        return 2
    if args.control_token is None and not is_loopback_host(args.host):
        print(CONTROL_OFF_WARNING.format(host=args.host), file=sys.stderr, flush=True)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(banner(fixture, f"http://{host}:{args.port}"), flush=True)
    # Everything alive now (modules, fixtures: up to 100k videos) lives as long as the server: moved
    # out of the collector's reach, the full collections a busy server runs stop walking it.
    gc.freeze()
    # A request head gets the same deadline as a body (settings.limits.read_timeout): uvicorn has none.
    http = with_head_timeout(fixture.settings.limits.read_timeout)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=False, http=http)
    return 0
