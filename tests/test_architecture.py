"""The shape the code keeps (docs/architecture.md): the kernel imports no family and
no HTTP; a family's pure modules import no HTTP; no family reaches into another
family, except through the narrow interfaces listed in NARROW."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mock_server"
FAMILIES = sorted(path.name for path in (PACKAGE / "families").iterdir() if (path / "state.py").is_file())
SLICE = ("fixture.py", "state.py", "rules.py", "routes.py", "errors.py", "control.py")
PURE = ("fixture.py", "state.py", "rules.py", "errors.py")
HTTP = ("starlette", "uvicorn", "mock_server.web", "mock_server.app")
# Who may read which other family's modules: Display serves Login Kit's users and grants;
# Content Posting posts for them (and adds what is posted to the user's videos); Webhooks
# sign for the apps of Login Kit and TikTok Shop: they read the app records.
LOGIN_KIT_INTERFACE = {"mock_server.families.login_kit.state", "mock_server.families.login_kit.models"}
NARROW = {
    "display": LOGIN_KIT_INTERFACE,
    "posting": LOGIN_KIT_INTERFACE,
    "webhooks": {"mock_server.families.login_kit.models", "mock_server.families.shop.models"},
}


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(name for name in imports(path) if name.startswith(forbidden))


@pytest.mark.parametrize("module", sorted((PACKAGE / "kernel").glob("*.py")), ids=lambda p: p.name)
def test_the_kernel_imports_no_family_and_no_http(module):
    assert offending(module, ("mock_server.families", "mock_server.mock", "mock_server.fixtures", *HTTP)) == []


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_has_the_same_slice(family):
    assert [name for name in SLICE if not (PACKAGE / "families" / family / name).is_file()] == []


@pytest.mark.parametrize("family", FAMILIES)
def test_a_familys_pure_modules_import_no_http(family):
    for name in PURE:
        assert offending(PACKAGE / "families" / family / name, HTTP) == [], name


@pytest.mark.parametrize("family", FAMILIES)
def test_no_family_reaches_into_another(family):
    others = tuple(f"mock_server.families.{other}" for other in FAMILIES if other != family)
    allowed = NARROW.get(family, set())
    for module in (PACKAGE / "families" / family).glob("*.py"):
        reached = [name for name in offending(module, others) if not name.startswith(tuple(allowed))]
        assert reached == [], module.name
