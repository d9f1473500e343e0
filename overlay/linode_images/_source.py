"""Upload sources: check what the caller gave, and make the exact gzip bytes of the PUT ready.

``prepare_source`` checks the source (readable, binary, not empty, a raw disk image: see
``_image_format``; gzip, xz, bzip2 or raw) and works out the exact number of bytes the PUT will
send, refusing more than ``max_size`` (5 GB compressed) or ``max_uncompressed_size`` (6 GB, the
API's limits, ``_sizes``), before anything exists on the account. A gzip file is read to its
end first (``verify_gzip``), so that a truncated one is refused before a long upload.

The cost of compressing. Raw data (and gzip data read from a non-seekable stream without
``size=``) is written to an anonymous temporary file first (``tempfile.TemporaryFile`` in
``spool_dir`` or the system default; the operating system removes it when it is closed). That
costs free disk space equal to the compressed size plus one extra write and read of it, and
buys what the PUT needs while memory stays flat: the exact ``Content-Length`` before the image
is created, and a body that can be rewound for a retry. Compressing twice instead (once to
count, once to send) would save the disk space but double the CPU time, and cannot work on a
stream that can only be read once.
"""

from __future__ import annotations

import abc
import asyncio
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import IO, Literal, Protocol, TypeAlias

from ._config import logger
from ._image_format import (
    HEAD_SIZE,
    TAIL_SIZE,
    check_disk_image,
    check_gzip_head,
    check_uncompressed_size,
    container_of,
    gzip_size_hint,
    verify_gzip,
)
from ._progress import PhaseCallback
from ._sizes import DEFAULT_MAX_SIZE, DEFAULT_MAX_UNCOMPRESSED_SIZE
from ._spool import SpoolOptions, spool, too_large

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_COMPRESS_LEVEL",
    "DEFAULT_MAX_SIZE",
    "DEFAULT_MAX_UNCOMPRESSED_SIZE",
    "Compress",
    "PreparedSource",
    "SourceChangedError",
    "UploadSource",
    "prepare_source",
]

Compress: TypeAlias = Literal["auto", "always", "never"]

# gzip's own default level, so that the result matches `gzip -c` in size and speed.
DEFAULT_COMPRESS_LEVEL = 6
# Large enough to keep per-chunk overhead negligible against loopback speeds, small enough that
# memory stays flat (a few chunks are alive at any time).
DEFAULT_CHUNK_SIZE = 1 << 20


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


UploadSource: TypeAlias = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""A path, the data itself, or a binary file object (seekable or not)."""


class SourceChangedError(OSError):
    """The source gave another number of bytes than measured (or given as ``size=``) beforehand."""


class _Body(abc.ABC):
    """Where the bytes of one PUT come from; ``open`` positions it at the first byte."""

    blocking = True  # reads touch a file or a stream: the async shell runs them in a thread
    # A file or a stream is read one byte past the end, so that one that grew while it was sent
    # (or a wrong size=) fails loudly instead of silently truncating the image.
    check_end = True
    size_from = "measured before the upload (was it changed during the upload?)"

    @abc.abstractmethod
    def open(self) -> Callable[[int], bytes]:
        """A ``read(n)`` function starting at the first byte of the body."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release what this body opened."""


class _MemoryBody(_Body):
    blocking = False
    check_end = False  # the caller's buffer is exported to a memoryview, so it cannot resize

    def __init__(self, data: memoryview) -> None:
        self._data = data

    def open(self) -> Callable[[int], bytes]:
        position = 0

        def read(n: int) -> bytes:
            nonlocal position
            chunk = bytes(self._data[position : position + n])
            position += len(chunk)
            return chunk

        return read

    def close(self) -> None:
        """Nothing to release: the memory belongs to the caller."""


class _FileBody(_Body):
    """A seekable file from ``offset`` on; closed at the end only if this module opened it."""

    def __init__(self, file: IO[bytes], offset: int, *, owned: bool) -> None:
        self._file = file
        self._offset = offset
        self._owned = owned

    def open(self) -> Callable[[int], bytes]:
        self._file.seek(self._offset)
        return self._file.read

    def close(self) -> None:
        if self._owned:
            self._file.close()


