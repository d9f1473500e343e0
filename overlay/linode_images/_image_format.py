"""What a source holds, checked before anything is created: a raw disk, compressed how, complete.

The API imports one gzip-compressed **raw** disk image (REAL-API-FACTS "Upload"). Anything
else is taken as a raw disk that cannot boot, and that is found out only after the upload
and the import. So, from the first bytes of the (decompressed) data:

- virtual-machine disk formats (qcow2, VMDK, VHD, VHDX, VDI) and ISO 9660 / UDF disc images
  are refused by their magic bytes, with the ``qemu-img convert -O raw`` that fixes it;
- gzip data is sent as it is, after a pass that checks every member is complete (deflate
  stream, CRC-32 and length), so that a truncated ``.img.gz`` is refused before a long upload;
- xz and bzip2 data is decompressed on the fly (the standard library's ``lzma`` and ``bz2``)
  and gzip-compressed on its way into the spool; zstd and zip archives are refused with the
  command that unpacks them;
- the uncompressed size must be at most the API's 6 GB (``max_uncompressed_size``): checked
  from the file size for raw data, counted while decompressing otherwise.

Decompression is bounded: at most ``n`` bytes come out of one ``read(n)``, however well the
input compresses, so memory stays flat even for a stream of zeros.
"""

from __future__ import annotations

import bz2
import lzma
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from ._compress import fast_zlib
from ._sizes import format_size

__all__ = [
    "HEAD_SIZE",
    "TAIL_SIZE",
    "Container",
    "DecompressingReader",
    "GzipCheck",
    "LimitedReader",
    "check_disk_image",
    "check_gzip_head",
    "check_uncompressed_size",
    "container_of",
    "gzip_size_hint",
    "verify_gzip",
]

Container: TypeAlias = Literal["raw", "gzip", "xz", "bzip2"]

GZIP_MAGIC = b"\x1f\x8b"
_XZ_MAGIC = b"\xfd7zXZ\x00"
_BZIP2_MAGIC = b"BZh"
# ISO 9660 and UDF put their first volume descriptor's id at byte 0x8001 (sector 16, after one
# byte of type): the head must reach past it.
_ISO_OFFSET = 0x8001
HEAD_SIZE = _ISO_OFFSET + 5
TAIL_SIZE = 512  # a fixed VHD is a raw disk with a 512-byte footer

_CONVERT = "convert it to a raw disk image first: qemu-img convert -O raw {path} disk.img"

# (offset, magic, name, qemu-img's name for it): the start of each format's header.
_DISK_SIGNATURES: tuple[tuple[int, bytes, str, str], ...] = (
    (0, b"QFI\xfb", "qcow2", "qcow2"),
    (0, b"KDMV", "VMDK", "vmdk"),
    (0, b"COWD", "VMDK (ESX sparse)", "vmdk"),
    (0, b"# Disk DescriptorFile", "VMDK descriptor", "vmdk"),
    (0, b"vhdxfile", "VHDX", "vhdx"),
    (0, b"conectix", "VHD", "vpc"),
    (0x40, b"\x7f\x10\xda\xbe", "VDI (VirtualBox)", "vdi"),
)
_DISC_IDS = (b"CD001", b"BEA01")  # ISO 9660, UDF
# Compressed archives the standard library cannot stream here: (magic, name, how to unpack).
_FOREIGN_ARCHIVES = (
    (b"\x28\xb5\x2f\xfd", "zstd", "zstd -d disk.img.zst"),
    (b"PK\x03\x04", "zip", "unzip disk.zip"),
)


def check_disk_image(head: bytes, tail: bytes = b"", *, path: str = "<image>") -> None:
    """``ValueError`` unless ``head`` (the first ``HEAD_SIZE`` bytes) can start a raw disk image.

    ``tail``, the last 512 bytes where the file can be read from its end, finds a fixed VHD.

    >>> try:
    ...     check_disk_image(b"QFI\\xfb" + bytes(100), path="disk.qcow2")
    ... except ValueError as error:
    ...     print(str(error).split(": ")[1])
    qemu-img convert -O raw -f qcow2 disk.qcow2 disk.img (nothing was created)
    """
    for offset, magic, name, qemu_name in _DISK_SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            raise _not_raw(name, qemu_name, path)
    if tail[-TAIL_SIZE:][:8] == b"conectix":
        raise _not_raw("VHD (fixed)", "vpc", path)
    if head[_ISO_OFFSET : _ISO_OFFSET + 5] in _DISC_IDS:
        raise ValueError(
            "the source is an ISO 9660 or UDF disc image (an installer or live CD), not a raw disk "
            "image; install from it onto a disk (in a virtual machine, for example) and upload that "
            "disk as a raw image: qemu-img convert -O raw <that disk> disk.img (nothing was created)"
        )
    for magic, name, unpack in _FOREIGN_ARCHIVES:
        if head.startswith(magic):
            raise ValueError(
                f"the source is a {name} archive, which is not decompressed here; unpack it first "
                f"({unpack}) and upload the raw disk image, or gzip it (nothing was created)"
            )


