"""MD5 of the bytes sent against the storage's ETag; the pre-signed URL's expiry."""

from __future__ import annotations

import hashlib

import pytest
from linode_images._integrity import (
    EXPIRY_MARGIN,
    SentDigest,
    etag_mismatch,
    expired_reason,
    plain_md5_etag,
    url_expires,
)

from .support import RAW

MD5 = hashlib.md5(RAW, usedforsecurity=False).hexdigest()


def test_the_digest_is_taken_over_the_chunks_as_they_pass() -> None:
    digest = SentDigest()
    chunks = [RAW[i : i + 4096] for i in range(0, len(RAW), 4096)]
    assert b"".join(digest.tap(iter(chunks))) == RAW
    assert (digest.hexdigest(), digest.size) == (MD5, len(RAW))


async def test_the_async_digest_is_taken_the_same_way() -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for i in range(0, len(RAW), 4096):
            yield RAW[i : i + 4096]

    digest = SentDigest()
    assert b"".join([chunk async for chunk in digest.atap(chunks())]) == RAW
    assert digest.hexdigest() == MD5


@pytest.mark.parametrize("etag", [f'"{MD5}"', MD5, f'"{MD5.upper()}"', f' "{MD5}" '])
def test_a_plain_md5_etag_that_matches_passes(etag: str) -> None:
    assert plain_md5_etag(etag) == MD5
    assert etag_mismatch(MD5, etag) is None


def test_a_plain_md5_etag_that_differs_is_a_mismatch_naming_both() -> None:
    other = hashlib.md5(RAW + b"x", usedforsecurity=False).hexdigest()
    reason = etag_mismatch(MD5, f'"{other}"')
    assert reason is not None
    assert f"its ETag says MD5 {other}" in reason and f"the data sent has MD5 {MD5}" in reason
    assert "upload the image again" in reason


@pytest.mark.parametrize(
    "etag",
    [None, "", f'"{MD5}-3"', f'W/"{MD5}"', '"abc"', f'"{MD5}0"', '"zz07d9d372bb6826bd81d3542a419d6x"'],
    ids=["absent", "empty", "multipart", "weak", "short", "long", "not-hex"],
)
def test_an_etag_that_is_not_a_plain_md5_proves_nothing(etag: str | None) -> None:
    assert plain_md5_etag(etag) is None
    assert etag_mismatch(MD5, etag) is None


@pytest.mark.parametrize(
    ("url", "expires"),
    [
        (
            "https://us-east-1.linodeobjects.com:443/b/1?Signature=s%2B&Expires=1764637200&AWSAccessKeyId=k",
            1764637200.0,
        ),
        ("https://x.example/b/1?AWSAccessKeyId=k&Expires=1764637200&Signature=s", 1764637200.0),
        (
            "https://x.example/b/1?X-Amz-Date=20251202T010000Z&X-Amz-Expires=86400&X-Amz-Signature=s",
            1764723600.0,
        ),
        ("https://x.example/b/1?Signature=s", None),
        ("https://x.example/b/1?Expires=tomorrow", None),
        ("https://x.example/b/1?X-Amz-Date=yesterday&X-Amz-Expires=60", None),
    ],
)
def test_url_expires_reads_the_presigned_query(url: str, expires: float | None) -> None:
    assert url_expires(url) == expires


def test_no_attempt_starts_at_or_after_the_expiry() -> None:
    expires = 1764637200.0
    assert expired_reason(expires, expires - EXPIRY_MARGIN - 1, 1) is None
    assert expired_reason(None, expires + 10**6, 1) is None  # a URL that states no expiry
    late = expired_reason(expires, expires + 1, 1)
    assert late is not None
    assert late.startswith("the pre-signed upload URL expired at 2025-12-02 01:00:00 UTC")
    assert "so the upload was not started" in late
    retried = expired_reason(expires, expires - 1, 3)
    assert retried is not None and "expires within" in retried and "attempt 3 of the upload" in retried
