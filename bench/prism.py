"""Stoplight Prism (npm @stoplight/prism-cli, pinned in bench/package.json) in mock mode."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PRISM = BENCH / "node_modules" / ".bin" / "prism"
DISPLAY_SPEC = ROOT / "openapi" / "tiktok-display-openapi.yml"


def ensure_installed() -> str | None:
    """Install Prism into bench/node_modules if needed; None when ready, else why not."""
    if PRISM.exists():
        return None
    if shutil.which("npm") is None:
        return "npm is not installed (`sudo apt-get install npm`), so Prism was skipped"
    print("installing Prism: npm install in bench/ ...", flush=True)
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=BENCH, capture_output=True, text=True)
    if done.returncode != 0 or not PRISM.exists():
        return f"`npm install` in bench/ failed, so Prism was skipped:\n{done.stderr[-2000:]}"
    return None


def command(spec: Path, port: int) -> list[str]:
    return [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), str(spec)]


def spec_for(answers: dict[str, bytes], out: Path) -> tuple[Path, str]:
    """Our Display spec, or, while it is not written yet, a minimal stand-in
    (bench/generated/, never committed) whose examples are the mock's own answers."""
    if DISPLAY_SPEC.exists():
        return DISPLAY_SPEC, f"{DISPLAY_SPEC.relative_to(ROOT)}"
    paths = {}
    for path, body in answers.items():
        method = "get" if path == "/v2/user/info/" else "post"
        operation = {
            "security": [{"bearerAuth": []}],
            "parameters": [{"name": "fields", "in": "query", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"example": json.loads(body)}}}},
        }
        if method == "post":
            operation["requestBody"] = {"content": {"application/json": {"schema": {"type": "object"}}}}
        paths[path] = {method: operation}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "TikTok Display API (bench stand-in)", "version": "2"},
        "servers": [{"url": "https://open.tiktokapis.com"}],
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "paths": paths,
    }
    out.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return out, f"a temporary minimal spec ({out.relative_to(ROOT)}; {DISPLAY_SPEC.name} was not there yet)"
