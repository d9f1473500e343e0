"""The spec tool: valid output, idempotence, and loud reports on upstream changes."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tools.specsync.__main__ import main as specsync_main
from tools.specsync.derive import describe_changes, dump, extract, load_document
from tools.specsync.excerpt import excerpt_text
from tools.specsync.names import EXPECTED_OPERATIONS, SHARING_OPERATIONS
from tools.specsync.overrides import apply_overrides
from tools.specsync.pointers import SpecError, escape

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "linode-images.yaml"
OVERRIDES = ROOT / "spec" / "overrides.yaml"
# Linode's whole documents (not committed; see tests/pipeline/fixtures for the excerpts).
REFERENCE = Path(os.environ.get("LINODE_OPENAPI_DIR", ROOT.parent / "shared" / "reference"))
UPSTREAM = REFERENCE / "linode-openapi-4.189.0.yaml"
UPSTREAM_4234 = REFERENCE / "linode-openapi-images-4.234.0.json"
# Facts-only excerpts of the image paths, made by `python -m tools.specsync excerpt`.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCERPT = FIXTURES / "linode-images-4.189.0.facts.json"
EXCERPT_4234 = FIXTURES / "linode-images-4.234.0.facts.json"
IMAGES = "/{apiVersion}/images"
IMAGE_BY_ID = "/{apiVersion}/images/{imageId}"

needs_upstream = pytest.mark.skipif(
    not (UPSTREAM.exists() and UPSTREAM_4234.exists()),
    reason=f"Linode's documents are not in {REFERENCE} (set LINODE_OPENAPI_DIR)",
)


@pytest.fixture(scope="module")
def upstream() -> dict[str, Any]:
    """The excerpt of the document spec/ is derived from (SOURCE.lock: 4.234.0)."""
    return load_document(EXCERPT_4234)


def derive_from(upstream: dict[str, Any]) -> dict[str, Any]:
    doc, _ = extract(copy.deepcopy(upstream))
    apply_overrides(doc, yaml.safe_load(OVERRIDES.read_text()))
    loaded: dict[str, Any] = yaml.safe_load(dump(doc))
    return loaded


def committed() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    return loaded


def test_committed_spec_is_valid_openapi_30() -> None:
    spec = committed()
    assert spec["openapi"].startswith("3.0")
    validate(spec)


def test_committed_spec_has_the_29_operations_and_named_components() -> None:
    spec = committed()
    ops = {
        op["operationId"] for item in spec["paths"].values() for k, op in item.items() if k != "parameters"
    }
    assert len(EXPECTED_OPERATIONS) == 7 and len(SHARING_OPERATIONS) == 22
    assert ops == EXPECTED_OPERATIONS | SHARING_OPERATIONS
    # The Beta family is marked as upstream marks it; the classic seven are not.
    beta = {
        op["operationId"]
        for item in spec["paths"].values()
        for k, op in item.items()
        if k != "parameters" and op.get("x-linode-beta") is True
    }
    assert beta == SHARING_OPERATIONS
    schemas = spec["components"]["schemas"]
    for name in ("Image", "ImageRegion", "PaginatedImages", "CreateImageRequest", "UploadImageRequest",
                 "UploadImageResponse", "UpdateImageRequest", "ReplicateImageRequest", "ErrorObject",
                 "ErrorResponse"):  # fmt: skip
        assert name in schemas
    # No prose carried over: examples only where overrides.yaml sets them (the example requests
    # for contract-testing tools), descriptions only where it adds them.
    overrides = yaml.safe_load(OVERRIDES.read_text())
    ours = {patch["path"] for patch in overrides if patch["path"].endswith("/example")}
    assert ours and _pointers_to("example", spec) == ours
    assert _pointers_to("examples", spec) == set()
    assert "externalDocs" not in SPEC.read_text()


def _pointers_to(key: str, node: Any, where: str = "", in_names: bool = False) -> set[str]:
    """The JSON pointer of every ``key`` in a document, names inside ``properties`` aside."""
    found: set[str] = set()
    if isinstance(node, dict):
        for name, value in node.items():
            here = f"{where}/{escape(name)}"
            if name == key and not in_names:
                found.add(here)
            found |= _pointers_to(key, value, here, name == "properties" and not in_names)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found |= _pointers_to(key, value, f"{where}/{index}")
    return found


def test_derivation_is_idempotent_and_matches_the_committed_spec(upstream: dict[str, Any]) -> None:
    first = derive_from(upstream)
    second = derive_from(upstream)
    assert first == second
    assert describe_changes(committed(), first) == []


@needs_upstream
def test_cli_check_passes_and_derive_writes_identical_files(tmp_path: Path) -> None:
    """On the whole document: check passes and derive reproduces spec/ and SOURCE.lock."""
    assert specsync_main(["check", "--upstream", str(UPSTREAM_4234)]) == 0
    assert specsync_main(["derive", "--upstream", str(UPSTREAM_4234), "--out-dir", str(tmp_path)]) == 0
    assert (tmp_path / "linode-images.yaml").read_text() == SPEC.read_text()
    assert (tmp_path / "SOURCE.lock").read_text() == (ROOT / "spec" / "SOURCE.lock").read_text()
    contract = ROOT / "spec" / "linode-images.contract.yaml"
    assert (tmp_path / "linode-images.contract.yaml").read_text() == contract.read_text()


@needs_upstream
def test_cli_check_fails_when_the_contract_view_is_edited(tmp_path: Path) -> None:
    assert specsync_main(["derive", "--upstream", str(UPSTREAM_4234), "--out-dir", str(tmp_path)]) == 0
    view = tmp_path / "linode-images.contract.yaml"
    view.write_text(view.read_text().replace("minimum: 1", "minimum: 0", 1))
    assert specsync_main(["check", "--upstream", str(UPSTREAM_4234), "--out-dir", str(tmp_path)]) == 1


def _image_schemas(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every inline copy of the Image object in an upstream document's image operations."""
    paths = doc["paths"]
    return [
        paths[IMAGES]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]["items"],
        paths[IMAGES]["post"]["responses"]["200"]["content"]["application/json"]["schema"],
        paths[IMAGE_BY_ID]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
    ]  # fmt: skip


