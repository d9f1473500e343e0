"""Print what ``images.upload`` costs against uploading by hand with curl (and gzip).

    .venv/bin/python benchmarks/upload_ratios.py                  # 1 GiB, as the targets are stated
    .venv/bin/python benchmarks/upload_ratios.py --size-mib 128   # a quicker run

Both sides upload to the same mock server (in a process of its own) over loopback, through
the same pre-signed PUT endpoint, in one run, interleaved (ours, baseline, ours, ...); each
side's best of ``--repeat`` runs is kept so that noise from other processes inflates neither.

1. Throughput of ``images.upload(<pre-gzipped file>, wait=False)`` (the POST that creates the
   image included) against ``curl --upload-file`` of the same file to a fresh upload URL.
   Target: at least 0.8x. Also the peak RSS of the uploading process (target: under 100 MiB).
2. Wall time of ``images.upload(<raw file>, wait=False)``, which compresses at gzip's level 6,
   against ``gzip -6 -c disk.img > disk.img.gz && curl --upload-file disk.img.gz URL``.
   Target: at most 1.2x.

Our uploads run in a fresh subprocess each, so its peak RSS (``VmHWM``) is the upload's own; the time
is taken inside it around the call (interpreter start-up excluded, as curl's is negligible).
curl is told not to send ``Expect: 100-continue``, which the client does not send either.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import httpx

MIB = 1 << 20
TOKEN = "bench-token"  # noqa: S105 - the mock's stand-in token
LEVEL = 6  # the helper's default compression level, given to gzip too

# The uploading process's own peak RSS (Linux): VmHWM. Not ru_maxrss, which a child started by
# fork inherits from its parent, so the figure would be this script's size, not the upload's.
PEAK_RSS = """
def peak_rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
"""

UPLOADER = (
    PEAK_RSS
    + """
import json, sys, time

url, token, path = sys.argv[1:4]
options = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
if options.pop("without_zlib_ng", False):
    sys.modules["zlib_ng"] = None  # as if the fast-gzip extra were not installed
from linode_images import LinodeImages

with LinodeImages(token=token, base_url=url) as client:
    started = time.perf_counter()
    image = client.images.upload(path, label="bench", region="us-east", wait=False, **options)
    seconds = time.perf_counter() - started
print(json.dumps({"image_id": image.id, "seconds": seconds, "peak_rss": peak_rss()}))
"""
)


class Mock:
    """The mock server in its own process, so that it competes with neither side for the GIL."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "linode_images_mock", "--port", "0", "--token", f"{TOKEN}=default"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.url = line.split()[2]
        # Keep reading its output so that a full pipe never stalls the server.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        self.api = httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)

    def upload_url(self) -> tuple[str, str]:
        """(image id, upload_to) of a fresh pending image, as curl needs."""
        answer = self.api.post("/v4/images/upload", json={"label": "curl", "region": "us-east"})
        answer.raise_for_status()
        body = answer.json()
        return body["image"]["id"], body["upload_to"]

    def received(self, image_id: str) -> int:
        counters = self.api.get("/__mock__/counters").json()
        return int(counters["uploads"][image_id]["bytes"])

    def close(self) -> None:
        self.api.close()
        self.process.terminate()
        self.process.wait(timeout=10)


def write_raw(path: Path, size_mib: int) -> None:
    """A disk-like raw image: mostly zeroed blocks, some text, one random MiB in eight."""
    text = (b"Jan  1 00:00:00 host kernel: [    0.000000] Linux version 6.1.0 (gcc 12.2.0)\n" * 14000)[:MIB]
    with open(path, "wb") as f:
        for block in range(size_mib):
            if block % 8 == 0:
                f.write(os.urandom(MIB))
            elif block % 8 == 1:
                f.write(text)
            else:
                f.write(bytes(MIB))


def write_gzip(path: Path, size_mib: int) -> None:
    """About ``size_mib`` MiB of gzip data, quick to make (stored deflate blocks of random data)."""
    deflate = zlib.compressobj(0, zlib.DEFLATED, 31)
    with open(path, "wb") as f:
        for _ in range(size_mib):
            f.write(deflate.compress(os.urandom(MIB)))
        f.write(deflate.flush())


def ours(mock: Mock, path: Path, **options: Any) -> dict[str, Any]:
    """``images.upload(path, wait=False, **options)`` in a fresh process; ``without_zlib_ng=True``
    hides the fast-gzip extra from it."""
    return run_uploader(UPLOADER, mock, path, json.dumps(options))


