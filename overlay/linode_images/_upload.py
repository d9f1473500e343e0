"""Uploading an image: check and prepare the data, PUT it to ``upload_to``, clean up on failure.

``images.upload(source, ...)`` runs these steps, and every check that can fail runs before the
image is created on the account:

1. ``prepare_source`` checks the source (readable, binary, not empty, gzip or to be compressed)
   and works out the exact number of bytes the PUT will send, refusing more than ``max_size``
   (5 GB compressed, the API's limit). Nothing exists on the account yet.
2. ``POST /images/upload`` creates the pending image and answers with ``upload_to``, a
   pre-signed object-storage URL on another host (REAL-API-FACTS "Upload").
3. One PUT of the gzip data over an HTTP client of its own (the user's proxy, CA and timeout
   settings, none of the API's headers): ``Content-Length`` always, since pre-signed PUTs need
   it; the body streamed from the source in chunks; the status checked and an object-storage
   XML error surfaced in ``UploadError``. Connection failures, timeouts, 408, 429 and 5xx retry
   the whole PUT with backoff, but only when the source can be rewound.
4. When the PUT fails for good the pending image is deleted (``delete_on_failure=True``), so the
   account is left as it was; the ``UploadError`` says what happened to the image.

The cost of compressing. Raw data (and gzip data read from a non-seekable stream without
``size=``) is written to an anonymous temporary file first (``tempfile.TemporaryFile`` in
``spool_dir`` or the system default; the operating system removes it when it is closed). That
costs free disk space equal to the compressed size plus one extra write and read of it, and
buys what the PUT needs while memory stays flat: the exact ``Content-Length`` before the image
is created, and a body that can be rewound for a retry. Compressing twice instead (once to
count, once to send) would save the disk space but double the CPU time, and cannot work on a
stream that can only be read once.

Timeouts apply per network operation (connect, each chunk written, the response read), never to
the whole transfer: a large upload over a slow link does not time out while bytes keep moving.
"""

from __future__ import annotations

import abc
import asyncio
import html
import importlib
import ipaddress
import logging
import os
import random
import re
import sys
import tempfile
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

import httpx

from ._errors import LinodeError, NotFoundError, UploadError
from ._models import Image, Unset, UploadImageResponse
from ._retry import parse_retry_after
from ._version import __version__
from ._wait import DEFAULT_STATUS_TIMEOUT

if TYPE_CHECKING:
    from ._client import AsyncImages, Images, NetworkOptions

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_COMPRESS_LEVEL",
    "DEFAULT_MAX_SIZE",
    "Compress",
    "PreparedSource",
    "ProgressCallback",
    "PutFailure",
    "UploadOptions",
    "UploadSource",
    "check_upload_url",
    "parse_object_storage_error",
    "prepare_source",
    "progress_callback",
    "put_async",
    "put_sync",
    "retry_delay",
    "upload_async",
    "upload_async_http_client",
    "upload_http_client",
    "upload_options",
    "upload_sync",
]

Compress: TypeAlias = Literal["auto", "always", "never"]
ProgressCallback: TypeAlias = Callable[[int, int], object]
"""``on_progress(sent_bytes, total_bytes)``; ``sent`` restarts from 0 when the PUT is retried."""

GZIP_MAGIC = b"\x1f\x8b"
# The API's limit on the compressed image (REAL-API-FACTS "Upload"); decimal GB, the stricter
# reading, so that nothing is refused by the API after a long transfer.
DEFAULT_MAX_SIZE = 5 * 10**9
# gzip's own default level, so that the result matches `gzip -c` in size and speed.
DEFAULT_COMPRESS_LEVEL = 6
# Large enough to keep per-chunk overhead negligible against loopback speeds, small enough that
# memory stays flat (a few chunks are alive at any time).
DEFAULT_CHUNK_SIZE = 1 << 20
# An error body is only read this far: enough for object storage's XML, bounded for anything else.
_ERROR_BODY_LIMIT = 64 * 1024

