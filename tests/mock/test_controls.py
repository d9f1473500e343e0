"""Controls for client tests: lifecycle timing, rate limits, faults, counters, admin API, CLI."""

from __future__ import annotations

import json

import httpx
import pytest
from linode_images_mock import FaultPlan, MockConfig, MockState, Timing
from linode_images_mock._cli import build_parser, config_from_args

from .conftest import AUTH, FakeClock, create_image


async def status_of(client: httpx.AsyncClient, image_id: str) -> str:
    response = await client.get(f"/v4/images/{image_id}", headers=AUTH)
    assert response.status_code == 200
    status: str = response.json()["status"]
    return status


# --- lifecycle timing ---------------------------------------------------------------------------


async def test_immediate_transition_shows_on_the_next_read(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    assert image["status"] == "creating"
    assert await status_of(client, image["id"]) == "available"


async def test_transition_after_n_reads(client: httpx.AsyncClient, state: MockState) -> None:
    state.configure(timing={"create": Timing(reads=3)})
    image = await create_image(client)
    assert [await status_of(client, image["id"]) for _ in range(4)] == ["creating"] * 3 + ["available"]


async def test_list_responses_count_as_reads(client: httpx.AsyncClient, state: MockState) -> None:
    state.configure(timing={"create": "1 reads"})
    image = await create_image(client)
    listed = (
        await client.get("/v4/images", headers={**AUTH, "X-Filter": json.dumps({"is_public": False})})
    ).json()
    assert [(i["id"], i["status"]) for i in listed["data"]] == [(image["id"], "creating")]
    assert await status_of(client, image["id"]) == "available"


async def test_transition_after_n_seconds(
    client: httpx.AsyncClient, state: MockState, clock: FakeClock
) -> None:
    state.configure(timing={"create": "30s"})
    image = await create_image(client)
    clock.advance(29)
    assert await status_of(client, image["id"]) == "creating"
    clock.advance(1)
    assert await status_of(client, image["id"]) == "available"


async def test_chained_timed_transitions_catch_up(
    client: httpx.AsyncClient, state: MockState, clock: FakeClock
) -> None:
    state.configure(timing={"replication_start": "10s", "replication": "10s"})
    image = await create_image(client)
    await status_of(client, image["id"])
    await client.post(
        f"/v4/images/{image['id']}/regions", json={"regions": ["us-east", "us-ord"]}, headers=AUTH
    )
    clock.advance(15)
    regions = (await client.get(f"/v4/images/{image['id']}", headers=AUTH)).json()["regions"]
    assert {r["region"]: r["status"] for r in regions}["us-ord"] == "replicating"
    clock.advance(100)
    regions = (await client.get(f"/v4/images/{image['id']}", headers=AUTH)).json()["regions"]
    assert {r["region"]: r["status"] for r in regions}["us-ord"] == "available"


@pytest.mark.parametrize(
    ("text", "timing"),
    [
        ("immediate", Timing()),
        ("5s", Timing(seconds=5)),
        ("2.5 seconds", Timing(seconds=2.5)),
        ("3 reads", Timing(reads=3)),
        ("1r", Timing(reads=1)),
        (7, Timing(seconds=7)),
        ({"reads": 2}, Timing(reads=2)),
    ],
)
def test_timing_parsing(text: object, timing: Timing) -> None:
    assert Timing.parse(text) == timing
    assert Timing.parse(timing.to_json()) == timing


@pytest.mark.parametrize("text", ["soon", "-1s", {"reads": -1}, {"seconds": 1, "reads": 1}, True])
def test_bad_timings_are_refused(text: object) -> None:
    with pytest.raises(ValueError):
        Timing.parse(text)


def test_unknown_transitions_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown transitions"):
        MockConfig(timing={"teleport": "1s"})


# --- rate limits --------------------------------------------------------------------------------


async def test_every_response_has_rate_limit_headers(client: httpx.AsyncClient, clock: FakeClock) -> None:
    responses = [
        await client.get("/v4/images"),
        await client.get("/v4/images/linode/nothing"),
        await client.patch("/v4/images"),
        await client.post("/v4/images", json={}, headers=AUTH),
    ]
    for response in responses:
        limit = int(response.headers["x-ratelimit-limit"])
        # This request was counted in its window: fewer than the limit remain, never a negative number.
        assert 0 <= int(response.headers["x-ratelimit-remaining"]) < limit
        assert int(response.headers["x-ratelimit-reset"]) == int(clock.now) + 60


async def test_enforced_rate_limit_answers_429_with_retry_after(
    client: httpx.AsyncClient, state: MockState, clock: FakeClock
) -> None:
    state.configure(rate_limits={"get-images": 3})
    remaining = []
    for _ in range(3):
        response = await client.get("/v4/images")
        assert response.status_code == 200
        assert response.headers["x-ratelimit-limit"] == "3"
        remaining.append(response.headers["x-ratelimit-remaining"])
    assert remaining == ["2", "1", "0"]
    clock.advance(20)
    limited = await client.get("/v4/images")
    assert limited.status_code == 429
    assert limited.json() == {"errors": [{"reason": "Too many requests"}]}
    assert limited.headers["retry-after"] == "40"
    # Other operations have their own budget.
    assert (await client.get("/v4/images/linode/debian12")).status_code == 200
    clock.advance(40)
    assert (await client.get("/v4/images")).status_code == 200


# --- faults -------------------------------------------------------------------------------------


async def test_fault_sequence_is_followed_exactly(client: httpx.AsyncClient, state: MockState) -> None:
    state.set_faults("get-image", FaultPlan(sequence=("429", "500", "503", "maintenance", "502", "ok")))
    responses = [await client.get("/v4/images/linode/debian12") for _ in range(7)]
    assert [r.status_code for r in responses] == [429, 500, 503, 503, 502, 200, 200]
    assert (
        responses[0].json() == {"errors": [{"reason": "Too many requests"}]}
        and responses[0].headers["retry-after"]
    )
    assert "x-maintenance-mode" not in responses[2].headers
    assert responses[3].headers["x-maintenance-mode"]
    assert responses[4].headers["content-type"].startswith("text/html") and "nginx" in responses[4].text
    # Faults are scoped to their operation.
    assert (await client.get("/v4/images")).status_code == 200


async def test_latency_fault_delays_then_serves(
    client: httpx.AsyncClient, state: MockState, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr("linode_images_mock._responses.sleep", fake_sleep)
    state.set_faults("get-images", "latency:1.5")
    assert (await client.get("/v4/images")).status_code == 200
    assert delays == [1.5]


async def test_dropped_connection_in_process(client: httpx.AsyncClient, state: MockState) -> None:
    from linode_images_mock import DroppedConnection

    state.set_faults("*", {"sequence": ["drop"]})
    with pytest.raises(DroppedConnection):
        await client.get("/v4/images")
    assert (await client.get("/v4/images")).status_code == 200


async def test_probabilistic_faults_repeat_with_the_same_seed(
    client: httpx.AsyncClient, state: MockState
) -> None:
    async def run() -> list[int]:
        return [(await client.get("/v4/images")).status_code for _ in range(40)]

    state.configure(seed=7, faults={"get-images": FaultPlan(probability=0.3, kinds=("500", "503"))})
    first = await run()
    state.reset()
    assert await run() == first
    assert 0 < sum(code != 200 for code in first) < 40
    assert set(first) <= {200, 500, 503}
    state.configure(seed=8)
    assert await run() != first


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("503,ok,drop", FaultPlan(sequence=("503", "ok", "drop"))),
        ("0.25:500,502", FaultPlan(probability=0.25, kinds=("500", "502"))),
        ("latency:0.5", FaultPlan(sequence=("latency:0.5",))),
    ],
)
def test_fault_plan_parsing(text: str, plan: FaultPlan) -> None:
    assert FaultPlan.parse(text) == plan
    assert FaultPlan.parse(plan.to_json()) == plan


