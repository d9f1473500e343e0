"""Waiting for an image to reach a status, or to be available in regions, instead of polling loops.

The waiter looks at the image at once, then polls ``images.get`` with pauses that start at
``poll_interval`` and grow by half each time up to ``max_interval``, so that a long wait costs
few requests (a handful a minute, far below the API's per-minute limits). It returns the image
as soon as it is there, and stops early when waiting is pointless:

- 404: the image was deleted, or a pending upload expired (the API cancels uploads that get no
  data within 24 hours). The ``NotFoundError`` is raised with a note saying what was awaited.
- The image is in a state that cannot lead to the target (images move ``pending_upload`` ->
  ``creating`` -> ``available`` and never back; a region being deleted will not become
  available): ``UnreachableStatusError``.
- The time is up: ``WaitTimeoutError`` carrying the last image seen.

A status this version does not know keeps the waiter waiting: the API adds statuses over time
(REAL-API-FACTS "Image objects"). Transient failures of a poll (connection errors, 429, 5xx,
maintenance) are retried by the client's retry policy and, beyond it, by polling again; a 429's
``Retry-After`` lengthens the next pause.

The logic is written once: ``Waiter`` decides with an injected clock, and ``wait_flow`` is the
loop as a flow (``_flow``) that both clients run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from linode_images_api.models.image_status import BY_VALUE as _KNOWN_STATUSES
from linode_images_api.spec_facts import IMAGE_LIFECYCLE

from ._arguments import check_text, regions_list
from ._errors import (
    APIConnectionError,
    LinodeError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnreachableStatusError,
    WaitTimeoutError,
)
from ._flow import Flow, Pause
from ._models import Image, ImageRegionStatus, ImageStatus, ImageStatusValue, Unset

__all__ = [
    "DEFAULT_MAX_INTERVAL",
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_REPLICATION_TIMEOUT",
    "DEFAULT_STATUS_TIMEOUT",
    "ReplicationTarget",
    "StatusTarget",
    "Waiter",
    "wait_flow",
]

DEFAULT_POLL_INTERVAL = 2.0
DEFAULT_MAX_INTERVAL = 30.0
# Processing an uploaded image and replicating one both take minutes, sometimes much longer.
DEFAULT_STATUS_TIMEOUT = 1800.0
DEFAULT_REPLICATION_TIMEOUT = 3600.0
_BACKOFF = 1.5

# The order an image's status moves in; it never moves back (the spec's x-linode-lifecycle).
_LIFECYCLE = IMAGE_LIFECYCLE
# Region statuses after which the region will not become available: being removed, or the
# replication failed ("timedout" is used by other first-party clients but is not in the spec's
# enum; REAL-API-FACTS).
_REGION_AVAILABLE = ImageRegionStatus.AVAILABLE.value
_REGION_DEAD_ENDS = frozenset({ImageRegionStatus.PENDING_DELETION.value, "timedout"})


def _value(status: object) -> str | None:
    if status is None or isinstance(status, Unset):
        return None
    return str(status)


def _regions(image: Image) -> dict[str, str]:
    """Region id -> status of every region listed on ``image`` (``regions`` may be null)."""
    if not isinstance(image.regions, list):
        return {}
    return {entry.region: str(entry.status) for entry in image.regions}


@dataclass(frozen=True)
class StatusTarget:
    """Wait until the image's ``status`` equals ``status``."""

    status: str

    def describe(self) -> str:
        return f"status {self.status!r}"

    def reached(self, image: Image) -> bool:
        return _value(image.status) == self.status

    def dead_end(self, image: Image) -> str | None:
        current = _value(image.status)
        if (
            current in _LIFECYCLE
            and self.status in _LIFECYCLE
            and _LIFECYCLE.index(current) > _LIFECYCLE.index(self.status)
        ):
            return f"its status is {current!r}, past {self.status!r}; an image's status never goes back"
        return None

    def seen(self, image: Image) -> str:
        return f"status {_value(image.status)!r}"


@dataclass(frozen=True)
class ReplicationTarget:
    """Wait until every region in ``regions`` (every listed region when None) is available."""

    regions: tuple[str, ...] | None

    def describe(self) -> str:
        if self.regions is None:
            return "every region available"
        return f"available in {', '.join(self.regions)}"

    def _wanted(self, image: Image) -> Iterable[str]:
        return self.regions if self.regions is not None else _regions(image)

    def reached(self, image: Image) -> bool:
        listed = _regions(image)
        wanted = list(self._wanted(image))
        return bool(wanted) and all(listed.get(region) == _REGION_AVAILABLE for region in wanted)

    def dead_end(self, image: Image) -> str | None:
        listed = _regions(image)
        for region in self._wanted(image):
            if listed.get(region) in _REGION_DEAD_ENDS:
                return f"region {region} is {listed[region]!r} and will not become available"
        return None

    def seen(self, image: Image) -> str:
        listed = _regions(image)
        if not listed:
            return "no regions listed"
        return "regions " + ", ".join(f"{region}: {status}" for region, status in listed.items())