class _StreamBody(_Body):
    """A non-seekable stream of known size: it can be sent once only."""

    size_from = "given as size="

    def __init__(self, head: bytes, stream: _Readable, closer: Callable[[], None] | None) -> None:
        self._head = head
        self._stream = stream
        self._closer = closer
        self._opened = False

    def open(self) -> Callable[[int], bytes]:
        if self._opened:
            raise RuntimeError("a non-seekable stream cannot be read twice")
        self._opened = True
        head = self._head

        def read(n: int) -> bytes:
            nonlocal head
            if head:
                chunk, head = head[:n], head[n:]
                return chunk
            return _read_bytes(self._stream, n)

        return read

    def close(self) -> None:
        if self._closer is not None:
            self._closer()


class _ChunkReader:
    """Reads exactly ``size`` bytes from an opened body, one chunk per call; b"" at the end."""

    def __init__(self, read: Callable[[int], bytes], size: int, chunk_size: int, *, body: _Body) -> None:
        self._read = read
        self._remaining = size
        self._size = size
        self._chunk_size = chunk_size
        self._body = body

    def _too_long(self) -> SourceChangedError:
        return SourceChangedError(
            f"the source holds more than the {self._size:,} bytes {self._body.size_from}"
        )

    def next_chunk(self) -> bytes:
        if self._remaining == 0:
            if self._body.check_end and self._read(1):
                raise self._too_long()
            return b""
        want = min(self._chunk_size, self._remaining)
        # The last chunk is read with one byte more: a source that grew is caught before the
        # body is complete, so the storage never keeps a cut image. (The check above stays
        # for streams that hand out fewer bytes than asked.)
        last = self._body.check_end and want == self._remaining
        chunk = self._read(want + 1 if last else want)
        if len(chunk) > self._remaining:
            raise self._too_long()
        if not chunk:
            sent = self._size - self._remaining
            raise SourceChangedError(
                f"the source ended after {sent:,} of the {self._size:,} bytes measured before the "
                "upload (was it changed during the upload?)"
            )
        self._remaining -= len(chunk)
        return chunk


@dataclass
class PreparedSource:
    """The exact bytes one PUT sends: ``size`` bytes of gzip data, rewindable unless stated.

    ``not_rewindable`` is None when the PUT can be sent again, else the reason it cannot.
    Use it as a context manager: closing releases the temporary file or the opened path.
    """

    size: int
    compressed: bool
    spooled: bool
    not_rewindable: str | None
    _body: _Body
    chunk_size: int = DEFAULT_CHUNK_SIZE

    @property
    def rewindable(self) -> bool:
        return self.not_rewindable is None

    def reader(self) -> _ChunkReader:
        return _ChunkReader(self._body.open(), self.size, self.chunk_size, body=self._body)

    def iter_chunks(self, on_chunk: Callable[[int], object] | None = None) -> Iterator[bytes]:
        """The body in chunks; ``on_chunk(len)`` runs when the next chunk is asked for, i.e.
        after the HTTP client sent this one."""
        reader = self.reader()
        while chunk := reader.next_chunk():
            yield chunk
            if on_chunk is not None:
                on_chunk(len(chunk))

    async def aiter_chunks(self, on_chunk: Callable[[int], object] | None = None) -> AsyncIterator[bytes]:
        """``iter_chunks`` for an async client; file reads run in a worker thread so that a slow
        disk never blocks the event loop."""
        blocking = self._body.blocking
        reader = await asyncio.to_thread(self.reader) if blocking else self.reader()
        while chunk := await asyncio.to_thread(reader.next_chunk) if blocking else reader.next_chunk():
            yield chunk
            if on_chunk is not None:
                on_chunk(len(chunk))

    def close(self) -> None:
        self._body.close()

    def __enter__(self) -> PreparedSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _read_bytes(stream: _Readable, n: int) -> bytes:
    data = stream.read(n)
    if data is None:
        # io.RawIOBase.read returns None when a non-blocking stream has nothing yet.
        raise ValueError("the source is a non-blocking stream with no data ready; pass a blocking one")
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(
            f"the file object returned {type(data).__name__}, not bytes: open it in binary mode ('rb')"
        )
    return bytes(data)


