"""The spec is read from the package, translated faithfully, and guards every response."""

from __future__ import annotations

import httpx
import pytest
from linode_images_mock import MockState, ResponseDrift, create_app
from linode_images_mock._spec import FORMAT_CHECKER, Spec, load_document, to_json_schema

from tools.specsync.names import EXPECTED_OPERATIONS, SHARING_OPERATIONS

from .conftest import AUTH


def test_the_packaged_spec_is_the_repository_spec() -> None:
    from pathlib import Path

    import yaml

    repository = Path(__file__).resolve().parents[2] / "spec" / "linode-images.yaml"
    assert load_document() == yaml.safe_load(repository.read_text())


def test_every_spec_operation_is_routed() -> None:
    spec = Spec()
    assert set(spec.operations) == EXPECTED_OPERATIONS | SHARING_OPERATIONS
    assert {op for op, operation in spec.operations.items() if operation.beta} == SHARING_OPERATIONS


def test_a_nullable_reference_admits_null_or_the_reference() -> None:
    translated = to_json_schema({"nullable": True, "allOf": [{"$ref": "#/components/schemas/ImageSharing"}]})
    assert translated["anyOf"][0] == {"type": "null"}
    assert translated["anyOf"][1]["allOf"][0]["$ref"].endswith("#/components/schemas/ImageSharing")


def test_nullable_becomes_a_null_type_and_refs_become_absolute() -> None:
    translated = to_json_schema(
        {"type": "object", "properties": {"a": {"type": "string", "nullable": True, "enum": ["x"]}},
         "items": {"$ref": "#/components/schemas/Image"}}
    )  # fmt: skip
    assert translated["properties"]["a"] == {"type": ["string", "null"], "enum": ["x", None]}
    assert translated["items"]["$ref"].endswith("#/components/schemas/Image")
    assert not translated["items"]["$ref"].startswith("#")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2021-08-14T22:44:02", True),  # Linode's offset-less form
        ("1970-01-01T05:00:00", True),
        ("2021-08-14T22:44:02Z", True),
        ("2021-08-14T22:44:02.123+02:00", True),
        ("2021-08-14 22:44:02", False),
        ("2021-13-14T22:44:02", False),
        ("2021-08-14", False),
        ("yesterday", False),
    ],
)
def test_date_time_accepts_offsetless_timestamps_only_as_a_relaxation(value: str, valid: bool) -> None:
    assert FORMAT_CHECKER.conforms(value, "date-time") is valid


async def test_strict_mode_refuses_a_response_that_drifts_from_the_spec(state: MockState) -> None:
    # Corrupt one stored image the way a handler bug would: size must be an integer.
    state._images["linode/debian12"].data["size"] = "big"
    app = create_app(state=state)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://mock.test") as client:
        with pytest.raises(ResponseDrift, match="get-image 200"):
            await client.get("/v4/images/linode/debian12", headers=AUTH)


async def test_without_strict_mode_the_response_is_sent(state: MockState) -> None:
    state.configure(strict=False)
    state._images["linode/debian12"].data["size"] = "big"
    app = create_app(state=state)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://mock.test") as client:
        response = await client.get("/v4/images/linode/debian12")
    assert response.json()["size"] == "big"


def test_the_mock_does_not_import_the_overlay() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from linode_images_mock import MockServer, create_app\n"
        "import linode_images_mock.pytest_plugin, linode_images_mock._cli\n"
        "print('linode_images' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_every_public_name_resolves_and_unknown_ones_raise_attribute_error() -> None:
    import linode_images_mock

    for name in linode_images_mock.__all__:
        assert getattr(linode_images_mock, name) is not None
    assert set(linode_images_mock.__all__) <= set(dir(linode_images_mock))
    with pytest.raises(AttributeError, match="no attribute 'MockServr'"):
        linode_images_mock.MockServr  # noqa: B018
