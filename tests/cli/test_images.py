"""``get``, ``update``, ``delete``, ``replicate`` and ``wait``: what they change on the mock, and
how they fail."""

from __future__ import annotations

import json

import pytest
from linode_images import NotFoundError

from tests.cli.conftest import Cli


@pytest.fixture
def image_id(cli: Cli) -> str:
    """An available private image in us-east."""
    with cli.client() as client:
        image = client.images.create(disk_id=1001, label="golden", tags=["web"])
        return str(image.id)


def regions_of(cli: Cli, image_id: str) -> dict[str, str]:
    with cli.client() as client:
        image = client.images.get(image_id)
    return {str(entry.region): str(entry.status) for entry in image.regions or []}


# get


def test_get_shows_every_field(cli: Cli) -> None:
    done = cli.run("get", "linode/debian12")
    assert done.returncode == 0, done.stderr
    fields = dict(line.split(None, 1) for line in done.stdout.splitlines() if len(line.split(None, 1)) == 2)
    assert fields["id"] == "linode/debian12" and fields["label"] == "Debian 12" and fields["size"] == "1500"


def test_get_json_is_to_dict(cli: Cli, image_id: str) -> None:
    done = cli.run("get", image_id, "--json")
    with cli.client() as client:
        assert json.loads(done.stdout) == client.images.get(image_id).to_dict()


def test_get_of_a_missing_image_exits_1_with_one_line(cli: Cli) -> None:
    done = cli.run("get", "private/999999")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "404" in done.stderr and "Not found" in done.stderr


def test_a_malformed_id_is_a_usage_error_before_any_request(cli: Cli) -> None:
    done = cli.run("get", "private/1/..")
    assert done.returncode == 2
    assert done.stderr.startswith("linode-images: error: ")
    assert cli.server.state.counters.requests["get-image"] == 0


def test_anonymous_reads_public_images_but_not_private_ones(cli: Cli, image_id: str) -> None:
    assert cli.run("get", "linode/debian12", token=None).returncode == 0
    done = cli.run("get", image_id, token=None)
    assert done.returncode == 1 and ("401" in done.stderr or "404" in done.stderr)


# update


