"""README.md: every ```python block, and every ```sh block of the "Command line" section, runs
as written against the mock server, and every ``make <target>`` it mentions exists in the
Makefile."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from linode_images_mock import MockServer

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")

FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def code_blocks(language: str) -> list[tuple[int, str]]:
    """(line number, code) of every fenced block in ``language``."""
    return [
        (README.count("\n", 0, found.start()) + 1, found.group(2))
        for found in FENCE.finditer(README)
        if found.group(1) == language
    ]


PYTHON_BLOCKS = code_blocks("python")


def section_blocks(heading: str, language: str) -> list[tuple[int, str]]:
    """The ``language`` blocks between ``## heading`` and the next ``## `` heading."""
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    first, last = README.count("\n", 0, start), README.count("\n", 0, end if end >= 0 else len(README))
    return [(line, code) for line, code in code_blocks(language) if first < line < last]


COMMAND_LINE_BLOCKS = section_blocks("Command line", "sh")


def make_targets_mentioned() -> set[str]:
    """Targets of ``make <target>`` in inline code and in shell blocks."""
    inline = re.findall(r"`make ([A-Za-z][\w-]*)[^`]*`", FENCE.sub("", README))
    shell = [
        target
        for _, code in code_blocks("sh")
        for target in re.findall(r"(?:^|&&|;|\s)make ([A-Za-z][\w-]*)", code, re.M)
    ]
    return set(inline) | set(shell)


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", MAKEFILE, re.M))


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    # Two accounts: the image-sharing example shares an image with the second one.
    tokens = {"test-token": "default", "consumer-token": "consumer"}
    with MockServer(strict=True, tokens=tokens) as server:
        yield server


def test_the_readme_has_python_examples() -> None:
    assert len(PYTHON_BLOCKS) >= 12


@pytest.mark.parametrize(("line", "code"), PYTHON_BLOCKS, ids=[f"line-{line}" for line, _ in PYTHON_BLOCKS])
def test_python_block_runs(line: int, code: str, server: MockServer, tmp_path: Path) -> None:
    server.state.reset()  # each block starts from the seeded images, as on a fresh account
    script = tmp_path / f"readme_line_{line}.py"
    script.write_text(code, encoding="utf-8")
    env = {
        **os.environ,
        "LINODE_BASE_URL": server.url,
        "LINODE_TOKEN": "test-token",
        "LINODE_CONSUMER_TOKEN": "consumer-token",
    }
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"README.md line {line}:\n{done.stdout}\n{done.stderr}"


def test_the_command_line_section_has_shell_examples() -> None:
    assert len(COMMAND_LINE_BLOCKS) >= 3
    assert all("linode-images " in code for _, code in COMMAND_LINE_BLOCKS)


@pytest.mark.parametrize(
    ("line", "code"), COMMAND_LINE_BLOCKS, ids=[f"line-{line}" for line, _ in COMMAND_LINE_BLOCKS]
)
def test_command_line_block_runs(line: int, code: str, server: MockServer, tmp_path: Path) -> None:
    server.state.reset()
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith(("LINODE_", "XDG_"))},
        "LINODE_BASE_URL": server.url,
        "LINODE_TOKEN": "test-token",
        "HOME": str(tmp_path),  # no linode-cli configuration of the machine's
        # The venv's bin: the linode-images console script and python3.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", code],  # noqa: S607 - the shell the README's blocks are for
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"README.md line {line}:\n{done.stdout}\n{done.stderr}"


def test_every_make_target_mentioned_exists() -> None:
    mentioned = make_targets_mentioned()
    assert {"demo", "test", "setup", "mock", "contract-live"} <= mentioned
    assert mentioned - makefile_targets() == set()


def test_the_sections_come_in_the_order_a_user_needs_them() -> None:
    headings = re.findall(r"^## (.+)$", FENCE.sub("", README), re.M)
    assert headings == [
        "Install",
        "Quick start",
        "Sync and async",
        "Pagination and filtering",
        "Uploading",
        "Waiting",
        "Image sharing",
        "Errors",
        "Retries and timeouts",
        "Command line",
        "The low-level generated client",
        "The mock server for your own tests",
        "Contract-testing against the live API",
        "Regenerating from a new upstream spec",
        "Deviations from upstream",
        "Benchmarks",
    ]


def test_links_within_the_readme_lead_to_a_heading() -> None:
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", README), re.M)
    anchors = {re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-") for heading in headings}
    linked = set(re.findall(r"\]\(#([\w-]+)\)", README))
    assert linked and linked <= anchors
