"""The ``sharegroup`` and ``token`` commands one by one: what they change on the mock, their output
forms (rows, ``--ids``, ``--json`` lines of ``to_dict()``), their questions and how they fail."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.cli.conftest import Cli
from tests.cli.sharing import (
    OTHER_TOKEN,
    UNKNOWN_UUID,
    Shared,
    fields_of,
    group,
    json_lines,
    mock,
    mock_server,
    ok,
    private_image,
    shared,
)
from tests.cli.support import COMMAND

__all__ = ["group", "mock", "mock_server", "shared"]  # fixtures of tests.cli.sharing this module uses


def sharing_commands() -> list[str]:
    """Every ``sharegroup`` and ``token`` command, as ``--help`` lists them."""
    found = []
    for group_name in ("sharegroup", "token"):
        done = subprocess.run([*COMMAND, group_name, "--help"], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0
        found += [f"{group_name} {name}" for name in re.findall(r"^    ([a-z-]+) ", done.stdout, re.M)]
    return found


def test_the_groups_list_every_command() -> None:
    assert len(sharing_commands()) == 15 + 7


@pytest.mark.parametrize("command", ["sharegroup", "token", *sharing_commands()])
def test_every_sharing_command_has_help_with_an_example(command: str) -> None:
    done = subprocess.run([*COMMAND, *command.split(), "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert "example" in done.stdout and f"linode-images {command} " in done.stdout


# sharegroup: lists and their output forms


def test_sharegroup_list_forms(cli: Cli, group: tuple[int, str, str]) -> None:
    with cli.client() as producer:
        other = producer.sharegroups.create("others")
        expected = [g.to_dict() for g in producer.sharegroups.list()]
    assert json_lines(cli.run("sharegroup", "list", "--json")) == expected
    assert ok(cli.run("sharegroup", "list", "--ids")).split() == [str(group[0]), str(other.id)]
    assert ok(cli.run("sharegroup", "list", "--label", "others", "--ids")) == f"{other.id}\n"
    rows = [line.split("\t") for line in ok(cli.run("sharegroup", "list")).splitlines()]
    assert [row[:5] for row in rows] == [
        [str(group[0]), "partners", group[1], "1", "0"],
        [str(other.id), "others", other.uuid, "0", "0"],
    ]


def test_sharegroup_list_is_a_table_on_a_terminal(cli: Cli, group: tuple[int, str, str]) -> None:
    shown = cli.pty("sharegroup", "list", on_terminal=("stdout",))
    assert shown.returncode == 0
    lines = shown.terminal.splitlines()
    assert lines[0].split() == ["ID", "LABEL", "UUID", "IMAGES", "MEMBERS", "CREATED"]
    assert lines[1].split()[:3] == [str(group[0]), "partners", group[1]]


def test_a_page_size_out_of_range_is_a_usage_error(cli: Cli) -> None:
    done = cli.run("sharegroup", "list", "--page-size", "5")
    assert done.returncode == 2 and "page_size" in done.stderr
    assert cli.server.state.counters.requests["get-sharegroups"] == 0


# sharegroup: one group


def test_sharegroup_create_get_update(cli: Cli) -> None:
    fields = fields_of(
        cli.run("sharegroup", "create", "--label", "partners", "--description", "for partners")
    )
    assert (fields["label"], fields["description"], fields["images_count"]) == (
        "partners",
        "for partners",
        "0",
    )
    group_id = fields["id"]
    (updated,) = json_lines(cli.run("sharegroup", "update", group_id, "--label", "partners-2", "--json"))
    assert (updated["label"], updated["description"]) == ("partners-2", "for partners")
    with cli.client() as producer:
        assert json_lines(cli.run("sharegroup", "get", group_id, "--json")) == [
            producer.sharegroups.get(int(group_id)).to_dict()
        ]


def test_sharegroup_update_without_changes_is_a_usage_error(cli: Cli, group: tuple[int, str, str]) -> None:
    done = cli.run("sharegroup", "update", str(group[0]))
    assert done.returncode == 2 and "nothing to change" in done.stderr
    assert cli.server.state.counters.requests["put-sharegroup"] == 0


def test_sharegroup_create_with_a_public_image_exits_1(cli: Cli) -> None:
    done = cli.run("sharegroup", "create", "--label", "p", "--image", "linode/debian12")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "409" in done.stderr


@pytest.mark.parametrize(
    ("argv", "status", "says"),
    [
        (["sharegroup", "get", "999999"], 1, "404"),
        (["sharegroup", "get", "abc"], 2, "not a whole number"),
        (["sharegroup", "get", "0"], 2, "must be 1 or more"),
        (["sharegroup", "get-member", "8300", "not-a-uuid"], 2, "not a UUID"),
        (["token", "images", ".."], 2, "not a UUID"),
        (["sharegroup", "for-image", "private/1/.."], 2, "not an image id"),
        (["sharegroup", "create"], 2, "--label"),
        (["token", "get", "not-a-uuid"], 2, "not a UUID"),
        (["token", "get", UNKNOWN_UUID], 1, "404"),
        (["token"], 2, "usage:"),
    ],
)
def test_errors_are_one_line_with_their_exit_status(
    cli: Cli, argv: list[str], status: int, says: str
) -> None:
    done = cli.run(*argv)
    assert done.returncode == status and says in done.stderr and done.stdout == ""
    if status == 2:
        assert sum(cli.server.state.counters.requests.values()) == 0
    if status == 1:
        assert done.stderr.startswith("linode-images: error: ") and done.stderr.count("\n") == 1


def test_sharing_goes_to_v4beta_whatever_the_api_version(cli: Cli, group: tuple[int, str, str]) -> None:
    assert ok(cli.run("sharegroup", "list", "--ids", "--api-version", "v4")) == f"{group[0]}\n"


# sharegroup: deleting asks


def test_sharegroup_delete(cli: Cli, shared: Shared) -> None:
    refused = cli.run("sharegroup", "delete", str(shared.group_id))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert cli.server.state.counters.requests["delete-sharegroup"] == 0
    assert ok(cli.run("sharegroup", "delete", str(shared.group_id), "--yes")) == (
        f"deleted share group {shared.group_id}\n"
    )
    gone = cli.run("token", "sharegroup", shared.token_uuid, token=OTHER_TOKEN)
    assert gone.returncode == 1 and "404" in gone.stderr


@pytest.mark.parametrize(("answer", "deleted"), [("y\n", True), ("n\n", False)])
def test_sharegroup_delete_asks_on_a_terminal(
    cli: Cli, group: tuple[int, str, str], answer: str, deleted: bool
) -> None:
    shown = cli.pty("sharegroup", "delete", str(group[0]), on_terminal=("stdin", "stderr"), typed=answer)
    assert f"Delete share group {group[0]} (its members lose access to its images)?" in shown.terminal
    assert shown.returncode == (0 if deleted else 1)
    assert cli.server.state.counters.requests["delete-sharegroup"] == (1 if deleted else 0)


# sharegroup: a group's images


def test_sharegroup_images_add_update_remove(cli: Cli, group: tuple[int, str, str]) -> None:
    group_id = str(group[0])
    second = private_image(cli, "second")
    added = json_lines(
        cli.run(
            "sharegroup", "add-image", group_id, second, "--label", "copy", "--description", "v1", "--json"
        )
    )
    assert len(added) == 2 and {image["label"] for image in added} >= {"copy"}
    copy_id = next(str(image["id"]) for image in added if image["label"] == "copy")
    rows = [line.split("\t") for line in ok(cli.run("sharegroup", "images", group_id)).splitlines()]
    assert {row[0]: row[4] for row in rows}[copy_id] == second  # SOURCE: the image it copies
    (renamed,) = json_lines(
        cli.run("sharegroup", "update-image", group_id, copy_id, "--label", "copy-2", "--json")
    )
    assert (renamed["id"], renamed["label"], renamed["description"]) == (copy_id, "copy-2", "v1")
    assert ok(cli.run("sharegroup", "remove-image", group_id, copy_id, "--yes")) == (
        f"removed {copy_id} from share group {group_id}\n"
    )
    assert copy_id not in ok(cli.run("sharegroup", "images", group_id, "--ids")).split()


def test_add_image_names_only_one_image(cli: Cli, group: tuple[int, str, str]) -> None:
    first, second = private_image(cli, "a"), private_image(cli, "b")
    done = cli.run("sharegroup", "add-image", str(group[0]), first, second, "--label", "x")
    assert done.returncode == 2 and "one image" in done.stderr
    assert cli.server.state.counters.requests["post-sharegroup-images"] == 0
    assert len(ok(cli.run("sharegroup", "add-image", str(group[0]), first, second, "--ids")).split()) == 3


def test_remove_image_checks_the_id_before_asking(cli: Cli, group: tuple[int, str, str]) -> None:
    done = cli.run("sharegroup", "remove-image", str(group[0]), "shared/../1")
    assert done.returncode == 2 and "not an image id" in done.stderr and "--yes" not in done.stderr


# sharegroup: members


def test_members_get_update_remove(cli: Cli, shared: Shared) -> None:
    group_id = str(shared.group_id)
    (member,) = json_lines(cli.run("sharegroup", "members", group_id, "--status", "active", "--json"))
    assert (member["token_uuid"], member["label"], member["status"]) == (
        shared.token_uuid,
        "consumer",
        "active",
    )
    assert fields_of(cli.run("sharegroup", "get-member", group_id, shared.token_uuid))["label"] == "consumer"
    (renamed,) = json_lines(
        cli.run("sharegroup", "update-member", group_id, shared.token_uuid, "--label", "acme", "--json")
    )
    assert renamed["label"] == "acme"
    refused = cli.run("sharegroup", "remove-member", group_id, shared.token_uuid)
    assert (
        refused.returncode == 2 and cli.server.state.counters.requests["delete-sharegroup-member-token"] == 0
    )
    ok(cli.run("sharegroup", "remove-member", group_id, shared.token_uuid, "--yes"))
    assert ok(cli.run("sharegroup", "members", group_id, "--status", "active", "--ids")) == ""


def test_for_image(cli: Cli, shared: Shared) -> None:
    with cli.client() as producer:
        expected = [g.to_dict() for g in producer.sharegroups.list_for_image(shared.image_id)]
    assert json_lines(cli.run("sharegroup", "for-image", shared.image_id, "--json")) == expected
    assert [row["id"] for row in expected] == [shared.group_id]


# token: a consumer's


def test_token_list_get_update_sharegroup_images(cli: Cli, shared: Shared) -> None:
    with cli.client(OTHER_TOKEN) as consumer:
        expected = [token.to_dict() for token in consumer.sharegroup_tokens.list()]
        images = [image.to_dict() for image in consumer.sharegroup_tokens.list_images(shared.token_uuid)]
    assert json_lines(cli.run("token", "list", "--json", token=OTHER_TOKEN)) == expected
    rows = [line.split("\t") for line in ok(cli.run("token", "list", token=OTHER_TOKEN)).splitlines()]
    assert [row[:4] for row in rows] == [[shared.token_uuid, "from-consumer", "active", "partners"]]
    assert ok(cli.run("token", "list", "--status", "revoked", "--ids", token=OTHER_TOKEN)) == ""
    assert fields_of(cli.run("token", "get", shared.token_uuid, token=OTHER_TOKEN))["status"] == "active"
    (renamed,) = json_lines(
        cli.run("token", "update", shared.token_uuid, "--label", "acme", "--json", token=OTHER_TOKEN)
    )
    assert renamed["label"] == "acme"
    group_fields = fields_of(cli.run("token", "sharegroup", shared.token_uuid, token=OTHER_TOKEN))
    assert (group_fields["uuid"], group_fields["label"]) == (shared.group_uuid, "partners")
    assert json_lines(cli.run("token", "images", shared.token_uuid, "--json", token=OTHER_TOKEN)) == images
    # The producer's token is another account's: it has no such token.
    assert cli.run("token", "get", shared.token_uuid).returncode == 1


def test_token_delete_ends_the_membership(cli: Cli, shared: Shared) -> None:
    refused = cli.run("token", "delete", shared.token_uuid, token=OTHER_TOKEN)
    assert refused.returncode == 2 and cli.server.state.counters.requests["delete-sharegroup-token"] == 0
    assert ok(cli.run("token", "delete", shared.token_uuid, "--yes", token=OTHER_TOKEN)) == (
        f"deleted token {shared.token_uuid}\n"
    )
    assert ok(cli.run("token", "list", "--ids", token=OTHER_TOKEN)) == ""
    assert ok(cli.run("list", "--label", "golden", "--ids", token=OTHER_TOKEN)) == ""
