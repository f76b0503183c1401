"""Every shipped spec is valid OpenAPI 3.1, and its examples agree with its own schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests.contract.specs import spec_paths

SPECS = spec_paths()


def test_the_login_kit_and_display_specs_ship() -> None:
    names = {path.name for path in SPECS}
    assert {"tiktok-login-kit-openapi.yml", "tiktok-display-openapi.yml"} <= names


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.name)
def test_spec_passes_openapi_spec_validator(path: Path) -> None:
    spec, base_uri = read_from_filename(str(path))
    assert spec["openapi"].startswith("3.1")
    validate(spec, base_uri=base_uri)


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.name)
def test_spec_lists_the_mock_server(path: Path) -> None:
    spec, _ = read_from_filename(str(path))
    urls = [server["url"] for server in spec["servers"]]
    assert "http://127.0.0.1:8000" in urls
    assert any(url.startswith("https://") for url in urls)
