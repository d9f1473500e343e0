"""``make contract-live`` explains itself in one line: without a token (skipped, exit 0), and
when the API does not answer or refuses the token (stopped before any scenario, exit non-zero)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from linode_images_mock import MockServer

from tests.contract.preflight import main as preflight_main
from tests.contract.preflight import problem

ROOT = Path(__file__).resolve().parents[2]


MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def contract_live(**env: str) -> subprocess.CompletedProcess[str]:
    assert MAKE is not None
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("LINODE_", "MAKE"))}
    return subprocess.run(
        [MAKE, "--no-print-directory", "contract-live"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,  # a guard against a hang, not a speed claim
        check=False,
    )


def own_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    """What the project printed, without make's own ``make: *** ... Error 1`` trailer."""
    lines = done.stdout.splitlines() + done.stderr.splitlines()
    return [line for line in lines if not line.startswith("make: ***")]


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nobody else takes it), not listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@needs_make
def test_without_a_token_it_explains_itself_and_succeeds() -> None:
    done = contract_live()

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "contract-live: skipped, LINODE_TOKEN is not set (a Linode personal access token with images access)"
    ]
    assert done.stderr == ""


@needs_make
def test_an_api_that_does_not_answer_stops_it_with_one_line(closed_port: int) -> None:
    base_url = f"http://127.0.0.1:{closed_port}"

    done = contract_live(LINODE_TOKEN="fake-token", LINODE_CONTRACT_BASE_URL=base_url)

    assert done.returncode != 0
    [line] = own_lines(done)
    assert line.startswith(f"contract-live: stopped: no answer from {base_url} (")
    assert "Connection refused" in line and line.endswith("check the URL and the network")
    assert "fake-token" not in done.stdout + done.stderr
    # Stopped before the suite: neither pytest nor the pause before schemathesis started.
    assert "test session starts" not in done.stdout and "waiting 60 s" not in done.stdout


@needs_make
def test_a_refused_token_stops_it_with_one_line() -> None:
    with MockServer() as server:
        done = contract_live(LINODE_TOKEN="not-the-mock-token", LINODE_CONTRACT_BASE_URL=server.url)
        requests = dict(server.state.counters.requests)

    assert done.returncode != 0
    [line] = own_lines(done)
    assert line.startswith(f"contract-live: stopped: {server.url} refused LINODE_TOKEN (")
    assert "401: Invalid Token" in line and line.endswith("use a personal access token with images access")
    assert "not-the-mock-token" not in done.stdout + done.stderr
    assert requests == {"get-images": 1}  # one check, not retried


def test_the_check_passes_quietly_when_the_api_answers_and_accepts_the_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with MockServer() as server:
        monkeypatch.setenv("LINODE_TOKEN", "test-token")
        assert preflight_main([server.url]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("suffix", "token", "expected"),
    [
        ("/v4", "test-token", "cannot be used: base_url ends in an API version (/v4)"),
        ("/linode", "test-token", "does not answer like the Linode API (GET "),
        ("", "", "LINODE_TOKEN is not set"),
    ],
    ids=["a base URL with the version", "not the API", "no token"],
)
def test_the_check_names_what_is_wrong(suffix: str, token: str, expected: str) -> None:
    with MockServer() as server:
        found = problem(server.url + suffix, token)
    assert found is not None and expected in found
    assert "\n" not in found


def test_plain_http_to_another_host_is_refused_before_anything_is_sent() -> None:
    found = problem("http://example.invalid", "fake-token")
    assert found is not None
    assert found.startswith(
        "http://example.invalid cannot be used: refusing to send the API token over plain http"
    )


def test_the_live_schemathesis_run_uses_the_contract_view_and_no_hooks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\ncontract-live:") :].split("\n\n", 1)[0]
    assert "run spec/linode-images.contract.yaml" in recipe
    config = (ROOT / "tests" / "contract" / "schemathesis.toml").read_text(encoding="utf-8")
    assert "hooks" not in config.replace("no hooks", "")
    assert not (ROOT / "tests" / "contract" / "schemathesis_hooks.py").exists()
