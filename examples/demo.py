"""``make demo``: start the mock server on a free port, run examples/tour.py against it, stop it.

Arguments are passed on to the tour (``python examples/demo.py --no-progress``). The exit
status is the tour's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from linode_images_mock import MockServer

TOUR = Path(__file__).with_name("tour.py")
TOKEN = "test-token"  # noqa: S105 - the mock server's default token, not a secret
# A second account of the mock, which the tour shares an image with.
CONSUMER_TOKEN = "consumer-token"  # noqa: S105 - a mock token, not a secret
# Lifecycles take a few status checks, as they take a while on the real API, so the tour's
# waits really wait; strict: every response is checked against spec/ before it is sent.
TIMING = {"create": "3 reads", "upload": "2 reads", "replication_start": "1 read", "replication": "3 reads"}


def main(argv: Sequence[str]) -> int:
    tokens = {TOKEN: "default", CONSUMER_TOKEN: "consumer"}
    with MockServer(strict=True, timing=TIMING, tokens=tokens) as server:
        print(f"mock server at {server.url} (tokens {TOKEN}, {CONSUMER_TOKEN})", flush=True)
        env = {
            **os.environ,
            "LINODE_BASE_URL": server.url,
            "LINODE_TOKEN": TOKEN,
            "LINODE_CONSUMER_TOKEN": CONSUMER_TOKEN,
        }
        tour = subprocess.run([sys.executable, str(TOUR), *argv], env=env, check=False)
    print(f"mock server stopped; tour exit status {tour.returncode}")
    return tour.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
