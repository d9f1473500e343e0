"""Parallel gzip: one ordinary member, byte-identical decompression, bounded memory, both engines."""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from linode_images import _compress
from linode_images._compress import (
    DEFAULT_BLOCK_SIZE,
    available_engine,
    compress_threads,
    crc32_combine,
    gzip_compress,
)

from .support import RAW

BLOCK = 64 * 1024  # small blocks, so that a few hundred KiB cross many block boundaries
HAVE_ZLIB_NG = _compress._zlib_ng() is not None
ENGINES = ["zlib", pytest.param("zlib-ng", marks=pytest.mark.skipif(not HAVE_ZLIB_NG, reason="no zlib-ng"))]


def members(data: bytes) -> int:
    """How many gzip members ``data`` holds; each must be complete."""
    count = 0
    while data:
        inflate = zlib.decompressobj(31)
        inflate.decompress(data)
        assert inflate.eof, "a gzip member is incomplete"
        data = inflate.unused_data
        count += 1
    return count


def compress(data: bytes, **kwargs: object) -> bytes:
    out = io.BytesIO()
    totals = gzip_compress(io.BytesIO(data).read, out.write, **kwargs)  # type: ignore[arg-type]
    assert totals.size_in == len(data)
    assert totals.size_out == len(out.getvalue())
    return out.getvalue()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("threads", [2, 3])
@pytest.mark.parametrize(
    "size", [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK, len(RAW)], ids=lambda n: f"{n}B"
)
def test_parallel_output_is_one_member_that_decompresses_byte_identical(
    engine: str, threads: int, size: int
) -> None:
    data = (RAW * (1 + size // len(RAW)))[:size]
    out = compress(data, level=6, threads=threads, engine=engine, block_size=BLOCK)
    assert members(out) == 1
    assert gzip.decompress(out) == data
    assert zlib.decompress(out, 31) == data  # one stream, read in one go


@pytest.mark.parametrize("level", [1, 6, 9])
def test_parallel_output_is_as_small_as_one_stream_at_the_same_level(level: int) -> None:
    data = RAW * 4
    single = compress(data, level=level, threads=1, engine="zlib")
    parallel = compress(data, level=level, threads=2, engine="zlib", block_size=BLOCK)
    assert gzip.decompress(parallel) == data
    # Each block starts primed with the previous 32 KiB, so cutting costs only the sync markers.
    assert len(parallel) <= len(single) * 1.01 + 64


def test_one_thread_writes_what_gzip_level_6_writes() -> None:
    deflate = zlib.compressobj(6, zlib.DEFLATED, 31)
    assert compress(RAW, level=6, threads=1, engine="zlib") == deflate.compress(RAW) + deflate.flush()


@pytest.mark.skipif(shutil.which("gzip") is None, reason="needs gzip on PATH")
@pytest.mark.parametrize("engine", ENGINES)
def test_gzip_t_accepts_the_parallel_output(engine: str, tmp_path: Path) -> None:
    gzip_tool = shutil.which("gzip")
    assert gzip_tool is not None
    path = tmp_path / "disk.img.gz"
    path.write_bytes(compress(RAW * 3, level=6, threads=2, engine=engine, block_size=BLOCK))
    checked = subprocess.run([gzip_tool, "-t", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert subprocess.run([gzip_tool, "-dc", str(path)], capture_output=True).stdout == RAW * 3


def test_sources_that_return_short_reads_give_the_same_data() -> None:
    data = RAW * 2
    stream = io.BytesIO(data)

    def dribble(n: int) -> bytes:
        return stream.read(min(n, 1000))

    out = io.BytesIO()
    gzip_compress(dribble, out.write, level=6, threads=2, engine="zlib", block_size=BLOCK)
    assert gzip.decompress(out.getvalue()) == data


@pytest.mark.parametrize("engine", ENGINES)
def test_memory_stays_flat_a_bounded_number_of_blocks_in_flight(engine: str) -> None:
    blocks = 64
    threads = 2
    read_blocks = 0
    written = 0
    most_ahead = 0
    stream = io.BytesIO(os.urandom(BLOCK) * blocks)

    def read(n: int) -> bytes:
        nonlocal read_blocks, most_ahead
        chunk = stream.read(n)
        if chunk:
            read_blocks += 1
        # Blocks read but not yet written out: what is held in memory at this moment.
        most_ahead = max(most_ahead, read_blocks - written // BLOCK)
        return chunk

    def write(data: bytes) -> None:
        nonlocal written
        written += len(data)

    gzip_compress(read, write, level=1, threads=threads, engine=engine, block_size=BLOCK)
    assert read_blocks == blocks
    # Random data deflates to a little more than its size, so written // BLOCK counts blocks out.
    assert most_ahead <= 2 * threads + 4


@pytest.mark.parametrize("engine", ENGINES)
def test_an_error_from_write_stops_the_compression_and_propagates(engine: str) -> None:
    class Full(Exception):
        pass

    reads = 0
    stream = io.BytesIO(os.urandom(BLOCK) * 200)

    def read(n: int) -> bytes:
        nonlocal reads
        reads += 1
        return stream.read(n)

    def write(data: bytes) -> None:
        if len(data) > 100:
            raise Full("the spool is over its limit")

    with pytest.raises(Full):
        gzip_compress(read, write, level=1, threads=2, engine=engine, block_size=BLOCK)
    assert reads < 100, "the input was read on after the output failed"


def test_crc32_combine_matches_zlib_over_random_splits() -> None:
    rng = random.Random(15)
    for _ in range(200):
        data = rng.randbytes(rng.randrange(0, 5000))
        cut = rng.randrange(0, len(data) + 1)
        a, b = data[:cut], data[cut:]
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(data)
    big = bytes(3 * DEFAULT_BLOCK_SIZE + 7)
    assert crc32_combine(zlib.crc32(b"x"), zlib.crc32(big), len(big)) == zlib.crc32(b"x" + big)


def test_compress_threads_defaults_to_every_core_and_checks_its_argument() -> None:
    assert compress_threads(None) >= 1
    assert compress_threads(3) == 3
    with pytest.raises(ValueError, match="at least 1"):
        compress_threads(0)
    with pytest.raises(TypeError, match="int or None"):
        compress_threads(2.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", [0, 10, True])
def test_a_level_outside_1_to_9_is_refused(level: int) -> None:
    with pytest.raises(ValueError, match=r"compress_level must be 1\.\.9"):
        compress(b"x", level=level)


def test_without_zlib_ng_auto_uses_the_standard_zlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_compress, "_zlib_ng", lambda: None)
    assert available_engine("auto") == "zlib"
    out = compress(RAW, level=6, threads=2, block_size=BLOCK)
    assert members(out) == 1 and gzip.decompress(out) == RAW
    with pytest.raises(ImportError, match=r"pip install 'linode-images\[fast-gzip\]'"):
        available_engine("zlib-ng")


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine must be"):
        available_engine("pigz")  # type: ignore[arg-type]
