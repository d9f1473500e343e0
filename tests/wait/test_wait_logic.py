"""The waiting logic over injected get/sleep/clock: no I/O and no real sleeping."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from linode_images._errors import (
    APIConnectionError,
    AuthenticationError,
    LinodeError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnreachableStatusError,
    WaitTimeoutError,
)
from linode_images._flow import AsyncEffects, Call, Flow, SyncEffects, run_async, run_sync
from linode_images._wait import (
    Waiter,
    replication_target,
    status_target,
    wait_flow,
)
from linode_images_api.models import Image, ImageRegion, ImageRegionStatus, ImageStatus, ImageType

ID = "private/42"


# What every image carries (REAL-API-FACTS); these tests vary only status and regions.
ALWAYS_SENT: dict[str, Any] = {
    "label": "golden",
    "type_": ImageType.MANUAL,
    "is_public": False,
    "deprecated": False,
    "size": 2500,
    "created": datetime.datetime(2021, 8, 14, 22, 44, 2, tzinfo=datetime.UTC),
    "description": None,
    "vendor": None,
    "created_by": "someone",
}


def polled(get: Callable[[], Any], get_async: Callable[[], Awaitable[Any]]) -> Callable[[], Flow[Image]]:
    """A poll as the flows see it: one Call effect of ``get`` (sync) or ``get_async``."""

    def poll() -> Flow[Image]:
        image: Image = yield Call(get, get_async, (), {})
        return image

    return poll


def wait_sync(get: Callable[[], Image], waiter: Waiter, sleep: Callable[[float], object]) -> Image:
    return run_sync(wait_flow(polled(get, get), waiter), SyncEffects(sleep))  # type: ignore[arg-type]


async def wait_async(
    get: Callable[[], Awaitable[Image]], waiter: Waiter, sleep: Callable[[float], Awaitable[object]]
) -> Image:
    return await run_async(wait_flow(polled(get, get), waiter), AsyncEffects(sleep))


def image(status: str = "available", **regions: str) -> Image:
    return Image(
        id=ID,
        **ALWAYS_SENT,
        status=ImageStatus(status),
        regions=[
            ImageRegion(region=r.replace("_", "-"), status=ImageRegionStatus(s)) for r, s in regions.items()
        ],
    )


def api_error(cls: type[LinodeError], status: int, **extra: object) -> LinodeError:
    return cls(  # type: ignore[call-arg]
        f"GET /v4/images/{ID} -> {status}",
        status_code=status,
        errors=[],
        method="GET",
        url=f"https://api.example/v4/images/{ID}",
        headers=httpx.Headers(),
        body="",
        **extra,
    )


class Script:
    """A fake ``images.get`` answering from a list, with a fake clock that ``sleep`` advances."""

    def __init__(self, *answers: Image | LinodeError) -> None:
        self.answers = list(answers)
        self.now = 1000.0
        self.slept: list[float] = []
        self.polled_at: list[float] = []

    def get(self) -> Image:
        self.polled_at.append(self.now)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now

    def waiter(self, target: object, timeout: float | None = 60.0, poll: float = 2.0) -> Waiter:
        return Waiter(ID, target, timeout=timeout, poll_interval=poll, max_interval=30.0, clock=self.clock)  # type: ignore[arg-type]

    def run(self, target: object, **kwargs: float | None) -> Image:
        return wait_sync(self.get, self.waiter(target, **kwargs), self.sleep)


AVAILABLE = status_target("available")


def test_immediate_success_polls_once_and_never_sleeps() -> None:
    script = Script(image("available"))
    assert script.run(AVAILABLE).status == "available"
    assert (len(script.polled_at), script.slept) == (1, [])


def test_success_after_n_polls_with_growing_pauses() -> None:
    script = Script(image("pending_upload"), image("creating"), image("creating"), image("creating"), image())
    result = script.run(AVAILABLE)
    assert result.status == "available"
    assert len(script.polled_at) == 5
    assert script.slept == [2.0, 3.0, 4.5, 6.75]


def test_pauses_are_capped_at_max_interval() -> None:
    script = Script(*([image("creating")] * 20), image())
    script.run(AVAILABLE, timeout=None)
    assert max(script.slept) == 30.0
    assert script.slept[-3:] == [30.0, 30.0, 30.0]


def test_unknown_status_keeps_waiting() -> None:
    script = Script(image("being_scanned"), image("quarantine_check"), image("available"))
    assert script.run(AVAILABLE).status == "available"
    assert len(script.polled_at) == 3


def test_404_mid_wait_fails_fast_with_a_note() -> None:
    script = Script(image("pending_upload"), api_error(NotFoundError, 404), image())
    with pytest.raises(NotFoundError) as caught:
        script.run(AVAILABLE)
    assert len(script.polled_at) == 2
    assert any("disappeared while waiting for status 'available'" in note for note in caught.value.__notes__)


def test_timeout_carries_the_last_image_and_polls_at_the_deadline() -> None:
    last = image("creating")
    script = Script(image("pending_upload"), last)
    with pytest.raises(WaitTimeoutError) as caught:
        script.run(AVAILABLE, timeout=10.0)
    error = caught.value
    assert error.last_image is last
    assert error.image_id == ID
    assert error.elapsed == pytest.approx(10.0)
    assert script.polled_at[-1] == pytest.approx(1010.0)
    assert sum(script.slept) == pytest.approx(10.0)
    assert "status 'creating'" in error.message and "within 10 s" in error.message


def test_timeout_zero_checks_once() -> None:
    script = Script(image("creating"))
    with pytest.raises(WaitTimeoutError):
        script.run(AVAILABLE, timeout=0.0)
    assert len(script.polled_at) == 1


def test_a_status_that_cannot_come_back_fails_fast() -> None:
    script = Script(image("creating"))
    with pytest.raises(UnreachableStatusError) as caught:
        script.run(status_target("pending_upload"))
    assert caught.value.last_image.status == "creating"
    assert len(script.polled_at) == 1


def test_waiting_for_an_intermediate_status() -> None:
    script = Script(image("pending_upload"), image("creating"))
    assert script.run(status_target(ImageStatus.CREATING)).status == "creating"


@pytest.mark.parametrize("cls_status", [(ServerError, 502), (RateLimitError, 429)])
def test_transient_errors_keep_waiting(cls_status: tuple[type[LinodeError], int]) -> None:
    cls, status = cls_status
    extra = {"retry_after": None} if cls is RateLimitError else {}
    script = Script(image("creating"), api_error(cls, status, **extra), image())
    assert script.run(AVAILABLE).status == "available"


def test_connection_errors_keep_waiting() -> None:
    down = APIConnectionError("connection refused", method="GET", url="https://api.example/v4/images/x")
    script = Script(down, down, image())
    assert script.run(AVAILABLE).status == "available"


def test_retry_after_lengthens_the_next_pause() -> None:
    script = Script(api_error(RateLimitError, 429, retry_after=25.0), image())
    script.run(AVAILABLE)
    assert script.slept == [25.0]


def test_timeout_after_errors_mentions_the_last_failure() -> None:
    script = Script(image("creating"), api_error(ServerError, 503))
    with pytest.raises(WaitTimeoutError) as caught:
        script.run(AVAILABLE, timeout=5.0)
    assert caught.value.last_image is not None and caught.value.last_image.status == "creating"
    assert "the last poll failed" in caught.value.message


def test_other_errors_are_raised_at_once() -> None:
    script = Script(api_error(AuthenticationError, 401))
    with pytest.raises(AuthenticationError):
        script.run(AVAILABLE)
    assert len(script.polled_at) == 1


# ---- replication --------------------------------------------------------------------------------


def test_replication_to_several_regions() -> None:
    target = replication_target(["us-east", "us-iad", "eu-west"])
    script = Script(
        image(us_east="available"),
        image(us_east="available", us_iad="pending replication"),
        image(us_east="available", us_iad="available", eu_west="replicating"),
        image(us_east="available", us_iad="available", eu_west="available"),
    )
    result = script.run(target)
    assert len(script.polled_at) == 4
    assert {r.region for r in result.regions} == {"us-east", "us-iad", "eu-west"}  # type: ignore[union-attr]


def test_replication_of_every_listed_region() -> None:
    target = replication_target(None)
    script = Script(
        Image(id=ID, **ALWAYS_SENT, status=ImageStatus.CREATING, regions=None),
        image("available", us_east="available", us_iad="pending"),
        image("available", us_east="available", us_iad="available"),
    )
    script.run(target)
    assert len(script.polled_at) == 3


def test_replication_with_unknown_region_status_keeps_waiting() -> None:
    target = replication_target(["us-iad"])
    script = Script(image(us_iad="copying_blocks"), image(us_iad="available"))
    script.run(target)
    assert len(script.polled_at) == 2


@pytest.mark.parametrize("dead", ["pending deletion", "timedout"])
def test_replication_dead_end_fails_fast(dead: str) -> None:
    script = Script(image(us_east="available", us_iad=dead))
    with pytest.raises(UnreachableStatusError, match="us-iad"):
        script.run(replication_target(["us-east", "us-iad"]))


def test_replication_timeout_lists_the_regions_seen() -> None:
    script = Script(image(us_east="available", us_iad="pending replication"))
    with pytest.raises(WaitTimeoutError) as caught:
        script.run(replication_target(["us-iad"]), timeout=3.0)
    assert "us-iad: pending replication" in caught.value.message


@pytest.mark.parametrize(
    ("regions", "error"), [("us-east", TypeError), ([], ValueError), ([""], ValueError), ([1], TypeError)]
)
def test_bad_regions(regions: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        replication_target(regions)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [{"timeout": -1.0}, {"poll_interval": 0.0}, {"poll_interval": 5.0, "max_interval": 1.0}],
)
def test_bad_waiter_arguments(kwargs: dict[str, float]) -> None:
    settings: dict[str, float | None] = {"timeout": 10.0, "poll_interval": 2.0, "max_interval": 30.0}
    settings.update(kwargs)
    with pytest.raises(ValueError):
        Waiter(ID, AVAILABLE, clock=lambda: 0.0, **settings)  # type: ignore[arg-type]


def test_bad_status() -> None:
    with pytest.raises(ValueError):
        status_target("")
    with pytest.raises(TypeError, match="status must be a str"):
        status_target(7)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", ["availble", "Available", ImageStatus("brand_new")])
def test_an_unknown_status_is_refused_at_once_with_the_known_ones(status: str) -> None:
    with pytest.raises(ValueError) as info:
        status_target(status)  # type: ignore[arg-type]
    assert str(info.value) == (
        f"status {str(status)!r} is not an image status; wait for one of "
        "'available', 'creating', 'pending_upload'"
    )


def test_every_status_of_the_spec_can_be_awaited() -> None:
    for status in ImageStatus:
        assert status_target(status).status == status.value


def test_regions_are_checked_as_replicate_checks_them() -> None:
    with pytest.raises(TypeError, match=r"^regions is a list of strings such as \['us-east'\], not str$"):
        replication_target("us-east")
    with pytest.raises(ValueError, match="non-empty"):
        replication_target([])


# ---- async ----------------------------------------------------------------------------------


def async_shell(script: Script) -> tuple[Callable[[], object], Callable[[float], object]]:
    async def get() -> Image:
        return script.get()

    async def sleep(seconds: float) -> None:
        script.sleep(seconds)

    return get, sleep


async def test_async_success_after_polls() -> None:
    script = Script(image("pending_upload"), image("creating"), image())
    get, sleep = async_shell(script)
    result = await wait_async(get, script.waiter(AVAILABLE), sleep)  # type: ignore[arg-type]
    assert result.status == "available"
    assert script.slept == [2.0, 3.0]


async def test_async_timeout_and_404() -> None:
    script = Script(image("creating"))
    get, sleep = async_shell(script)
    with pytest.raises(WaitTimeoutError) as caught:
        await wait_async(get, script.waiter(AVAILABLE, timeout=4.0), sleep)  # type: ignore[arg-type]
    assert caught.value.last_image is not None

    script = Script(image("creating"), api_error(NotFoundError, 404))
    get, sleep = async_shell(script)
    with pytest.raises(NotFoundError):
        await wait_async(get, script.waiter(AVAILABLE), sleep)  # type: ignore[arg-type]


async def test_async_replication() -> None:
    script = Script(image(us_east="pending replication"), image(us_east="available"))
    get, sleep = async_shell(script)
    await wait_async(get, script.waiter(replication_target(["us-east"])), sleep)  # type: ignore[arg-type]
    assert len(script.polled_at) == 2
