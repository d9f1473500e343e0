"""The spool: raw, xz and bzip2 data arrives as one gzip member; limits stop the work early."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import zlib

import pytest
from linode_images._spool import SpoolOptions, spool

from .support import RAW

OPTIONS = SpoolOptions(
    compress_level=6,
    compress_threads=2,
    max_size=10**9,
    max_uncompressed_size=10**9,
    spool_dir=None,
    chunk_size=64 * 1024,
)


def one_member(data: bytes) -> bytes:
    inflate = zlib.decompressobj(31)
    out = inflate.decompress(data)
    assert inflate.eof and not inflate.unused_data, "not exactly one complete gzip member"
    return out


@pytest.mark.parametrize(
    ("container", "pack"),
    [("raw", lambda d: d), ("xz", lzma.compress), ("bzip2", bz2.compress)],
)
def test_the_image_arrives_as_one_gzip_member_of_the_raw_bytes(container: str, pack: object) -> None:
    source = io.BytesIO(pack(RAW * 3))  # type: ignore[operator]
    spooled = spool(source.read, container, OPTIONS, compress=True)  # type: ignore[arg-type]
    with spooled.file:
        data = spooled.file.read()
    assert len(data) == spooled.size
    assert one_member(data) == RAW * 3
    assert spooled.uncompressed_size == len(RAW) * 3


def test_compressing_reports_its_phase_in_source_bytes() -> None:
    packed = lzma.compress(RAW)
    seen: list[tuple[int, int, str]] = []
    spooled = spool(
        io.BytesIO(packed).read,
        "xz",
        OPTIONS,
        compress=True,
        total=len(packed),
        report=lambda done, total, phase: seen.append((done, total, phase)),
    )
    spooled.file.close()
    assert seen[0] == (0, len(packed), "compressing")
    assert seen[-1] == (len(packed), len(packed), "compressing")
    assert {phase for _, _, phase in seen} == {"compressing"}


def test_a_disk_format_inside_xz_is_refused() -> None:
    packed = lzma.compress(b"QFI\xfb" + RAW)
    with pytest.raises(ValueError, match=r"qcow2 image.*qemu-img convert -O raw"):
        spool(io.BytesIO(packed).read, "xz", OPTIONS, compress=True, path="disk.qcow2.xz")


def test_the_uncompressed_limit_stops_decompressing_at_once() -> None:
    # 100 streams of 8 MiB of zeros each, handed out 10 bytes a read: the first passes the limit.
    packed = bz2.compress(bytes(8 << 20)) * 100
    source = io.BytesIO(packed)
    options = SpoolOptions(**{**OPTIONS.__dict__, "max_uncompressed_size": 1 << 20})
    with pytest.raises(ValueError, match=r"more than the API's limit of 1.05 MB \(1,048,576 bytes\)"):
        spool(lambda n: source.read(min(n, 10)), "bzip2", options, compress=True)
    assert source.tell() <= len(packed) // 50


def test_the_compressed_limit_stops_compressing_at_once() -> None:
    reads = 0
    data = io.BytesIO(os.urandom(32 << 20))

    def read(n: int) -> bytes:
        nonlocal reads
        reads += 1
        return data.read(n)

    options = SpoolOptions(**{**OPTIONS.__dict__, "max_size": 200_000})
    with pytest.raises(ValueError, match=r"compressed data is .* more than the upload limit of 200.00 kB"):
        spool(read, "raw", options, compress=True)
    # Long before the end: at most the 1 MiB blocks in flight (a few per thread) were read.
    assert data.tell() <= 16 << 20


def test_gzip_copied_from_a_stream_is_checked_whole() -> None:
    packed = gzip.compress(RAW)
    spooled = spool(io.BytesIO(packed).read, "gzip", OPTIONS, compress=False)
    with spooled.file:
        assert spooled.file.read() == packed
    assert (spooled.size, spooled.uncompressed_size) == (len(packed), len(RAW))
    with pytest.raises(ValueError, match="truncated"):
        spool(io.BytesIO(packed[:-20]).read, "gzip", OPTIONS, compress=False)
    unchecked = SpoolOptions(**{**OPTIONS.__dict__, "verify_gzip": False})
    spooled = spool(io.BytesIO(packed[:-20]).read, "gzip", unchecked, compress=False)
    spooled.file.close()
    assert spooled.uncompressed_size is None
