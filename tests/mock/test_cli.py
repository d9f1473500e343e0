"""The command line as a newcomer meets it: one-line errors that name the flag and the fix."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from linode_images_mock._config import operation_names

from .conftest import make_config


def run_mock(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line to its end (every case here ends before serving)."""
    return subprocess.run(
        [sys.executable, "-m", "linode_images_mock", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_taken_port_is_one_line_suggesting_a_free_one(taken_port: int) -> None:
    line = one_line_error(run_mock("--port", str(taken_port)))
    assert f"cannot listen on 127.0.0.1:{taken_port}: the port is already in use" in line
    assert "--port 0" in line and "MOCK_PORT=0" in line


@pytest.mark.parametrize("port", ["99999", "-1", "abc", "٣"])
def test_an_impossible_port_is_one_line(port: str) -> None:
    line = one_line_error(run_mock("--port", port))
    assert line.startswith("python -m linode_images_mock: error: argument --port:")
    assert "is not a port (0-65535)" in line and "--port 0" in line


@pytest.mark.parametrize(
    ("flag", "value", "setting"),
    [("--fault", "get-imag=503", "faults"), ("--rate-limit", "get-imagez=5", "rate_limits")],
)
def test_unknown_operation_names_are_refused_with_the_list(flag: str, value: str, setting: str) -> None:
    line = one_line_error(run_mock("--port", "0", flag, value))
    assert f"{flag}: unknown operation {value.partition('=')[0]!r} in {setting}" in line
    assert "did you mean 'get-image'?" in line
    assert "delete-image, get-image" in line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--rate-limit", "get-images=abc"], "--rate-limit: 'abc' is not a number of requests per minute"),
        (["--disk", "default=1001,x"], "--disk: 'x' is not a disk id"),
        (["--private-images", "default=lots"], "--private-images: 'lots' is not a number of images"),
        (["--sharegroups", "few"], "--sharegroups: 'few' is not a number of share groups"),
        (["--timing", "create=soon"], "--timing: not a timing: 'soon'"),
        (["--fault", "get-image=418"], "--fault: unknown fault '418'"),
        (["--upload-limit", "big"], "argument --upload-limit: invalid int value: 'big'"),
    ],
)
def test_bad_values_name_the_flag(args: list[str], expected: str) -> None:
    assert expected in one_line_error(run_mock("--port", "0", *args))


def test_help_lists_operations_and_how_reads_count() -> None:
    done = run_mock("--help")
    assert done.returncode == 0
    assert "``" not in done.stdout
    text = " ".join(done.stdout.split())
    for name in operation_names():
        assert f" {name}," in text or f" {name};" in text
    assert "a read is a GET of the image" in text
    assert "lost does the work and then closes the connection without an answer" in text


async def test_admin_rate_limits_refuse_unknown_operations(client: httpx.AsyncClient) -> None:
    response = await client.patch("/__mock__/config", json={"rate_limits": {"get-imag": 3}})
    assert response.status_code == 400
    reason = response.json()["errors"][0]["reason"]
    assert "unknown operation 'get-imag' in rate_limits" in reason and "get-images" in reason
    faults = await client.patch("/__mock__/config", json={"faults": {"get-imag": "503"}})
    assert faults.status_code == 400


def test_python_refuses_unknown_operations_too() -> None:
    with pytest.raises(ValueError, match="unknown operation 'delete-imag' in faults"):
        make_config(faults={"delete-imag": "lost"})
    with pytest.raises(ValueError, match="in rate_limits"):
        make_config(rate_limits={"put-upload-data": 5})


BLOCK_JSONSCHEMA = "import sys\nsys.modules['jsonschema'] = None  # as if the extra were not installed\n"


def test_without_the_mock_extra_the_command_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(BLOCK_JSONSCHEMA, encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    line = one_line_error(run_mock("--port", "0", env=env))
    assert line == (
        "python -m linode_images_mock: the mock server needs the 'mock' extra "
        "(jsonschema is not installed): pip install 'linode-images[mock]'"
    )
    imported = subprocess.run(
        [sys.executable, "-c", "from linode_images_mock import MockServer"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert imported.returncode == 1
    assert imported.stderr.splitlines()[-1] == (
        "ModuleNotFoundError: the mock server needs the 'mock' extra "
        "(jsonschema is not installed): pip install 'linode-images[mock]'"
    )
