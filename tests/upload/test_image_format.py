"""Source checks: raw disks only, xz/bzip2 decompressed, gzip verified whole, the uncompressed limit."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import struct

import pytest
from linode_images import _compress, _image_format
from linode_images._image_format import (
    HEAD_SIZE,
    DecompressingReader,
    LimitedReader,
    check_disk_image,
    check_uncompressed_size,
    container_of,
    gzip_size_hint,
    verify_gzip,
)
from linode_images._sizes import DEFAULT_MAX_UNCOMPRESSED_SIZE, format_size

from .support import RAW


@pytest.fixture(autouse=True, params=["zlib", "zlib-ng"])
def inflate(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every check runs with the standard zlib and with zlib-ng's inflate (the fast-gzip extra)."""
    if request.param == "zlib":
        monkeypatch.setattr(_image_format, "fast_zlib", lambda: None)
    elif _compress.fast_zlib() is None:
        pytest.skip("the fast-gzip extra (zlib-ng) is not installed")
    return str(request.param)


def at(offset: int, magic: bytes, size: int = HEAD_SIZE) -> bytes:
    data = bytearray(size)
    data[offset : offset + len(magic)] = magic
    return bytes(data)


VM_FORMATS = {
    "qcow2": (at(0, b"QFI\xfb\x00\x00\x00\x03"), "-f qcow2"),
    "VMDK": (at(0, b"KDMV\x01\x00\x00\x00"), "-f vmdk"),
    "VMDK (ESX sparse)": (at(0, b"COWD\x01\x00\x00\x00"), "-f vmdk"),
    "VMDK descriptor": (b"# Disk DescriptorFile\nversion=1\n", "-f vmdk"),
    "VHDX": (at(0, b"vhdxfile"), "-f vhdx"),
    "VHD": (at(0, b"conectix\x00\x00\x00\x02"), "-f vpc"),
    "VDI (VirtualBox)": (
        b"<<< Oracle VM VirtualBox Disk Image >>>\n".ljust(0x40, b"\0") + b"\x7f\x10\xda\xbe",
        "-f vdi",
    ),
}


@pytest.mark.parametrize("name", list(VM_FORMATS))
def test_every_virtual_machine_disk_format_is_refused_naming_qemu_img(name: str) -> None:
    head, flag = VM_FORMATS[name]
    with pytest.raises(ValueError) as refused:
        check_disk_image(head, path="disk.bin")
    message = str(refused.value)
    assert f"the source is a {name} image, not a raw disk image" in message
    assert f"qemu-img convert -O raw {flag} disk.bin disk.img" in message
    assert "nothing was created" in message


def test_a_fixed_vhd_is_found_by_its_footer() -> None:
    footer = b"conectix" + bytes(504)
    with pytest.raises(ValueError, match=r"VHD \(fixed\).*qemu-img convert -O raw -f vpc"):
        check_disk_image(bytes(HEAD_SIZE), footer, path="disk.vhd")


@pytest.mark.parametrize("disc_id", [b"CD001", b"BEA01"], ids=["iso9660", "udf"])
def test_an_iso_disc_image_is_refused_saying_what_to_do(disc_id: bytes) -> None:
    # An isohybrid ISO starts with an MBR, like a disk; the volume descriptor gives it away.
    head = at(0, b"\xeb\x63\x90")
    head = head[:0x8000] + b"\x01" + disc_id + head[0x8006:]
    with pytest.raises(ValueError) as refused:
        check_disk_image(head)
    assert "ISO 9660 or UDF disc image" in str(refused.value)
    assert "qemu-img convert -O raw" in str(refused.value)


@pytest.mark.parametrize(
    ("head", "name", "hint"),
    [(b"\x28\xb5\x2f\xfd" + bytes(60), "zstd", "zstd -d"), (b"PK\x03\x04" + bytes(60), "zip", "unzip")],
)
def test_archives_that_are_not_decompressed_here_are_refused(head: bytes, name: str, hint: str) -> None:
    with pytest.raises(ValueError, match=f"a {name} archive.*{hint}"):
        check_disk_image(head)


