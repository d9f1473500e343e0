"""The stock schemathesis CLI, no hooks, against the strict mock: what a user's own run sees.

The run is the README's: ``schemathesis run spec/linode-images.contract.yaml`` with every
check, every phase and both data modes, against ``python -m linode_images_mock --strict``
on a free port, whose account owns disks 1 to 2000 (the disk ids a run draws are small) and
five share groups (``--sharegroups 5``: each shares one of its available private images and
has the account as an active member), so that the links in the spec lead from the operations
that create and list things to every operation on them. 60 examples per operation, as in the
run the README shows; the long profile (``make test-property-long``) runs 150.

It must report no failure and no warning but "missing test data" for the five operations in
UNREACHED, each for the reason given there.
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

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "spec" / "linode-images.contract.yaml"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
TOKEN = "test-token"
EXAMPLES = 150 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 60

SHARING = "/{apiVersion}/images/sharegroups"
SHAREGROUPS = 5
# Operations no positive request of the run gets a 2xx from, and why. Adding a member needs a
# group's id and a pending token's secret, and no answer carries both (the token's names its
# group by UUID only), so no link can supply them together. The other four are reached only
# four steps into a stateful scenario (create a group, list the groups, list a seeded group's
# images or members, then the operation), which the six-step scenarios seldom walk, and
# schemathesis' own inference binds their inputs to the wrong resources (sharegroupId to a
# shared image's id, a member's new label to a token's, replication's regions to an image's
# region objects), so its other phases do not fill them from earlier answers either.
# tests/mock/test_sharing.py and tests/mock/test_images.py exercise all five.
UNREACHED = {
    f"POST {SHARING}/{{sharegroupId}}/members",
    f"PUT {SHARING}/{{sharegroupId}}/members/{{tokenUuid}}",
    f"PUT {SHARING}/{{sharegroupId}}/images/{{imageId}}",
    f"DELETE {SHARING}/{{sharegroupId}}/images/{{imageId}}",
    "POST /{apiVersion}/images/{imageId}/regions",
}


@pytest.fixture(scope="module")
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m linode_images_mock --strict`` on a free port; its account owns disks 1 to
    2000, so that the disk ids a run draws (small ones, mostly) name disks that exist, and
    SHAREGROUPS share groups with an image and a member each."""
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


def run_schemathesis(url: str, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # cwd: schemathesis keeps a cache of failures under ./.schemathesis; not in the checkout.
    command = [
        str(SCHEMATHESIS), "run", str(CONTRACT), "--url", url,
        "-H", f"Authorization: Bearer {TOKEN}", "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful", "--mode", "all",
        "--max-examples", str(EXAMPLES), "--seed", "7", "--no-color",
        "--report", "json", "--report-json-path", str(cwd / "run.json"), *extra,
    ]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def summary(output: str) -> str:
    """The SUMMARY block of the CLI's output (what the README quotes)."""
    return output[output.rfind("SUMMARY") :]


def test_stock_schemathesis_finds_nothing_against_the_mock(mock_url: str, tmp_path: Path) -> None:
    done = run_schemathesis(mock_url, tmp_path)
    print(summary(done.stdout))  # seen with pytest -s
    report = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))

    assert report["complete"] and report["errors"] == [], summary(done.stdout)
    assert report["operations"]["tested"] == report["operations"]["total"] == 29
    assert report["failures"] == [], done.stdout[-8000:]
    assert set(report["warnings"]["missing_test_data"]) <= UNREACHED, summary(done.stdout)
    other_warnings = {
        kind for kind, labels in report["warnings"].items() if labels and kind != "missing_test_data"
    }
    assert other_warnings == set(), summary(done.stdout)


def test_the_readme_shows_this_very_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("### Which file to hand to your own tools") :]
    block = block[block.index("```sh") : block.index("```", block.index("```sh") + 5)].replace("\\\n", " ")
    words = " ".join(block.split())
    assert "schemathesis run spec/linode-images.contract.yaml --url http://127.0.0.1:4011" in words
    expected = (
        '-H "Authorization: Bearer test-token" --checks all --phases examples,coverage,fuzzing,stateful '
    )
    assert expected + f"--mode all --max-examples {60} --seed 7" in words
    assert f"python -m linode_images_mock --port 4011 --strict --sharegroups {SHAREGROUPS}" in words
