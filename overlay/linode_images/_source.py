"""Upload sources: check what the caller gave, and make the exact gzip bytes of the PUT ready.

``prepare_source`` checks the source (readable, binary, not empty, gzip or to be compressed) and
works out the exact number of bytes the PUT will send, refusing more than ``max_size`` (5 GB
compressed, the API's limit), before anything exists on the account.

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
import tempfile
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import IO, Literal, Protocol, TypeAlias

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_COMPRESS_LEVEL",
    "DEFAULT_MAX_SIZE",
    "Compress",
    "PreparedSource",
    "SourceChangedError",
    "UploadSource",
    "prepare_source",
]

Compress: TypeAlias = Literal["auto", "always", "never"]

GZIP_MAGIC = b"\x1f\x8b"
# The API's limit on the compressed image (REAL-API-FACTS "Upload"); decimal GB, the stricter
# reading, so that nothing is refused by the API after a long transfer.
DEFAULT_MAX_SIZE = 5 * 10**9
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
    # A stream of caller-given size is read one byte past the end, so that a wrong size= fails
    # loudly instead of silently truncating the image.
    check_end = False

    @abc.abstractmethod
    def open(self) -> Callable[[int], bytes]:
        """A ``read(n)`` function starting at the first byte of the body."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release what this body opened."""


class _MemoryBody(_Body):
    blocking = False

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

    check_end = True

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

    def __init__(self, read: Callable[[int], bytes], size: int, chunk_size: int, *, check_end: bool) -> None:
        self._read = read
        self._remaining = size
        self._size = size
        self._chunk_size = chunk_size
        self._check_end = check_end

    def next_chunk(self) -> bytes:
        if self._remaining == 0:
            if self._check_end and self._read(1):
                raise SourceChangedError(
                    f"the stream holds more than the {self._size:,} bytes given as size="
                )
            return b""
        chunk = self._read(min(self._chunk_size, self._remaining))
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
        return _ChunkReader(self._body.open(), self.size, self.chunk_size, check_end=self._body.check_end)

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


def _too_large(size: int, max_size: int, *, compressed: bool) -> ValueError:
    what = "compressed data" if compressed else "gzip data"
    return ValueError(
        f"the {what} is {size:,} bytes, more than the upload limit of {max_size:,} bytes "
        f"(max_size); nothing was created"
    )


def _spool(
    head: bytes,
    read: Callable[[int], bytes],
    *,
    compress_level: int | None,
    max_size: int,
    spool_dir: str | os.PathLike[str] | None,
    chunk_size: int,
) -> tuple[IO[bytes], int]:
    """Copy (compressing when ``compress_level`` is set) into an anonymous temporary file.

    Stops as soon as the output passes ``max_size``: there is no point compressing the rest.
    """
    spool = tempfile.TemporaryFile(  # noqa: SIM115 - handed to the PreparedSource, which closes it
        prefix="linode-images-upload-", suffix=".gz", dir=spool_dir
    )
    try:
        # wbits 16 + 15: a gzip member (header and CRC trailer) around deflate, as `gzip` writes.
        deflate = zlib.compressobj(compress_level, zlib.DEFLATED, 31) if compress_level is not None else None
        written = 0
        data = head
        while data:
            out = deflate.compress(data) if deflate is not None else data
            if out:
                spool.write(out)
                written += len(out)
                if written > max_size:
                    raise _too_large(written, max_size, compressed=deflate is not None)
            data = read(chunk_size)
        if deflate is not None:
            out = deflate.flush()
            spool.write(out)
            written += len(out)
            if written > max_size:
                raise _too_large(written, max_size, compressed=True)
        spool.flush()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool, written


_NOT_REWINDABLE = (
    "the source is a non-seekable stream that was read once; pass a path or a seekable file, "
    "or leave out size= so that it is copied to a temporary file first"
)


def _open_source(source: UploadSource) -> tuple[_Body, int, bytes]:
    """The body, its measured size (-1 for a stream: unknown) and its first two bytes."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = memoryview(source).cast("B")
        return _MemoryBody(data), len(data), bytes(data[:2])
    owned = isinstance(source, str | os.PathLike)
    if isinstance(source, str | os.PathLike):
        # Raises FileNotFoundError, PermissionError or IsADirectoryError, as it should.
        file: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed by the PreparedSource
    elif hasattr(source, "read"):
        file = source
    else:
        raise TypeError(f"source must be a path, bytes or a binary file object, not {type(source).__name__}")
    try:
        span = _seek_range(file)
        head = _read_head(file, 2)
        if span is None:
            return _StreamBody(head, file, file.close if owned else None), -1, head
        offset, measured = span
        file.seek(offset)
        return _FileBody(file, offset, owned=owned), measured, head
    except BaseException:
        if owned:
            file.close()
        raise


def prepare_source(
    source: UploadSource,
    *,
    compress: Compress = "auto",
    compress_level: int = DEFAULT_COMPRESS_LEVEL,
    max_size: int = DEFAULT_MAX_SIZE,
    size: int | None = None,
    spool_dir: str | os.PathLike[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> PreparedSource:
    """Check ``source`` and make the exact gzip bytes of the PUT ready; nothing is sent.

    ``size`` matters for a non-seekable stream of gzip data whose length the caller knows: the
    stream is then sent as it is read, without a temporary copy, and cannot be retried. For
    any other source the size is measured, and a ``size`` that differs is an error.

    >>> import gzip
    >>> with prepare_source(gzip.compress(b"disk")) as prepared:
    ...     prepared.compressed, prepared.rewindable
    (False, True)
    """
    if compress not in ("auto", "always", "never"):
        raise ValueError(f"compress must be 'auto', 'always' or 'never', not {compress!r}")
    if not 1 <= compress_level <= 9:
        raise ValueError(f"compress_level must be 1..9, not {compress_level}")
    if max_size <= 0:
        raise ValueError(f"max_size must be positive, not {max_size}")
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be positive, not {chunk_size}")
    if size is not None and size <= 0:
        raise ValueError(f"size must be positive, not {size}")

    body, measured, head = _open_source(source)
    try:
        if size is not None and measured >= 0 and size != measured:
            raise ValueError(f"size={size:,} but the source holds {measured:,} bytes")
        if not head:
            raise ValueError("the source is empty; there is no image to upload")

        is_gzip = head[:2] == GZIP_MAGIC
        if compress == "never" and not is_gzip:
            raise ValueError(
                "the source is not gzip data (it does not start with the bytes 1f 8b) and "
                "compress='never'; pass compress='auto' to compress it, or a .img.gz file"
            )
        must_compress = compress == "always" or (compress == "auto" and not is_gzip)
        if must_compress and size is not None:
            raise ValueError("size= cannot be combined with compression: the compressed size is not known")

        if not must_compress and measured >= 0:
            if measured > max_size:
                raise _too_large(measured, max_size, compressed=False)
            return PreparedSource(measured, False, False, None, body, chunk_size)
        if not must_compress and size is not None:
            if size > max_size:
                raise _too_large(size, max_size, compressed=False)
            return PreparedSource(size, False, False, _NOT_REWINDABLE, body, chunk_size)

        # Compressing, or copying a stream whose length is unknown: spool to a temporary file.
        read = body.open()
        first = read(chunk_size)
        spool, spooled_size = _spool(
            first,
            read,
            compress_level=compress_level if must_compress else None,
            max_size=max_size,
            spool_dir=spool_dir,
            chunk_size=chunk_size,
        )
        body.close()
        return PreparedSource(
            spooled_size, must_compress, True, None, _FileBody(spool, 0, owned=True), chunk_size
        )
    except BaseException:
        body.close()
        raise
