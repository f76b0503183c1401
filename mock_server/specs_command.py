"""`tiktok-mock specs [DIR]`: where the installed specs are, or a copy of them in DIR."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mock_server import specs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktok-mock specs",
        description="Print the paths of the OpenAPI specs (one per API, the bundled single-file variant, "
        "the control API's), the Arazzo workflows and the contract run's schemathesis configuration this "
        "install carries, or copy them into DIR (as openapi/, arazzo/ and contract/, so the workflows' "
        "links still resolve).",
    )
    parser.add_argument("dir", nargs="?", metavar="DIR", help="copy them here (made if missing)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.dir is None:
        print("\n".join(str(path) for path in specs.published().values()))
        return 0
    target = Path(args.dir)
    try:
        copied = specs.copy_to(target)
    except OSError as exc:
        print(f"tiktok-mock specs: cannot copy into {target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print("\n".join(str(path) for path in copied))
    return 0