Target = StatusTarget | ReplicationTarget


def status_target(status: ImageStatusValue | ImageStatus) -> StatusTarget:
    """A ``StatusTarget`` for a known status given as a string or ``ImageStatus``.

    An unknown one (a typo, or a status this version's spec does not list) is refused at once:
    waiting for it would last the whole timeout.
    """
    value = str(check_text("status", status, "'available'"))
    if value not in _KNOWN_STATUSES:
        known = ", ".join(repr(known) for known in _KNOWN_STATUSES)
        raise ValueError(f"status {value!r} is not an image status; wait for one of {known}")
    return StatusTarget(value)


def replication_target(regions: Sequence[str] | None) -> ReplicationTarget:
    """A ``ReplicationTarget``; a lone string is refused (it would be read letter by letter)."""
    if regions is None:
        return ReplicationTarget(None)
    # Waiting for a region that cannot exist would wait for ever: each one is checked too.
    return ReplicationTarget(
        tuple(check_text("region", region, "'us-east'") for region in regions_list(regions))
    )


def _transient(exc: LinodeError) -> bool:
    # Worth another poll: the image may be fine, the request to look at it was not.
    return isinstance(exc, APIConnectionError | RateLimitError | ServerError)


class Waiter:
    """The waiting logic with no I/O: feed it what each poll gave, ask it how long to pause.

    >>> waiter = Waiter("private/1", StatusTarget("available"), timeout=10, poll_interval=2.0,
    ...                 max_interval=30, clock=lambda: 0.0)
    >>> waiter.pause()
    2.0
    """

    def __init__(
        self,
        image_id: str,
        target: Target,
        *,
        timeout: float | None,
        poll_interval: float,
        max_interval: float,
        clock: Callable[[], float],
    ) -> None:
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must be >= 0 or None, not {timeout}")
        if poll_interval <= 0:
            raise ValueError(f"poll_interval must be positive, not {poll_interval}")
        if max_interval < poll_interval:
            raise ValueError(f"max_interval ({max_interval}) must be >= poll_interval ({poll_interval})")
        self.image_id = image_id
        self.target = target
        self.timeout = timeout
        self._interval = poll_interval
        self._max_interval = max_interval
        self._clock = clock
        self._start = clock()
        self._at_least = 0.0
        self.polls = 0
        self.last_image: Image | None = None
        self.last_error: LinodeError | None = None

    def elapsed(self) -> float:
        return self._clock() - self._start

    def image(self, image: Image) -> bool:
        """Record a poll's image: True when the target is reached; raises on a dead end."""
        self.polls += 1
        self.last_image = image
        self.last_error = None
        if self.target.reached(image):
            return True
        reason = self.target.dead_end(image)
        if reason is not None:
            raise UnreachableStatusError(
                f"{self.image_id} will not reach {self.target.describe()}: {reason}",
                image_id=self.image_id,
                last_image=image,
                elapsed=self.elapsed(),
            )
        return False

    def error(self, exc: LinodeError) -> None:
        """Record a failed poll: returns to poll again if it was transient, else re-raises."""
        self.polls += 1
        if isinstance(exc, NotFoundError):
            exc.add_note(
                f"{self.image_id} disappeared while waiting for {self.target.describe()}: it was "
                "deleted, or it was a pending upload that expired"
            )
            raise exc
        if not _transient(exc):
            raise exc
        self.last_error = exc
        if isinstance(exc, RateLimitError) and exc.retry_after is not None:
            self._at_least = max(0.0, exc.retry_after)

    def pause(self) -> float:
        """Seconds to sleep before the next poll; raises ``WaitTimeoutError`` when time is up."""
        elapsed = self.elapsed()
        if self.timeout is not None and elapsed >= self.timeout:
            raise self._timeout(elapsed)
        pause = max(self._interval, self._at_least)
        self._at_least = 0.0
        self._interval = min(self._interval * _BACKOFF, self._max_interval)
        if self.timeout is not None:
            # The last poll happens at the deadline rather than a whole interval after it.
            pause = min(pause, self.timeout - elapsed)
        return pause

    def _timeout(self, elapsed: float) -> WaitTimeoutError:
        if self.last_image is not None:
            seen = f"last seen with {self.target.seen(self.last_image)}"
        else:
            seen = "never seen"
        if self.last_error is not None:
            seen += f"; the last poll failed: {self.last_error.message}"
        return WaitTimeoutError(
            f"{self.image_id} did not reach {self.target.describe()} within {self.timeout:g} s "
            f"({self.polls} polls, {seen})",
            image_id=self.image_id,
            last_image=self.last_image,
            elapsed=elapsed,
        )


def wait_flow(get: Callable[[], Flow[Image]], waiter: Waiter) -> Flow[Image]:
    """Poll ``get`` (a flow, such as one ``images.get``) until ``waiter`` is satisfied; the final image."""
    while True:
        try:
            image = yield from get()
        except LinodeError as exc:
            waiter.error(exc)
        else:
            if waiter.image(image):
                return image
        yield Pause(waiter.pause())