def test_update_changes_only_what_is_given(cli: Cli, image_id: str) -> None:
    done = cli.run("update", image_id, "--label", "golden-v2", "--json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert (printed["label"], printed["tags"]) == ("golden-v2", ["web"])
    done = cli.run("update", image_id, "--tag", "prod", "--tag", "db1", "--description", "base")
    with cli.client() as client:
        image = client.images.get(image_id)
    assert (image.label, image.tags, image.description) == ("golden-v2", ["prod", "db1"], "base")
    assert cli.run("update", image_id, "--no-tags").returncode == 0
    with cli.client() as client:
        assert client.images.get(image_id).tags == []


def test_update_without_changes_is_a_usage_error(cli: Cli, image_id: str) -> None:
    done = cli.run("update", image_id)
    assert done.returncode == 2
    assert "nothing to change" in done.stderr
    assert cli.server.state.counters.requests["put-image"] == 0


def test_update_with_a_tag_out_of_the_specs_bounds_exits_2_before_sending(cli: Cli, image_id: str) -> None:
    done = cli.run("update", image_id, "--tag", "x")  # tags are 3 to 100 characters (the spec)
    assert done.returncode == 2
    assert "tags" in done.stderr
    assert cli.server.state.counters.requests["put-image"] == 0


# delete


def test_delete_with_yes(cli: Cli, image_id: str) -> None:
    done = cli.run("delete", image_id, "--yes")
    assert (done.returncode, done.stdout) == (0, f"deleted {image_id}\n")
    with cli.client() as client, pytest.raises(NotFoundError):
        client.images.get(image_id)


def test_delete_refuses_public_ids_before_sending_anything(cli: Cli, image_id: str) -> None:
    done = cli.run("delete", image_id, "linode/debian12", "--yes")
    assert done.returncode == 2
    assert "refusing to delete linode/debian12" in done.stderr
    assert cli.server.state.counters.requests["delete-image"] == 0
    assert regions_of(cli, image_id)  # the private one, listed first, is still there


def test_delete_without_yes_off_a_terminal_deletes_nothing(cli: Cli, image_id: str) -> None:
    done = cli.run("delete", image_id)
    assert done.returncode == 2
    assert "--yes" in done.stderr
    assert cli.server.state.counters.requests["delete-image"] == 0


@pytest.mark.parametrize(("answer", "deleted"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_delete_asks_on_a_terminal(cli: Cli, image_id: str, answer: str, deleted: bool) -> None:
    shown = cli.pty("delete", image_id, on_terminal=("stdin", "stderr"), typed=answer)
    assert f"Delete {image_id}? This cannot be undone. [y/N]" in shown.terminal
    assert shown.returncode == (0 if deleted else 1)
    assert cli.server.state.counters.requests["delete-image"] == (1 if deleted else 0)
    assert shown.stdout == (f"deleted {image_id}\n" if deleted else "")


def test_delete_goes_on_after_a_failure_and_exits_1(cli: Cli, image_id: str) -> None:
    done = cli.run("delete", "private/999999", image_id, "--yes")
    assert done.returncode == 1
    assert "private/999999 was not deleted" in done.stderr
    assert done.stdout == f"deleted {image_id}\n"


# replicate


def test_replicate_keeps_the_current_regions_and_adds_the_new_ones(cli: Cli, image_id: str) -> None:
    done = cli.run("replicate", image_id, "--region", "us-iad", "--wait", "--poll-interval", "0.05", "--json")
    assert done.returncode == 0, done.stderr
    assert regions_of(cli, image_id) == {"us-east": "available", "us-iad": "available"}
    printed = json.loads(done.stdout)
    assert {entry["region"] for entry in printed["regions"]} == {"us-east", "us-iad"}


def test_replicate_exact_sets_exactly_the_given_regions(cli: Cli, image_id: str) -> None:
    cli.server.state.configure(timing={"region_removal": "1000 reads"})
    done = cli.run("replicate", image_id, "--exact", "--region", "us-iad", "us-ord")
    assert done.returncode == 0, done.stderr
    regions = regions_of(cli, image_id)
    assert regions["us-east"] == "pending deletion"
    assert {"us-iad", "us-ord"} <= set(regions)
    # A later replicate keeps what stays and does not bring back what is being removed.
    done = cli.run("replicate", image_id, "--region", "us-sea")
    assert done.returncode == 0, done.stderr
    assert regions_of(cli, image_id)["us-east"] == "pending deletion"
    assert {"us-iad", "us-ord", "us-sea"} <= set(regions_of(cli, image_id))


def test_replicate_to_an_unknown_region_exits_1(cli: Cli, image_id: str) -> None:
    done = cli.run("replicate", image_id, "--region", "nowhere-1")
    assert done.returncode == 1
    assert "400" in done.stderr


def test_replicate_needs_a_region(cli: Cli, image_id: str) -> None:
    done = cli.run("replicate", image_id)
    assert done.returncode == 2
    assert "--region" in done.stderr


# wait


def test_wait_for_available(cli: Cli) -> None:
    cli.server.state.configure(timing={"create": "3 reads"})
    with cli.client() as client:
        image = client.images.create(disk_id=1001, label="slow")
    done = cli.run("wait", str(image.id), "--poll-interval", "0.05", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "available"
    assert cli.server.state.counters.requests["get-image"] >= 3


def test_wait_for_regions(cli: Cli, image_id: str) -> None:
    cli.server.state.configure(timing={"replication": "3 reads"})
    with cli.client() as client:
        client.images.replicate(image_id, regions=["us-east", "us-iad"])
    done = cli.run("wait", image_id, "--regions", "--poll-interval", "0.05")
    assert done.returncode == 0, done.stderr
    assert regions_of(cli, image_id) == {"us-east": "available", "us-iad": "available"}


def test_a_wait_that_times_out_exits_3(cli: Cli) -> None:
    cli.server.state.configure(timing={"create": "1000 reads"})
    with cli.client() as client:
        image = client.images.create(disk_id=1001, label="slow")
    done = cli.run("wait", str(image.id), "--timeout", "0.3", "--poll-interval", "0.05")
    assert done.returncode == 3
    assert done.stderr.startswith("linode-images: timed out: ") and done.stderr.count("\n") == 1


def test_a_status_that_cannot_be_reached_exits_1(cli: Cli, image_id: str) -> None:
    done = cli.run("wait", image_id, "--status", "creating")
    assert done.returncode == 1
    assert "never goes back" in done.stderr


def test_wait_for_a_deleted_image_exits_1(cli: Cli) -> None:
    done = cli.run("wait", "private/999999")
    assert done.returncode == 1
    assert "404" in done.stderr


def test_a_bad_timeout_is_a_usage_error(cli: Cli, image_id: str) -> None:
    done = cli.run("wait", image_id, "--timeout", "-1")
    assert done.returncode == 2
    assert "more than 0 seconds" in done.stderr
