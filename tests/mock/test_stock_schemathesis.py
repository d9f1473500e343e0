"""The stock schemathesis CLI, no hooks, against the strict mock: what a user's own run sees.

The run is the README's: ``schemathesis run spec/linode-images.contract.yaml`` with every
check, every phase and both data modes, against ``python -m linode_images_mock --strict``
on a free port. It must report no failure and no missing-test-data warning for the seven
image operations (the links in the spec carry ids from the creating and listing operations
to the others). 20 examples per operation here; the long profile (``make
test-property-long``) runs 60.

The image-sharing operations are held to less, and exactly to the findings listed here:
their requests name other resources in the body (a private image, a share group's UUID, a
consumer's token), which the mock, like the API, refuses with 400 when they do not exist,
and the member operations need a token whose group id no link can carry.
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
EXAMPLES = 60 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 20

SHARING = "/{apiVersion}/images/sharegroups"
# ST202 (a schema-valid request refused): a body naming a resource that does not exist.
SHARING_REFUSALS = {
    f"POST {SHARING}",
    f"POST {SHARING}/tokens",
    f"POST {SHARING}/{{sharegroupId}}/images",
    f"POST {SHARING}/{{sharegroupId}}/members",
}
# What the mock answers them with: the same refusals, wherever the run finds them.
SHARING_REASONS = (
    "is not a private image of yours",
    "No share group has this UUID",
    "Invalid token for this share group",
)
# Replication needs an available private image: an uploaded one stays pending_upload until its
# data arrives, which a schemathesis run never sends (409), and the stateful phase does not
# start from POST /images, which makes available ones; so no replication succeeds.
UNREACHED = {"POST /{apiVersion}/images/{imageId}/regions"}


@pytest.fixture(scope="module")
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m linode_images_mock --strict`` on a free port; its account owns disks 1 to
    2000, so that the disk ids a run draws (small ones, mostly) name disks that exist."""
    command = [sys.executable, "-m", "linode_images_mock", "--port", "0", "--strict"]
    command += ["--disk", "default=" + ",".join(map(str, range(1, 2001)))]
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
    found = {
        (failure["code"], operation) for failure in report["failures"] for operation in failure["operations"]
    }
    allowed = {("ST202", operation) for operation in {*SHARING_REFUSALS, "Stateful tests"}}
    assert found <= allowed, done.stdout[-8000:]
    # Every refused request is one of the sharing refusals above, in whichever phase.
    refusals = re.findall(r"\[400\] Bad Request:\s+`([^`]*)`", done.stdout)
    assert [body for body in refusals if not any(reason in body for reason in SHARING_REASONS)] == []
    missing = set(report["warnings"]["missing_test_data"])
    image_operations = {label for label in missing if not label.split(" ", 1)[1].startswith(SHARING)}
    assert image_operations <= UNREACHED, summary(done.stdout)
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
    assert expected + f"--mode all --max-examples {20} --seed 7" in words
    assert "python -m linode_images_mock --port 4011 --strict" in words
