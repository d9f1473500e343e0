"""Source preparation: checks before anything is created, exact gzip bytes, flat memory."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest
from linode_images._source import (
    PreparedSource,
    SourceChangedError,
    prepare_source,
)

from .support import RAW, Pipe, gzip_of


def sent(prepared: PreparedSource) -> bytes:
    return b"".join(prepared.iter_chunks())


def test_gzip_path_is_sent_as_it_is(gz_file: Path) -> None:
    with prepare_source(gz_file, chunk_size=1000) as prepared:
        assert (prepared.size, prepared.compressed, prepared.spooled) == (
            gz_file.stat().st_size,
            False,
            False,
        )
        assert prepared.rewindable
        assert sent(prepared) == gz_file.read_bytes()
        assert sent(prepared) == gz_file.read_bytes()  # rewinds for a retry


def test_raw_path_is_compressed_into_a_temporary_file(raw_file: Path) -> None:
    with prepare_source(str(raw_file), chunk_size=4096) as prepared:
        assert prepared.compressed and prepared.spooled and prepared.rewindable
        expected = gzip_of(RAW)
        assert prepared.size == len(expected)
        assert sent(prepared) == expected
        assert gzip.decompress(sent(prepared)) == RAW


def test_compress_level_is_applied(raw_file: Path) -> None:
    with prepare_source(raw_file, compress_level=1) as prepared:
        assert sent(prepared) == gzip_of(RAW, 1)


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_bytes_sources(kind: type) -> None:
    gz = gzip.compress(RAW)
    with prepare_source(kind(gz)) as prepared:
        assert not prepared.compressed and prepared.rewindable
        assert sent(prepared) == gz
    with prepare_source(kind(RAW)) as prepared:
        assert prepared.compressed
        assert sent(prepared) == gzip_of(RAW)


def test_seekable_file_object_is_sent_from_its_current_position() -> None:
    gz = gzip.compress(RAW)
    stream = io.BytesIO(b"HEADER" + gz)
    stream.seek(6)
    with prepare_source(stream, chunk_size=999) as prepared:
        assert prepared.size == len(gz) and prepared.rewindable and not prepared.spooled
        assert sent(prepared) == gz
        assert sent(prepared) == gz
    assert not stream.closed  # the caller's file stays the caller's


def test_path_opened_here_is_closed_afterwards(gz_file: Path) -> None:
    prepared = prepare_source(gz_file)
    body_file = prepared._body._file  # type: ignore[attr-defined]
    prepared.close()
    assert body_file.closed


def test_non_seekable_gzip_stream_is_spooled_and_then_rewindable() -> None:
    gz = gzip.compress(RAW)
    with prepare_source(Pipe(gz)) as prepared:
        assert prepared.spooled and not prepared.compressed and prepared.rewindable
        assert prepared.size == len(gz)
        assert sent(prepared) == gz


def test_non_seekable_raw_stream_is_compressed() -> None:
    with prepare_source(Pipe(RAW, step=3)) as prepared:
        assert prepared.compressed and prepared.rewindable
        assert sent(prepared) == gzip_of(RAW)


def test_non_seekable_stream_with_size_is_sent_once_without_a_copy() -> None:
    gz = gzip.compress(RAW)
    with prepare_source(Pipe(gz), size=len(gz), chunk_size=100) as prepared:
        assert not prepared.spooled and not prepared.rewindable
        assert "non-seekable stream" in (prepared.not_rewindable or "")
        assert sent(prepared) == gz
        with pytest.raises(RuntimeError, match="cannot be read twice"):
            sent(prepared)


def test_stream_shorter_than_size_fails_loudly() -> None:
    gz = gzip.compress(RAW)
    with (
        prepare_source(Pipe(gz), size=len(gz) + 10) as prepared,
        pytest.raises(SourceChangedError, match="ended after"),
    ):
        sent(prepared)


def test_stream_longer_than_size_fails_loudly() -> None:
    gz = gzip.compress(RAW)
    with (
        prepare_source(Pipe(gz), size=len(gz) - 10) as prepared,
        pytest.raises(SourceChangedError, match="more than"),
    ):
        sent(prepared)


def test_file_truncated_after_preparation_is_detected(gz_file: Path) -> None:
    with prepare_source(gz_file) as prepared:
        with open(gz_file, "r+b") as f:
            f.truncate(100)
        with pytest.raises(SourceChangedError):
            sent(prepared)


def test_compress_never_refuses_raw_data(raw_file: Path) -> None:
    with pytest.raises(ValueError, match="not gzip data"):
        prepare_source(raw_file, compress="never")


def test_compress_never_accepts_gzip(gz_file: Path) -> None:
    with prepare_source(gz_file, compress="never") as prepared:
        assert sent(prepared) == gz_file.read_bytes()


def test_compress_always_compresses_even_gzip(gz_file: Path) -> None:
    with prepare_source(gz_file, compress="always") as prepared:
        assert prepared.compressed
        assert gzip.decompress(sent(prepared)) == gz_file.read_bytes()


@pytest.mark.parametrize("source", [b"", io.BytesIO(b""), Pipe(b"")])
def test_empty_source_is_refused(source: object) -> None:
    with pytest.raises(ValueError, match="empty"):
        prepare_source(source)  # type: ignore[arg-type]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        prepare_source(tmp_path / "nope.img")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        prepare_source(tmp_path)


def test_text_file_object_is_refused() -> None:
    with pytest.raises(TypeError, match="binary mode"):
        prepare_source(io.StringIO("text"))  # type: ignore[arg-type]


def test_other_types_are_refused() -> None:
    with pytest.raises(TypeError, match="path, bytes or a binary file object"):
        prepare_source(12345)  # type: ignore[arg-type]


def test_gzip_over_max_size_is_refused(gz_file: Path) -> None:
    size = gz_file.stat().st_size
    with pytest.raises(ValueError, match="upload limit") as caught:
        prepare_source(gz_file, max_size=size - 1)
    assert "nothing was created" in str(caught.value)
    with prepare_source(gz_file, max_size=size) as prepared:
        assert prepared.size == size


def test_compression_stops_as_soon_as_the_limit_is_passed() -> None:
    noise = os.urandom(1 << 20)  # incompressible: the output grows as fast as the input
    pipe = Pipe(noise, step=4096)
    with pytest.raises(ValueError, match="compressed data"):
        prepare_source(pipe, max_size=64 * 1024, chunk_size=4096)
    assert pipe.reads < len(noise) // 4096 // 2  # gave up long before the end


def test_stream_size_over_max_size_is_refused() -> None:
    gz = gzip.compress(RAW)
    with pytest.raises(ValueError, match="upload limit"):
        prepare_source(Pipe(gz), size=len(gz), max_size=len(gz) - 1)


def test_size_of_a_measured_source_must_match(gz_file: Path) -> None:
    size = gz_file.stat().st_size
    with pytest.raises(ValueError, match="but the source holds"):
        prepare_source(gz_file, size=size + 1)
    with prepare_source(gz_file, size=size) as prepared:
        assert prepared.size == size and prepared.rewindable


def test_size_cannot_go_with_compression() -> None:
    with pytest.raises(ValueError, match="cannot be combined with compression"):
        prepare_source(Pipe(RAW), size=len(RAW))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"compress": "yes"}, "compress must be"),
        ({"compress_level": 0}, "compress_level"),
        ({"compress_level": 10}, "compress_level"),
        ({"max_size": 0}, "max_size"),
        ({"chunk_size": 0}, "chunk_size"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        prepare_source(RAW, **kwargs)  # type: ignore[arg-type]


async def test_async_chunks_match_sync_chunks(raw_file: Path) -> None:
    with prepare_source(raw_file, chunk_size=1000) as prepared:
        chunks = [chunk async for chunk in prepared.aiter_chunks()]
        assert b"".join(chunks) == sent(prepared)
        assert max(len(c) for c in chunks) <= 1000
