"""Test data and stand-ins shared by the upload tests."""

from __future__ import annotations

import io
import os
import zlib

from linode_images._source import DEFAULT_COMPRESS_LEVEL

# Disk-like raw data: zeroed blocks, text, and incompressible bytes.
RAW = bytes(300_000) + b"#!/bin/sh\necho boot\n" * 5000 + os.urandom(200_000)


def gzip_of(data: bytes, level: int = DEFAULT_COMPRESS_LEVEL) -> bytes:
    """What the helper must send for raw ``data``: one gzip member, deflate at ``level``."""
    deflate = zlib.compressobj(level, zlib.DEFLATED, 31)
    return deflate.compress(data) + deflate.flush()


class Pipe(io.RawIOBase):
    """A non-seekable stream; with ``step`` it hands out at most that many bytes per read."""

    def __init__(self, data: bytes, step: int | None = None) -> None:
        self._data = data
        self._step = step
        self.reads = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        n = len(self._data) if size < 0 else size
        if self._step is not None:
            n = min(n, self._step)
        chunk, self._data = self._data[:n], self._data[n:]
        return chunk
