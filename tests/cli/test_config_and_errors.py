"""Where the token comes from, help and exit codes common to every command, and what is never printed."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
from linode_images import DEFAULT_BASE_URL
from linode_images._cli._config import linode_cli_config_path, resolve_settings

from tests.cli.conftest import Cli
from tests.cli.support import COMMAND, SCRIPT

COMMANDS = ["upload", "list", "get", "update", "delete", "replicate", "wait", "sharegroup", "token"]
SECRET = "f00dfeedcafe0123456789abcdef0123456789abcdef0123456789abcdef0123"


def linode_cli_file(home: Path, text: str, *, legacy: bool = False) -> Path:
    path = home / ".linode-cli" if legacy else home / ".config" / "linode-cli"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_console_script_lists_the_commands() -> None:
    done = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    for command in COMMANDS:
        assert f"    {command} " in done.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = subprocess.run([*COMMAND, command, "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert "example" in done.stdout and f"linode-images {command} " in done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        [],
        ["upload", "disk.img"],
        ["list", "--order-by", "nope"],
        ["upload", "x", "--level", "0"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    done = subprocess.run([*COMMAND, *argv], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "usage:" in done.stderr


def test_global_flags_work_after_the_command_too(cli: Cli) -> None:
    done = cli.run(
        "get", "linode/debian12", "--base-url", cli.server.url, "--json", env={"LINODE_BASE_URL": "x"}
    )
    assert done.returncode == 0, done.stderr


def test_an_unreachable_api_is_one_line_and_debug_shows_the_traceback(cli: Cli) -> None:
    with socket.socket() as sock:  # a port with nothing listening
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    done = cli.run("get", "linode/debian12", "--base-url", url)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("linode-images: error: ")
    assert "Traceback" not in done.stderr
    debug = cli.run("get", "linode/debian12", "--base-url", url, "--debug")
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "APIConnectionError" in debug.stderr


def test_plain_http_to_a_remote_host_is_refused(cli: Cli) -> None:
    done = cli.run("list", "--base-url", "http://api.example.com")
    assert done.returncode == 2
    assert "plain http" in done.stderr


def test_an_unknown_api_version_in_the_environment_is_a_usage_error(cli: Cli) -> None:
    done = cli.run("list", env={"LINODE_API_VERSION": "v3"})
    assert done.returncode == 2
    assert "api_version" in done.stderr


def test_the_token_of_linode_clis_default_user_is_used(cli: Cli) -> None:
    linode_cli_file(
        cli.home, "[DEFAULT]\ndefault-user = alice\n\n[bob]\ntoken = nope\n\n[alice]\ntoken = test-token\n"
    )
    with cli.client() as client:
        image_id = str(client.images.create(disk_id=1001, label="mine").id)
    done = cli.run("get", image_id, token=None, env={"XDG_CONFIG_HOME": ""})
    assert done.returncode == 0, done.stderr
    debug = cli.run("get", image_id, "--debug", token=None)
    assert "token: linode-cli configuration" in debug.stderr and "(user alice)" in debug.stderr


def test_the_flag_and_the_environment_come_before_linode_clis_file(cli: Cli) -> None:
    linode_cli_file(cli.home, f"[DEFAULT]\ndefault-user = alice\n\n[alice]\ntoken = {SECRET}\n")
    assert cli.run("list", "--private", token="test-token").returncode == 0
    assert cli.run("list", "--private", "--token", "test-token", token=SECRET).returncode == 0
    refused = cli.run("list", "--private", token=None)  # the file's token is not the mock's
    assert refused.returncode == 1 and "401" in refused.stderr


def test_the_token_is_never_printed(cli: Cli) -> None:
    linode_cli_file(cli.home, f"[DEFAULT]\ndefault-user = alice\n\n[alice]\ntoken = {SECRET}\n")
    for run in (
        cli.run("list", "--private", "--debug", token=None),
        cli.run("list", "--private", "--debug", token=SECRET),
        cli.run("delete", "private/1", "--yes", "--debug", "--token", SECRET),
    ):
        assert run.returncode == 1
        assert SECRET not in run.stdout + run.stderr
        assert "401" in run.stderr


def test_an_unreadable_linode_cli_file_is_a_usage_error(cli: Cli) -> None:
    linode_cli_file(cli.home, "token without a section\n")
    done = cli.run("list", token=None)
    assert done.returncode == 2
    assert "linode-cli configuration file" in done.stderr and "--token" in done.stderr


def test_resolution_order_and_file_formats(tmp_path: Path) -> None:
    home = tmp_path
    assert resolve_settings(token=None, base_url=None, api_version=None, environ={}, home=home).token is None
    defaults = resolve_settings(token=None, base_url=None, api_version=None, environ={}, home=home)
    assert (defaults.base_url, defaults.api_version) == (DEFAULT_BASE_URL, "v4")
    env = {"LINODE_BASE_URL": "http://127.0.0.1:1", "LINODE_API_VERSION": "v4beta", "LINODE_CLI_TOKEN": "cli"}
    from_env = resolve_settings(token=None, base_url=None, api_version=None, environ=env, home=home)
    assert (from_env.token, from_env.base_url, from_env.api_version) == (
        "cli",
        "http://127.0.0.1:1",
        "v4beta",
    )
    assert resolve_settings(
        token=None, base_url="http://h", api_version="v4", environ=env, home=home
    ).base_url == ("http://h")
    both = {**env, "LINODE_TOKEN": "env"}
    assert (
        resolve_settings(token=None, base_url=None, api_version=None, environ=both, home=home).token == "env"
    )
    assert (
        resolve_settings(token="flag", base_url=None, api_version=None, environ=both, home=home).token
        == "flag"
    )

    # A lone user is the default one; a file from before users keeps the token in [DEFAULT].
    linode_cli_file(home, "[carol]\ntoken = lone\n")
    assert (
        resolve_settings(token=None, base_url=None, api_version=None, environ={}, home=home).token == "lone"
    )
    linode_cli_file(home, "[DEFAULT]\ntoken = old%format\n")
    old = resolve_settings(token=None, base_url=None, api_version=None, environ={}, home=home)
    assert old.token == "old%format" and "user DEFAULT" in old.token_source
    assert "old%format" not in repr(old)

    # XDG_CONFIG_HOME moves the file; the legacy ~/.linode-cli wins when it exists.
    xdg = tmp_path / "xdg"
    assert linode_cli_config_path({"XDG_CONFIG_HOME": str(xdg)}, home) == xdg / "linode-cli"
    linode_cli_file(home, "[DEFAULT]\ndefault-user = dave\n[dave]\ntoken = legacy\n", legacy=True)
    assert linode_cli_config_path({"XDG_CONFIG_HOME": str(xdg)}, home) == home / ".linode-cli"
    assert (
        resolve_settings(token=None, base_url=None, api_version=None, environ={}, home=home).token == "legacy"
    )


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run([*COMMAND, "--version"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.startswith("linode-images ")
