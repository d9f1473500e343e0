"""The stock schemathesis CLI, no hooks, against the strict mock: what a user's own run sees.

The run is the README's: ``schemathesis run spec/linode-images.contract.yaml`` with every
check, every phase and both data modes, against ``python -m linode_images_mock --strict``
on a free port, whose account owns disks 1 to 2000 (the disk ids a run draws are small) and
five share groups (``--sharegroups 5``: each shares one of its available private images and
has the account as an active member). The links in the spec lead from the operations that
create and list things to the operations on them; the five operations no link reaches (adding
a member, changing a member, changing and removing a shared image, replicating) have example
requests in the spec, and the first seeded group is made of what those name (a pending token
with the example's secret among them), so the examples phase gets a 2xx from each
(tests/mock/test_examples.py). 60 examples per operation, as in the run the README shows, with
its seed and one more, so that a clean run is not one seed's luck; the long profile
(``make test-property-long``) runs 150.

It must report no failure and no warning of any kind.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from linode_images_mock._examples import sharing_examples

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "spec" / "linode-images.contract.yaml"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
TOKEN = "test-token"
EXAMPLES = 150 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 60

SHAREGROUPS = 5
SEEDS = (7, 11)


@pytest.fixture
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m linode_images_mock --strict`` on a free port, a fresh one for each run; its
    account owns disks 1 to 2000, so that the disk ids a run draws (small ones, mostly) name
    disks that exist, and SHAREGROUPS share groups with an image and a member each. Its log
    must not show the example token secret the run sends."""
    command = [sys.executable, "-m", "linode_images_mock", "--port", "0", "--strict"]
    command += ["--disk", "default=" + ",".join(map(str, range(1, 2001))), "--sharegroups", str(SHAREGROUPS)]
    # Its output goes to a file: a pipe nobody reads would fill with the request log and stall it.
    log_path = tmp_path_factory.mktemp("mock") / "mock.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 30
            found = None
            while found is None and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
                found = re.search(r"serving (http://\S+)", log_path.read_text(encoding="utf-8"))
            assert found, f"the mock did not start: {log_path.read_text(encoding='utf-8')[-2000:]}"
            yield found.group(1)
        finally:
            process.terminate()
            process.wait(timeout=10)
    examples = sharing_examples()
    assert examples is not None and examples.pending_secret not in log_path.read_text(encoding="utf-8")


def run_schemathesis(url: str, cwd: Path, seed: int) -> subprocess.CompletedProcess[str]:
    # cwd: schemathesis keeps a cache of failures under ./.schemathesis; not in the checkout.
    command = [
        str(SCHEMATHESIS), "run", str(CONTRACT), "--url", url,
        "-H", f"Authorization: Bearer {TOKEN}", "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful", "--mode", "all",
        "--max-examples", str(EXAMPLES), "--seed", str(seed), "--no-color",
        "--report", "json", "--report-json-path", str(cwd / "run.json"),
    ]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def summary(output: str) -> str:
    """The SUMMARY block of the CLI's output (what the README quotes)."""
    return output[output.rfind("SUMMARY") :]


@pytest.mark.parametrize("seed", SEEDS)
def test_stock_schemathesis_finds_nothing_against_the_mock(mock_url: str, tmp_path: Path, seed: int) -> None:
    done = run_schemathesis(mock_url, tmp_path, seed)
    print(summary(done.stdout))  # seen with pytest -s
    report = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))

    assert report["complete"] and report["errors"] == [], summary(done.stdout)
    assert report["operations"]["tested"] == report["operations"]["total"] == 29
    assert report["failures"] == [], done.stdout[-8000:]
    warnings = {kind: labels for kind, labels in report["warnings"].items() if labels}
    assert warnings == {}, summary(done.stdout)
    assert "Warnings:" not in summary(done.stdout)
    # Every phase ran: the examples phase is the one that reaches the five unlinked operations.
    phases = summary(done.stdout).split("Test Phases:")[1].split("\n\n")[0].split()
    assert phases == ["✅", "Examples", "✅", "Coverage", "✅", "Fuzzing", "✅", "Stateful"], summary(
        done.stdout
    )


def test_the_readme_shows_this_very_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("### Which file to hand to your own tools") :]
    block = block[block.index("```sh") : block.index("```", block.index("```sh") + 5)].replace("\\\n", " ")
    words = " ".join(block.split())
    assert "schemathesis run spec/linode-images.contract.yaml --url http://127.0.0.1:4011" in words
    expected = (
        '-H "Authorization: Bearer test-token" --checks all --phases examples,coverage,fuzzing,stateful '
    )
    assert expected + f"--mode all --max-examples {60} --seed {SEEDS[0]}" in words
    assert f"python -m linode_images_mock --port 4011 --strict --sharegroups {SHAREGROUPS}" in words
