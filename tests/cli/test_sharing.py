"""``sharegroup ...`` and ``token ...``: image sharing from the command line, against a mock with two
accounts (the producer shares, the consumer joins), and the token secret, which is printed once,
by ``token create --show-secret``, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from linode_images import ShareGroupTokenSecret

from tests.cli.conftest import Cli
from tests.cli.sharing import (
    OTHER_TOKEN,
    UNKNOWN_UUID,
    fields_of,
    group,
    json_lines,
    mock,
    mock_server,
    ok,
    private_image,
)

__all__ = ["group", "mock", "mock_server"]  # fixtures of tests.cli.sharing this module uses

# The whole exchange, as two users would type it


def test_share_an_image_with_another_account(cli: Cli, tmp_path: Path) -> None:
    source = private_image(cli)
    made = json_lines(cli.run("sharegroup", "create", "--label", "partners", "--image", source, "--json"))[0]
    assert (made["label"], made["images_count"], made["members_count"]) == ("partners", 1, 0)
    group_id, group_uuid = str(made["id"]), str(made["uuid"])

    created = cli.run("token", "create", group_uuid, "--label", "acme", "--show-secret", token=OTHER_TOKEN)
    secret = ok(created).strip()
    assert created.stdout == f"{secret}\n" and len(secret) >= 16
    assert "will not be shown again" in created.stderr and created.stderr.count("\n") == 1
    (tmp_path / "acme.secret").write_text(created.stdout, encoding="utf-8")

    member = json_lines(
        cli.run(
            "sharegroup", "add-member", group_id, "--label", "acme", "--secret-file", "acme.secret", "--json"
        )
    )[0]
    assert (member["label"], member["status"]) == ("acme", "active")
    token_uuid = str(member["token_uuid"])

    # The consumer sees the shared copy through its token; the producer sees its member and the group.
    shared_ids = ok(cli.run("token", "images", token_uuid, "--ids", token=OTHER_TOKEN)).split()
    assert len(shared_ids) == 1 and shared_ids[0].startswith("shared/")
    assert ok(cli.run("get", shared_ids[0], "--json", token=OTHER_TOKEN))
    assert (
        json_lines(cli.run("token", "sharegroup", token_uuid, "--json", token=OTHER_TOKEN))[0]["uuid"]
        == group_uuid
    )
    assert ok(cli.run("sharegroup", "members", group_id, "--ids")) == f"{token_uuid}\n"
    assert ok(cli.run("sharegroup", "for-image", source, "--ids")) == f"{group_id}\n"

    # Revoked, the consumer loses the image at once.
    assert ok(cli.run("sharegroup", "remove-member", group_id, token_uuid, "--yes")) == (
        f"removed member {token_uuid} from share group {group_id}\n"
    )
    assert (
        json_lines(cli.run("token", "get", token_uuid, "--json", token=OTHER_TOKEN))[0]["status"] == "revoked"
    )
    gone = cli.run("get", shared_ids[0], token=OTHER_TOKEN)
    assert gone.returncode == 1 and "404" in gone.stderr


# The token secret


def test_the_secret_is_printed_once_by_token_create_and_nowhere_else(
    cli: Cli, group: tuple[int, str, str], tmp_path: Path
) -> None:
    group_id, group_uuid, source = group
    created = cli.run("token", "create", group_uuid, "--show-secret", "--debug", token=OTHER_TOKEN)
    secret = ok(created).strip()
    assert secret and secret not in created.stderr
    assert "/v4beta/images/sharegroups/tokens" in created.stderr  # --debug did log the request
    (tmp_path / "secret").write_text(secret, encoding="utf-8")
    runs = [
        cli.run(
            "sharegroup", "add-member", str(group_id), "--label", "c", "--secret-file", "secret", "--debug"
        ),
        # Added twice: refused by the API, with a traceback under --debug.
        cli.run("sharegroup", "add-member", str(group_id), "--label", "c", "--debug", input=secret),
    ]
    assert runs[0].returncode == 0 and runs[1].returncode == 1
    assert "Traceback" in runs[1].stderr
    token_uuid = str(json_lines(cli.run("token", "list", "--json", token=OTHER_TOKEN))[0]["token_uuid"])
    runs += [
        cli.run("token", "list", "--json", "--debug", token=OTHER_TOKEN),
        cli.run("token", "get", token_uuid, "--json", "--debug", token=OTHER_TOKEN),
        cli.run("token", "get", token_uuid, token=OTHER_TOKEN),
        cli.run("token", "update", token_uuid, "--label", "renamed", "--json", token=OTHER_TOKEN),
        cli.run("sharegroup", "members", str(group_id), "--json", "--debug"),
        cli.run("sharegroup", "get-member", str(group_id), token_uuid, "--json"),
        cli.run("sharegroup", "get", str(group_id), "--json"),
        cli.run("sharegroup", "for-image", source, "--json"),
    ]
    for done in runs:
        assert secret not in done.stdout and secret not in done.stderr, done.args


def test_token_create_without_show_secret_creates_nothing(cli: Cli, group: tuple[int, str, str]) -> None:
    done = cli.run("token", "create", group[1], "--json", token=OTHER_TOKEN)
    assert done.returncode == 2 and "--show-secret" in done.stderr and done.stdout == ""
    assert cli.server.state.counters.requests["post-sharegroup-tokens"] == 0


def test_token_create_json_is_to_dict_with_the_secret(cli: Cli, group: tuple[int, str, str]) -> None:
    done = cli.run(
        "token", "create", group[1], "--label", "acme", "--show-secret", "--json", token=OTHER_TOKEN
    )
    (printed,) = json_lines(done)
    with cli.client(OTHER_TOKEN) as consumer:
        stored = consumer.sharegroup_tokens.get(str(printed["token_uuid"])).to_dict()
    secret = printed.pop("token")
    assert isinstance(secret, str) and secret and secret not in done.stderr
    assert printed == stored and printed["label"] == "acme" and printed["status"] == "pending"


def test_token_create_for_an_unknown_group_exits_1(cli: Cli) -> None:
    done = cli.run("token", "create", UNKNOWN_UUID, "--show-secret", token=OTHER_TOKEN)
    assert done.returncode == 1 and done.stdout == ""
    assert (
        done.stderr.count("\n") == 1 and "409" in done.stderr and "valid_for_sharegroup_uuid" in done.stderr
    )


def test_add_member_reads_the_secret_from_standard_input(cli: Cli, group: tuple[int, str, str]) -> None:
    with cli.client(OTHER_TOKEN) as consumer:
        created = consumer.sharegroup_tokens.create(group[1])
    assert isinstance(created.token, ShareGroupTokenSecret)
    done = cli.run(
        "sharegroup", "add-member", str(group[0]), "--label", "acme", input=f"{created.token.reveal()}\n"
    )
    fields = fields_of(done)
    assert (fields["label"], fields["status"], fields["token_uuid"]) == ("acme", "active", created.token_uuid)


def test_add_member_asks_for_the_secret_on_a_terminal_without_echo(
    cli: Cli, group: tuple[int, str, str]
) -> None:
    with cli.client(OTHER_TOKEN) as consumer:
        created = consumer.sharegroup_tokens.create(group[1])
    assert isinstance(created.token, ShareGroupTokenSecret)
    secret = created.token.reveal()
    shown = cli.pty(
        "sharegroup",
        "add-member",
        str(group[0]),
        "--label",
        "acme",
        on_terminal=("stdin",),
        typed=f"{secret}\n",
        prompt="token secret",
        controlling=True,
    )
    assert shown.returncode == 0, shown.stderr
    assert "The consumer's token secret (not shown as you type):" in shown.terminal
    assert secret not in shown.terminal and secret not in shown.stdout and secret not in shown.stderr
    with cli.client() as producer:
        assert producer.sharegroups.get_member(group[0], created.token_uuid).label == "acme"


@pytest.mark.parametrize(
    ("given", "found"), [("", "nothing"), ("\n\n", "nothing"), ("alpha beta\n", "2 words")]
)
def test_add_member_without_one_secret_is_a_usage_error(
    cli: Cli, group: tuple[int, str, str], given: str, found: str
) -> None:
    done = cli.run("sharegroup", "add-member", str(group[0]), "--label", "acme", input=given)
    assert done.returncode == 2 and f"standard input holds {found}" in done.stderr
    assert not any(word in done.stderr for word in given.split())  # what was read is not repeated
    assert cli.server.state.counters.requests["post-sharegroup-members"] == 0


def test_add_member_with_a_wrong_secret_exits_1_without_showing_it(
    cli: Cli, group: tuple[int, str, str]
) -> None:
    wrong = "not-the-secret-0123456789abcdef"
    done = cli.run("sharegroup", "add-member", str(group[0]), "--label", "acme", "--debug", input=wrong)
    assert done.returncode == 1 and "Invalid token" in done.stderr
    assert wrong not in done.stderr and wrong not in done.stdout


def test_add_member_from_a_missing_file_exits_1(cli: Cli, group: tuple[int, str, str]) -> None:
    done = cli.run("sharegroup", "add-member", str(group[0]), "--label", "acme", "--secret-file", "nope")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "nope" in done.stderr
