"""examples/tour.py and the ``make demo`` launcher against the mock, so the demo cannot rot."""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from linode_images_mock import FaultPlan, MockServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOKEN = "test-token"
FAST = ["--poll-interval", "0.01", "--disk-mib", "2"]


def load_tour() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tour", EXAMPLES / "tour.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tour = load_tour()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockServer]:
    timing = {"create": "2 reads", "upload": "2 reads", "replication": "2 reads"}
    with MockServer(strict=True, timing=timing) as server:
        monkeypatch.setenv("LINODE_BASE_URL", server.url)
        monkeypatch.setenv("LINODE_TOKEN", TOKEN)
        yield server


def private_images(server: MockServer) -> list[str]:
    response = httpx.get(
        f"{server.url}/v4/images",
        headers={"Authorization": f"Bearer {TOKEN}", "X-Filter": '{"is_public": false}'},
    )
    assert response.status_code == 200
    return [image["id"] for image in response.json()["data"]]


def test_make_demo_runs_the_tour_against_a_mock_it_starts() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "demo.py"), *FAST],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("mock server at http://127.0.0.1:")
    assert lines[-1] == "mock server stopped; tour exit status 0"
    for step in (
        "1. Public images",
        "2. Uploading",
        "3. Waiting",
        "4. Updating",
        "5. Replicating",
        "6. Creating",
        "7. Sharing it with a second account",
        "8. Deleting",
    ):
        assert any(line.startswith(step) for line in lines), step
    # One account shares the uploaded image; the other one lists it, as a shared/<n> image.
    assert any(line.strip().startswith("the second account lists shared/") for line in lines)
    assert any("secret <redacted>" in line for line in lines)
    assert "Done: every step worked and the tour's images are gone." in lines
    # The progress, as plain lines: stderr is a pipe here, not a terminal.
    assert "\r" not in done.stderr
    assert re.search(r": uploading (\S+ \S+) of \1$", done.stderr, re.MULTILINE), done.stderr


def test_the_tour_does_every_step_and_leaves_nothing_behind(
    server: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tour.main([*FAST, "--no-progress"]) == 0

    out = capsys.readouterr().out
    assert "linode/debian12" in out and "26 public images" in out
    assert "label 'linode-images-tour-" in out and "-golden', tags ['tour', 'golden']" in out
    assert "us-east available, us-iad available, us-ord available" in out
    counters = server.state.counters
    assert counters.images_created == 2  # one upload, one from a disk
    [upload] = counters.uploads.values()
    assert upload.bytes > 0 and not upload.authorization_seen
    assert counters.requests["get-images"] == 1  # the table: one page of up to 500
    assert counters.requests["delete-image"] == 2
    assert private_images(server) == []


def test_the_tour_shares_with_a_second_account_and_undoes_it(
    server: MockServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server.state.configure(tokens={TOKEN: "default", "consumer-token": "consumer"})
    monkeypatch.setenv("LINODE_CONSUMER_TOKEN", "consumer-token")

    assert tour.main([*FAST, "--no-progress"]) == 0

    out = capsys.readouterr().out
    assert "the second account lists shared/" in out and "shared from private/" in out
    requests = server.state.counters.requests
    assert requests["post-sharegroup-members"] == 1 and requests["post-sharegroup-tokens"] == 1
    with server.state.lock:
        assert server.state.sharing.groups == {} and server.state.sharing.tokens == {}


def test_a_failing_step_exits_non_zero_and_cleans_up(
    server: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # A create is never retried, so one server error ends the tour at step 6.
    server.state.configure(faults={"post-image": FaultPlan(sequence=("500",))})

    assert tour.main([*FAST, "--no-progress"]) == 1

    captured = capsys.readouterr()
    assert "tour failed: ServerError" in captured.err
    assert "6. Creating an image from disk 1001" in captured.out
    assert "Done" not in captured.out
    assert server.state.counters.images_created == 1
    assert private_images(server) == []  # the uploaded image was deleted anyway


def test_a_remote_api_needs_live(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LINODE_TOKEN", "a-real-looking-token")

    # Refused before any request: nothing here reaches the network.
    assert tour.main(["--base-url", "https://api.linode.com"]) == 2

    err = capsys.readouterr().err
    assert "pass --live" in err
    assert "a-real-looking-token" not in err


def test_live_needs_a_token(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("LINODE_TOKEN", raising=False)

    assert tour.main(["--live", "--base-url", "https://api.linode.com"]) == 2
    assert "set LINODE_TOKEN" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("base_url", "local"),
    [
        ("http://127.0.0.1:4010", True),
        ("http://localhost:4010", True),
        ("http://[::1]:4010", True),
        ("https://api.linode.com", False),
        ("http://10.0.0.5:4010", False),
        ("http://127.0.0.1.example.com", False),
    ],
)
def test_only_this_machine_counts_as_local(base_url: str, local: bool) -> None:
    assert tour.is_local(base_url) is local


def run_example(script: str, *args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LINODE_TOKEN": token} if token is not None else None
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a speed claim
        check=False,
    )


def test_the_tour_help_names_its_environment_and_defaults() -> None:
    done = run_example("tour.py", "--help")

    assert done.returncode == 0, done.stderr
    help_text = " ".join(done.stdout.split())
    assert "LINODE_TOKEN the API token, required (the mock server's is test-token)" in help_text
    assert "LINODE_BASE_URL the default of --base-url (unset: https://api.linode.com)" in help_text
    for default in (
        "(default us-east)",
        "(default us-iad,us-ord)",
        "in MiB (default 16)",
        "live: step skipped",
    ):
        assert default in help_text, default
    assert "``" not in done.stdout


def test_the_demo_help_starts_no_server() -> None:
    done = run_example("demo.py", "--help")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("make demo: start the mock server on a free port")
    assert "usage: tour.py" in done.stdout and "LINODE_TOKEN" in done.stdout
    assert "mock server at" not in done.stdout and "mock server stopped" not in done.stdout


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        (
            "http://example.invalid",
            "tour: refusing to send the API token over plain http to 'example.invalid'",
        ),
        ("ftp://127.0.0.1", "tour: base_url must be an http(s) URL with a host"),
    ],
)
def test_a_base_url_the_client_refuses_ends_in_one_line(base_url: str, expected: str) -> None:
    done = run_example("tour.py", "--live", "--base-url", base_url, token="fake-token")

    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(expected)
    assert "fake-token" not in line


def test_an_api_that_does_not_answer_ends_in_one_line_and_no_traceback() -> None:
    with socket.socket() as closed:  # bound, not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        base_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
        done = run_example("tour.py", "--base-url", base_url, *FAST, token="fake-token")

    assert done.returncode == 1
    [line] = [line for line in done.stderr.splitlines() if line]
    assert line.startswith("tour failed: APIConnectionError: GET ")
    assert "Traceback" not in done.stdout + done.stderr
