"""``MockConfig``: everything a test can control, as plain data.

The same fields are set from Python (``MockConfig(...)``, ``server.state.configure(...)``),
over HTTP (``PATCH /__mock__/config`` with the JSON form below) and from the command line.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, fields
from typing import Any

from ._spec import known_regions, operation_ids, upload_limit

STRICT_ENV = "LINODE_IMAGES_MOCK_STRICT"

# Lifecycle transitions whose timing can be configured.
TRANSITIONS = {
    "create": "an image made from a disk: creating -> available",
    "upload": "an uploaded image: pending_upload -> available once its data has arrived",
    "upload_expiry": "a pending_upload image that never gets data disappears",
    "replication_start": "a new region: pending replication -> replicating",
    "replication": "a new region: replicating -> available",
    "region_removal": "a removed region: pending deletion -> gone",
}

# Injectable faults. "drop" closes the connection before any work is done; "lost" does the
# work (the image is created, deleted, the upload stored) and then closes the connection
# without an answer; "latency:<seconds>" serves the request and holds its answer back.
# "bad-etag" (the upload PUT only; elsewhere it serves normally) stores the data and answers an
# ETag that is not its MD5, as storage that damaged the bytes would.
FAULT_KINDS = ("ok", "429", "500", "502", "503", "maintenance", "drop", "lost", "bad-etag")

# The most images one mock holds, seeded and created together: 100,000 take about 160 MiB;
# without a bound, one admin request could exhaust the machine's memory.
MAX_IMAGES = 100_000

# What the admin endpoints show instead of a token.
REDACTED = "<redacted #{}>"
_REDACTED = re.compile(r"<redacted #\d+>")

# Operation names: the spec's operationIds, plus the upload URL's PUT.
UPLOAD_OPERATION = "put-upload-data"

# How "N reads" timings count (shown by --help and the README).
READS_RULE = (
    "'N reads': the image keeps its old status for N reads and shows the new one on the read "
    "after them; a read is a GET of the image, a PUT or POST .../regions on it, or any GET "
    "/images page requested by its account (whether or not the page shows the image)"
)


def operation_names() -> tuple[str, ...]:
    """Names faults and rate limits are keyed by: the spec's operationIds and the upload PUT."""
    return (*operation_ids(), UPLOAD_OPERATION)


def check_operation(name: str, setting: str) -> str:
    """``name`` if ``setting`` ("faults" or "rate_limits") can be keyed by it, else a ValueError
    listing the names, so that a misspelled operation is not accepted and then never fires.

    Faults take every operation name and ``*``; rate limits only the API's operations (the
    upload URL is object storage, which has none).
    """
    faults = setting == "faults"
    known = operation_names() if faults else operation_ids()
    if name in known or (faults and name == "*"):
        return name
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    every = " (or * for every operation)" if faults else ""
    raise ValueError(f"unknown operation {name!r} in {setting}; {hint}operations: {', '.join(known)}{every}")


# The spec's x-linode-regions: the regions a request may name (one list for the mock, the
# spec's contract view and the tests).
DEFAULT_REGIONS = known_regions()
# The spec's x-linode-upload-limits: the largest upload the API takes, in bytes of gzip data.
DEFAULT_UPLOAD_LIMIT = upload_limit()


