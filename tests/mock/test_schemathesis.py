"""schemathesis against the mock: every phase, positive and negative data, every check."""

from __future__ import annotations

import json
import os
from collections import Counter

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

# Sharing requests name things that must exist: a private image of the account, a share
# group's UUID, a consumer's pending token. Positive cases get real ones (the state is
# APP's, which the run never resets); adding an image twice is a 409, so reuse is fine.
STATE = APP.state.mock
SHARED_SOURCES = STATE.seed_images(3, public=False, account="default")
with STATE.lock:
    STATE.sharing.write(lambda _: None, lambda: STATE.sharing.create_group("default", {"label": "fuzz"}))


def _some_group_uuid() -> str:
    with STATE.lock:
        groups = list(STATE.sharing.groups.values())
    return str(groups[0].data["uuid"]) if groups else "00000000-0000-4000-8000-000000000000"


def _sources(case: schemathesis.Case) -> None:
    assert isinstance(case.body, dict)
    for number, entry in enumerate(case.body.get("images") or []):
        if isinstance(entry, dict):
            entry["id"] = SHARED_SOURCES[number % len(SHARED_SOURCES)]


def _group_uuid(case: schemathesis.Case) -> None:
    assert isinstance(case.body, dict)
    case.body["valid_for_sharegroup_uuid"] = _some_group_uuid()


def _pending_token(case: schemathesis.Case) -> None:
    assert isinstance(case.body, dict)
    with STATE.lock:
        group = STATE.sharing.groups.get((case.path_parameters or {}).get("sharegroupId"))
        if group is not None:
            uuid = group.data["uuid"]
            created = STATE.sharing.create_token("default", {"valid_for_sharegroup_uuid": uuid})
            case.body["token"] = created["token"]


SHARING_REFERENCES = {
    "post-sharegroups": _sources,
    "post-sharegroup-images": _sources,
    "post-sharegroup-tokens": _group_uuid,
    "post-sharegroup-members": _pending_token,
}
# 50 examples per phase in the default run; the long profile (make test-property-long) runs 250.
EXAMPLES = 250 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 50

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20261126,
        "generation": {"mode": "all", "max-examples": EXAMPLES},
        "phases": {
            # On, though spec/ carries no examples yet: it yields cases once the spec has some.
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": True, "max-steps": 20},
        },
        "auth": {"openapi": {"personalAccessToken": {"bearer": "test-token"}}},
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
    raw = case.operation.definition.raw
    operation = raw.get("operationId")
    regions = MOCK.regions
    filterable = raw.get("x-linode-filterable", [])
    if "label" in filterable and case.headers and isinstance(case.headers.get("X-Filter"), str):
        case.headers["X-Filter"] = json.dumps({"label": case.headers["X-Filter"]})
    if isinstance(case.body, dict) and operation in SHARING_REFERENCES:
        SHARING_REFERENCES[operation](case)
    elif isinstance(case.body, dict):
        if operation == "post-image" and isinstance(case.body.get("disk_id"), int):
            disks = MOCK.disks["default"]
            case.body["disk_id"] = disks[case.body["disk_id"] % len(disks)]
        elif operation == "post-upload-image" and isinstance(case.body.get("region"), str):
            case.body["region"] = regions[len(case.body["region"]) % len(regions)]
        elif operation == "post-replicate-image" and isinstance(case.body.get("regions"), list):
            case.body["regions"] = [regions[len(str(r)) % len(regions)] for r in case.body["regions"]]
    return case


CALLS: Counter[str] = Counter()


@schema.hook
def after_call(context: schemathesis.HookContext, case: schemathesis.Case, response: object) -> None:
    """Count the test cases sent, by phase and data mode, for the summary below."""
    if case.meta is not None:
        CALLS[f"{case.meta.phase.name.value}/{case.meta.generation.mode.value}"] += 1
    else:
        CALLS["unlabelled"] += 1


@schema.parametrize()
def test_operations_conform(case: schemathesis.Case) -> None:
    case.call_and_validate()


TestStatefulWorkflows = schema.as_state_machine().TestCase


def test_response_validation_relaxes_date_time_for_offsetless_timestamps_only() -> None:
    import jsonschema_rs
    from schemathesis.core.jsonschema import supplemental_formats

    formats = supplemental_formats(jsonschema_rs.Draft4Validator)
    validator = jsonschema_rs.Draft4Validator({"format": "date-time"}, validate_formats=True, formats=formats)
    assert validator.is_valid("2021-08-14T22:44:02")
    assert validator.is_valid("2021-08-14T22:44:02+00:00")
    assert not validator.is_valid("2021-08-14 22:44")
    assert not validator.is_valid("yesterday")


def teardown_module() -> None:
    """Print what the run sent (seen with ``pytest -s``): test cases by phase and mode."""
    served = sum(APP.state.mock.counters.requests.values())
    print(
        f"\nschemathesis: {sum(CALLS.values())} test cases {dict(sorted(CALLS.items()))}; {served} API requests served"
    )