@pytest.mark.parametrize(
    "head",
    [
        bytes(HEAD_SIZE),  # zeroed space
        at(0, b"\xeb\x63\x90"),  # a boot sector
        at(0x1FE, b"\x55\xaa"),  # MBR signature, then a GPT header at 512
        RAW[:HEAD_SIZE],
        b"short",  # a head shorter than the checks reach
    ],
)
def test_raw_disk_images_pass(head: bytes) -> None:
    check_disk_image(head, bytes(512))


@pytest.mark.parametrize(
    ("data", "container"),
    [
        (gzip.compress(b"x"), "gzip"),
        (lzma.compress(b"x"), "xz"),
        (bz2.compress(b"x"), "bzip2"),
        (RAW[:64], "raw"),
        (b"BZh0", "raw"),  # not a bzip2 block size
        (lzma.compress(b"x", format=lzma.FORMAT_ALONE), "raw"),  # .lzma: no magic to trust
    ],
)
def test_container_of_reads_the_magic_bytes(data: bytes, container: str) -> None:
    assert container_of(data) == container


def drain(reader: DecompressingReader, n: int = 1 << 16) -> bytes:
    out = []
    while part := reader.read(n):
        assert len(part) <= n, "one read returned more than asked for"
        out.append(part)
    return b"".join(out)


COMPRESSORS = {"gzip": gzip.compress, "xz": lzma.compress, "bzip2": bz2.compress}


@pytest.mark.parametrize("container", list(COMPRESSORS))
def test_decompressing_gives_the_image_byte_identical(container: str) -> None:
    packed = COMPRESSORS[container](RAW)
    reader = DecompressingReader(io.BytesIO(packed).read, container, chunk_size=4096)  # type: ignore[arg-type]
    assert drain(reader) == RAW
    assert reader.streams == 1


@pytest.mark.parametrize("container", list(COMPRESSORS))
def test_several_streams_and_zero_padding_are_read_in_order(container: str) -> None:
    # pbzip2, pigz -i and cat a.gz b.gz write several streams; xz allows zero padding between them.
    packed = COMPRESSORS[container](RAW[:1000]) + bytes(4) + COMPRESSORS[container](RAW[1000:]) + bytes(8)
    reader = DecompressingReader(io.BytesIO(packed).read, container, chunk_size=777)  # type: ignore[arg-type]
    assert drain(reader) == RAW
    assert reader.streams == 2


@pytest.mark.parametrize("container", list(COMPRESSORS))
def test_a_highly_compressed_stream_comes_out_in_bounded_reads(container: str) -> None:
    zeros = bytes(20 << 20)
    packed = COMPRESSORS[container](zeros)
    reader = DecompressingReader(io.BytesIO(packed).read, container)  # type: ignore[arg-type]
    assert len(drain(reader, 1 << 20)) == len(zeros)


@pytest.mark.parametrize("container", list(COMPRESSORS))
def test_truncated_data_is_refused_saying_so(container: str) -> None:
    packed = COMPRESSORS[container](RAW)
    reader = DecompressingReader(io.BytesIO(packed[: len(packed) - 9]).read, container)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"the {container} data ends early.*truncated.*nothing was created"):
        drain(reader)


def test_a_wrong_crc_is_refused_as_damaged() -> None:
    packed = bytearray(gzip.compress(RAW))
    packed[-8] ^= 0xFF  # the CRC-32 in the trailer
    with pytest.raises(ValueError, match=r"the gzip data is damaged.*incorrect data check"):
        verify_gzip(io.BytesIO(bytes(packed)).read, max_uncompressed_size=10**9)


def test_a_wrong_length_is_refused_as_damaged() -> None:
    packed = bytearray(gzip.compress(RAW))
    packed[-4:] = struct.pack("<I", len(RAW) + 1)
    with pytest.raises(ValueError, match=r"the gzip data is damaged.*incorrect length check"):
        verify_gzip(io.BytesIO(bytes(packed)).read, max_uncompressed_size=10**9)


