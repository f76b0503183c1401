"""The published specs: the OpenAPI descriptions in `openapi/`, the Arazzo workflows in
`arazzo/`, and one bundled single-file variant of the TikTok specs.

They ship inside the wheel (`mock_server/_specs/openapi/`, `mock_server/_specs/arazzo/`,
so the workflows' `../openapi/...` links still resolve); in a checkout they are read
from the repository. The TikTok specs are published one per API family and link
across files (`operationRef: tiktok-display-openapi.yml#/...`). Tools that follow links
within one document only (schemathesis's stateful phase, some generators) get the
bundle: paths side by side, components unioned (a name two specs share must mean the
same thing), cross-file links made local. It is generated from the specs by
`python -m mock_server.specs` and a test keeps it in sync.
"""

from __future__ import annotations

import copy
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
CONTROL_SPEC = "tiktok-mock-control-openapi.yml"
BUNDLE = "bundled-tiktok-openapi.yml"  # in openapi/, beside the specs it is made from
MOCK_ORIGIN = "http://127.0.0.1:8000"
# The short names `tiktok-mock contract` and `specs` take, in the order they run.
SHORT_NAMES = {
    "login-kit": "tiktok-login-kit-openapi.yml",
    "display": "tiktok-display-openapi.yml",
    "shop": "tiktok-shop-openapi.yml",
    "posting": "tiktok-content-posting-openapi.yml",
    "control": CONTROL_SPEC,
}


def spec_root() -> Path:
    """The folder holding `openapi/` and `arazzo/`: inside the wheel when installed, else the checkout."""
    packaged = resources.files("mock_server").joinpath("_specs")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent


def openapi_dir() -> Path:
    return spec_root() / "openapi"


def arazzo_dir() -> Path:
    return spec_root() / "arazzo"


def spec_paths() -> list[Path]:
    """Every published OpenAPI spec (not the bundle), by name."""
    return sorted(openapi_dir().glob("tiktok-*-openapi.yml"))


def tiktok_spec_paths() -> list[Path]:
    """The specs of TikTok's own APIs: every spec but the mock's control API."""
    return [path for path in spec_paths() if path.name != CONTROL_SPEC]


def bundle_path() -> Path:
    return openapi_dir() / BUNDLE


def workflow_paths() -> list[Path]:
    return sorted(arazzo_dir().glob("*.yml"))


def contract_config_paths() -> list[Path]:
    """The contract run's schemathesis configuration (the hooks are `mock_server.contract.hooks`)."""
    return sorted((Path(__file__).resolve().parent / "contract").glob("schemathesis*.toml"))


def published() -> dict[str, Path]:
    """Everything `tiktok-mock specs` lists, by the name it is published under: the specs and
    the bundle (`openapi/...`), the workflows (`arazzo/...`), the contract run's configuration
    (`contract/...`). Copied or served under these names, the workflows' links still resolve."""
    named = [("openapi", path) for path in [*spec_paths(), bundle_path()]]
    named += [("arazzo", path) for path in workflow_paths()]
    named += [("contract", path) for path in contract_config_paths()]
    return {f"{folder}/{path.name}": path for folder, path in named}


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


class MergeError(ValueError):
    """Two specs describe one path, or give one component name two meanings."""


def merged(paths: list[Path], origin: str, info: dict[str, Any] | None = None) -> dict[str, Any]:
    """One document holding every given spec, every operation served from `origin`."""
    result: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": info or {"title": "tiktok-mock contract run", "version": "1"},
        "servers": [{"url": origin}],
        "tags": [],
        "paths": {},
        "components": {},
    }
    names = {path.name for path in paths}
    for path in paths:
        spec = _localised(load(path), names)
        known_tags = {tag["name"] for tag in result["tags"]}
        result["tags"] += [tag for tag in spec.get("tags", []) if tag["name"] not in known_tags]
        for route, item in spec["paths"].items():
            if route in result["paths"]:
                raise MergeError(f"{route} is described by two specs")
            item.pop("servers", None)  # the mock answers every host's paths on one origin
            for method in HTTP_METHODS:
                if method in item and "security" not in item[method] and "security" in spec:
                    item[method]["security"] = spec["security"]
            result["paths"][route] = item
        for section, entries in spec.get("components", {}).items():
            target = result["components"].setdefault(section, {})
            for name, value in entries.items():
                if target.get(name, value) != value:
                    raise MergeError(f"components/{section}/{name} differs between specs")
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


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, as the hand-written specs have it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


BUNDLE_INFO = {
    "title": "TikTok Login Kit, Display API and TikTok Shop, as tiktok-mock serves them (one file)",
    "version": "2.0.0",
    "description": (
        "The TikTok specs of tiktok-mock (tiktok-login-kit-openapi.yml, tiktok-display-openapi.yml,\n"
        "tiktok-shop-openapi.yml) in one document, for tools that cannot follow links across files.\n"
        "Generated by `python -m mock_server.specs`; do not edit. Its one server is the mock's\n"
        "origin, which answers every TikTok host's paths; the per-family specs list TikTok's hosts.\n"
    ),
    "license": {"name": "MIT", "identifier": "MIT"},
}


def bundle_text() -> str:
    """The bundle as it should read, from the specs as they are."""
    header = "# Generated from the specs beside it by `python -m mock_server.specs`: do not edit.\n"
    return header + dump(merged(tiktok_spec_paths(), MOCK_ORIGIN, BUNDLE_INFO))


def copy_to(target: Path) -> list[Path]:
    """Everything published, copied under `target` by its published name; the copies' paths."""
    copied = []
    for name, source in published().items():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        copied.append(destination)
    return copied


def main() -> int:
    """Rewrite the bundle from the specs (run in a checkout after editing a spec)."""
    path = bundle_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bundle_text(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
