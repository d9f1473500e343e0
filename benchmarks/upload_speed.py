"""Figures for ``make bench``'s upload-speed rows: parallel compression, RSS, the gzip check.

    .venv-bench/bin/python benchmarks/upload_speed.py --size-mib 256   # prints the figures

Measured side by side in one run, every side's best of ``repeat`` runs kept (as in
``upload_ratios.py``), all uploads to the same mock server over loopback:

- a raw disk image compressed at level 6 and uploaded by ``images.upload`` (every core; with
  the fast-gzip extra, zlib-ng, and without it, the standard zlib), against ``gzip -6 -c`` then
  ``curl --upload-file`` and against ``pigz -6 -c`` (every core) then curl;
- the compressors alone on the same raw image, in this process: the client's pigz-style
  blocks on the standard zlib, zlib-ng's ``gzip_ng_threaded``, python-isal's
  ``igzip_threaded`` (its levels are 0..3, so at 3, its best: it cannot give level 6), and
  ``pigz -6``;
- the peak RSS of raw uploads of two sizes (flat is the claim);
- the cost of the check that reads a pre-gzipped file to its end (``verify_gzip``) before the
  upload: ``images.upload`` with and without it, and the check alone on gzip -6 output.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import upload_ratios as up

ISAL_TOP_LEVEL = 3


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _write_through(path: Path, out: Path, make_writer: Callable[[Any], Any]) -> None:
    with open(path, "rb") as source, open(out, "wb") as sink, make_writer(sink) as writer:
        while block := source.read(1 << 20):
            writer.write(block)


def compressor_sides(raw: Path, out: Path) -> dict[str, Callable[[], object]]:
    """Each compressor, writing raw's gzip to ``out``; the ones not installed are left out."""
    from linode_images._compress import compress_threads, gzip_compress

    threads = compress_threads(None)

    def ours_zlib() -> None:
        with open(raw, "rb") as source, open(out, "wb") as sink:
            gzip_compress(source.read, sink.write, level=up.LEVEL, threads=threads, engine="zlib")

    sides: dict[str, Callable[[], object]] = {"ours, standard zlib": ours_zlib}
    try:
        ng: Any = importlib.import_module("zlib_ng.gzip_ng_threaded")
        sides["zlib-ng gzip_ng_threaded"] = lambda: _write_through(
            raw, out, lambda sink: ng.open(sink, "wb", compresslevel=up.LEVEL, threads=threads)
        )
    except ImportError:
        pass
    try:
        isal: Any = importlib.import_module("isal.igzip_threaded")
        sides[f"isal igzip_threaded (level {ISAL_TOP_LEVEL})"] = lambda: _write_through(
            raw, out, lambda sink: isal.open(sink, "wb", compresslevel=ISAL_TOP_LEVEL, threads=threads)
        )
    except ImportError:
        pass

    def pigz() -> None:
        with open(out, "wb") as sink:
            subprocess.run([up.tool("pigz"), f"-{up.LEVEL}", "-c", str(raw)], stdout=sink, check=True)

    sides["pigz -6"] = pigz
    return sides


def measure_compressors(raw: Path, out: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Seconds and output size of each compressor (best of ``repeat``, interleaved)."""
    sides = compressor_sides(raw, out)
    times: dict[str, list[float]] = {name: [] for name in sides}
    sizes: dict[str, int] = {}
    expected = raw.stat().st_size
    for _ in range(repeat):
        for name, work in sides.items():
            times[name].append(_timed(work))
            sizes[name] = out.stat().st_size
            with gzip.open(out, "rb") as check:  # every side must give back the image
                length = sum(len(block) for block in iter(lambda: check.read(1 << 20), b""))
            if length != expected:
                raise SystemExit(f"{name} did not compress the whole image ({length} of {expected} bytes)")
    return {name: {"seconds": min(times[name]), "bytes": sizes[name]} for name in sides}


def measure_verify(path: Path, repeat: int) -> float:
    """Seconds of the pre-upload check of the gzip file at ``path`` (best of ``repeat``)."""
    from linode_images._image_format import verify_gzip

    def check() -> None:
        with open(path, "rb") as source:
            verify_gzip(source.read, max_uncompressed_size=1 << 62)

    return min(_timed(check) for _ in range(repeat))


def measure(size_mib: int, rss_mib: int, repeat: int, work: Path) -> dict[str, Any]:
    """Every figure of the upload-speed rows, on test files written into ``work``."""
    raw, small_raw = work / "disk.img", work / "small.img"
    gz, out = work / "disk.img.gz", work / "baseline.img.gz"
    print(f"  writing {size_mib} MiB test files in {work} ...", flush=True)
    up.write_raw(raw, size_mib)
    up.write_raw(small_raw, rss_mib)
    up.write_gzip(gz, size_mib)
    mock = up.Mock()
    runs: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("ours", "ours, standard zlib", "gzip+curl", "pigz+curl", "checked", "unchecked")
    }
    try:
        up.ours(mock, small_raw)  # warm-up: page cache, byte-code, the mock's first upload
        small = up.ours(mock, small_raw)
        for _ in range(repeat):
            runs["ours"].append(up.ours(mock, raw))
            runs["ours, standard zlib"].append(up.ours(mock, raw, without_zlib_ng=True))
            runs["gzip+curl"].append(up.baseline_gzip_curl(mock, raw, out))
            runs["pigz+curl"].append(up.baseline_gzip_curl(mock, raw, out, compressor="pigz"))
        for _ in range(repeat):
            runs["checked"].append(up.ours(mock, gz))
            runs["unchecked"].append(up.ours(mock, gz, verify_gzip=False))
    finally:
        mock.close()
    gzip_size = out.stat().st_size
    for name in ("ours", "ours, standard zlib", "gzip+curl", "pigz+curl"):
        for run in runs[name]:
            # zlib-ng's and pigz's deflate differ from gzip's by a little.
            if abs(run["bytes"] - gzip_size) > 1024 + gzip_size // 50:
                raise SystemExit(f"{name}: the mock received {run['bytes']} bytes, gzip -6 wrote {gzip_size}")
    for run in (*runs["checked"], *runs["unchecked"]):
        if run["bytes"] != gz.stat().st_size:
            raise SystemExit("a pre-gzipped upload did not deliver the whole file")
    figures: dict[str, Any] = {name: up.best(values) for name, values in runs.items()}
    figures["rss_small"] = small["peak_rss"]
    figures["rss_big"] = max(run["peak_rss"] for run in runs["ours"])
    figures["rss_big_zlib"] = max(run["peak_rss"] for run in runs["ours, standard zlib"])
    figures["compressors"] = measure_compressors(raw, work / "engine.img.gz", repeat)
    figures["verify_stored"] = measure_verify(gz, repeat)
    with open(out, "wb") as sink:  # gzip -6 output of the raw image: the common case
        subprocess.run([up.tool("gzip"), f"-{up.LEVEL}", "-c", str(raw)], stdout=sink, check=True)
    figures["verify_gzip6"] = measure_verify(out, repeat)
    figures["gz_size"] = gz.stat().st_size
    figures["gzip6_size"] = out.stat().st_size
    figures["raw_size"] = raw.stat().st_size
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rss-mib", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("pigz") is None:
        raise SystemExit("pigz is needed for the baseline (Debian: apt-get install pigz)")
    with tempfile.TemporaryDirectory(prefix="upload-speed-") as work:
        figures = measure(args.size_mib, args.rss_mib, args.repeat, Path(work))
    for name, value in figures.items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
