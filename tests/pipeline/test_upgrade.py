"""The upgrade from Linode's 4.189.0 document to 4.234.0: the report, the rules, the overrides
that hold across both, and a generated client with all 29 operations."""

from __future__ import annotations

import contextlib
import copy
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tools.codegen.__main__ import generate_into
from tools.specsync.__main__ import main as specsync_main
from tools.specsync.derive import extract, load_document, response_only_enum_values
from tools.specsync.names import SHARING_OPERATIONS
from tools.specsync.overrides import apply_overrides
from tools.specsync.pointers import SpecError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCERPT_4189 = FIXTURES / "linode-images-4.189.0.facts.json"
EXCERPT_4234 = FIXTURES / "linode-images-4.234.0.facts.json"
TIMESTAMPS = ("created", "updated", "eol", "expiry")


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """spec/ derived from 4.189.0, then upgraded to 4.234.0: (out dir, the upgrade's stdout)."""
    out = tmp_path_factory.mktemp("spec")
    assert specsync_main(["derive", "--upstream", str(EXCERPT_4189), "--out-dir", str(out)]) == 0
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert specsync_main(["derive", "--upstream", str(EXCERPT_4234), "--out-dir", str(out)]) == 0
    return out, buffer.getvalue()


def _section(report: str, title: str) -> list[str]:
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    body: list[str] = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        body.append(line.strip())
    return body


def test_report_names_the_22_new_operations(upgraded: tuple[Path, str]) -> None:
    _, report = upgraded
    assert "upgrade report, 4.189.0 -> 4.234.0" in report
    added = _section(report, "operations added (22)")
    assert {line.split()[0] for line in added} == SHARING_OPERATIONS
    assert "get-images-sharegroups-image  GET /{apiVersion}/images/{imageId}/sharegroups" in added
    assert "operations removed" not in report


def test_report_flags_the_dropped_formats_and_the_required_list_loudly(upgraded: tuple[Path, str]) -> None:
    _, report = upgraded
    absorbed = _section(report, "upstream changes that reach users, absorbed by spec/overrides.yaml")
    for field in TIMESTAMPS:
        assert (
            f"!! Image.{field}: upstream format (none), ours date-time (users get datetime, not str)"
            in absorbed
        )
    required = next(line for line in absorbed if line.startswith("!! Image: upstream requires"))
    assert "total_size" in required and required.endswith("ours does not")
    assert any(
        line.startswith("!! Image.is_shared: upstream type oneOf[boolean, string]") for line in absorbed
    )
    assert report.rstrip().endswith(
        "next: review spec/ and overrides.yaml, then run `make generate`, then `make test`"
    )


def test_the_overrides_keep_what_users_get_across_the_upgrade(upgraded: tuple[Path, str]) -> None:
    out, _ = upgraded
    spec = yaml.safe_load((out / "linode-images.yaml").read_text())
    validate(spec)
    schemas = spec["components"]["schemas"]
    image = schemas["Image"]
    for field in TIMESTAMPS:
        assert image["properties"][field]["format"] == "date-time"
        assert (
            schemas["ShareGroup"]["properties"].get(field, {"format": "date-time"})["format"] == "date-time"
        )
    # upstream's list of every field gives way to the fields every image carries
    assert image["required"] == [
        "id",
        "label",
        "type",
        "is_public",
        "deprecated",
        "size",
        "created",
        "description",
        "vendor",
        "created_by",
    ]
    assert image["properties"]["is_shared"] == {"type": "boolean", "nullable": True, "readOnly": True}
    # image_sharing is null or a named record whose halves are named and nullable.
    ref = {"$ref": "#/components/schemas/ImageSharing"}
    assert image["properties"]["image_sharing"] == {"nullable": True, "readOnly": True, "allOf": [ref]}
    assert schemas["SharedImage"]["properties"]["image_sharing"] == {"readOnly": True, "allOf": [ref]}
    halves = schemas["ImageSharing"]["properties"]
    assert halves["shared_by"] == {
        "nullable": True,
        "allOf": [{"$ref": "#/components/schemas/ImageSharedBy"}],
    }
    assert halves["shared_with"]["allOf"] == [{"$ref": "#/components/schemas/ImageSharedWith"}]
    assert "source_image_label" not in schemas["ImageSharedBy"]["required"]  # absent on the wire
    # Sharing responses keep unknown fields, like image responses; requests stay closed.
    for name in ("ShareGroup", "SharedImage", "ShareGroupMember", "ShareGroupToken", "PaginatedShareGroups"):
        assert "additionalProperties" not in schemas[name], name
    assert schemas["CreateShareGroupRequest"]["additionalProperties"] is False
    assert schemas["ImageType"]["enum"] == ["manual", "automatic", "shared"]
    assert "default" not in schemas["ApiVersion"]
    assert "servers" not in spec["paths"]["/{apiVersion}/images/upload"]["post"]
    add_images = spec["paths"]["/{apiVersion}/images/sharegroups/{sharegroupId}/images"]["post"]
    answer = add_images["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/PaginatedSharedImages"}  # a list, as on the wire
    lock = yaml.safe_load((out / "SOURCE.lock").read_text())
    assert lock["upstream_version"] == "4.234.0"
    assert (
        "Image.created: upstream format (none), ours date-time (users get datetime, not str)"
        in lock["absorbed"]
    )


