"""Fixtures of the command-line tests: the upload tests' mock server, and a way to run the command."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from linode_images import LinodeImages
from linode_images_mock import MockServer

from tests.cli.support import COMMAND, PtyRun, cli_env, run_on_pty
from tests.upload.conftest import TOKEN, mock, mock_server

__all__ = ["Cli", "cli", "mock", "mock_server"]


@dataclass
class Cli:
    """``linode-images`` against the test's mock server, with LINODE_TOKEN set unless told."""

    server: MockServer
    home: Path
    cwd: Path

    def env(self, token: str | None = TOKEN, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        return cli_env(self.server.url, self.home, token, extra)

    def run(
        self,
        *args: str,
        token: str | None = TOKEN,
        env: Mapping[str, str] | None = None,
        input: str | bytes | None = None,
        timeout: float = 60.0,
    ) -> subprocess.CompletedProcess[str]:
        binary = isinstance(input, bytes)
        done = subprocess.run(
            [*COMMAND, *args],
            env=self.env(token, env),
            cwd=self.cwd,
            input=input if input is not None else ("" if not binary else b""),
            capture_output=True,
            text=not binary,
            timeout=timeout,
        )
        if binary:
            return subprocess.CompletedProcess(
                done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
            )
        return done

    def pty(
        self,
        *args: str,
        on_terminal: tuple[str, ...],
        typed: str = "",
        prompt: str = "[y/N]",
        controlling: bool = False,
    ) -> PtyRun:
        return run_on_pty(
            [*COMMAND, *args],
            self.env(),
            on_terminal=on_terminal,
            typed=typed,
            prompt=prompt,
            controlling=controlling,
        )

    def client(self, token: str = TOKEN) -> LinodeImages:
        """The library's client on the same server, to set up and check what the command did."""
        return LinodeImages(base_url=self.server.url, token=token)


@pytest.fixture
def cli(mock: MockServer, tmp_path: Path) -> Cli:
    home = tmp_path / "home"
    home.mkdir()
    return Cli(mock, home, tmp_path)
