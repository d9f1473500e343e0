"""Multi-step control flow written once: generators that yield effects, and two runners.

A flow (the retry loop, the wait loop, the PUT attempts, create -> PUT -> clean up -> wait) is
a generator that does no I/O. It yields an effect saying what it needs done and receives the
result, or has the exception the effect raised thrown into it, cancellation included, so its
``try``/``except``/``finally`` blocks work as in straight-line code. ``run_sync`` and
``run_async`` are the only places that know sync from async (the shape of httpx's
``Auth.sync_auth_flow`` and ``async_auth_flow``). Flows compose with ``yield from``.

>>> def double_after_pause(x: int) -> Flow[int]:
...     yield Pause(0.5)
...     return 2 * x
>>> run_sync(double_after_pause(21), SyncEffects(sleep=lambda seconds: None))
42
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias, TypeVar

__all__ = [
    "AsyncEffects",
    "Call",
    "Effect",
    "Flow",
    "Pause",
    "Prepare",
    "PutData",
    "SyncEffects",
    "run_async",
    "run_sync",
]

T = TypeVar("T")


@dataclass(slots=True)  # not frozen: every API call makes one, and a frozen __init__ costs more
class Call:
    """Call a generated ``*_detailed`` function: ``sync`` or ``asyncio`` with these arguments."""

    sync: Callable[..., Any]
    asyncio: Callable[..., Awaitable[Any]]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Pause:
    """Sleep with the client's sleep function."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Prepare:
    """Blocking file work (read, compress, spool); the async runner does it in a worker thread.

    The result must have ``close()``: when the caller is cancelled while the work runs on, the
    result is closed as soon as it is ready, so nothing it opened is left behind.
    """

    work: Callable[[], Any]


@dataclass(frozen=True, slots=True)
class PutData:
    """One PUT attempt, sent by ``put`` of the effects in use (``_storage.send_put``)."""

    request: Any


Effect: TypeAlias = Call | Pause | Prepare | PutData
Flow: TypeAlias = Generator[Effect, Any, T]


class _Closable(Protocol):
    def close(self) -> None: ...


class SyncEffects:
    """How the sync runner does each effect: the client's sleep, and its storage PUT."""

    __slots__ = ("put", "sleep")

    def __init__(self, sleep: Callable[[float], object], put: Callable[[PutData], Any] | None = None) -> None:
        self.sleep = sleep
        self.put = put

    def do(self, effect: Effect) -> Any:
        if type(effect) is Call:
            return effect.sync(*effect.args, **effect.kwargs)
        if type(effect) is Pause:
            return self.sleep(effect.seconds)
        if type(effect) is Prepare:
            return effect.work()
        if type(effect) is PutData and self.put is not None:
            return self.put(effect)
        raise TypeError(f"no handler for {effect!r}")


class AsyncEffects:
    """How the async runner does each effect; file work runs in a worker thread."""

    __slots__ = ("put", "sleep")

    def __init__(
        self,
        sleep: Callable[[float], Awaitable[object]],
        put: Callable[[PutData], Awaitable[Any]] | None = None,
    ) -> None:
        self.sleep = sleep
        self.put = put

    async def do(self, effect: Effect) -> Any:
        if type(effect) is Call:
            return await effect.asyncio(*effect.args, **effect.kwargs)
        if type(effect) is Pause:
            return await self.sleep(effect.seconds)
        if type(effect) is Prepare:
            return await _off_loop(effect.work)
        if type(effect) is PutData and self.put is not None:
            return await self.put(effect)
        raise TypeError(f"no handler for {effect!r}")


async def _off_loop(work: Callable[[], _Closable]) -> Any:
    # A thread cannot be cancelled: if the caller is, the result is closed once it is ready.
    task = asyncio.ensure_future(asyncio.to_thread(work))
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        task.add_done_callback(_close_result)
        raise


def _close_result(task: asyncio.Future[_Closable]) -> None:
    if not task.cancelled() and task.exception() is None:
        task.result().close()


def run_sync(flow: Flow[T], effects: SyncEffects) -> T:
    """Drive ``flow`` to its end: do each effect, send back its result or throw in its error."""
    send = flow.send
    try:
        effect = send(None)
        while True:
            try:
                result = effects.do(effect)
            except BaseException as exc:
                effect = flow.throw(exc)
            else:
                effect = send(result)
    except StopIteration as stop:  # the flow returned: only send and throw end it so
        value: T = stop.value
        return value


async def run_async(flow: Flow[T], effects: AsyncEffects) -> T:
    """``run_sync`` for the async client: the same loop, each effect awaited."""
    send = flow.send
    try:
        effect = send(None)
        while True:
            try:
                result = await effects.do(effect)
            except BaseException as exc:
                effect = flow.throw(exc)
            else:
                effect = send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