def _read_head(stream: _Readable, n: int) -> bytes:
    """The first ``n`` bytes, reading as often as needed (pipes may return fewer at a time)."""
    head = b""
    while len(head) < n:
        part = _read_bytes(stream, n - len(head))
        if not part:
            break
        head += part
    return head


def _seek_range(file: IO[bytes]) -> tuple[int, int] | None:
    """(current offset, bytes from there to the end) if the file can be rewound, else None."""
    try:
        if not file.seekable():
            return None
        offset = file.tell()
        end = file.seek(0, os.SEEK_END)
        file.seek(offset)
    except (AttributeError, OSError, ValueError):
        return None
    return offset, end - offset


_NOT_REWINDABLE = (
    "the source is a non-seekable stream that was read once; pass a path or a seekable file, "
    "or leave out size= so that it is copied to a temporary file first"
)


@dataclass(frozen=True)
class _Opened:
    """An opened source: its body, measured size (-1: a stream, unknown), first and last bytes."""

    body: _Body
    measured: int
    head: bytes
    tail: bytes
    path: str


def _tail(file: IO[bytes], offset: int, measured: int) -> bytes:
    """The last ``TAIL_SIZE`` bytes of a seekable file (a fixed VHD's footer, gzip's trailer)."""
    file.seek(offset + max(measured - TAIL_SIZE, 0))
    tail = file.read(TAIL_SIZE)
    file.seek(offset)
    return tail