# Statuses and object-storage codes after which sending the same PUT again can succeed.
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_RETRY_CODES = frozenset({"RequestTimeout", "SlowDown", "InternalError", "ServiceUnavailable"})
USER_AGENT = f"linode-images/{__version__}"
logger = logging.getLogger("linode_images")


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


UploadSource: TypeAlias = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""A path, the data itself, or a binary file object (seekable or not)."""


class SourceChangedError(OSError):
    """The source gave another number of bytes than measured (or given as ``size=``) beforehand."""


# --------------------------------------------------------------------------------------------
# Source preparation
# --------------------------------------------------------------------------------------------


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

    def iter_chunks(self) -> Iterator[bytes]:
        reader = self.reader()
        while chunk := reader.next_chunk():
            yield chunk

    async def aiter_chunks(self) -> AsyncIterator[bytes]:
        # File reads run in a worker thread so that a slow disk never blocks the event loop.
        reader = await asyncio.to_thread(self.reader) if self._body.blocking else self.reader()
        while True:
            if self._body.blocking:
                chunk = await asyncio.to_thread(reader.next_chunk)
            else:
                chunk = reader.next_chunk()
            if not chunk:
                return
            yield chunk

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


# --------------------------------------------------------------------------------------------
# The PUT
# --------------------------------------------------------------------------------------------

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_upload_url(upload_to: object) -> httpx.URL:
    """The ``upload_to`` URL if it is safe to send image data to, else ``ValueError``.

    ``https`` only; plain ``http`` is accepted for loopback hosts (a local mock server).

    >>> str(check_upload_url("http://127.0.0.1:8080/bucket/1?Signature=x"))
    'http://127.0.0.1:8080/bucket/1?Signature=x'
    """
    if not isinstance(upload_to, str) or not upload_to:
        raise ValueError("the API sent no upload_to URL for the image data")
    try:
        url = httpx.URL(upload_to)
    except httpx.InvalidURL as exc:
        raise ValueError(f"upload_to is not a valid URL: {exc}") from None
    if not url.host:
        raise ValueError("upload_to has no host")
    if url.userinfo:
        # Credentials in the URL would become an Authorization header on the storage host.
        raise ValueError("upload_to carries user credentials; refusing to send image data to it")
    if url.scheme == "https":
        return url
    if url.scheme == "http" and _is_loopback(url.host):
        return url
    raise ValueError(
        f"upload_to must be an https URL (plain http only to a loopback host), not {url.scheme}://{url.host}"
    )


_XML_FIELD = re.compile(r"<(Code|Message)>([^<]*)</\1>")


def parse_object_storage_error(body: str) -> tuple[str | None, str | None]:
    """``(Code, Message)`` of an object-storage XML error body; None for what is absent.

    >>> parse_object_storage_error("<Error><Code>AccessDenied</Code><Message>Expired</Message></Error>")
    ('AccessDenied', 'Expired')
    """
    # A regular expression rather than an XML parser: the body comes from another host, and
    # two flat text fields do not justify exposing an XML parser (entity expansion) to it.
    found = {name: html.unescape(value.strip()) for name, value in _XML_FIELD.findall(body)}
    return found.get("Code") or None, found.get("Message") or None


class PutFailure(Exception):
    """The PUT failed; ``upload()`` turns this into an ``UploadError`` once the image is dealt with."""

    def __init__(
        self,
        reason: str,
        *,
        status_code: int | None = None,
        code: str | None = None,
        body: str | None = None,
        attempts: int = 1,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status_code = status_code
        self.code = code
        self.body = body
        self.attempts = attempts
        self.retryable = retryable
        self.retry_after = retry_after


def _failure_from_status(status_code: int, body: bytes, headers: httpx.Headers) -> PutFailure:
    text = body.decode("utf-8", errors="replace")
    code, message = parse_object_storage_error(text)
    detail = ": ".join(part for part in (code, message) if part)
    if not detail:
        detail = " ".join(text.split())[:200] or "(empty body)"
    return PutFailure(
        f"the object storage answered {status_code}: {detail}",
        status_code=status_code,
        code=code,
        body=text,
        retryable=status_code in _RETRY_STATUSES or code in _RETRY_CODES,
        # Object storage asks for a pause on 503 SlowDown and 429 with Retry-After.
        retry_after=parse_retry_after(headers.get("Retry-After"), time.time()),
    )


def _failure_from_exception(exc: Exception) -> PutFailure:
    if isinstance(exc, SourceChangedError):
        return PutFailure(str(exc))
    if isinstance(exc, httpx.TimeoutException):
        return PutFailure(f"the upload timed out ({type(exc).__name__}: {exc})", retryable=True)
    # Reset, refused, dropped mid-body: a fresh PUT may well get through.
    return PutFailure(f"the connection failed ({type(exc).__name__}: {exc})", retryable=True)


# The longest storage-requested pause honoured before a retry.
_MAX_RETRY_AFTER = 60.0


def retry_delay(
    retry: int, *, base: float = 1.0, cap: float = 30.0, rng: random.Random | None = None
) -> float:
    """Pause before retry number ``retry`` (1, 2, ...): exponential with jitter, at most ``cap``."""
    ceiling = min(cap, base * 2 ** (retry - 1))
    return (rng or random).uniform(ceiling / 2, ceiling)


def _headers(size: int, user_agent: str) -> dict[str, str]:
    # Only what the object storage needs: no Authorization, no X-Filter, no API Accept.
    return {
        "Content-Type": "application/octet-stream",
        "Content-Length": str(size),
        "User-Agent": user_agent,
    }


def _with_progress(
    chunks: Iterator[bytes], total: int, on_progress: ProgressCallback | None
) -> Iterator[bytes]:
    sent = 0
    if on_progress is not None:
        on_progress(0, total)
    for chunk in chunks:
        yield chunk
        # Runs when the HTTP client asks for the next chunk, i.e. after this one went out.
        sent += len(chunk)
        if on_progress is not None:
            on_progress(sent, total)


async def _awith_progress(
    chunks: AsyncIterator[bytes], total: int, on_progress: ProgressCallback | None
) -> AsyncIterator[bytes]:
    sent = 0
    if on_progress is not None:
        on_progress(0, total)
    async for chunk in chunks:
        yield chunk
        sent += len(chunk)
        if on_progress is not None:
            on_progress(sent, total)


def _next_step(failure: PutFailure, attempt: int, max_attempts: int, source: PreparedSource) -> float | None:
    """The pause before the next attempt, or None when ``failure`` is final (reason added)."""
    failure.attempts = attempt
    if not failure.retryable:
        return None
    if not source.rewindable:
        failure.reason += f"; not retried: {source.not_rewindable}"
        return None
    if attempt >= max_attempts:
        failure.reason += f"; gave up after {attempt} attempts"
        return None
    if failure.retry_after is None:
        pause = retry_delay(attempt)
    else:
        # The storage's own Retry-After, negative read as 0 and capped like the API's.
        pause = min(max(failure.retry_after, 0.0), _MAX_RETRY_AFTER)
    # The URL stays out of the log: its query string is a credential for the image's data.
    logger.info(
        "upload PUT attempt %d of %d failed (%s); retrying in %.2fs",
        attempt,
        max_attempts,
        failure.reason,
        pause,
    )
    return pause


def put_sync(
    http: httpx.Client,
    upload_to: str,
    source: PreparedSource,
    *,
    user_agent: str,
    on_progress: ProgressCallback | None = None,
    max_attempts: int = 3,
    sleep: Callable[[float], object],
) -> int:
    """PUT ``source`` to ``upload_to``; the number of attempts it took, or ``PutFailure``."""
    url = check_upload_url(upload_to)
    attempt = 0
    while True:
        attempt += 1
        try:
            request = http.build_request(
                "PUT",
                url,
                headers=_headers(source.size, user_agent),
                content=_with_progress(source.iter_chunks(), source.size, on_progress),
            )
            response = http.send(request, stream=True)
            try:
                # The body is read on success too: a connection dropped after a 200 status line
                # is a failed upload, not a finished one.
                body = _read_capped(response.iter_bytes())
            finally:
                response.close()
            if response.is_success:
                return attempt
            failure = _failure_from_status(response.status_code, body, response.headers)
        except (httpx.TransportError, SourceChangedError) as exc:
            failure = _failure_from_exception(exc)
        pause = _next_step(failure, attempt, max_attempts, source)
        if pause is None:
            raise failure
        sleep(pause)


async def put_async(
    http: httpx.AsyncClient,
    upload_to: str,
    source: PreparedSource,
    *,
    user_agent: str,
    on_progress: ProgressCallback | None = None,
    max_attempts: int = 3,
    sleep: Callable[[float], Awaitable[object]],
) -> int:
    """Async ``put_sync``."""
    url = check_upload_url(upload_to)
    attempt = 0
    while True:
        attempt += 1
        try:
            request = http.build_request(
                "PUT",
                url,
                headers=_headers(source.size, user_agent),
                content=_awith_progress(source.aiter_chunks(), source.size, on_progress),
            )
            response = await http.send(request, stream=True)
            try:
                body = b""
                async for part in response.aiter_bytes():
                    body += part
                    if len(body) >= _ERROR_BODY_LIMIT:
                        break
            finally:
                await response.aclose()
            if response.is_success:
                return attempt
            failure = _failure_from_status(response.status_code, body[:_ERROR_BODY_LIMIT], response.headers)
        except (httpx.TransportError, SourceChangedError) as exc:
            failure = _failure_from_exception(exc)
        pause = _next_step(failure, attempt, max_attempts, source)
        if pause is None:
            raise failure
        await sleep(pause)


def _read_capped(parts: Iterator[bytes]) -> bytes:
    body = b""
    for part in parts:
        body += part
        if len(body) >= _ERROR_BODY_LIMIT:
            break
    return body[:_ERROR_BODY_LIMIT]


# --------------------------------------------------------------------------------------------
# Progress bar (optional extra)
# --------------------------------------------------------------------------------------------


class _ProgressBar:
    """A tqdm bar on stderr fed by ``(sent, total)``; tqdm is imported only when asked for."""

    def __init__(self, description: str) -> None:
        try:
            self._tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError:
            raise ImportError(
                "progress=True needs the optional extra: pip install 'linode-images[progress]'"
            ) from None
        self._description = description
        self._bar: Any = None

    def __call__(self, sent: int, total: int) -> None:
        if self._bar is None:
            self._bar = self._tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=self._description,
                file=sys.stderr,
            )
        elif sent < self._bar.n:
            self._bar.reset(total=total)  # the PUT is being retried from the start
        self._bar.update(sent - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def progress_callback(
    on_progress: ProgressCallback | None, progress: bool, description: str
) -> tuple[ProgressCallback | None, Callable[[], None]]:
    """One callback feeding ``on_progress`` and, if ``progress``, a bar; plus the bar's close."""
    if not progress:
        return on_progress, lambda: None
    bar = _ProgressBar(description)
    if on_progress is None:
        return bar, bar.close
    user_callback = on_progress

    def both(sent: int, total: int) -> None:
        bar(sent, total)
        user_callback(sent, total)

    return both, bar.close


