"""Memory stays flat: uploading 256 MiB raises the peak RSS of the uploading process by < 64 MiB.

The upload runs in a subprocess, after a small warm-up upload has loaded every module, and the
figure is that process's own high-water mark (``VmHWM``). Not ``ru_maxrss``: on Linux a child
started by fork inherits it from the parent, so under a test runner larger than the upload the
increase would read 0 whatever the upload held. This is a bound on memory, not a timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from linode_images_mock import MockServer

from .conftest import TOKEN

MIB = 1 << 20
SIZE = 256 * MIB
LIMIT = 64 * MIB

UPLOADER = """
import json, sys
from linode_images import LinodeImages

def peak_rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))

url, token, path, warmup = sys.argv[1:5]
with LinodeImages(token=token, base_url=url) as client:
    client.images.upload(warmup, label="warm-up", region="us-east", wait=False)
    before = peak_rss()
    image = client.images.upload(path, label="big", region="us-east", wait=False)
    after = peak_rss()
print(json.dumps({"image_id": image.id, "before": before, "after": after}))
"""


def write_raw(path: Path, size: int) -> None:
    """A disk-like raw image: zeroed space with one random MiB in every eight."""
    with open(path, "wb") as f:
        for block in range(size // MIB):
            f.write(os.urandom(MIB) if block % 8 == 0 else bytes(MIB))


def write_gzip(path: Path, size: int) -> int:
    """``size`` bytes of gzip data (stored deflate blocks of random data: fast to make)."""
    deflate = zlib.compressobj(0, zlib.DEFLATED, 31)
    written = 0
    with open(path, "wb") as f:
        while written < size - MIB:
            out = deflate.compress(os.urandom(MIB))
            f.write(out)
            written += len(out)
        out = deflate.flush()
        f.write(out)
        written += len(out)
    return written


def upload_in_subprocess(mock: MockServer, path: Path, warmup: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", UPLOADER, mock.url, TOKEN, str(path), str(warmup)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


@pytest.mark.parametrize("kind", ["pre-gzipped", "raw, compressed on the fly"])
def test_uploading_256_mib_keeps_memory_flat(mock: MockServer, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "big"
    warmup = tmp_path / "warm-up"
    if kind == "pre-gzipped":
        expected_bytes = write_gzip(path, SIZE)
        write_gzip(warmup, 2 * MIB)  # at least one MiB of data: an empty gzip is refused
    else:
        write_raw(path, SIZE)
        write_raw(warmup, MIB)
        expected_bytes = None
    figures = upload_in_subprocess(mock, path, warmup)
    increase = int(figures["after"]) - int(figures["before"])  # type: ignore[call-overload]
    print(f"\n{kind}: 256 MiB upload raised peak RSS by {increase / MIB:.1f} MiB")
    assert increase < LIMIT
    record = mock.state.counters.uploads[str(figures["image_id"])]
    if expected_bytes is not None:
        assert record.bytes == expected_bytes
    else:
        assert record.bytes > SIZE // 8  # the random eighth does not compress