def _upstream_file(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "upstream.json"
    path.write_text(json.dumps(doc))
    return path


def test_field_added_everywhere_is_reported_by_check(
    upstream: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = copy.deepcopy(upstream)

    def add_field(node: Any) -> None:
        if isinstance(node, dict):
            if "vendor" in node.get("properties", {}):
                node["properties"]["architecture"] = {"type": "string", "description": "x"}
            for value in node.values():
                add_field(value)
        elif isinstance(node, list):
            for value in node:
                add_field(value)

    add_field({k: v for k, v in doc["paths"].items() if k.startswith(IMAGES)})
    status = specsync_main(["check", "--upstream", str(_upstream_file(tmp_path, doc))])
    err = capsys.readouterr().err
    assert status == 1
    assert "added   /components/schemas/Image/properties/architecture" in err


def test_diverging_inline_copies_fail_loudly(upstream: dict[str, Any]) -> None:
    doc = copy.deepcopy(upstream)
    _image_schemas(doc)[1]["properties"]["size"]["type"] = "number"
    with pytest.raises(SpecError, match=r"copies of Image diverge(?s:.*)properties/size/type"):
        extract(doc)


def test_removed_operation_fails(upstream: dict[str, Any]) -> None:
    doc = copy.deepcopy(upstream)
    del doc["paths"]["/{apiVersion}/images/{imageId}/regions"]
    with pytest.raises(SpecError, match="operations missing upstream: post-replicate-image"):
        extract(doc)


def test_new_operation_is_reported(upstream: dict[str, Any]) -> None:
    doc = copy.deepcopy(upstream)
    doc["paths"]["/{apiVersion}/images/{imageId}/sharegroups"] = {
        "get": {"operationId": "get-image-sharegroups", "responses": {"200": {"description": "ok"}}}
    }
    _, notices = extract(doc)
    assert any("get-image-sharegroups" in n for n in notices)


def test_renamed_enum_value_is_reported(upstream: dict[str, Any]) -> None:
    doc = copy.deepcopy(upstream)

    def rename(node: Any) -> None:  # every copy of the image status, shared images' included
        if isinstance(node, dict):
            if "pending_upload" in node.get("enum", []):
                node["enum"] = ["uploading" if v == "pending_upload" else v for v in node["enum"]]
            for value in node.values():
                rename(value)
        elif isinstance(node, list):
            for value in node:
                rename(value)

    rename(doc)
    changes = describe_changes(committed(), derive_from(doc))
    assert "removed /components/schemas/ImageStatus/enum: 'pending_upload'" in changes
    assert "added   /components/schemas/ImageStatus/enum: 'uploading'" in changes


def test_overrides_need_a_reason_and_a_live_target() -> None:
    doc: dict[str, Any] = {"components": {"schemas": {"Image": {"type": "object"}}}}
    with pytest.raises(SpecError, match="one-line 'why'"):
        apply_overrides(doc, [{"op": "remove", "path": "/components/schemas/Image/type"}])
    with pytest.raises(SpecError, match="no longer exists upstream"):
        apply_overrides(doc, [{"op": "remove", "path": "/components/schemas/Image/nullable", "why": "x"}])
    with pytest.raises(SpecError, match="already has it"):
        apply_overrides(
            doc, [{"op": "add", "path": "/components/schemas/Image/type", "value": "o", "why": "x"}]
        )
    apply_overrides(
        doc, [{"op": "add", "path": "/components/schemas/Image/nullable", "value": True, "why": "x"}]
    )
    assert doc["components"]["schemas"]["Image"]["nullable"] is True


def test_every_override_says_why_in_one_line() -> None:
    overrides = yaml.safe_load(OVERRIDES.read_text())
    assert overrides
    for patch in overrides:
        assert patch["op"] in ("add", "replace", "remove", "set", "discard", "include", "exclude", "describe")
        assert patch["why"].strip() and "\n" not in patch["why"].strip()


PROSE_KEYS = {"description", "summary", "example", "examples", "externalDocs", "title"}


def _keywords(node: Any, in_names: bool = False) -> set[str]:
    """Every key of a document except the names inside ``properties`` mappings."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if not in_names:
                found.add(key)
            found |= _keywords(value, key == "properties" and not in_names)
    elif isinstance(node, list):
        for value in node:
            found |= _keywords(value)
    return found


@pytest.mark.parametrize("fixture", [EXCERPT, EXCERPT_4234], ids=["4.189.0", "4.234.0"])
def test_committed_excerpts_carry_facts_only(fixture: Path) -> None:
    doc = json.loads(fixture.read_text())
    keys = _keywords(doc)
    assert not keys & PROSE_KEYS
    assert {k for k in keys if k.startswith("x-")} <= {
        "x-linode-filterable",
        "x-linode-orderable",
        "x-linode-beta",
    }
    # No sentence anywhere: the longest strings are enum values such as "pending replication".
    strings: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
        elif isinstance(node, str):
            strings.append(node)

    collect(doc)
    assert strings and max(len(s.split()) for s in strings) <= 2
    assert all(path.startswith(IMAGES) for path in doc["paths"])


@needs_upstream
@pytest.mark.parametrize(
    ("whole", "fixture"), [(UPSTREAM, EXCERPT), (UPSTREAM_4234, EXCERPT_4234)], ids=["4.189.0", "4.234.0"]
)
def test_excerpts_are_current_and_derive_like_the_whole_documents(whole: Path, fixture: Path) -> None:
    document = load_document(whole)
    assert excerpt_text(document) == fixture.read_text()
    assert derive_from(document) == derive_from(load_document(fixture))


def test_cli_excerpt_writes_the_fixture_format(tmp_path: Path) -> None:
    out = tmp_path / "excerpt.json"
    assert specsync_main(["excerpt", "--upstream", str(EXCERPT), "--out", str(out)]) == 0
    # An excerpt of an excerpt is itself: nothing is left to strip.
    assert out.read_text() == EXCERPT.read_text()


def test_filterable_fields_come_from_upstreams_markers(upstream: dict[str, Any]) -> None:
    doc = copy.deepcopy(upstream)
    items = doc["paths"][IMAGES]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    props = items["properties"]["data"]["items"]["properties"]
    del props["vendor"]["x-linode-filterable"]
    # The whole document states the marker in prose; both forms count.
    props["created_by"]["description"] = "__Filterable__, __Read-only__ Who made it."
    props["label"]["description"] = "The `+order_by` and `+order` operators are not available on this key."
    get_images = derive_from(doc)["paths"][IMAGES]["get"]
    assert "vendor" not in get_images["x-linode-filterable"]
    assert "created_by" in get_images["x-linode-filterable"]
    assert "label" in get_images["x-linode-filterable"]
    assert "label" not in get_images["x-linode-orderable"]
    committed_get = committed()["paths"][IMAGES]["get"]
    assert committed_get["x-linode-filterable"] == [
        "deprecated", "is_public", "is_shared", "label", "size", "status", "tags", "type", "vendor",
    ]  # fmt: skip
    # status is not sortable upstream; tags is dropped and the timestamps and id added by overrides.
    assert set(committed_get["x-linode-orderable"]) == {
        "deprecated", "is_public", "is_shared", "label", "size", "type", "vendor", "created", "updated", "id",
    }  # fmt: skip
