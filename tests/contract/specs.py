"""The OpenAPI specs under openapi/, and the one merged document schemathesis runs.

The specs are published one per API family and link across files with
`operationRef: tiktok-display-openapi.yml#/...`. Schemathesis follows links
inside one document only, so the contract run merges them: paths side by side,
components unioned (a name two specs share must mean the same thing), cross-file
references made local, and every server replaced by the server under test.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

OPENAPI_DIR = Path(__file__).resolve().parents[2] / "openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def spec_paths() -> list[Path]:
    """Every spec shipped in openapi/ (the Shop one too, once it lands)."""
    return sorted(OPENAPI_DIR.glob("tiktok-*-openapi.yml"))


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation of a spec."""
    return [
        (method.upper(), path, item[method])
        for path, item in spec.get("paths", {}).items()
        for method in HTTP_METHODS
        if method in item
    ]


def merged(paths: list[Path], origin: str) -> dict[str, Any]:
    """One document holding every given spec, served from `origin`."""
    result: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "tiktok-mock contract run", "version": "1"},
        "servers": [{"url": origin}],
        "paths": {},
        "components": {},
    }
    names = {path.name for path in paths}
    for path in paths:
        spec = _localised(load(path), names)
        for route, item in spec["paths"].items():
            assert route not in result["paths"], f"{route} is described by two specs"
            item.pop("servers", None)  # the server under test answers every host's paths
            for method in HTTP_METHODS:
                if method in item and "security" not in item[method] and "security" in spec:
                    item[method]["security"] = spec["security"]
            result["paths"][route] = item
        for section, entries in spec.get("components", {}).items():
            target = result["components"].setdefault(section, {})
            for name, value in entries.items():
                assert target.get(name, value) == value, f"components/{section}/{name} differs between specs"
                target[name] = value
    return result


def _localised(spec: dict[str, Any], file_names: set[str]) -> dict[str, Any]:
    """`operationRef: other-spec.yml#/paths/...` -> `#/paths/...` (they share one document now)."""
    spec = copy.deepcopy(spec)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("operationRef")
            if isinstance(ref, str) and ref.split("#", 1)[0] in file_names:
                node["operationRef"] = "#" + ref.split("#", 1)[1]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return spec


def write_merged(paths: list[Path], origin: str, target: Path) -> Path:
    target.write_text(yaml.safe_dump(merged(paths, origin), sort_keys=False), encoding="utf-8")
    return target
