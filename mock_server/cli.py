"""The `tiktok-mock` command: serve the mock on one origin; `tiktok-mock specs` and
`tiktok-mock contract` are its two other commands."""

from __future__ import annotations

import argparse
import errno
import gc
import os
import socket
import sys
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette

from mock_server import __version__
from mock_server.banner import CONTROL_OFF_WARNING, banner, origin_for
from mock_server.fixtures import Fixture, bundled_fixture_path, load_fixture_file
from mock_server.kernel.errors import FixtureError
from mock_server.kernel.net import is_loopback_host
from mock_server.web.protocol import with_head_timeout

CONTROL_TOKEN_ENV = "TIKTOK_MOCK_CONTROL_TOKEN"
PUBLIC_URL_ENV = "TIKTOK_MOCK_PUBLIC_URL"
COMMANDS = ("specs", "contract")


def port_number(text: str) -> int:
    """A TCP port to listen on: 1..65535 (0 would mean 'any', and the banner could not say which)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 65535, got '{text}'")
    return value


def public_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"must be an http(s) URL such as http://127.0.0.1:9000, got '{text}'")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktok-mock",
        description="A local mock of TikTok's APIs.",
        epilog="Other commands: `tiktok-mock specs [DIR]` (the OpenAPI specs and Arazzo workflows), "
        "`tiktok-mock contract` (schemathesis against the mock); each takes --help.",
    )
    parser.add_argument("--fixtures", metavar="FILE", help="fixture YAML (default: the bundled fixtures)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=port_number, default=8000, help="port to bind, 1..65535 (default: 8000)")
    parser.add_argument("--seed", type=int, help="override the fixture's seed for generated data")
    parser.add_argument("--scenario", metavar="NAME", help="switch a fixture scenario on from the start")
    parser.add_argument(
        "--control-token",
        metavar="TOKEN",
        default=os.environ.get(CONTROL_TOKEN_ENV) or None,
        help="let any client use /_mock/ with 'Authorization: Bearer TOKEN' (default: loopback clients only; "
        f"also read from ${CONTROL_TOKEN_ENV})",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        type=public_url,
        default=os.environ.get(PUBLIC_URL_ENV) or None,
        help="the origin clients use, for the banner (e.g. a container's published port; "
        f"also read from ${PUBLIC_URL_ENV})",
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


class CannotListen(Exception):
    """The port or interface cannot be bound; the message says what to do instead."""


def listen(host: str, port: int) -> socket.socket:
    """The bound socket uvicorn will serve on, bound before anything is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: restart at once
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as exc:
        sock.close()
        raise CannotListen(_why(host, port, exc)) from None
    sock.set_inheritable(True)
    return sock


def _why(host: str, port: int, exc: Exception) -> str:
    where = f"{host}:{port}"
    code = getattr(exc, "errno", None)
    if code == errno.EADDRINUSE:
        return (
            f"cannot listen on {where}: the port is already in use (another tiktok-mock, or another server); "
            f"start on a free port with --port, e.g. `tiktok-mock --port {_free_port(host, port)}`"
        )
    if code == errno.EACCES:
        return f"cannot listen on {where}: ports below 1024 need root; use --port with a port from 1024, e.g. 8000"
    if code == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return (
            f"cannot listen on {where}: '{host}' is not an address of this machine; use --host 127.0.0.1 "
            "(this machine only) or --host 0.0.0.0 (every interface)"
        )
    return f"cannot listen on {where}: {getattr(exc, 'strerror', None) or exc}"


def _free_port(host: str, taken: int) -> int:
    """The next port after `taken` this machine can bind, for the hint."""
    for candidate in range(taken + 1, min(taken + 50, 65536)):
        try:
            listen(host, candidate).close()
        except CannotListen:
            continue
        return candidate
    return 8001


def run_server(app: Starlette, sock: socket.socket, log_level: str) -> None:
    host, port = sock.getsockname()[:2]
    read_timeout = app.state.mock.settings.limits.read_timeout
    # The mock's own access log replaces uvicorn's (which prints whole queries, secrets and all), and a
    # request head gets the same deadline as a body (settings.limits.read_timeout): uvicorn has none.
    http = with_head_timeout(read_timeout)
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False, http=http)
    uvicorn.Server(config).run(sockets=[sock])


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
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return _command(argv[0], argv[1:])
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
    try:
        sock = listen(args.host, args.port)
    except CannotListen as exc:
        print(f"tiktok-mock: {exc}", file=sys.stderr)
        return 2
    if args.control_token is None and not is_loopback_host(args.host):
        print(CONTROL_OFF_WARNING.format(host=args.host), file=sys.stderr, flush=True)
    listening = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    origin = origin_for(args.host, args.port, args.public_url)
    print(banner(fixture, origin, listening, args.control_token), flush=True)
    # Everything alive now (modules, fixtures: up to 100k videos) lives as long as the server: moved
    # out of the collector's reach, the full collections a busy server runs stop walking it.
    gc.freeze()
    run_server(app, sock, args.log_level)
    return 0


def _command(name: str, argv: list[str]) -> int:
    if name == "specs":
        from mock_server.specs_command import main as specs_main

        return specs_main(argv)
    from mock_server.contract.command import main as contract_main

    return contract_main(argv)