def test_bytes_after_the_gzip_data_are_refused() -> None:
    packed = gzip.compress(RAW) + b"<html>not found</html>"
    with pytest.raises(ValueError, match="followed by bytes that are not gzip data"):
        verify_gzip(io.BytesIO(packed).read, max_uncompressed_size=10**9)


@pytest.mark.parametrize("cut", [1, 10, 100, 5000])
def test_verify_gzip_refuses_a_truncated_img_gz(cut: int) -> None:
    packed = gzip.compress(RAW)
    with pytest.raises(ValueError, match="truncated"):
        verify_gzip(io.BytesIO(packed[:-cut]).read, max_uncompressed_size=10**9)


def test_verify_gzip_reports_size_members_and_progress() -> None:
    packed = gzip.compress(RAW[:5000]) + gzip.compress(RAW[5000:])
    seen: list[int] = []
    check = verify_gzip(
        io.BytesIO(packed).read, max_uncompressed_size=10**9, chunk_size=4096, on_progress=seen.append
    )
    assert (check.uncompressed_size, check.members) == (len(RAW), 2)
    assert seen and seen[-1] == len(packed) and seen == sorted(seen)


def test_verify_gzip_looks_inside_for_a_disk_format() -> None:
    packed = gzip.compress(at(0, b"QFI\xfb") + RAW)
    with pytest.raises(ValueError, match=r"qcow2 image.*qemu-img convert -O raw -f qcow2 disk\.qcow2\.gz"):
        verify_gzip(io.BytesIO(packed).read, max_uncompressed_size=10**9, path="disk.qcow2.gz")


def test_verify_gzip_refuses_more_than_the_uncompressed_limit_without_reading_on() -> None:
    packed = gzip.compress(bytes(8 << 20))
    stream = io.BytesIO(packed + gzip.compress(bytes(1 << 20)))
    with pytest.raises(
        ValueError, match=r"uncompressed, more than the API's limit of 4.19 MB \(4,194,304 bytes\)"
    ):
        verify_gzip(stream.read, max_uncompressed_size=4 << 20, chunk_size=1024)
    assert stream.tell() < len(packed), "the whole file was read after the limit was passed"


def test_an_empty_gzip_is_refused() -> None:
    with pytest.raises(ValueError, match="decompresses to nothing"):
        verify_gzip(io.BytesIO(gzip.compress(b"")).read, max_uncompressed_size=10**9)


def test_the_uncompressed_limit_is_the_apis_6_gb() -> None:
    assert DEFAULT_MAX_UNCOMPRESSED_SIZE == 6 * 10**9
    check_uncompressed_size(6 * 10**9, DEFAULT_MAX_UNCOMPRESSED_SIZE)
    with pytest.raises(ValueError, match=r"6.00 GB \(6,000,000,001 bytes\) uncompressed.*6.00 GB"):
        check_uncompressed_size(6 * 10**9 + 1, DEFAULT_MAX_UNCOMPRESSED_SIZE)


def test_limited_reader_passes_up_to_the_limit_and_refuses_one_byte_more() -> None:
    exact = LimitedReader(io.BytesIO(bytes(1000)).read, 1000)
    assert len(exact.read(600)) + len(exact.read(600)) == 1000
    over = LimitedReader(io.BytesIO(bytes(1001)).read, 1000)
    over.read(1000)
    with pytest.raises(ValueError, match="max_uncompressed_size"):
        over.read(1)


def test_gzip_size_hint_is_the_trailers_length() -> None:
    assert gzip_size_hint(gzip.compress(RAW)) == len(RAW)
    assert gzip_size_hint(b"") == 0


def test_format_size_is_decimal_with_the_exact_count() -> None:
    assert format_size(999) == "999 bytes"
    assert format_size(1_500_000) == "1.50 MB (1,500,000 bytes)"
    assert format_size(5 * 10**9) == "5.00 GB (5,000,000,000 bytes)"