@pytest.mark.parametrize("text", ["418", "latency:x", "1.5:500", {"sequence": "500"}, {"probability": 0.5}])
def test_bad_fault_plans_are_refused(text: object) -> None:
    with pytest.raises(ValueError):
        FaultPlan.parse(text)


# --- counters and admin endpoints -----------------------------------------------------------------


async def test_counters_count_requests_and_created_images(client: httpx.AsyncClient) -> None:
    await client.get("/v4/images")
    await client.get("/v4/images")
    await create_image(client)
    await client.post("/v4/images/upload", json={"label": "x", "region": "us-east"}, headers=AUTH)
    counters = (await client.get("/__mock__/counters")).json()
    assert counters["requests"] == {"get-images": 2, "post-image": 1, "post-upload-image": 1}
    assert counters["images_created"] == 2
    assert counters["upload_authorization_seen"] is False


async def test_admin_reset_forgets_everything(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    assert (await client.post("/__mock__/reset")).json() == {}
    assert (await client.get(f"/v4/images/{image['id']}", headers=AUTH)).status_code == 404
    assert (await client.get("/__mock__/counters")).json()["requests"] == {"get-image": 1}


async def test_admin_config_changes_accounts_timing_faults_limits(client: httpx.AsyncClient) -> None:
    changes = {
        "tokens": {"new-token": "carol"},
        "disks": {"carol": [42]},
        "timing": {"create": "2 reads"},
        "upload_limit": 10,
        "rate_limits": {"get-image": 100},
        "faults": {"get-images": "503"},
    }
    response = await client.patch("/__mock__/config", json=changes)
    assert response.status_code == 200
    config = response.json()
    assert config["timing"] == {"create": {"reads": 2}} and config["upload_limit"] == 10
    assert config["faults"]["get-images"]["sequence"] == ["503"]
    assert (await client.get("/v4/images")).status_code == 503
    carol = {"Authorization": "Bearer new-token"}
    assert (await client.get("/v4/images", headers=AUTH)).status_code == 401
    created = await client.post("/v4/images", json={"disk_id": 42}, headers=carol)
    assert created.json()["created_by"] == "carol"
    assert (await client.get("/v4/images/linode/debian12")).headers["x-ratelimit-limit"] == "100"
    assert (await client.get("/__mock__/config")).json() == config


@pytest.mark.parametrize(
    "changes",
    [
        {"nonsense": 1},
        {"timing": {"create": "later"}},
        {"upload_limit": "big"},
        {"faults": {"x": "999"}},
        [1],
    ],
)
async def test_admin_config_rejects_bad_changes(client: httpx.AsyncClient, changes: object) -> None:
    before = (await client.get("/__mock__/config")).json()
    response = await client.patch("/__mock__/config", json=changes)
    assert response.status_code == 400
    assert response.json()["errors"][0]["reason"]
    assert (await client.get("/__mock__/config")).json() == before


async def test_admin_seed_adds_images(client: httpx.AsyncClient) -> None:
    before = (await client.get("/v4/images", headers=AUTH)).json()["results"]
    response = await client.post("/__mock__/seed", json={"count": 30, "public": False, "account": "default"})
    assert response.json()["count"] == 30
    await client.post("/__mock__/seed", json={"count": 5, "public": True})
    assert (await client.get("/v4/images", headers=AUTH)).json()["results"] == before + 35
    assert (await client.get("/v4/images")).json()["results"] == before + 5
    bad = await client.post("/__mock__/seed", json={"count": 1, "public": False, "account": "nobody"})
    assert bad.status_code == 400


async def test_admin_serves_the_spec_and_refuses_the_rest(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/__mock__/openapi.json")).json()
    assert "/{apiVersion}/images" in spec["paths"]
    assert (await client.get("/__mock__/nothing")).status_code == 404
    wrong = await client.get("/__mock__/reset")
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "POST")


def test_config_seeds_extra_images_at_start() -> None:
    state = MockState(MockConfig(extra_public_images=10, extra_private_images={"default": 5}))
    from linode_images_mock._filters import parse_filter

    everything = state.list_images("default", parse_filter(None), 1, 500)
    public = state.list_images(None, parse_filter(None), 1, 500)
    assert everything["results"] - public["results"] == 5
    assert sum(image["id"].startswith("linode/generated-") for image in public["data"]) == 10


# --- command line -------------------------------------------------------------------------------


def test_cli_flags_build_the_same_config() -> None:
    args = build_parser().parse_args(
        [
            "--port", "0", "--token", "a=alice", "--token", "b=bob", "--disk", "alice=1,2",
            "--timing", "create=3 reads", "--upload-limit", "1000", "--rate-limit", "get-images=20",
            "--fault", "get-image=503,ok", "--fault", "*=0.1:500", "--seed", "9", "--strict",
            "--public-images", "5", "--private-images", "bob=7", "--sharegroups", "3",
        ]
    )  # fmt: skip
    config = config_from_args(args)
    assert config.tokens == {"a": "alice", "b": "bob"}
    assert config.disks == {"alice": [1, 2]}
    assert config.timing == {"create": Timing(reads=3)}
    assert (config.upload_limit, config.rate_limits, config.seed, config.strict) == (
        1000,
        {"get-images": 20},
        9,
        True,
    )
    assert config.faults == {
        "get-image": FaultPlan(sequence=("503", "ok")),
        "*": FaultPlan(probability=0.1, kinds=("500",)),
    }
    assert (config.extra_public_images, config.extra_private_images) == (5, {"bob": 7})
    assert config.extra_sharegroups == {"alice": 3}  # the first account when none is named