def run_uploader(script: str, mock: Mock, path: Path, *extra: str) -> dict[str, Any]:
    """Run an uploader script in a fresh process; its figures plus the bytes the mock received."""
    result = subprocess.run(
        [sys.executable, "-c", script, mock.url, TOKEN, str(path), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["bytes"] = mock.received(figures["image_id"])
    return figures


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is needed for the baseline")
    return found


def curl_command(path: Path, url: str) -> list[str]:
    return [
        tool("curl"), "--silent", "--show-error", "--fail", "--output", "/dev/null",
        "--header", "Content-Type: application/octet-stream", "--header", "Expect:",
        "--upload-file", str(path), url,
    ]  # fmt: skip


def baseline_curl(mock: Mock, path: Path) -> dict[str, Any]:
    image_id, url = mock.upload_url()
    started = time.perf_counter()
    subprocess.run(curl_command(path, url), check=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": mock.received(image_id)}


def baseline_gzip_curl(mock: Mock, raw: Path, out: Path, compressor: str = "gzip") -> dict[str, Any]:
    """``<compressor> -6 -c raw > out && curl --upload-file out``: gzip, or pigz on every core."""
    image_id, url = mock.upload_url()
    started = time.perf_counter()
    with open(out, "wb") as gz:
        subprocess.run([tool(compressor), f"-{LEVEL}", "-c", str(raw)], stdout=gz, check=True)
    subprocess.run(curl_command(out, url), check=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": mock.received(image_id)}


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda run: float(run["seconds"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="size of both test files (default 1024)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the best is kept (default 3)")
    parser.add_argument("--dir", type=Path, default=None, help="where to write the test files")
    args = parser.parse_args()
    for name in ("curl", "gzip"):
        tool(name)

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="upload-bench-") as work:
        gz, raw, out = Path(work, "disk.img.gz"), Path(work, "disk.img"), Path(work, "baseline.img.gz")
        print(f"writing {args.size_mib} MiB test files in {work} ...", flush=True)
        write_gzip(gz, args.size_mib)
        write_raw(raw, args.size_mib)
        mock = Mock()
        try:
            pre: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
            comp: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
            for _ in range(args.repeat):
                pre[0].append(ours(mock, gz))
                pre[1].append(baseline_curl(mock, gz))
            for _ in range(args.repeat):
                comp[0].append(ours(mock, raw))
                comp[1].append(baseline_gzip_curl(mock, raw, out))
        finally:
            mock.close()

        gz_size = gz.stat().st_size
        for run in (*pre[0], *pre[1]):
            assert run["bytes"] == gz_size, "an upload did not deliver the whole file"
        expected_compressed = out.stat().st_size
        for run in (*comp[0], *comp[1]):
            # zlib and gzip may differ by a few header bytes (gzip stores the file name).
            assert abs(run["bytes"] - expected_compressed) < 1024 + expected_compressed // 100

    ours_pre, curl_pre = best(pre[0]), best(pre[1])
    ours_mib_s = gz_size / MIB / ours_pre["seconds"]
    curl_mib_s = gz_size / MIB / curl_pre["seconds"]
    peak = max(run["peak_rss"] for run in (*pre[0], *comp[0])) / MIB
    ours_comp, base_comp = best(comp[0]), best(comp[1])

    print(f"\npre-gzipped upload of {gz_size / MIB:.0f} MiB (best of {args.repeat}):")
    print(f"  images.upload        {ours_pre['seconds']:7.2f} s  {ours_mib_s:8.1f} MiB/s")
    print(f"  curl --upload-file   {curl_pre['seconds']:7.2f} s  {curl_mib_s:8.1f} MiB/s")
    print(f"  throughput ratio     {ours_mib_s / curl_mib_s:7.2f}x   (target >= 0.8x)")
    print(f"  peak RSS of the uploading process {peak:.1f} MiB (target < 100 MiB)")
    print(f"\nraw upload of {args.size_mib} MiB compressed at level {LEVEL} (best of {args.repeat}):")
    print(f"  images.upload        {ours_comp['seconds']:7.2f} s")
    print(f"  gzip -c && curl      {base_comp['seconds']:7.2f} s")
    print(f"  wall-time ratio      {ours_comp['seconds'] / base_comp['seconds']:7.2f}x   (target <= 1.2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