def test_the_request_enum_rule_is_announced_and_other_divergence_still_fails() -> None:
    doc = load_document(EXCERPT_4234)
    _, notices = extract(copy.deepcopy(doc))
    assert any(n.startswith("rule: ImageType at") and "'shared'" in n for n in notices)
    put = doc["paths"]["/{apiVersion}/images/{imageId}"]["put"]
    body = put["requestBody"]["content"]["application/json"]["schema"]
    body["properties"]["type"]["enum"] = ["manual", "automatic", "legacy"]
    with pytest.raises(SpecError, match="copies of ImageType diverge"):
        extract(doc)


@pytest.mark.parametrize(
    ("request_copy", "response_copy", "expected"),
    [
        ({"enum": ["a", "b"]}, {"enum": ["a", "b", "c"]}, ["c"]),
        ({"enum": ["a", "b"]}, {"enum": ["a", "b"]}, []),
        ({"enum": ["a", "x"]}, {"enum": ["a", "b"]}, None),  # the request has a value responses lack
        ({"enum": ["b", "a"]}, {"enum": ["a", "b", "c"]}, None),  # reordered: not a pure widening
        ({"enum": ["a"], "type": "string"}, {"enum": ["a", "b"], "type": "integer"}, None),
    ],
)
def test_response_only_enum_values(request_copy: Any, response_copy: Any, expected: list[str] | None) -> None:
    assert response_only_enum_values(request_copy, response_copy) == expected


def test_intent_overrides_hold_whatever_upstream_writes() -> None:
    def doc(created: dict[str, Any]) -> dict[str, Any]:
        return {"components": {"schemas": {"A": {"properties": {"created": dict(created)}}, "B": {}}}}

    patches = [
        {
            "op": "set",
            "path": "/components/schemas/*/properties/created/format",
            "value": "date-time",
            "why": "x",
        },
        {"op": "discard", "path": "/components/schemas/A/required", "why": "x"},
        {"op": "include", "path": "/components/schemas/A/enum", "value": ["s"], "why": "x"},
        {"op": "exclude", "path": "/components/schemas/A/enum", "value": ["t"], "why": "x"},
    ]
    for created in ({"type": "string"}, {"type": "string", "format": "date-time"}):
        d = doc(created)
        d["components"]["schemas"]["A"].update({"required": ["created"], "enum": ["m", "t"]})
        apply_overrides(d, patches)
        assert d["components"]["schemas"]["A"] == {
            "properties": {"created": {"type": "string", "format": "date-time"}},
            "enum": ["m", "s"],
        }
        assert d["components"]["schemas"]["B"] == {}
    # A pattern that reaches nothing is stale unless it says it is optional.
    with pytest.raises(SpecError, match="no longer exists upstream"):
        apply_overrides(
            doc({}), [{"op": "set", "path": "/components/schemas/*/properties/x/y", "value": 1, "why": "x"}]
        )
    optional = {
        "op": "replace",
        "optional": True,
        "path": "/components/schemas/A/properties/gone",
        "value": 1,
    }
    apply_overrides(doc({}), [{**optional, "why": "only in newer documents"}])
    with pytest.raises(SpecError, match="op must be one of"):
        apply_overrides(doc({}), [{"op": "merge", "path": "/components", "value": 1, "why": "x"}])


def test_the_4234_spec_generates_all_29_operations_with_fail_on_warning(
    upgraded: tuple[Path, str], tmp_path: Path
) -> None:
    out, _ = upgraded
    generate_into(tmp_path, spec=out / "linode-images.yaml")  # exits non-zero on any warning
    package = tmp_path / "linode_images_api"
    modules = [p for p in (package / "api").rglob("*.py") if p.name != "__init__.py"]
    assert len(modules) == 29
    assert {p.stem for p in modules} >= {"get_sharegroups", "post_sharegroup_tokens", "get_images"}
    models = {p.stem for p in (package / "models").glob("*.py")}
    assert {"share_group", "shared_image", "share_group_member", "created_share_group_token"} <= models
    facts = (package / "spec_facts.py").read_text()
    assert '"get-sharegroups": frozenset({"label"})' in facts
    assert '"is_shared"' in facts.split("IMAGE_FILTERABLE_FIELDS")[0]
