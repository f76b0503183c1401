"""Every published spec is valid OpenAPI 3.1 on its own, and the bundled single-file
variant is valid, complete and in sync with the specs it is made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from mock_server import specs

SPECS = specs.spec_paths()


def test_the_login_kit_display_shop_and_control_specs_ship() -> None:
    assert [path.name for path in SPECS] == sorted(specs.SHORT_NAMES.values())


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.name)
def test_spec_passes_openapi_spec_validator_alone_in_a_folder(path: Path, tmp_path: Path) -> None:
    alone = tmp_path / path.name
    shutil.copyfile(path, alone)
    spec, base_uri = read_from_filename(str(alone))
    assert spec["openapi"].startswith("3.1")
    validate(spec, base_uri=base_uri)


def test_the_bundle_leaves_the_control_spec_out() -> None:
    assert specs.CONTROL_SPEC not in {path.name for path in specs.tiktok_spec_paths()}


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.name)
def test_spec_lists_the_mock_server(path: Path) -> None:
    spec, _ = read_from_filename(str(path))
    urls = [server["url"] for server in spec["servers"]]
    assert "http://127.0.0.1:8000" in urls


def test_the_bundle_is_what_the_specs_make_now() -> None:
    # After editing a spec: `python -m mock_server.specs` rewrites the bundle.
    assert specs.bundle_path().read_text(encoding="utf-8") == specs.bundle_text()


def test_the_bundle_passes_openapi_spec_validator_alone(tmp_path: Path) -> None:
    alone = tmp_path / "tiktok-openapi.yml"
    shutil.copyfile(specs.bundle_path(), alone)
    spec, base_uri = read_from_filename(str(alone))
    validate(spec, base_uri=base_uri)


def test_the_bundle_holds_every_tiktok_operation_and_links_only_within_itself() -> None:
    bundle = specs.load(specs.bundle_path())
    wanted = {(m, p) for path in specs.tiktok_spec_paths() for m, p, _ in specs.operations(specs.load(path))}

    assert {(m, p) for m, p, _ in specs.operations(bundle)} == wanted
    text = specs.bundle_path().read_text(encoding="utf-8")
    assert "operationRef: '#/paths/" in text and "-openapi.yml#" not in text
    assert [server["url"] for server in bundle["servers"]] == [specs.MOCK_ORIGIN]


def test_merging_refuses_two_specs_that_give_a_component_two_meanings(tmp_path: Path) -> None:
    one, two = tmp_path / "a-openapi.yml", tmp_path / "b-openapi.yml"
    one.write_text("paths: {/a: {}}\ncomponents: {schemas: {Id: {type: string}}}\n")
    two.write_text("paths: {/b: {}}\ncomponents: {schemas: {Id: {type: integer}}}\n")

    with pytest.raises(specs.MergeError, match="components/schemas/Id"):
        specs.merged([one, two], specs.MOCK_ORIGIN)
