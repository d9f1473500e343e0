"""gzip compression on every core, written as one ordinary gzip member.

The API takes one gzip file (REAL-API-FACTS "Upload"); whether its importer accepts a file of
several members is not known, so the output is always a single member that ``gzip -t`` and
Python's ``gzip`` read like any other.

The design is pigz's, on the standard ``zlib`` (which releases the GIL while it deflates):

- the input is cut into blocks; each block is deflated in a worker thread by a compressor of its
  own, primed (``zdict``) with the last 32 KiB of the block before it, so matches reach back
  across the cut as they would in one stream;
- every block but the last ends with ``Z_SYNC_FLUSH`` (a byte-aligned end, not final), the last
  with ``Z_FINISH``, so the blocks joined in order are one valid deflate stream;
- each worker also takes its block's CRC-32; the calling thread joins them in order with
  ``crc32_combine`` (written here, as Python's ``zlib`` lacks it) for the gzip trailer.

At most ``2 * threads`` blocks are in flight, so memory stays flat whatever the input size.
With the optional ``zlib-ng`` extra installed its own threaded writer of the same design is used:
it deflates the same levels two to three times faster (``make bench`` row 4e).
"""

from __future__ import annotations

import collections
import concurrent.futures
import importlib
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "Engine",
    "GzipTotals",
    "available_engine",
    "compress_threads",
    "crc32_combine",
    "fast_zlib",
    "gzip_compress",
]

Engine: TypeAlias = Literal["auto", "zlib", "zlib-ng"]

# pigz cuts at 128 KiB; larger blocks keep the per-block cost of Python small against the
# deflate work and lose less to the sync markers, and 2 * threads of them still fit in a few MiB.
DEFAULT_BLOCK_SIZE = 1 << 20
_WINDOW = 32 * 1024  # deflate's window: what a block's compressor is primed with
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no mtime, OS unknown
_CRC_POLY = 0xEDB88320  # CRC-32's polynomial, bit-reflected as zlib uses it


@dataclass(frozen=True)
class GzipTotals:
    """What one compression read and wrote: ``size_in`` uncompressed bytes, ``size_out`` gzip bytes."""

    size_in: int
    size_out: int


def compress_threads(threads: int | None) -> int:
    """The number of compression threads: ``threads``, or every core this process may use."""
    if threads is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"compress_threads must be an int or None, not {type(threads).__name__}")
    if threads < 1:
        raise ValueError(f"compress_threads must be at least 1, not {threads}")
    return threads


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _zlib_ng() -> Any:
    return _optional("zlib_ng.gzip_ng_threaded")


def fast_zlib() -> Any:
    """zlib-ng's drop-in ``zlib`` module when the fast-gzip extra is installed, else None.

    Its inflate is about three times the standard one's speed, which the gzip check uses.
    """
    return _optional("zlib_ng.zlib_ng") if _zlib_ng() is not None else None


def available_engine(engine: Engine = "auto") -> Literal["zlib", "zlib-ng"]:
    """The engine ``gzip_compress`` will use: zlib-ng when installed (or asked for), else zlib."""
    if engine == "zlib":
        return "zlib"
    if engine not in ("auto", "zlib-ng"):
        raise ValueError(f"engine must be 'auto', 'zlib' or 'zlib-ng', not {engine!r}")
    if _zlib_ng() is not None:
        return "zlib-ng"
    if engine == "zlib-ng":
        raise ImportError(
            "the zlib-ng engine needs the optional extra: pip install 'linode-images[fast-gzip]'"
        )
    return "zlib"


# --------------------------------------------------------------------------------------------
# CRC-32 of joined blocks (zlib's crc32_combine: multiplication modulo the CRC polynomial)
# --------------------------------------------------------------------------------------------


def _multmodp(a: int, b: int) -> int:
    """a * b modulo the CRC polynomial, in zlib's reflected bit order."""
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if (a & (m - 1)) == 0:
                return p
        m >>= 1
        b = (b >> 1) ^ _CRC_POLY if b & 1 else b >> 1


def _x2n_table() -> tuple[int, ...]:
    # x^(2^k) modulo the polynomial for k = 0..31; x^1 is 1 << 30 in reflected order.
    table = [1 << 30]
    for _ in range(31):
        table.append(_multmodp(table[-1], table[-1]))
    return tuple(table)


_X2N = _x2n_table()


