"""The spool: the exact gzip bytes of the PUT, written to an anonymous temporary file.

Raw data is compressed into it on every core (``_compress``); xz and bzip2 data is decompressed
on the fly and compressed the same way (``_image_format``); gzip data from a stream whose
length is not known is copied, then checked whole. Every limit is checked while the spool is
written, and the work stops at the first byte over it: nothing exists on the account yet.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from ._compress import gzip_compress
from ._image_format import (
    HEAD_SIZE,
    Container,
    DecompressingReader,
    LimitedReader,
    check_disk_image,
    verify_gzip,
)
from ._progress import PhaseCallback
from ._sizes import format_size

__all__ = ["SpoolOptions", "Spooled", "spool", "too_large"]


@dataclass(frozen=True)
class SpoolOptions:
    """How to spool: the gzip level and threads, the limits, where the file goes."""

    compress_level: int
    compress_threads: int | None
    max_size: int
    max_uncompressed_size: int
    spool_dir: str | os.PathLike[str] | None
    chunk_size: int
    verify_gzip: bool = True


@dataclass(frozen=True)
class Spooled:
    """The spooled gzip data: the open file at offset 0, its size, the image's size uncompressed."""

    file: IO[bytes]
    size: int
    uncompressed_size: int | None


def too_large(size: int, max_size: int, *, compressed: bool) -> ValueError:
    what = "compressed data" if compressed else "gzip data"
    return ValueError(
        f"the {what} is {format_size(size)}, more than the upload limit of {format_size(max_size)} "
        "(max_size); nothing was created"
    )


class _Sink:
    """Writes to the spool, refusing the first byte past ``max_size``."""

    def __init__(self, file: IO[bytes], max_size: int, *, compressed: bool) -> None:
        self._file = file
        self._max_size = max_size
        self._compressed = compressed
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self._max_size:
            raise too_large(self.size, self._max_size, compressed=self._compressed)
        self._file.write(data)


class _Counted:
    """``read(n)`` of the source, reporting the bytes read so far in the given phase."""

    def __init__(self, read: Callable[[int], bytes], total: int, report: PhaseCallback | None) -> None:
        self._read = read
        self._total = max(total, 0)
        self._report = report
        self.count = 0
        if report is not None:
            report(0, self._total, "compressing")

    def read(self, n: int) -> bytes:
        data = self._read(n)
        self.count += len(data)
        if self._report is not None and data:
            self._report(self.count, self._total, "compressing")
        return data


def _checked_head(read: Callable[[int], bytes], path: str) -> Callable[[int], bytes]:
    """``read`` with its first ``HEAD_SIZE`` bytes checked for a disk format, then given back."""
    head = b""
    while len(head) < HEAD_SIZE:
        part = read(HEAD_SIZE - len(head))
        if not part:
            break
        head += part
    check_disk_image(head, path=path)
    pending = head

    def replay(n: int) -> bytes:
        nonlocal pending
        if pending:
            chunk, pending = pending[:n], pending[n:]
            return chunk
        return read(n)

    return replay


def spool(
    read: Callable[[int], bytes],
    container: Container,
    options: SpoolOptions,
    *,
    compress: bool,
    total: int = -1,
    report: PhaseCallback | None = None,
    path: str = "<image>",
) -> Spooled:
    """Spool everything ``read(n)`` returns: compressed (``compress``) or copied as it is.

    ``container`` says how the data is compressed: ``raw``, or ``xz``/``bzip2`` (decompressed
    first, then compressed), or ``gzip`` (copied when not ``compress``, then checked whole unless
    ``options.verify_gzip`` is off). ``total`` is the source's size when known, for ``report``.
    """
    file = tempfile.TemporaryFile(  # noqa: SIM115 - handed to the caller in Spooled, which closes it
        prefix="linode-images-upload-", suffix=".gz", dir=options.spool_dir
    )
    try:
        if compress:
            counted = _Counted(read, total, report)
            data: Callable[[int], bytes] = counted.read
            if container in ("xz", "bzip2"):
                data = DecompressingReader(data, container, chunk_size=options.chunk_size).read
            limited = LimitedReader(data, options.max_uncompressed_size)
            sink = _Sink(file, options.max_size, compressed=True)
            gzip_compress(
                _checked_head(limited.read, path),
                sink.write,
                level=options.compress_level,
                threads=options.compress_threads,
            )
            uncompressed: int | None = limited.count
        else:
            sink = _Sink(file, options.max_size, compressed=False)
            while chunk := read(options.chunk_size):
                sink.write(chunk)
            uncompressed = None
        file.flush()
        if not compress and options.verify_gzip:
            file.seek(0)
            check = verify_gzip(file.read, max_uncompressed_size=options.max_uncompressed_size, path=path)
            uncompressed = check.uncompressed_size
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return Spooled(file, sink.size, uncompressed)