# --------------------------------------------------------------------------------------------
# images.upload(): the steps together
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadOptions:
    """Everything ``images.upload`` was asked for, checked once for both clients."""

    label: str
    region: str
    description: str | None = None
    tags: tuple[str, ...] | None = None
    cloud_init: bool = False
    compress: Compress = "auto"
    compress_level: int = DEFAULT_COMPRESS_LEVEL
    max_size: int = DEFAULT_MAX_SIZE
    size: int | None = None
    spool_dir: str | os.PathLike[str] | None = None
    on_progress: ProgressCallback | None = None
    progress: bool = False
    wait: bool = True
    wait_timeout: float | None = DEFAULT_STATUS_TIMEOUT
    """Seconds to wait for ``available``; None waits for ever, as in ``wait_for_status``."""
    delete_on_failure: bool = True
    max_attempts: int = 3

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label:
            raise ValueError("label must be a non-empty str")
        if not isinstance(self.region, str) or not self.region:
            raise ValueError("region must be a region id such as 'us-east'")
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, not {self.max_attempts}")

    def prepare(self, source: UploadSource) -> PreparedSource:
        return prepare_source(
            source,
            compress=self.compress,
            compress_level=self.compress_level,
            max_size=self.max_size,
            size=self.size,
            spool_dir=self.spool_dir,
        )

    def create_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``images.create_upload``; ``cloud_init`` and ``tags`` included."""
        kwargs: dict[str, Any] = {"label": self.label, "region": self.region, "cloud_init": self.cloud_init}
        if self.description is not None:
            kwargs["description"] = self.description
        if self.tags is not None:
            kwargs["tags"] = list(self.tags)
        return kwargs


def upload_options(tags: Iterable[str] | None, **options: Any) -> UploadOptions:
    """``UploadOptions`` from ``images.upload``'s keyword arguments."""
    if isinstance(tags, str):
        raise ValueError(f"tags must be a list of str such as [{tags!r}], not a str")
    return UploadOptions(tags=tuple(tags) if tags is not None else None, **options)