@dataclass(frozen=True)
class Timing:
    """When a lifecycle transition happens: immediately, after N seconds, or after N reads.

    Example: ``Timing.parse("2s")``, ``Timing.parse("3 reads")``, ``Timing()`` (immediate).
    How reads count: ``READS_RULE``.
    """

    seconds: float | None = None
    reads: int | None = None

    @classmethod
    def parse(cls, value: object) -> Timing:
        """Accept "immediate", "<N>s", "<N> reads", a number of seconds or {"seconds"|"reads": N}."""
        if isinstance(value, Timing):
            return value
        if isinstance(value, bool):
            raise ValueError(f"not a timing: {value!r}")
        if isinstance(value, int | float):
            return cls(seconds=float(value))
        if isinstance(value, dict):
            seconds, reads = value.get("seconds"), value.get("reads")
            if set(value) - {"seconds", "reads"} or (seconds is None) == (reads is None):
                raise ValueError(f"not a timing: {value!r}")
            if seconds is not None:
                return cls.parse(seconds)
            if isinstance(reads, int) and not isinstance(reads, bool) and reads >= 0:
                return cls(reads=reads)
            raise ValueError(f"not a timing: {value!r}")
        if isinstance(value, str):
            text = value.strip().lower()
            if text in ("immediate", "0", ""):
                return cls()
            found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(s|sec|seconds?)", text)
            if found:
                return cls(seconds=float(found.group(1)))
            found = re.fullmatch(r"(\d+)\s*(r|reads?)", text)
            if found:
                return cls(reads=int(found.group(1)))
        raise ValueError(f"not a timing: {value!r} (use 'immediate', '5s' or '3 reads')")

    def to_json(self) -> object:
        """The JSON form accepted by ``parse``."""
        if self.seconds is not None:
            return {"seconds": self.seconds}
        if self.reads is not None:
            return {"reads": self.reads}
        return "immediate"


def _check_kind(kind: str) -> str:
    if kind in FAULT_KINDS:
        return kind
    found = re.fullmatch(r"latency:(\d+(?:\.\d+)?)", kind)
    if found and float(found.group(1)) <= 60:
        return kind
    raise ValueError(f"unknown fault {kind!r}: use one of {', '.join(FAULT_KINDS)} or latency:<seconds>")


@dataclass(frozen=True)
class FaultPlan:
    """Faults for one operation: an exact sequence, or kinds drawn with a probability.

    Example: ``FaultPlan(sequence=["503", "ok", "drop"])`` answers the next three requests
    with 503, a normal response and a dropped connection, then behaves normally;
    ``FaultPlan(probability=0.2, kinds=["500", "502"])`` fails one request in five
    (drawn from the config's ``seed``).
    """

    sequence: tuple[str, ...] = ()
    probability: float = 0.0
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for kind in (*self.sequence, *self.kinds):
            _check_kind(kind)
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError("probability must be between 0 and 1")
        if self.probability and not self.kinds:
            raise ValueError("a probability needs at least one kind of fault")

    @classmethod
    def parse(cls, value: object) -> FaultPlan:
        """Accept a FaultPlan, {"sequence": [...]}, {"probability": p, "kinds": [...]}, or CLI text.

        CLI text: "500,ok,drop" (a sequence) or "0.25:500,503" (probability and kinds).
        """
        if isinstance(value, FaultPlan):
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"sequence", "probability", "kinds"}
            if unknown:
                raise ValueError(f"unknown fault plan keys: {sorted(unknown)}")
            sequence, kinds = value.get("sequence", []), value.get("kinds", [])
            probability = value.get("probability", 0.0)
            if not isinstance(sequence, list) or not isinstance(kinds, list):
                raise ValueError("sequence and kinds must be lists")
            if isinstance(probability, bool) or not isinstance(probability, int | float):
                raise ValueError("probability must be a number")
            return cls(tuple(map(str, sequence)), float(probability), tuple(map(str, kinds)))
        if isinstance(value, str):
            head, sep, rest = value.partition(":")
            if sep and re.fullmatch(r"0?\.\d+|[01](\.0*)?", head):
                return cls(probability=float(head), kinds=tuple(k.strip() for k in rest.split(",") if k))
            return cls(sequence=tuple(k.strip() for k in value.split(",") if k.strip()))
        raise ValueError(f"not a fault plan: {value!r}")

    def to_json(self) -> dict[str, Any]:
        """The JSON form accepted by ``parse``."""
        return {"sequence": list(self.sequence), "probability": self.probability, "kinds": list(self.kinds)}


