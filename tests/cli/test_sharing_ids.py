"""A bad id, uuid or token on the sharing commands' line: a one-line error, exit status 2, no
traceback, no request sent, and never the text of what may be a token secret."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli
from tests.cli.sharing import mock, mock_server

__all__ = ["mock", "mock_server"]  # fixtures of tests.cli.sharing this module uses

TOKEN_UUID = "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10"
SECRET = "sgt-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def refused(cli: Cli, *argv: str) -> str:
    """The error line of a run refused before anything was sent."""
    done = cli.run(*argv)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert "Traceback" not in done.stderr
    assert sum(cli.server.state.counters.requests.values()) == 0
    error = [line for line in done.stderr.splitlines() if not line.startswith(("usage:", " "))]
    assert len(error) == 1 and error[0].startswith("linode-images"), done.stderr
    return error[0]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["sharegroup", "for-image", ".."], "not an image id: '..'"),
        (["sharegroup", "for-image", "private/1/.."], "not an image id: 'private/1/..'"),
        (["sharegroup", "images", "0"], "must be 1 or more"),
        (["sharegroup", "members", ".."], "not a whole number"),
        (["sharegroup", "update-image", "1", "shared/..", "--label", "x"], "not an image id"),
        (["token", "images", ".."], "not a UUID"),
        # Spellings Python's uuid module reads, which are not the spec's text form of a uuid.
        (["token", "images", f"urn:uuid:{TOKEN_UUID}"], "not a UUID"),
        (["token", "sharegroup", TOKEN_UUID.replace("-", "")], "not a UUID"),
        (["sharegroup", "get-member", "1", f"{{{TOKEN_UUID}}}"], "not a UUID"),
    ],
)
def test_a_bad_id_is_a_one_line_usage_error(cli: Cli, argv: list[str], says: str) -> None:
    assert says in refused(cli, *argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["token", "get", SECRET],
        ["token", "images", SECRET],
        ["token", "delete", SECRET, "--yes"],
        ["sharegroup", "get-member", "1", SECRET],
        ["sharegroup", "remove-member", "1", SECRET, "--yes"],
        ["token", "create", SECRET, "--show-secret"],
    ],
)
def test_a_token_secret_given_as_a_uuid_is_not_repeated(cli: Cli, argv: list[str]) -> None:
    error = refused(cli, *argv)
    assert "not a UUID" in error and SECRET not in error