class _BorrowedTransport(httpx.BaseTransport):
    """The user's transport, shared with the API client: closing the upload client keeps it open."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._inner.handle_request(request)


class _BorrowedAsyncTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)


def _upload_client_kwargs(network: NetworkOptions) -> dict[str, Any]:
    # The user's TLS, proxy, timeout and transport settings; no base URL, no auth, no API
    # headers, so nothing of the API's reaches the storage host. Redirects are not followed:
    # a pre-signed PUT does not redirect, and following one would send the data elsewhere.
    kwargs = network.httpx_kwargs()
    kwargs["follow_redirects"] = False
    return kwargs


def upload_http_client(network: NetworkOptions) -> httpx.Client:
    """An ``httpx.Client`` for the PUT, built from the API client's network settings."""
    kwargs = _upload_client_kwargs(network)
    if isinstance(kwargs.get("transport"), httpx.BaseTransport):
        kwargs["transport"] = _BorrowedTransport(kwargs["transport"])
    return httpx.Client(**kwargs)


def upload_async_http_client(network: NetworkOptions) -> httpx.AsyncClient:
    """Async ``upload_http_client``."""
    kwargs = _upload_client_kwargs(network)
    if isinstance(kwargs.get("transport"), httpx.AsyncBaseTransport):
        kwargs["transport"] = _BorrowedAsyncTransport(kwargs["transport"])
    return httpx.AsyncClient(**kwargs)


