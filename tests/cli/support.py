"""Running ``linode-images`` as a user would: a subprocess, with pipes or on a pseudo-terminal."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

COMMAND = [sys.executable, "-m", "linode_images"]
# The console script the package installs, beside the interpreter of the venv.
SCRIPT = Path(sys.executable).parent / "linode-images"
# Variables that would make a run depend on the machine it runs on.
_MACHINE_VARIABLES = (
    "LINODE_TOKEN",
    "LINODE_CLI_TOKEN",
    "LINODE_BASE_URL",
    "LINODE_API_VERSION",
    "XDG_CONFIG_HOME",
)


def cli_env(
    base_url: str, home: Path, token: str | None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment of a run: the mock's URL, ``token`` as LINODE_TOKEN, and a home of its own
    (so that no linode-cli configuration of the machine is read)."""
    env = {name: value for name, value in os.environ.items() if name not in _MACHINE_VARIABLES}
    env.update(HOME=str(home), LINODE_BASE_URL=base_url, PYTHONUNBUFFERED="1")
    if token is not None:
        env["LINODE_TOKEN"] = token
    env.update(extra or {})
    return env


def _take_terminal() -> None:
    # In the child, which leads a new session: its standard input becomes its controlling terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@dataclass
class PtyRun:
    """A run with some streams on a pseudo-terminal: what the terminal showed, and the pipes."""

    returncode: int
    terminal: str
    stdout: str
    stderr: str


def run_on_pty(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    on_terminal: Sequence[str],
    typed: str = "",
    prompt: str = "[y/N]",
    controlling: bool = False,
    columns: int = 100,
    timeout: float = 60.0,
) -> PtyRun:
    """Run ``argv`` with the streams named in ``on_terminal`` (stdin, stdout, stderr) on a
    pseudo-terminal ``columns`` wide; ``typed`` is typed into it once the program shows
    ``prompt``. With ``controlling`` the terminal is the program's own (its /dev/tty), in a
    session of its own, as for a program that asks for a password."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    streams = {
        name: (slave if name in on_terminal else subprocess.PIPE) for name in ("stdin", "stdout", "stderr")
    }
    extra = {"start_new_session": True, "preexec_fn": _take_terminal} if controlling else {}
    process = subprocess.Popen(argv, env=dict(env), text=True, **streams, **extra)  # type: ignore[call-overload]
    os.close(slave)
    shown = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError as exc:  # EIO: every holder of the terminal's other end has closed it
                    if exc.errno != errno.EIO:
                        raise
                    break
                if not chunk:
                    break
                shown += chunk
                if typed and prompt.encode() in shown:
                    os.write(master, typed.encode())
                    typed = ""
            elif process.poll() is not None:
                break
        stdout = process.stdout.read() if process.stdout else ""
        stderr = process.stderr.read() if process.stderr else ""
        returncode = process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return PtyRun(returncode, shown.decode(errors="replace").replace("\r\n", "\n"), stdout, stderr)