def _open_source(source: UploadSource) -> _Opened:
    """The source opened, with what the checks before the upload need."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = memoryview(source).cast("B")
        return _Opened(
            _MemoryBody(data), len(data), bytes(data[:HEAD_SIZE]), bytes(data[-TAIL_SIZE:]), "<image>"
        )
    owned = isinstance(source, str | os.PathLike)
    if isinstance(source, str | os.PathLike):
        # Raises FileNotFoundError, PermissionError or IsADirectoryError, as it should.
        file: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed by the PreparedSource
        path = os.fspath(source)
    elif hasattr(source, "read"):
        file = source
        path = str(getattr(source, "name", "<image>"))
    else:
        raise TypeError(f"source must be a path, bytes or a binary file object, not {type(source).__name__}")
    try:
        span = _seek_range(file)
        head = _read_head(file, HEAD_SIZE)
        if span is None:
            return _Opened(_StreamBody(head, file, file.close if owned else None), -1, head, b"", path)
        offset, measured = span
        tail = _tail(file, offset, measured)
        return _Opened(_FileBody(file, offset, owned=owned), measured, head, tail, path)
    except BaseException:
        if owned:
            file.close()
        raise


def prepare_source(
    source: UploadSource,
    *,
    compress: Compress = "auto",
    compress_level: int = DEFAULT_COMPRESS_LEVEL,
    compress_threads: int | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    max_uncompressed_size: int = DEFAULT_MAX_UNCOMPRESSED_SIZE,
    verify_gzip: bool = True,
    size: int | None = None,
    spool_dir: str | os.PathLike[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    report: PhaseCallback | None = None,
) -> PreparedSource:
    """Check ``source`` and make the exact gzip bytes of the PUT ready; nothing is sent.

    ``size`` matters for a non-seekable stream of gzip data whose length the caller knows: the
    stream is then sent as it is read, without a temporary copy, and cannot be retried (nor
    checked whole beforehand). For any other source the size is measured, and a ``size`` that
    differs is an error. ``report(done, total, phase)`` hears the checking and compressing.

    >>> import gzip
    >>> with prepare_source(gzip.compress(b"disk")) as prepared:
    ...     prepared.compressed, prepared.rewindable
    (False, True)
    """
    if compress not in ("auto", "always", "never"):
        raise ValueError(f"compress must be 'auto', 'always' or 'never', not {compress!r}")
    if not 1 <= compress_level <= 9:
        raise ValueError(f"compress_level must be 1..9, not {compress_level}")
    for name, value in (("max_size", max_size), ("max_uncompressed_size", max_uncompressed_size)):
        if value <= 0:
            raise ValueError(f"{name} must be positive, not {value}")
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be positive, not {chunk_size}")
    if size is not None and size <= 0:
        raise ValueError(f"size must be positive, not {size}")
    options = SpoolOptions(
        compress_level, compress_threads, max_size, max_uncompressed_size, spool_dir, chunk_size, verify_gzip
    )
    opened = _open_source(source)
    try:
        return _prepare(opened, compress, size, options, report)
    except BaseException:
        opened.body.close()
        raise


def _prepare(
    opened: _Opened, compress: Compress, size: int | None, options: SpoolOptions, report: PhaseCallback | None
) -> PreparedSource:
    body, measured, head = opened.body, opened.measured, opened.head
    if size is not None and measured >= 0 and size != measured:
        raise ValueError(f"size={size:,} but the source holds {measured:,} bytes")
    if not head:
        raise ValueError("the source is empty; there is no image to upload")
    container = container_of(head)
    if compress == "never" and container != "gzip":
        raise ValueError(
            "the source is not gzip data (it does not start with the bytes 1f 8b) and "
            "compress='never'; pass compress='auto' to compress it, or a .img.gz file"
        )
    must_compress = compress == "always" or container != "gzip"
    if must_compress and size is not None:
        raise ValueError("size= cannot be combined with compression: the compressed size is not known")
    if container == "raw":
        check_disk_image(head, opened.tail, path=opened.path)
        if measured >= 0:
            check_uncompressed_size(measured, options.max_uncompressed_size)
    elif container == "gzip" and not must_compress:
        check_gzip_head(head, path=opened.path)

    if not must_compress and (measured >= 0 or size is not None):
        known = measured if measured >= 0 else size
        assert known is not None
        if known > options.max_size:
            raise too_large(known, options.max_size, compressed=False)
        if measured >= 0:
            _check_gzip_whole(opened, options, report)
            return PreparedSource(measured, False, False, None, body, options.chunk_size)
        return PreparedSource(known, False, False, _NOT_REWINDABLE, body, options.chunk_size)

    # Compressing, or copying a stream whose length is unknown: spool to a temporary file.
    spooled = spool(
        body.open(),
        container,
        options,
        compress=must_compress,
        total=measured,
        report=report,
        path=opened.path,
    )
    body.close()
    return PreparedSource(
        spooled.size, must_compress, True, None, _FileBody(spooled.file, 0, owned=True), options.chunk_size
    )


def _check_gzip_whole(opened: _Opened, options: SpoolOptions, report: PhaseCallback | None) -> None:
    """Read a gzip file to its end before the upload (or, with ``verify_gzip=False``, check
    only the length its trailer states)."""
    if not options.verify_gzip:
        check_uncompressed_size(gzip_size_hint(opened.tail), options.max_uncompressed_size)
        return
    total = opened.measured
    if report is not None:
        report(0, total, "checking")
    on_progress = None if report is None else (lambda done: report(done, total, "checking"))
    check = verify_gzip(
        opened.body.open(),
        max_uncompressed_size=options.max_uncompressed_size,
        path=opened.path,
        chunk_size=options.chunk_size,
        on_progress=on_progress,
    )
    if check.members > 1:
        # Sent as it is: it is valid gzip, but whether the importer reads past the first member
        # is not known (the client itself only ever writes one).
        logger.warning(
            "%s holds %d gzip members (pigz -i or concatenated files?); if the image comes out "
            "short, recompress it into one: gzip -dc %s | gzip > disk.img.gz",
            opened.path,
            check.members,
            opened.path,
        )