def _not_raw(name: str, qemu_name: str, path: str) -> ValueError:
    how = _CONVERT.format(path=f"-f {qemu_name} {path}")
    return ValueError(f"the source is a {name} image, not a raw disk image; {how} (nothing was created)")


def check_gzip_head(head: bytes, *, path: str = "<image>") -> None:
    """``check_disk_image`` on what the first bytes of gzip data decompress to."""
    fast = fast_zlib()
    inflate = fast.decompressobj(31) if fast is not None else zlib.decompressobj(31)
    try:
        inner = inflate.decompress(head, HEAD_SIZE)
    except _damaged() as exc:
        raise ValueError(
            f"the gzip data is damaged at its start ({exc}); the file is corrupt: download or "
            "compress it again (nothing was created)"
        ) from None
    check_disk_image(inner, path=path)


def container_of(head: bytes) -> Container:
    """How the data is compressed, from its first bytes; ``raw`` when it is not."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(_XZ_MAGIC):
        return "xz"
    if head.startswith(_BZIP2_MAGIC) and head[3:4].isdigit() and head[3:4] != b"0":
        return "bzip2"
    return "raw"


def check_uncompressed_size(size: int, limit: int) -> None:
    """``ValueError`` when ``size`` uncompressed bytes are more than the API accepts."""
    if size > limit:
        raise ValueError(
            f"the image is {format_size(size)} uncompressed, more than the API's limit of "
            f"{format_size(limit)} (max_uncompressed_size); shrink the disk's file system and "
            "partition and truncate the image, then upload it again (nothing was created)"
        )


def gzip_size_hint(tail: bytes) -> int:
    """The uncompressed size the last gzip member's trailer states, modulo 2**32.

    The true size is at least this much (more by a multiple of 4 GiB, and by earlier members),
    so a hint over the limit refuses the file without reading it.
    """
    return int.from_bytes(tail[-4:], "little") if len(tail) >= 4 else 0


if TYPE_CHECKING:
    _Decompressor: TypeAlias = zlib._Decompress | lzma.LZMADecompressor | bz2.BZ2Decompressor


def _new_decompressor(container: Container) -> _Decompressor:
    if container == "gzip":
        # wbits 31: the gzip header, deflate, and the trailer's CRC-32 and length checked.
        fast = fast_zlib()
        return fast.decompressobj(31) if fast is not None else zlib.decompressobj(31)
    if container == "xz":
        return lzma.LZMADecompressor(lzma.FORMAT_XZ)
    if container == "bzip2":
        return bz2.BZ2Decompressor()
    raise ValueError(f"raw data is not decompressed (container {container!r})")


_MAGIC = {"gzip": GZIP_MAGIC, "xz": _XZ_MAGIC, "bzip2": _BZIP2_MAGIC}


def _damaged() -> tuple[type[Exception], ...]:
    fast = fast_zlib()
    errors: tuple[type[Exception], ...] = (zlib.error, lzma.LZMAError, OSError, EOFError)
    return (*errors, fast.error) if fast is not None else errors


class DecompressingReader:
    """``read(n)`` of the decompressed bytes of gzip, xz or bzip2 data read through ``read``.

    Every stream (member) must be complete: data that ends early, fails its check or is followed
    by anything but another stream of the same kind (or zero padding) is a ``ValueError``.
    """

    def __init__(
        self, read: Callable[[int], bytes], container: Container, *, chunk_size: int = 1 << 20
    ) -> None:
        self._read = read
        self._container = container
        self._chunk_size = chunk_size
        self._inflate = _new_decompressor(container)
        self._input = b""  # compressed bytes read but not yet given to the decompressor
        self._started = False  # the current stream has been given input
        self._done = False
        self.streams = 0  # complete streams (gzip members) read so far
        self.compressed_read = 0

    def _more_input(self) -> bytes:
        data = self._read(self._chunk_size)
        self.compressed_read += len(data)
        return data

    def read(self, n: int = 1 << 20) -> bytes:
        while not self._done:
            out = self._step(n)
            if out:
                return out
        return b""

    def _step(self, n: int) -> bytes:
        inflate = self._inflate
        if inflate.eof:
            self.streams += 1
            self._input = inflate.unused_data
            self._next_stream()
            return b""
        if isinstance(inflate, lzma.LZMADecompressor | bz2.BZ2Decompressor):
            if not inflate.needs_input:  # output held back from the last call (max_length)
                return self._decompress(b"", n)
        elif inflate.unconsumed_tail:  # zlib: input held back from the last call (max_length)
            return self._decompress(inflate.unconsumed_tail, n)
        elif self._started:
            out = self._decompress(b"", n)  # zlib may hold output with no input left
            if out or inflate.eof:
                return out
        data = self._input or self._more_input()
        self._input = b""
        if not data:
            raise self._truncated()
        self._started = True
        return self._decompress(data, n)

    def _decompress(self, data: bytes, n: int) -> bytes:
        try:
            return self._inflate.decompress(data, n)
        except _damaged() as exc:
            raise ValueError(
                f"the {self._container} data is damaged ({exc}) after {format_size(self.compressed_read)} "
                "of it were read; the file is corrupt: download or compress it again (nothing was created)"
            ) from None

    def _next_stream(self) -> None:
        """After a complete stream: the end, zero padding, or another stream of the same kind."""
        magic = _MAGIC[self._container]
        while True:
            rest = self._input.lstrip(b"\x00")
            if rest:
                break
            data = self._more_input()
            if not data:
                self._done = True
                return
            self._input = data
        if len(rest) < len(magic):
            rest += self._more_input()
        if not rest.startswith(magic):
            raise ValueError(
                f"the {self._container} data is followed by bytes that are not {self._container} data "
                f"(after {format_size(self.compressed_read - len(rest))}); the file is damaged or not "
                "one image: check it (nothing was created)"
            )
        self._input = rest
        self._inflate = _new_decompressor(self._container)
        self._started = False

    def _truncated(self) -> ValueError:
        return ValueError(
            f"the {self._container} data ends early, after {format_size(self.compressed_read)}: the file "
            "is truncated (an interrupted download or copy?); download or compress it again "
            "(nothing was created)"
        )


class LimitedReader:
    """``read(n)`` passing through at most ``limit`` bytes; one byte more is a ``ValueError``."""

    def __init__(self, read: Callable[[int], bytes], limit: int) -> None:
        self._read = read
        self._limit = limit
        self.count = 0

    def read(self, n: int) -> bytes:
        data = self._read(n)
        self.count += len(data)
        check_uncompressed_size(self.count, self._limit)
        return data


@dataclass(frozen=True)
class GzipCheck:
    """What a verified gzip file holds: its uncompressed size and number of members."""

    uncompressed_size: int
    members: int


def verify_gzip(
    read: Callable[[int], bytes],
    *,
    max_uncompressed_size: int,
    path: str = "<image>",
    chunk_size: int = 1 << 20,
    on_progress: Callable[[int], object] | None = None,
) -> GzipCheck:
    """Read gzip data to its end: every member complete, its CRC-32 and length right, a raw disk inside.

    ``on_progress(compressed_bytes_read)`` is called as the pass goes.

    >>> import gzip, io
    >>> verify_gzip(io.BytesIO(gzip.compress(bytes(1000))).read, max_uncompressed_size=10**9)
    GzipCheck(uncompressed_size=1000, members=1)
    """
    reader = DecompressingReader(read, "gzip", chunk_size=chunk_size)
    limited = LimitedReader(reader.read, max_uncompressed_size)
    head = b""
    while len(head) < HEAD_SIZE:
        part = limited.read(HEAD_SIZE - len(head))
        if not part:
            break
        head += part
    check_disk_image(head, path=path)
    while limited.read(chunk_size):
        if on_progress is not None:
            on_progress(reader.compressed_read)
    if limited.count == 0:
        raise ValueError("the gzip data holds no image (it decompresses to nothing); nothing was created")
    return GzipCheck(limited.count, reader.streams)
