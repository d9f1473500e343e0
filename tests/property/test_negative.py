"""Spec-invalid requests (schemathesis' negative mode) through the overlay to the strict mock.

For each of the 7 operations, every drawn value is handed to the overlay as a user would
pass it (``images.create(**body)``, ``images.list_page(page=..., page_size=...)``, the drawn
``apiVersion`` to the client's ``api_version``). When something the user can pass is
invalid for the spec, exactly one of these must happen:

- the overlay refuses it with ``ValueError`` or ``TypeError`` before sending anything, and
  the message names the argument;
- the mock's 400 arrives as ``BadRequestError`` whose ``field`` is one of the invalid ones.

Invalid input is never accepted silently, and nothing else escapes (no ``AttributeError``,
no ``KeyError``, no connection error). Mutations the keyword API cannot express (unknown
query parameters, a body that is not an object, a wrong ``Content-Type``) leave a valid
request; it must then behave like one: succeed or fail with a typed API error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
import schemathesis
from hypothesis import given
from linode_images import APIStatusError, BadRequestError, LinodeError, LinodeImages
from linode_images_mock import MockServer
from linode_images_mock._spec import Spec
from schemathesis.generation import GenerationMode

from tests.property.support import OUTCOMES, SPEC_PATH, TOKEN, budget, count, fresh, running_mock

SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)
MOCK_SPEC = Spec()

OPERATIONS = {
    "get-images": ("/{apiVersion}/images", "GET"),
    "get-image": ("/{apiVersion}/images/{imageId}", "GET"),
    "post-image": ("/{apiVersion}/images", "POST"),
    "post-upload-image": ("/{apiVersion}/images/upload", "POST"),
    "put-image": ("/{apiVersion}/images/{imageId}", "PUT"),
    "post-replicate-image": ("/{apiVersion}/images/{imageId}/regions", "POST"),
    "delete-image": ("/{apiVersion}/images/{imageId}", "DELETE"),
}
METHODS = {
    "get-images": "list_page",
    "get-image": "get",
    "post-image": "create",
    "post-upload-image": "create_upload",
    "put-image": "update",
    "post-replicate-image": "replicate",
    "delete-image": "delete",
}


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with running_mock() as running:
        yield running


@pytest.fixture(scope="module")
def client(server: MockServer) -> Iterator[LinodeImages]:
    with LinodeImages(TOKEN, base_url=server.url, retry=None) as made:
        yield made


def invalid_fields(operation_id: str, values: dict[str, Any], body: Any) -> set[str]:
    """The names among ``values`` (query and header parameters) and ``body`` the spec refuses."""
    operation = MOCK_SPEC.operations[operation_id]
    bad: set[str] = set()
    for parameter in operation.parameters:
        if parameter.name in values and parameter.location in ("query", "header"):
            validator = MOCK_SPEC.validator(parameter.schema)
            if not validator.is_valid(values[parameter.name]):
                bad.add(parameter.name)
    if operation.body_schema is not None and isinstance(body, dict):
        for error in MOCK_SPEC.validator(operation.body_schema).iter_errors(body):
            if error.absolute_path:
                bad.add(str(error.absolute_path[0]))
            elif error.validator == "required":
                bad.update(name for name in error.validator_value if name not in body)
            elif error.validator == "additionalProperties":
                known = set(operation.body_schema.get("properties", {}))
                bad.update(name for name in body if name not in known)
    return bad


def arguments(operation_id: str, case: schemathesis.Case) -> tuple[list[Any], dict[str, Any]]:
    """The overlay call's arguments for ``case``, as drawn."""
    args: list[Any] = []
    if "imageId" in case.path_parameters:
        args.append(unquote(str(case.path_parameters["imageId"])))
    kwargs: dict[str, Any] = {}
    if operation_id == "get-images":
        for name in ("page", "page_size"):
            if name in (case.query or {}):
                kwargs[name] = case.query[name]
        if "X-Filter" in (case.headers or {}):
            kwargs["filter"] = {"label": case.headers["X-Filter"]}
    elif isinstance(case.body, dict):
        kwargs.update(case.body)
    return args, kwargs


def _names(operation_id: str, bad: set[str], kwargs: dict[str, Any]) -> set[str]:
    """Names a refusal may give: the invalid fields, the arguments passed, "image id"."""
    names = bad | set(kwargs)
    if operation_id == "put-image":
        names.add("update()")  # "update() needs at least one of label, description, tags"
    if "X-Filter" in names:
        names |= {"filter", "x-filter"}
    if operation_id in ("get-image", "put-image", "post-replicate-image", "delete-image"):
        names.add("image id")
    return names


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_invalid_requests_are_refused_or_answered_with_a_typed_400(
    server: MockServer, client: LinodeImages, operation_id: str
) -> None:
    path, method = OPERATIONS[operation_id]

    @budget(100)
    @given(case=SCHEMA[path][method].as_strategy(GenerationMode.NEGATIVE))
    def run(case: schemathesis.Case) -> None:
        count(f"negative[{operation_id}]")
        fresh(server.state)
        version = unquote(str(case.path_parameters.get("apiVersion")))
        if version not in ("v4", "v4beta"):
            with pytest.raises(ValueError, match="api_version"):
                LinodeImages(TOKEN, base_url=server.url, api_version=version)
            OUTCOMES[f"negative {operation_id} refused"] += 1
            return
        if MOCK_SPEC.operations[operation_id].body_schema is not None and not isinstance(case.body, dict):
            OUTCOMES[f"negative {operation_id} inexpressible"] += 1
            return
        args, kwargs = arguments(operation_id, case)
        bad = invalid_fields(operation_id, kwargs | dict(case.headers or {}), case.body)
        sent_before = sum(server.state.counters.requests.values())
        try:
            getattr(client.images, METHODS[operation_id])(*args, **kwargs)
        except (ValueError, TypeError) as error:
            assert sum(server.state.counters.requests.values()) == sent_before, "refused after sending"
            message = str(error).lower()
            names = _names(operation_id, bad, kwargs)
            assert any(name.lower() in message for name in names), f"unclear refusal: {error!r}"
            OUTCOMES[f"negative {operation_id} refused"] += 1
            return
        except BadRequestError as error:
            fields = {detail.field for detail in error.errors}
            if bad:
                assert fields <= bad, f"{error!r} names {fields}, invalid: {bad}"
            OUTCOMES[f"negative {operation_id} 400"] += 1
            return
        except APIStatusError as error:
            # A 404/403/409 answers a request whose every field the spec allows.
            assert not bad, f"invalid {bad} not refused: {error!r}"
            OUTCOMES[f"negative {operation_id} {error.status_code}"] += 1
            return
        except LinodeError as error:
            raise AssertionError(f"{operation_id}: unexpected {error!r}") from error
        assert not bad, f"invalid {bad} accepted: args={args} kwargs={kwargs}"
        OUTCOMES[f"negative {operation_id} ok"] += 1

    run()
