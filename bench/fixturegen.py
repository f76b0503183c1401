"""Fixture files for the benchmark, written into bench/generated/ (never committed).

- `bundled.yaml`: the bundled fixtures plus what a load test needs: a
  rate limit lifted out of the way (the default 600 per minute would answer
  429 after the first second), a full-scope token, and a pool of refresh
  tokens so every refresh-grant request is valid.
- `videos-N.yaml`: one user `big` with N generated videos and one user
  `small` with 100, for start-up, memory and page-latency at scale.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from mock_server.families.login_kit.scopes import KNOWN_SCOPES
from mock_server.fixtures import bundled_fixture_path

GENERATED = Path(__file__).resolve().parent / "generated"

BENCH_APP = "sbawdemo000001"
BENCH_SECRET = "demo-secret"
BENCH_USER = "tiktoker"
BENCH_TOKEN = "act.bench-tiktoker"
CAPTURE_REFRESH = "rft.bench-capture"
DISPLAY_SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"]
# Lifted so a load run measures answers, not 429s. The short window makes the
# rate-limit state reach its steady size within seconds of a run starting.
LOAD_RATE_LIMIT = {"requests": 1_000_000, "window": 5}  # the cap: far above what 5 s of wrk sends
REFRESH_POOL = 256


def _plain(value: Any) -> Any:
    """YAML timestamps back to ISO text, so the copy parses as the original did."""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _token(user: str, access: str, refresh: str) -> dict[str, Any]:
    scopes = [scope for scope in DISPLAY_SCOPES if scope in KNOWN_SCOPES]
    return {"app": BENCH_APP, "user": user, "access_token": access, "refresh_token": refresh, "scopes": scopes}


def refresh_pool() -> list[str]:
    return [f"rft.bench-pool-{i:04d}" for i in range(REFRESH_POOL)]


def write_bundled() -> Path:
    document = _plain(yaml.safe_load(bundled_fixture_path().read_text(encoding="utf-8")))
    settings = document.setdefault("settings", {})
    settings["rate_limit"] = LOAD_RATE_LIMIT
    tokens = document.setdefault("tokens", [])
    tokens.append(_token(BENCH_USER, BENCH_TOKEN, CAPTURE_REFRESH))
    for i, refresh in enumerate(refresh_pool()):
        tokens.append(_token(BENCH_USER, f"act.bench-pool-{i:04d}", refresh))
    return _write("bundled.yaml", document)


def write_videos(count: int) -> Path:
    document = {
        "seed": 7,
        "settings": {"rate_limit": LOAD_RATE_LIMIT},
        "apps": [
            {
                "client_key": BENCH_APP,
                "client_secret": BENCH_SECRET,
                "redirect_uris": ["http://localhost:3000/callback"],
                "scopes": DISPLAY_SCOPES,
            }
        ],
        "users": [{"username": "big", "videos": count}, {"username": "small", "videos": 100}],
        "tokens": [
            _token("big", "act.bench-big", "rft.bench-big"),
            _token("small", "act.bench-small", "rft.bench-small"),
        ],
    }
    return _write(f"videos-{count}.yaml", document)


def write_tokens_file(tokens: list[str]) -> Path:
    path = GENERATED / "refresh-tokens.txt"
    path.write_text("".join(f"{token}\n" for token in tokens), encoding="utf-8")
    return path


def _write(name: str, document: dict[str, Any]) -> Path:
    GENERATED.mkdir(parents=True, exist_ok=True)
    path = GENERATED / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path
