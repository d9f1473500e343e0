"""Stored images and their lifecycle transitions (immediate, after N seconds, after N reads).

A transition waits in ``_Stored.pending`` until its timing (``MockConfig.timing_for``) says it
is due; every request that touches the image first fires what is due. The caller holds the
state's lock.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from ._config import MockConfig, Timing
from ._wire import wire_time


@dataclass
class Pending:
    """A lifecycle transition waiting for its time or its reads."""

    name: str
    started: float
    region: str | None = None
    reads: int = 0


@dataclass
class Stored:
    """One image as the mock keeps it: the wire data plus what the API does not show."""

    data: dict[str, Any]
    owner: str | None
    pending: list[Pending] = field(default_factory=list)
    home_region: str | None = None
    disk_size: int = 0
    upload_key: str | None = None
    upload_expires: int = 0
    uploaded: bool = False

    def start(self, name: str, started: float, region: str | None = None) -> None:
        """Begin transition ``name`` (see TRANSITIONS) at ``started``."""
        self.pending.append(Pending(name, started, region))


def advance(
    stored: Stored, images: MutableMapping[str, Stored], config: MockConfig, now: float, *, read: bool
) -> None:
    """Fire every due transition of ``stored``; a read counts towards N-read timings.

    ``images`` is the store, from which an expired upload removes its image.
    """
    waiting = list(stored.pending)
    progressed = True
    while progressed and stored.pending:
        progressed = False
        for pending in list(stored.pending):
            fired_at = _due(config.timing_for(pending.name), pending, now)
            if fired_at is None:
                continue
            stored.pending.remove(pending)
            _fire(stored, images, pending, fired_at)
            progressed = True
    if read:
        # A transition started by this very read has not been read yet.
        for pending in stored.pending:
            if any(pending is earlier for earlier in waiting):
                pending.reads += 1


def _due(timing: Timing, pending: Pending, now: float) -> float | None:
    if timing.seconds is not None:
        at = pending.started + timing.seconds
        return at if now >= at else None
    if timing.reads is not None:
        return now if pending.reads >= timing.reads else None
    return pending.started


def _fire(stored: Stored, images: MutableMapping[str, Stored], pending: Pending, at: float) -> None:
    data = stored.data
    if pending.name in ("create", "upload"):
        data["status"] = "available"
        data["size"] = stored.disk_size
        data["regions"] = [{"region": stored.home_region, "status": "available"}]
    elif pending.name == "upload_expiry":
        if not stored.uploaded:
            images.pop(data["id"], None)
    elif pending.name == "replication_start":
        if _set_region_status(data, pending.region, "pending replication", "replicating"):
            stored.start("replication", at, pending.region)
    elif pending.name == "replication":
        _set_region_status(data, pending.region, "replicating", "available")
    elif pending.name == "region_removal":
        data["regions"] = [
            r
            for r in data["regions"]
            if not (r["region"] == pending.region and r["status"] == "pending deletion")
        ]
    data["updated"] = wire_time(at)


def _set_region_status(data: dict[str, Any], region: str | None, old: str, new: str) -> bool:
    for entry in data.get("regions") or []:
        if entry["region"] == region and entry["status"] == old:
            entry["status"] = new
            return True
    return False
