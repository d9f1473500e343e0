"""The admin endpoints refuse bad input with 400 and keep their answers small and safe."""

from __future__ import annotations

import httpx
import pytest
from linode_images_mock import MockConfig, MockState, create_app
from linode_images_mock._admin import is_loopback
from linode_images_mock._cli import main
from linode_images_mock._config import MAX_IMAGES

from .conftest import AUTH


@pytest.mark.parametrize(
    "changes",
    [
        {"regions": "us-east"},
        {"regions": [1, 2]},
        {"regions": []},
        {"tokens": {"t": 1}},
        {"tokens": ["t"]},
        {"disks": {"default": "1001"}},
        {"disks": {"default": [True]}},
        {"strict": "no"},
        {"seed": 1.5},
        {"timing": ["create"]},
        {"rate_limits": {"get-images": "5"}},
        {"extra_private_images": {"default": -1}},
        {"extra_sharegroups": {"nobody": 1}},
        {"extra_public_images": MAX_IMAGES + 1},
    ],
)
async def test_config_patch_with_wrong_types_is_400_and_changes_nothing(
    client: httpx.AsyncClient, changes: object
) -> None:
    before = (await client.get("/__mock__/config")).json()
    response = await client.patch("/__mock__/config", json=changes)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["reason"]
    assert (await client.get("/__mock__/config")).json() == before


@pytest.mark.parametrize("path", ["/__mock__/seed", "/__mock__/config"])
async def test_deeply_nested_admin_json_is_400(client: httpx.AsyncClient, path: str) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = await client.request(
        "POST" if path.endswith("seed") else "PATCH",
        path,
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"errors": [{"reason": "the body must be JSON"}]}


async def test_admin_json_with_nan_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/__mock__/seed", content='{"count": NaN}')
    assert response.status_code == 400


async def test_seeding_has_an_upper_bound(client: httpx.AsyncClient, state: MockState) -> None:
    stored = (await client.get("/v4/images", headers=AUTH)).json()["results"]
    response = await client.post("/__mock__/seed", json={"count": MAX_IMAGES})
    assert response.status_code == 400
    assert f"at most {MAX_IMAGES} images" in response.json()["errors"][0]["reason"]
    assert (await client.get("/v4/images", headers=AUTH)).json()["results"] == stored
    with pytest.raises(ValueError, match="at most"):
        state.seed_images(10_000_000, public=True)
    with pytest.raises(ValueError, match="at most"):
        MockConfig(extra_public_images=MAX_IMAGES, extra_private_images={"default": 1})


async def test_seed_answers_a_summary_and_the_ids_on_request(client: httpx.AsyncClient) -> None:
    response = await client.post("/__mock__/seed", json={"count": 5000})
    assert response.status_code == 200
    summary = response.json()
    assert summary == {
        "count": 5000,
        "public": False,
        "account": "default",
        "first_id": summary["first_id"],
        "last_id": summary["last_id"],
    }
    assert len(response.content) < 200
    for image_id in (summary["first_id"], summary["last_id"]):
        assert (await client.get(f"/v4/images/{image_id}", headers=AUTH)).status_code == 200
    listed = await client.get("/v4/images", headers={**AUTH, "X-Filter": '{"is_public": false}'})
    assert listed.json()["results"] == 5000
    with_ids = (await client.post("/__mock__/seed", json={"count": 3, "public": True, "ids": True})).json()
    assert with_ids["count"] == 3 and with_ids["account"] is None
    assert with_ids["ids"] == [with_ids["first_id"], with_ids["ids"][1], with_ids["last_id"]]
    assert all(image_id.startswith("linode/generated-") for image_id in with_ids["ids"])
    nothing = (await client.post("/__mock__/seed", json={"count": 0})).json()
    assert nothing == {"count": 0, "public": False, "account": "default", "first_id": None, "last_id": None}


@pytest.mark.parametrize(
    "body",
    [
        {"count": "5"},
        {"count": -1},
        {"count": 1, "public": "yes"},
        {"count": 1, "ids": 1},
        {"count": 1, "x": 1},
    ],
)
async def test_seed_refuses_bad_fields(client: httpx.AsyncClient, body: object) -> None:
    response = await client.post("/__mock__/seed", json=body)
    assert response.status_code == 400


# --- secrets and the admin credential --------------------------------------------------------------


async def test_config_answers_never_show_the_tokens(client: httpx.AsyncClient) -> None:
    shown = await client.get("/__mock__/config")
    assert shown.status_code == 200
    assert "test-token" not in shown.text and "other-token" not in shown.text
    assert sorted(shown.json()["tokens"].values()) == ["default", "other"]
    patched = await client.patch("/__mock__/config", json={"tokens": {"s3cret-token": "carol"}})
    assert patched.status_code == 200 and "s3cret-token" not in patched.text
    assert patched.json()["tokens"] == {"<redacted #1>": "carol"}
    # The token works although it is never shown.
    carol = await client.get("/v4/images", headers={"Authorization": "Bearer s3cret-token"})
    assert carol.status_code == 200


async def test_sending_a_redacted_token_back_is_refused(client: httpx.AsyncClient) -> None:
    shown = (await client.get("/__mock__/config")).json()
    response = await client.patch("/__mock__/config", json={"tokens": shown["tokens"]})
    assert response.status_code == 400
    assert "send the token itself" in response.json()["errors"][0]["reason"]


async def test_an_admin_token_guards_every_admin_endpoint(state: MockState) -> None:
    app = create_app(state=state, admin_token="admin-s3cret")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://mock.test") as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, AUTH):
            refused = await client.get("/__mock__/counters", headers=headers)
            assert refused.status_code == 401
            assert "admin token" in refused.json()["errors"][0]["reason"]
            assert (await client.post("/__mock__/reset", headers=headers)).status_code == 401
        admin = {"Authorization": "Bearer admin-s3cret"}
        config = await client.get("/__mock__/config", headers=admin)
        assert config.status_code == 200 and "admin-s3cret" not in config.text
        assert (await client.post("/__mock__/reset", headers=admin)).status_code == 200
        # The API itself still takes the API's tokens.
        assert (await client.get("/v4/images", headers=AUTH)).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_hosts_need_no_admin_token(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", "localhost.example.com"])  # noqa: S104
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_the_command_line_refuses_a_public_host_without_an_admin_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LINODE_IMAGES_MOCK_ADMIN_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exited:
        main(["--host", "0.0.0.0", "--port", "0"])  # noqa: S104
    assert exited.value.code == 2
    assert "give --admin-token (or LINODE_IMAGES_MOCK_ADMIN_TOKEN)" in capsys.readouterr().err