def _pending_parts(pending: UploadImageResponse) -> tuple[str, str]:
    """(image id, upload_to) of the ``POST /images/upload`` answer."""
    image = pending.image
    image_id = image.id if not isinstance(image, Unset) else None
    if not isinstance(image_id, str) or not image_id:
        raise UploadError("the API's answer to POST /images/upload carried no image id; nothing was sent")
    upload_to = pending.upload_to if isinstance(pending.upload_to, str) else ""
    return image_id, upload_to


def _kept_message(image_id: str) -> str:
    return (
        f"the pending image {image_id} was kept (delete_on_failure=False); the API cancels it if no "
        "data arrives within 24 hours"
    )


def _deleted_message(image_id: str, error: LinodeError | None) -> tuple[bool, str]:
    if error is None:
        return True, f"the pending image {image_id} was deleted, so the account is as it was"
    if isinstance(error, NotFoundError):
        return True, f"the pending image {image_id} is already gone"
    return False, (
        f"deleting the pending image {image_id} failed too ({error.message}); it stays in "
        "pending_upload until the API cancels it (24 hours without data)"
    )


def _upload_error(
    options: UploadOptions, image_id: str, failure: PutFailure, deleted: bool | None, what: str
) -> UploadError:
    return UploadError(
        f"uploading {options.label!r} ({image_id}) failed: {failure.reason}; {what}",
        status_code=failure.status_code,
        code=failure.code,
        body=failure.body,
        image_id=image_id,
        image_deleted=deleted,
        attempts=failure.attempts,
    )


def _checked_url(upload_to: str) -> httpx.URL:
    try:
        return check_upload_url(upload_to)
    except ValueError as exc:
        raise PutFailure(str(exc)) from None


