"""``linode-images list``: filters, the tag rule, and the table, id and JSON-lines forms."""

from __future__ import annotations

import json
import subprocess

from linode_images import Filter

from tests.cli.conftest import Cli
from tests.cli.support import COMMAND


def test_tab_separated_rows_when_stdout_is_not_a_terminal(cli: Cli) -> None:
    done = cli.run("list", "--vendor", "Debian")
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    with cli.client() as client:
        debian = list(client.images.list(filter=Filter.eq("vendor", "Debian")))
    assert [row[0] for row in rows] == [image.id for image in debian]
    assert all(len(row) == 6 for row in rows)  # id, label, status, size, regions, created
    first = next(row for row in rows if row[0] == "linode/debian12")
    assert first[1:4] == ["Debian 12", "available", "1500 MB"]


def test_a_table_with_a_header_on_a_terminal(cli: Cli) -> None:
    shown = cli.pty("list", "--vendor", "Debian", "--order-by", "label", on_terminal=("stdout",))
    assert shown.returncode == 0, shown.stderr
    lines = shown.terminal.splitlines()
    assert lines[0].split() == ["ID", "LABEL", "STATUS", "SIZE", "REGIONS", "CREATED"]
    labels = [line[lines[0].index("LABEL") : lines[0].index("STATUS")].strip() for line in lines[1:]]
    assert labels == sorted(labels) and "Debian 12" in labels


def test_ids_one_per_line_in_the_order_asked_for(cli: Cli) -> None:
    done = cli.run("list", "--public", "--order-by", "created", "--desc", "--ids")
    assert done.returncode == 0, done.stderr
    with cli.client() as client:
        expected = [
            image.id
            for image in client.images.list(
                filter=Filter.eq("is_public", True), order_by="created", order="desc"
            )
        ]
    assert done.stdout.splitlines() == expected and len(expected) > 5


def test_json_lines_are_each_images_to_dict(cli: Cli) -> None:
    done = cli.run("list", "--vendor", "Ubuntu", "--json", "--page-size", "25")
    assert done.returncode == 0, done.stderr
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    with cli.client() as client:
        expected = [image.to_dict() for image in client.images.list(filter=Filter.eq("vendor", "Ubuntu"))]
    assert printed == expected and printed
    assert {"id", "label", "status", "size", "created", "regions", "tags"} <= set(printed[0])


def test_a_tag_lists_only_private_images_unless_public_is_given(cli: Cli) -> None:
    with cli.client() as client:
        mine = client.images.create(disk_id=1001, label="mine", tags=["web"])
    with cli.server.state.lock:  # a public image sharing the tag, as happens on the real API
        cli.server.state._images["linode/debian12"].data["tags"] = ["web"]
    private = cli.run("list", "--tag", "web", "--ids")
    assert private.returncode == 0, private.stderr
    assert private.stdout.splitlines() == [mine.id]
    public = cli.run("list", "--tag", "web", "--public", "--ids")
    assert public.stdout.splitlines() == ["linode/debian12"]


def test_label_and_status_filters(cli: Cli) -> None:
    with cli.client() as client:
        wanted = client.images.create(disk_id=1001, label="wanted")
        client.images.create(disk_id=1002, label="other")
    done = cli.run("list", "--private", "--label", "wanted", "--status", "available", "--ids")
    assert done.stdout.splitlines() == [wanted.id]


def test_desc_without_order_by_is_a_usage_error(cli: Cli) -> None:
    done = cli.run("list", "--desc")
    assert done.returncode == 2
    assert done.stderr == "linode-images: error: --desc needs --order-by\n"
    assert cli.server.state.counters.requests["get-images"] == 0


def test_a_page_size_the_api_refuses_is_a_usage_error_before_any_request(cli: Cli) -> None:
    done = cli.run("list", "--page-size", "10")
    assert done.returncode == 2
    assert "page_size must be between 25 and 500" in done.stderr
    assert cli.server.state.counters.requests["get-images"] == 0


def test_ids_and_json_together_are_a_usage_error(cli: Cli) -> None:
    done = cli.run("list", "--ids", "--json")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


def test_a_closed_pipe_ends_quietly(cli: Cli) -> None:
    cli.server.state.seed_images(6000, public=False, account="default")  # more than a pipe holds
    process = subprocess.Popen(
        [*COMMAND, "list", "--ids"], env=cli.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith("linode/")
    process.stdout.close()  # as `| head -n 1` does
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert stderr == ""