def _default_strict() -> bool:
    return os.environ.get(STRICT_ENV, "").lower() in ("1", "true", "yes", "on")


@dataclass
class MockConfig:
    """Settings of the mock server; every field has a working default.

    Example::

        MockConfig(tokens={"t1": "alice", "t2": "bob"}, disks={"alice": [1001]},
                   timing={"create": "3 reads"}, upload_limit=1024 * 1024,
                   faults={"get-images": FaultPlan(sequence=["503", "ok"])}, strict=True)
    """

    # token -> account name; each account sees its own private images only.
    tokens: dict[str, str] = field(default_factory=lambda: {"test-token": "default"})
    # account -> disk ids it may create images from (POST /images with disk_id).
    disks: dict[str, list[int]] = field(default_factory=lambda: {"default": [1001, 1002, 1003]})
    # transition name (see TRANSITIONS) -> Timing; missing transitions are immediate,
    # except upload_expiry, which defaults to the API's 24 hours.
    timing: dict[str, Timing] = field(default_factory=dict)
    # Largest accepted upload in bytes (by default the API's: DEFAULT_UPLOAD_LIMIT).
    upload_limit: int = DEFAULT_UPLOAD_LIMIT
    # operationId -> requests per minute; over it the mock answers 429 with Retry-After.
    rate_limits: dict[str, int] = field(default_factory=dict)
    # operationId (or "*" for every operation) -> FaultPlan.
    faults: dict[str, FaultPlan] = field(default_factory=dict)
    # Seeds the fault draws and generated data, so a run can be repeated exactly.
    seed: int = 0
    # Validate every response against the spec and fail loudly on drift.
    strict: bool = field(default_factory=_default_strict)
    # Region ids accepted by upload and replicate.
    regions: list[str] = field(default_factory=lambda: list(DEFAULT_REGIONS))
    # Extra generated images on top of the realistic seed set (for large lists).
    extra_public_images: int = 0
    extra_private_images: dict[str, int] = field(default_factory=dict)
    # account -> share groups seeded for it, each sharing one more available private image of
    # the account and with the account itself as an active member (its own token), so that a
    # run starting from an empty account finds a group, a shared image, a member and a token.
    extra_sharegroups: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.timing = {name: Timing.parse(value) for name, value in self.timing.items()}
        unknown = set(self.timing) - set(TRANSITIONS)
        if unknown:
            raise ValueError(f"unknown transitions {sorted(unknown)}; known: {sorted(TRANSITIONS)}")
        self.faults = {
            check_operation(op, "faults"): FaultPlan.parse(plan) for op, plan in self.faults.items()
        }
        if not self.regions:
            raise ValueError("regions must name at least one region")
        if self.upload_limit < 0:
            raise ValueError("upload_limit must not be negative")
        for op, limit in self.rate_limits.items():
            check_operation(op, "rate_limits")
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise ValueError(f"rate limit for {op} must be a positive integer")
        for name in ("extra_private_images", "extra_sharegroups"):
            for account, count in getattr(self, name).items():
                if account not in self.tokens.values():
                    raise ValueError(f"{name}: unknown account {account!r}")
                if count < 0:
                    raise ValueError(f"{name} counts must not be negative")
        if self.extra_public_images < 0:
            raise ValueError("extra_public_images must not be negative")
        seeded = (
            self.extra_public_images
            + sum(self.extra_private_images.values())
            + sum(self.extra_sharegroups.values())
        )
        if seeded > MAX_IMAGES:
            raise ValueError(
                f"the mock holds at most {MAX_IMAGES} images; the config asks for {seeded} extra"
            )

    def timing_for(self, transition: str) -> Timing:
        """The configured timing of ``transition`` (see TRANSITIONS)."""
        if transition in self.timing:
            return self.timing[transition]
        return Timing(seconds=86400.0) if transition == "upload_expiry" else Timing()

    def to_json(self, *, redact: bool = False) -> dict[str, Any]:
        """The JSON form accepted by ``MockConfig.from_json``; ``redact`` hides the tokens.

        Tokens are secrets, as on the API: the admin endpoints show ``<redacted #1>`` in their
        place (the accounts stay visible).
        """
        tokens = (
            {REDACTED.format(number): account for number, account in enumerate(self.tokens.values(), 1)}
            if redact
            else dict(self.tokens)
        )
        return {
            "tokens": tokens,
            "disks": {account: list(ids) for account, ids in self.disks.items()},
            "timing": {name: timing.to_json() for name, timing in self.timing.items()},
            "upload_limit": self.upload_limit,
            "rate_limits": dict(self.rate_limits),
            "faults": {op: plan.to_json() for op, plan in self.faults.items()},
            "seed": self.seed,
            "strict": self.strict,
            "regions": list(self.regions),
            "extra_public_images": self.extra_public_images,
            "extra_private_images": dict(self.extra_private_images),
            "extra_sharegroups": dict(self.extra_sharegroups),
        }

    def updated(self, changes: dict[str, Any]) -> MockConfig:
        """A copy with the JSON-form ``changes`` applied (unknown keys raise ValueError)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown config keys: {sorted(unknown)}")
        merged = {**self.to_json(), **changes}
        return MockConfig.from_json(merged)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MockConfig:
        """Build a config from its JSON form, checking every type (raises ValueError)."""
        timing = _mapping(data.get("timing", {}), "timing")
        faults = _mapping(data.get("faults", {}), "faults")
        strict = data.get("strict", _default_strict())
        if not isinstance(strict, bool):
            raise ValueError(f"strict: expected true or false, got {strict!r}")
        return cls(
            tokens=_tokens(data.get("tokens", {"test-token": "default"})),
            disks={
                account: [_as_int(i, f"disks.{account}") for i in _list(ids, f"disks.{account}")]
                for account, ids in _mapping(
                    data.get("disks", {"default": [1001, 1002, 1003]}), "disks"
                ).items()
            },
            timing=dict(timing),
            upload_limit=_as_int(data.get("upload_limit", DEFAULT_UPLOAD_LIMIT), "upload_limit"),
            rate_limits={
                op: _as_int(v, f"rate_limits.{op}")
                for op, v in _mapping(data.get("rate_limits", {}), "rate_limits").items()
            },
            faults={op: FaultPlan.parse(plan) for op, plan in faults.items()},
            seed=_as_int(data.get("seed", 0), "seed"),
            strict=strict,
            regions=[
                _as_str(r, "regions") for r in _list(data.get("regions", list(DEFAULT_REGIONS)), "regions")
            ],
            extra_public_images=_as_int(data.get("extra_public_images", 0), "extra_public_images"),
            extra_private_images=_counts(data, "extra_private_images"),
            extra_sharegroups=_counts(data, "extra_sharegroups"),
        )


def _counts(data: dict[str, Any], name: str) -> dict[str, int]:
    """An ``account -> count`` field of the JSON form."""
    return {
        account: _as_int(v, f"{name}.{account}") for account, v in _mapping(data.get(name, {}), name).items()
    }


def _tokens(value: object) -> dict[str, str]:
    tokens = _str_map(value, "tokens")
    for token in tokens:
        if _REDACTED.fullmatch(token):
            raise ValueError(
                f"tokens: {token!r} is how the admin endpoints show a token; send the token itself"
            )
    return tokens


def _mapping(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{name}: expected an object, got {value!r}")
    return value


def _list(value: object, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{name}: expected a list, got {value!r}")
    return value


def _as_str(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected a string, got {value!r}")
    return value


def _str_map(value: object, name: str) -> dict[str, str]:
    return {key: _as_str(item, f"{name}.{key}") for key, item in _mapping(value, name).items()}


def _as_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: expected an integer, got {value!r}")
    return value
