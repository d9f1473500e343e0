"""The stock schemathesis CLI, no hooks, against the strict mock: what a user's own run sees.

The run is the README's: ``schemathesis run spec/linode-images.contract.yaml`` with every
check, every phase and both data modes, against ``python -m linode_images_mock --strict``
on a free port. It must report no failure and no missing-test-data warning (the links in
the spec carry ids from the creating and listing operations to the others). 20 examples
per operation here; the long profile (``make test-property-long``) runs 60.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "spec" / "linode-images.contract.yaml"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
TOKEN = "test-token"  # noqa: S105 (the mock's token)
EXAMPLES = 60 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 20


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    """``python -m linode_images_mock --strict`` on a free port; its account owns disk 1 as
    well as the default ones, so that the smallest disk id the spec allows can succeed."""
    command = [sys.executable, "-m", "linode_images_mock", "--port", "0", "--strict"]
    command += ["--disk", "default=1,1001,1002,1003"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"serving (http://\S+)", line)
        assert found, f"the mock did not start: {line!r}"
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_schemathesis(url: str, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # cwd: schemathesis keeps a cache of failures under ./.schemathesis; not in the checkout.
    command = [
        str(SCHEMATHESIS), "run", str(CONTRACT), "--url", url,
        "-H", f"Authorization: Bearer {TOKEN}", "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful", "--mode", "all",
        "--max-examples", str(EXAMPLES), "--seed", "7", "--no-color", *extra,
    ]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def summary(output: str) -> str:
    """The SUMMARY block of the CLI's output (what the README quotes)."""
    return output[output.rfind("SUMMARY") :]


def test_stock_schemathesis_finds_nothing_against_the_mock(mock_url: str, tmp_path: Path) -> None:
    done = run_schemathesis(mock_url, tmp_path)
    print(summary(done.stdout))  # seen with pytest -s
    assert "Missing test data" not in done.stdout, summary(done.stdout)
    assert re.search(r"\b0 failures\b|\bno issues found\b|=+ \d+ passed", done.stdout), done.stdout[-6000:]
    assert done.returncode == 0, done.stdout[-6000:]
