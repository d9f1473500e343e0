"""schemathesis against the mock: every phase, positive and negative data, every check."""

from __future__ import annotations

import json

import schemathesis
from linode_images_mock import MockConfig, create_app
from linode_images_mock._spec import FORMAT_CHECKER
from schemathesis.config import SchemathesisConfig
from schemathesis.core.jsonschema import DRAFT4_SUPPLEMENTAL_FORMATS

# Format validation is relaxed in one place only: date-time also accepts Linode's
# offset-less UTC timestamps ("2021-08-14T22:44:02", REAL-API-FACTS "Timestamps").
# The mock's own checker is the RFC 3339 rule with the offset made optional.
DRAFT4_SUPPLEMENTAL_FORMATS["date-time"] = lambda value: FORMAT_CHECKER.conforms(value, "date-time")

MOCK = MockConfig(strict=True, tokens={"test-token": "default"}, disks={"default": [1001, 1002, 1003]})
APP = create_app(MOCK)

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20261126,
        "generation": {"mode": "all", "max-examples": 30},
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": True, "max-steps": 12},
        },
        "auth": {"openapi": {"personalAccessToken": {"bearer": "test-token"}}},
        "operations": [
            {
                # The spec marks these reads as authenticated, but the API (and so the mock)
                # answers anonymous GETs with the public images (REAL-API-FACTS, "Requests").
                # Auth on them is optional, which this check cannot tell from the spec.
                "include-operation-id": ["get-images", "get-image"],
                "checks": {"ignored_auth": {"enabled": False}},
            }
        ],
    }
)

schema = schemathesis.openapi.from_asgi("/__mock__/openapi.json", APP, config=CONFIG)


@schema.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    """Give schema-valid cases the few values the spec cannot express as valid.

    The spec types X-Filter as a string, disk_id as an integer and regions as strings; the
    API also needs the filter to be JSON, the disk to belong to the account and the region
    to exist, and answers 400 otherwise (covered by the behaviour tests). Positive cases
    keep their drawn data, wrapped or mapped onto values that exist.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return case
    operation = case.operation.definition.raw.get("operationId")
    regions = MOCK.regions
    if operation == "get-images" and case.headers and isinstance(case.headers.get("X-Filter"), str):
        case.headers["X-Filter"] = json.dumps({"label": case.headers["X-Filter"]})
    elif isinstance(case.body, dict):
        if operation == "post-image" and isinstance(case.body.get("disk_id"), int):
            disks = MOCK.disks["default"]
            case.body["disk_id"] = disks[case.body["disk_id"] % len(disks)]
        elif operation == "post-upload-image" and isinstance(case.body.get("region"), str):
            case.body["region"] = regions[len(case.body["region"]) % len(regions)]
        elif operation == "post-replicate-image" and isinstance(case.body.get("regions"), list):
            case.body["regions"] = [regions[len(str(r)) % len(regions)] for r in case.body["regions"]]
    return case


@schema.parametrize()
def test_operations_conform(case: schemathesis.Case) -> None:
    case.call_and_validate()


TestStatefulWorkflows = schema.as_state_machine().TestCase


def teardown_module() -> None:
    """Print how much traffic the run put through the mock (seen with ``pytest -s``)."""
    counters = APP.state.mock.counters
    total = sum(counters.requests.values())
    print(f"\nschemathesis sent {total} requests to the mock: {dict(counters.requests)}")
