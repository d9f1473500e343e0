"""What the PUT can prove: the MD5 of the bytes sent against the storage's ETag, and the URL's expiry.

MD5. The PUT cannot carry ``Content-MD5``: the pre-signed signature (S3 V2, REAL-API-FACTS
"Upload") covers that header, so adding it breaks the signature. Instead the MD5 of every byte
is taken as it goes out, and compared with the ``ETag`` of the answer. For a single PUT,
S3-style storage answers the plain MD5 of the stored object as its ETag, quoted hex; any other
shape (a multipart ``<hex>-<parts>`` ETag, a weak or missing one) proves nothing and is not
compared. A plain-MD5 ETag that differs means the storage holds other bytes than were sent.

Expiry. ``upload_to`` carries ``Expires=<epoch seconds>`` (S3 V2; 24 hours after the image was
created). The storage checks it when a request arrives, so a PUT that starts in time finishes
even after it; one that starts later is refused, and for an image that is data lost after
waiting for nothing. ``check_not_expired`` runs before every attempt, first or retried.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

__all__ = [
    "EXPIRY_MARGIN",
    "SentDigest",
    "UploadReceipt",
    "etag_mismatch",
    "expired_reason",
    "plain_md5_etag",
    "url_expires",
]

# How long before ``Expires`` no PUT starts any more: the storage's clock and ours differ a
# little, and the request takes a moment to arrive.
EXPIRY_MARGIN = 10.0

_PLAIN_MD5 = re.compile(r'"?([0-9a-fA-F]{32})"?')


@dataclass(frozen=True)
class UploadReceipt:
    """What a finished upload sent, handed to ``images.upload(..., on_uploaded=...)``.

    ``md5`` is the MD5 (hex) of the ``size`` bytes of gzip data the storage took; ``etag_verified``
    says whether the storage's ETag confirmed it (False when its ETag is not a plain MD5).

    >>> receipts: list[UploadReceipt] = []   # images.upload(..., on_uploaded=receipts.append)
    """

    image_id: str
    size: int
    md5: str
    etag_verified: bool
    attempts: int


class SentDigest:
    """The MD5 of the bytes of one PUT attempt, taken as each chunk goes out."""

    def __init__(self) -> None:
        self._md5 = hashlib.md5(usedforsecurity=False)
        self.size = 0

    def update(self, chunk: bytes) -> None:
        self._md5.update(chunk)
        self.size += len(chunk)

    def hexdigest(self) -> str:
        return self._md5.hexdigest()

    def tap(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """``chunks`` unchanged, each added to the digest as the HTTP client takes it."""
        for chunk in chunks:
            self.update(chunk)
            yield chunk

    async def atap(self, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        """Async ``tap``."""
        async for chunk in chunks:
            self.update(chunk)
            yield chunk


def plain_md5_etag(etag: str | None) -> str | None:
    """The lower-case MD5 an ETag states, or None when it is not a plain MD5 (multipart, weak, absent).

    >>> plain_md5_etag('"9E107D9D372BB6826BD81D3542A419D6"')
    '9e107d9d372bb6826bd81d3542a419d6'
    >>> plain_md5_etag('"9e107d9d372bb6826bd81d3542a419d6-3"') is None
    True
    """
    if etag is None:
        return None
    found = _PLAIN_MD5.fullmatch(etag.strip())
    return found.group(1).lower() if found else None


def etag_mismatch(sent_md5: str, etag: str | None) -> str | None:
    """Why the storage's ``ETag`` disproves the upload, or None (it matches, or proves nothing).

    >>> etag_mismatch("9e107d9d372bb6826bd81d3542a419d6", '"9e107d9d372bb6826bd81d3542a419d6"') is None
    True
    """
    stored = plain_md5_etag(etag)
    if stored is None or stored == sent_md5.lower():
        return None
    return (
        f"the object storage holds other bytes than were sent (its ETag says MD5 {stored}, the "
        f"data sent has MD5 {sent_md5}): the data was damaged on the way; upload the image again"
    )


def url_expires(upload_to: str) -> float | None:
    """When a pre-signed URL stops working (epoch seconds), or None when it does not say.

    Reads S3 V2's ``Expires`` and S3 V4's ``X-Amz-Date`` + ``X-Amz-Expires``.

    >>> url_expires("https://x.example/b/1?Signature=s&Expires=1764600000&AWSAccessKeyId=k")
    1764600000.0
    """
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(upload_to).query)
    v2 = query.get("Expires")
    if v2:
        try:
            return float(int(v2[0]))
        except ValueError:
            return None
    date, lifetime = query.get("X-Amz-Date"), query.get("X-Amz-Expires")
    if date and lifetime:
        try:
            start = datetime.datetime.strptime(date[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
            return start.timestamp() + int(lifetime[0])
        except ValueError:
            return None
    return None


def expired_reason(expires: float | None, now: float, attempt: int) -> str | None:
    """Why attempt ``attempt`` must not start at ``now``, or None while the URL still works."""
    if expires is None or now < expires - EXPIRY_MARGIN:
        return None
    when = datetime.datetime.fromtimestamp(expires, datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    which = "the upload" if attempt == 1 else f"attempt {attempt} of the upload"
    state = "expired at" if now >= expires else f"expires within {EXPIRY_MARGIN:.0f} s, at"
    return (
        f"the pre-signed upload URL {state} {when} (the API allows 24 hours from creating the "
        f"image), so {which} was not started; upload the image again to get a new URL"
    )