def upload_sync(images: Images, source: UploadSource, options: UploadOptions) -> Image:
    """``Images.upload``: check, create, PUT, clean up on failure, wait."""
    client = images._client
    # A missing progress extra is reported before anything is created.
    report, close_bar = progress_callback(options.on_progress, options.progress, options.label)
    try:
        with options.prepare(source) as prepared:
            pending = images.create_upload(**options.create_kwargs())
            image_id, upload_to = _pending_parts(pending)
            try:
                with upload_http_client(client._network) as http:
                    put_sync(
                        http,
                        str(_checked_url(upload_to)),
                        prepared,
                        user_agent=USER_AGENT,
                        on_progress=report,
                        max_attempts=options.max_attempts,
                        sleep=client._sleep,
                    )
            except PutFailure as failure:
                deleted, what = _cleanup_sync(images, image_id, options.delete_on_failure)
                raise _upload_error(options, image_id, failure, deleted, what) from failure
            except BaseException:
                # Interrupted (Ctrl-C, a raising on_progress): leave nothing half-made behind.
                if options.delete_on_failure:
                    _cleanup_sync(images, image_id, True)
                raise
    finally:
        close_bar()
    if not options.wait:
        return pending.image if isinstance(pending.image, Image) else images.get(image_id)
    return images.wait_for_status(image_id, "available", timeout=options.wait_timeout)


def _cleanup_sync(images: Images, image_id: str, delete: bool) -> tuple[bool | None, str]:
    if not delete:
        return None, _kept_message(image_id)
    try:
        images.delete(image_id)
    except LinodeError as exc:
        return _deleted_message(image_id, exc)
    return _deleted_message(image_id, None)


async def upload_async(images: AsyncImages, source: UploadSource, options: UploadOptions) -> Image:
    """``AsyncImages.upload``: ``upload_sync`` with the file work in a worker thread."""
    client = images._client
    report, close_bar = progress_callback(options.on_progress, options.progress, options.label)
    try:
        prepared = await _prepare_off_loop(options, source)
        with prepared:
            pending = await images.create_upload(**options.create_kwargs())
            image_id, upload_to = _pending_parts(pending)
            try:
                async with upload_async_http_client(client._network) as http:
                    await put_async(
                        http,
                        str(_checked_url(upload_to)),
                        prepared,
                        user_agent=USER_AGENT,
                        on_progress=report,
                        max_attempts=options.max_attempts,
                        sleep=client._sleep,
                    )
            except PutFailure as failure:
                deleted, what = await _cleanup_async(images, image_id, options.delete_on_failure)
                raise _upload_error(options, image_id, failure, deleted, what) from failure
            except BaseException:
                if options.delete_on_failure:
                    await _cleanup_async(images, image_id, True)
                raise
    finally:
        close_bar()
    if not options.wait:
        return pending.image if isinstance(pending.image, Image) else await images.get(image_id)
    return await images.wait_for_status(image_id, "available", timeout=options.wait_timeout)


async def _prepare_off_loop(options: UploadOptions, source: UploadSource) -> PreparedSource:
    """Read, compress and spool in a worker thread, so blocking file work stays off the event loop.

    A thread cannot be cancelled: if the caller is, the source it goes on to prepare is closed
    when it finishes, so no temporary file or opened path is left behind.
    """
    work = asyncio.ensure_future(asyncio.to_thread(options.prepare, source))
    try:
        return await asyncio.shield(work)
    except asyncio.CancelledError:
        work.add_done_callback(_close_when_prepared)
        raise


def _close_when_prepared(work: asyncio.Future[PreparedSource]) -> None:
    if not work.cancelled() and work.exception() is None:
        work.result().close()


async def _cleanup_async(images: AsyncImages, image_id: str, delete: bool) -> tuple[bool | None, str]:
    if not delete:
        return None, _kept_message(image_id)
    try:
        await images.delete(image_id)
    except LinodeError as exc:
        return _deleted_message(image_id, exc)
    return _deleted_message(image_id, None)
