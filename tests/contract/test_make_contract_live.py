"""``make contract-live`` without a token: one line saying why, exit status 0, nothing run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_without_a_token_it_explains_itself_and_succeeds() -> None:
    assert MAKE is not None
    env = {name: value for name, value in os.environ.items() if not name.startswith(("LINODE_", "MAKE"))}

    done = subprocess.run(
        [MAKE, "--no-print-directory", "contract-live"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "contract-live: skipped, LINODE_TOKEN is not set (a Linode personal access token with images access)"
    ]
    assert done.stderr == ""


def test_the_live_schemathesis_run_uses_the_contract_view_and_no_hooks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\ncontract-live:") :].split("\n\n", 1)[0]
    assert "run spec/linode-images.contract.yaml" in recipe
    config = (ROOT / "tests" / "contract" / "schemathesis.toml").read_text(encoding="utf-8")
    assert "hooks" not in config.replace("no hooks", "")
    assert not (ROOT / "tests" / "contract" / "schemathesis_hooks.py").exists()
