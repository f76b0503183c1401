"""The floor: a bare Starlette app answering precomputed bytes.

It serves the exact bodies (same bytes, status and headers) the mock gave
for each benchmarked request, on the same uvicorn settings as the mock's CLI,
so the gap between it and the mock is what the mock's own work costs.

    python -m bench.floor --port 8101 --bodies bench/generated/floor-bodies.json
"""

from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _endpoint(answer: dict[str, Any]):
    body = base64.b64decode(answer["body"])
    status = answer["status"]
    headers = dict(answer["headers"])
    media_type = headers.pop("content-type", "application/json")

    async def endpoint(request: Request) -> Response:
        return Response(body, status_code=status, headers=headers, media_type=media_type)

    return endpoint


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def build_app(answers: list[dict[str, Any]]) -> Starlette:
    routes = [Route(a["path"], _endpoint(a), methods=[a["method"]]) for a in answers]
    return Starlette(routes=[*routes, Route("/_mock/health", health, methods=["GET"])])


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.floor")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--bodies", required=True, help="JSON written by bench.run: the mock's answers")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()
    answers = json.loads(Path(args.bodies).read_text(encoding="utf-8"))
    # The same uvicorn server the mock's CLI runs (mock_server/cli.py), so both are measured alike.
    uvicorn.run(build_app(answers), host=args.host, port=args.port, log_level=args.log_level)


if __name__ == "__main__":
    main()
