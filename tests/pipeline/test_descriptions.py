"""Field descriptions in our own words: the ``describe`` override, the committed spec that
describes every model field, and the generated models that carry them as docstrings."""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from linode_images_api.models import ImageRegionStatus, ImageStatus, ImageType

from tools.specsync.overrides import apply_overrides
from tools.specsync.pointers import SpecError

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "linode-images.yaml"
MODELS = ROOT / "generated" / "linode_images_api" / "models"

DOC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Image": {
                "type": "object",
                "properties": {
                    "size": {"type": "integer"},
                    "status": {"$ref": "#/components/schemas/ImageStatus"},
                    "state": {"nullable": True, "allOf": [{"$ref": "#/components/schemas/ImageStatus"}]},
                },
            },
            "ImageStatus": {"type": "string", "enum": ["available"]},
        }
    }
}


def describe(value: Any, **extra: Any) -> dict[str, Any]:
    doc = copy.deepcopy(DOC)
    patch = {"op": "describe", "path": "/components/schemas", "why": "our words", "value": value, **extra}
    apply_overrides(doc, [patch])
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def test_describe_sets_field_and_schema_descriptions() -> None:
    schemas = describe({"Image": {"size": "In MB."}, "ImageStatus": "Where the image is."})

    assert schemas["Image"]["properties"]["size"] == {"type": "integer", "description": "In MB."}
    assert schemas["ImageStatus"]["description"] == "Where the image is."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"Image": {"colour": "x"}}, "describes Image.colour, which the spec does not have"),
        ({"Picture": {"size": "x"}}, "describes schema Picture, which the spec does not have"),
        (
            {"Image": {"status": "x"}},
            "Image.status is a $ref; describe ImageStatus, where the generator reads it",
        ),
        (
            {"Image": {"state": "x"}},
            "Image.state is a $ref; describe ImageStatus, where the generator reads it",
        ),
        ({"Image": {"size": "two\nlines"}}, "Image.size needs a one-line description"),
        ({"Image": {"size": ""}}, "Image.size needs a one-line description"),
    ],
    ids=["unknown field", "unknown schema", "a $ref field", "an allOf of one $ref", "two lines", "empty"],
)
def test_describe_refuses_what_it_cannot_attach(value: Any, message: str) -> None:
    with pytest.raises(SpecError, match=message.replace("$", r"\$").replace(".", r"\.")):
        describe(value)


def test_an_optional_describe_skips_schemas_this_upstream_version_lacks() -> None:
    schemas = describe({"ShareGroup": {"label": "x"}, "Image": {"size": "In MB."}}, optional=True)
    assert "ShareGroup" not in schemas
    assert schemas["Image"]["properties"]["size"]["description"] == "In MB."


def committed_schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = yaml.safe_load(SPEC.read_text())["components"]["schemas"]
    return schemas


def test_every_field_of_every_model_is_described() -> None:
    schemas = committed_schemas()
    missing = []
    for name, schema in schemas.items():
        for field, sub in schema.get("properties", {}).items():
            ref = (sub["allOf"][0] if len(sub.get("allOf", [])) == 1 else sub).get("$ref")
            described = schemas[ref.rsplit("/", 1)[-1]] if isinstance(ref, str) else sub
            if not described.get("description"):
                missing.append(f"{name}.{field}")
    assert missing == []


def attribute_docs(module: Path, class_name: str) -> dict[str, str]:
    """The docstrings under the attributes of a class, as editors and documentation tools read them."""
    tree = ast.parse(module.read_text())
    [cls] = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == class_name]
    docs: dict[str, str] = {}
    for before, after in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[before.target.id] = " ".join(after.value.value.split())
    return docs


def test_the_generated_models_carry_the_descriptions() -> None:
    docs = attribute_docs(MODELS / "image.py", "Image")

    assert docs["size"].startswith("The image's size in MB")
    assert docs["total_size"].startswith("The size in MB summed over every region")
    assert docs["status"].startswith(
        "An image's status: pending_upload, creating, available"
    )  # from ImageStatus
    fields = set(committed_schemas()["Image"]["properties"])
    assert {name.removesuffix("_") for name in docs} == fields
    assert attribute_docs(MODELS / "upload_image_response.py", "UploadImageResponse")["upload_to"].startswith(
        "A pre-signed URL, valid 24 hours"
    )


def test_the_generated_enums_carry_their_schema_descriptions() -> None:
    schemas = committed_schemas()
    for enum in (ImageStatus, ImageType, ImageRegionStatus):
        assert enum.__doc__ == schemas[enum.__name__]["description"]