def _x8nmodp(length: int) -> int:
    """x^(8 * length) modulo the polynomial: what appending ``length`` bytes multiplies by."""
    p = 1 << 31  # x^0
    k = 3  # 8 = 2^3
    while length:
        if length & 1:
            p = _multmodp(_X2N[k & 31], p)
        length >>= 1
        k += 1
    return p


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of ``a + b`` from ``crc32(a)``, ``crc32(b)`` and ``len(b)``.

    >>> crc32_combine(zlib.crc32(b"disk "), zlib.crc32(b"image"), 5) == zlib.crc32(b"disk image")
    True
    """
    return _multmodp(_x8nmodp(length2), crc1) ^ crc2


# --------------------------------------------------------------------------------------------
# The compressors
# --------------------------------------------------------------------------------------------


def _deflate_block(block: bytes, zdict: bytes, level: int, last: bool) -> tuple[bytes, int]:
    """One block deflated (primed with ``zdict``) and its CRC-32; runs in a worker thread."""
    if zdict:
        deflate = zlib.compressobj(level, zlib.DEFLATED, -15, zdict=zdict)
    else:
        deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    out = deflate.compress(block) + deflate.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
    return out, zlib.crc32(block)


def _read_block(read: Callable[[int], bytes], size: int) -> bytes:
    """Exactly ``size`` bytes unless the input ends first (sources may return less per call)."""
    block = read(size)
    if len(block) == size or not block:
        return block
    parts = [block]
    got = len(block)
    while got < size:
        part = read(size - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _gzip_zlib_parallel(
    read: Callable[[int], bytes], write: Callable[[bytes], object], level: int, threads: int, block_size: int
) -> GzipTotals:
    size_in = 0
    size_out = len(_GZIP_HEADER)
    crc = 0
    write(_GZIP_HEADER)
    pending: collections.deque[tuple[concurrent.futures.Future[tuple[bytes, int]], int]] = collections.deque()

    def drain_one() -> None:
        nonlocal crc, size_out
        future, length = pending.popleft()
        out, block_crc = future.result()
        crc = crc32_combine(crc, block_crc, length)
        write(out)
        size_out += len(out)

    with concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="linode-images-gzip") as pool:
        try:
            block = _read_block(read, block_size)
            zdict = b""
            while True:
                # Reading one block ahead tells whether this one is the last.
                following = _read_block(read, block_size) if block else b""
                last = not following
                pending.append((pool.submit(_deflate_block, block, zdict, level, last), len(block)))
                size_in += len(block)
                if last:
                    break
                zdict = block[-_WINDOW:]
                block = following
                while len(pending) >= 2 * threads:
                    drain_one()
            while pending:
                drain_one()
        except BaseException:
            for future, _ in pending:
                future.cancel()
            raise
    trailer = struct.pack("<II", crc, size_in & 0xFFFFFFFF)
    write(trailer)
    return GzipTotals(size_in, size_out + len(trailer))


def _gzip_zlib_single(
    read: Callable[[int], bytes], write: Callable[[bytes], object], level: int, block_size: int
) -> GzipTotals:
    # One thread: one stream, as `gzip -c` writes it (wbits 16 + 15: header and CRC trailer).
    deflate = zlib.compressobj(level, zlib.DEFLATED, 31)
    size_in = size_out = 0
    while block := read(block_size):
        size_in += len(block)
        out = deflate.compress(block)
        if out:
            write(out)
            size_out += len(out)
    out = deflate.flush()
    write(out)
    return GzipTotals(size_in, size_out + len(out))


class _CountingSink:
    """The file object zlib-ng's writer writes to: ``write`` and a count of what went through."""

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write
        self.count = 0

    def write(self, data: bytes) -> int:
        self._write(bytes(data))
        self.count += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing buffered here: every write went straight through."""

    def writable(self) -> bool:
        return True


def _gzip_zlib_ng(
    read: Callable[[int], bytes], write: Callable[[bytes], object], level: int, threads: int, block_size: int
) -> GzipTotals:
    threaded = _zlib_ng()
    sink = _CountingSink(write)
    size_in = 0
    # zlib-ng's writer calls ``write`` from its own thread; an exception there (the output over
    # its limit) comes back from the next ``writer.write`` or ``close``.
    with threaded.open(sink, "wb", compresslevel=level, threads=threads, block_size=block_size) as writer:
        while block := read(block_size):
            writer.write(block)
            size_in += len(block)
    return GzipTotals(size_in, sink.count)


def gzip_compress(
    read: Callable[[int], bytes],
    write: Callable[[bytes], object],
    *,
    level: int = 6,
    threads: int | None = None,
    engine: Engine = "auto",
    block_size: int = DEFAULT_BLOCK_SIZE,
) -> GzipTotals:
    """Compress everything ``read(n)`` returns (until b"") into one gzip member passed to ``write``.

    ``threads`` None uses every core; an exception from ``read`` or ``write`` stops the work and
    propagates (the output is then incomplete).

    >>> import gzip, io
    >>> out = io.BytesIO()
    >>> totals = gzip_compress(io.BytesIO(b"disk" * 1000).read, out.write, level=6, threads=2)
    >>> gzip.decompress(out.getvalue()) == b"disk" * 1000, totals.size_in
    (True, 4000)
    """
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 9:
        raise ValueError(f"compress_level must be 1..9, not {level!r}")
    if block_size < _WINDOW:
        raise ValueError(f"block_size must be at least {_WINDOW}, not {block_size}")
    count = compress_threads(threads)
    if available_engine(engine) == "zlib-ng":
        return _gzip_zlib_ng(read, write, level, count, block_size)
    if count == 1:
        return _gzip_zlib_single(read, write, level, block_size)
    return _gzip_zlib_parallel(read, write, level, count, block_size)
