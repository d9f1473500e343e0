"""Rate limits: one-minute windows per operation and the X-RateLimit-* headers they give."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Shown in X-RateLimit-Limit for operations without an enforced limit.
NOMINAL_RATE_LIMIT = 800
RATE_WINDOW = 60.0


@dataclass
class _Window:
    started: float
    count: int = 0


@dataclass(frozen=True)
class RateStatus:
    """Rate-limit headers for one response, and whether the request is over the limit."""

    limit: int
    remaining: int
    reset: int
    retry_after: int
    exceeded: bool

    def headers(self) -> dict[str, str]:
        """X-RateLimit-* headers (REAL-API-FACTS, "Responses")."""
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
        }


class RateWindows:
    """The current one-minute window of every operation (the caller holds the state's lock)."""

    def __init__(self) -> None:
        self._windows: dict[str, _Window] = {}

    def count(self, operation: str, now: float, enforced: int | None) -> RateStatus:
        """Count one request of ``operation`` at ``now`` against ``enforced`` (None: no limit)."""
        window = self._windows.get(operation)
        if window is None or now >= window.started + RATE_WINDOW:
            window = self._windows[operation] = _Window(now)
        window.count += 1
        limit = enforced if enforced is not None else NOMINAL_RATE_LIMIT
        reset_at = window.started + RATE_WINDOW
        return RateStatus(
            limit=limit,
            remaining=max(0, limit - window.count),
            reset=math.ceil(reset_at),
            retry_after=max(1, math.ceil(reset_at - now)),
            exceeded=enforced is not None and window.count > enforced,
        )
