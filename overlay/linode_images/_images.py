"""``client.images`` of ``LinodeImages``: the Linode Images operations, sync.

Each method hands a flow from ``_image_flows`` (argument checks included) to the client's
runner, so the methods are one line under signatures and docstrings twinned with
``AsyncImages`` (``_async_images``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from ._arguments import create_body, replicate_body, update_body, upload_body
from ._config import DEFAULT_PAGE_SIZE
from ._core import CREATE, DELETE, REPLICATE, UPDATE, UPLOAD
from ._filter import Filter
from ._ids import check_image_id
from ._image_flows import SyncClient, get_image, images_page, list_x_filter, wait_image
from ._integrity import UploadReceipt
from ._models import (
    UNSET,
    DeleteImageResponse,
    Image,
    ImageStatus,
    ImageStatusValue,
    PaginatedImages,
    Unset,
    UploadImageResponse,
)
from ._pagination import ImagePager
from ._progress import ProgressCallback
from ._response import with_raw
from ._source import (
    DEFAULT_COMPRESS_LEVEL,
    DEFAULT_MAX_SIZE,
    DEFAULT_MAX_UNCOMPRESSED_SIZE,
    Compress,
    UploadSource,
)
from ._upload import upload_flow, upload_options
from ._wait import (
    DEFAULT_MAX_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_REPLICATION_TIMEOUT,
    DEFAULT_STATUS_TIMEOUT,
    replication_target,
    status_target,
)

__all__ = ["Images", "ImagesWithRawResponse"]


class Images:
    """``client.images``: the Linode Images operations."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client
        self._core = client._core
        self.with_raw_response = ImagesWithRawResponse(self)

    def get(self, image_id: str) -> Image:
        """One image by id.

        Args:
            image_id: ``linode/<name>``, ``private/<n>`` or ``shared/<n>``.

        >>> image = client.images.get("linode/debian12")
        """
        return self._client._run(get_image(self._core, image_id))

    def list_page(
        self,
        page: int = 1,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        filter: Filter | Mapping[str, Any] | None = None,
        order_by: str | None = None,
        order: Literal["asc", "desc"] | None = None,
    ) -> PaginatedImages:
        """One page of images with ``page``, ``pages`` and ``results``.

        Args:
            page: the page number, from 1.
            page_size: images per page, 25 to 500 (default 500: ``GET /images`` allows 20
                requests a minute).
            filter: a ``Filter`` (``Filter.eq("is_public", False)``) or the X-Filter JSON
                object as a mapping; only fields the API filters on are accepted.
            order_by: a field to sort on (one the API sorts on).
            order: ``"asc"`` or ``"desc"``.

        >>> page = client.images.list_page(page=2, page_size=100)
        """
        return self._client._run(
            images_page(self._core, page, page_size, list_x_filter(filter, order_by, order, page_size))
        )

    def list(
        self,
        *,
        filter: Filter | Mapping[str, Any] | None = None,
        order_by: str | None = None,
        order: Literal["asc", "desc"] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> ImagePager:
        """Every image matching ``filter``, fetched lazily page by page (500 per request).

        Args:
            filter: a ``Filter`` (``Filter.eq("is_public", False)``) or the X-Filter JSON
                object as a mapping; only fields the API filters on are accepted.
            order_by: a field to sort on (one the API sorts on).
            order: ``"asc"`` or ``"desc"``.
            page_size: images per request, 25 to 500 (default 500: ``GET /images`` allows
                20 requests a minute).

        >>> for image in client.images.list(filter=Filter.eq("is_public", False), order_by="created"):
        ...     print(image.id)
        """
        x_filter = list_x_filter(filter, order_by, order, page_size)
        fetch = lambda number: self._client._run(images_page(self._core, number, page_size, x_filter))  # noqa: E731
        return ImagePager(fetch, {"filter": x_filter, "page_size": page_size})

    def create(
        self,
        *,
        disk_id: int,
        label: str | Unset = UNSET,
        description: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        cloud_init: bool | Unset = UNSET,
    ) -> Image:
        """Capture an image of a Linode disk (never retried once sent: a create is not repeated).

        Args:
            disk_id: the id of the disk of one of your Linodes to capture.
            label: a short name for the image (default: the disk's label).
            description: free text about the image.
            tags: tags for the image, each 3 to 100 characters.
            cloud_init: mark the image as supporting cloud-init.

        >>> image = client.images.create(disk_id=42, label="golden", tags=["web"])
        """
        body = create_body(disk_id, label, description, tags, cloud_init)
        return self._client._run(self._core.call(CREATE, Image, body=body))

    def create_upload(
        self,
        *,
        label: str,
        region: str,
        description: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        cloud_init: bool | Unset = UNSET,
    ) -> UploadImageResponse:
        """Create a ``pending_upload`` image and get the pre-signed ``upload_to`` URL for its data.

        Args:
            label: the new image's short name.
            region: the region the data will be uploaded to, such as ``"us-east"``.
            description: free text about the image.
            tags: tags for the image, each 3 to 100 characters.
            cloud_init: mark the image as supporting cloud-init.

        >>> pending = client.images.create_upload(label="golden", region="us-east")
        """
        body = upload_body(label, region, description, tags, cloud_init)
        return self._client._run(self._core.call(UPLOAD, UploadImageResponse, body=body))

    def update(
        self,
        image_id: str,
        *,
        label: str | Unset = UNSET,
        description: str | Unset | None = UNSET,
        tags: Sequence[str] | Unset = UNSET,
    ) -> Image:
        """Change an image's label, description or tags; omitted fields stay as they are.

        Args:
            image_id: the image to change.
            label: a new short name.
            description: new free text (None or ``""`` clears it).
            tags: the new full list of tags, replacing the old one.

        >>> image = client.images.update("private/123", label="golden-v2")
        """
        body = update_body(label, description, tags)
        return self._client._run(self._core.call(UPDATE, Image, check_image_id(image_id), body=body))

    def replicate(self, image_id: str, *, regions: Sequence[str]) -> Image:
        """Set the regions an image is available in (a POST: never retried once sent).

        Args:
            image_id: the image to replicate.
            regions: every region it should be in afterwards: new ones are added, missing ones removed.

        >>> image = client.images.replicate("private/123", regions=["us-east", "us-iad"])
        """
        body = replicate_body(regions)
        return self._client._run(self._core.call(REPLICATE, Image, check_image_id(image_id), body=body))

    def delete(self, image_id: str) -> None:
        """Delete an image.

        Args:
            image_id: the image to delete.

        >>> client.images.delete("private/123")
        """
        self._client._run(self._core.call(DELETE, DeleteImageResponse, check_image_id(image_id)))

    def upload(
        self,
        source: UploadSource,
        *,
        label: str,
        region: str,
        description: str | None = None,
        tags: Sequence[str] | None = None,
        cloud_init: bool = False,
        compress: Compress = "auto",
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
        wait: bool = True,
        wait_timeout: float | None = DEFAULT_STATUS_TIMEOUT,
        delete_on_failure: bool = True,
        max_size: int = DEFAULT_MAX_SIZE,
        max_uncompressed_size: int = DEFAULT_MAX_UNCOMPRESSED_SIZE,
        compress_level: int = DEFAULT_COMPRESS_LEVEL,
        compress_threads: int | None = None,
        verify_gzip: bool = True,
        size: int | None = None,
        spool_dir: str | os.PathLike[str] | None = None,
        max_attempts: int | None = None,
        on_uploaded: Callable[[UploadReceipt], object] | None = None,
    ) -> Image:
        """Upload a disk image (path, bytes or binary file object) and return the new image.

        Raw data (or xz, bzip2) is gzip-compressed first on every core (``compress_threads``);
        a .img.gz is read to its end first (``verify_gzip``); every check runs before the image
        is created; a failed upload (the storage's ETag disproving the bytes sent included)
        deletes the pending image unless ``delete_on_failure=False``. With
        ``wait=True`` the image is returned once ``available``. The PUT is retried as the
        client's ``retry`` policy says, or up to ``max_attempts`` times in all when given.

        Args:
            source: a path, the data itself (``bytes``, ``bytearray``, ``memoryview``) or a
                binary file object, seekable or not; raw disk data or gzip data.
            label: the new image's short name.
            region: the region the data is uploaded to, such as ``"us-east"``.
            description: free text about the image (default: none).
            tags: tags for the image, each 3 to 100 characters (default: none).
            cloud_init: mark the image as supporting cloud-init (default False).
            compress: ``"auto"`` compresses unless the data is gzip already, ``"always"``
                compresses whatever it is, ``"never"`` sends gzip data as it is and refuses
                anything else.
            on_progress: called as ``on_progress(sent, total)`` in bytes of the PUT, from
                ``(0, total)``; ``sent`` restarts from 0 when the PUT is retried.
            progress: draw a progress bar on stderr (needs the ``progress`` extra).
            wait: return once the image is ``available`` (default True); False returns the
                image as soon as its data is sent.
            wait_timeout: seconds to wait for ``available`` (None: no limit).
            delete_on_failure: delete the pending image when the PUT fails for good
                (default True), so nothing is left behind on the account.
            max_size: the largest gzip data sent, in bytes (default 5 GB, the API's limit);
                a larger source is refused before the image is created.
            max_uncompressed_size: the largest disk image once decompressed, in bytes
                (default 6 GB, the API's limit); checked where the size can be known.
            compress_level: gzip level, 1 (fastest) to 9 (smallest); the default is ``gzip``'s.
            compress_threads: threads that compress raw data (default: one per core).
            verify_gzip: read gzip data to its end (CRC and length) before anything is
                created (default True); False skips that pass over the file.
            size: the exact byte count of gzip data read from a stream that cannot tell
                (a pipe), so it is sent without a temporary copy; not with compression.
            spool_dir: where the temporary copy of compressed (or unmeasurable) data is
                written (default: the system's temporary directory).
            max_attempts: PUT attempts in all, overriding the client's ``retry`` policy's
                count (a stream that cannot be rewound is sent once).
            on_uploaded: called with an ``UploadReceipt`` (the MD5 of the bytes sent, and
                whether the storage's ETag confirmed it) once the PUT succeeded.

        >>> image = client.images.upload("disk.img", label="golden", region="us-east")
        """
        return self._client._run(upload_flow(self._core, source, upload_options(locals())))

    def wait_for_status(
        self,
        image_id: str,
        status: ImageStatusValue | ImageStatus = "available",
        *,
        timeout: float | None = DEFAULT_STATUS_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> Image:
        """Poll until the image has ``status``; the final image (fails fast on 404 and dead ends).

        Args:
            image_id: the image to watch.
            status: the status to wait for (default ``"available"``); one the image can no
                longer reach raises ``UnreachableStatusError``.
            timeout: seconds before ``WaitTimeoutError`` (None: no limit).
            poll_interval: seconds before the first check again; each pause is half as
                long again as the one before, up to ``max_interval``.
            max_interval: the longest pause between two checks, in seconds.

        >>> image = client.images.wait_for_status("private/123", "available", timeout=600)
        """
        target = status_target(status)
        return self._client._run(
            wait_image(self._core, image_id, target, timeout, poll_interval, max_interval)
        )

    def wait_for_replication(
        self,
        image_id: str,
        regions: Sequence[str] | None = None,
        *,
        timeout: float | None = DEFAULT_REPLICATION_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> Image:
        """Poll until the image is available in every region of ``regions`` (default: all listed).

        Args:
            image_id: the image whose regions to watch.
            regions: the regions it must be available in (default: every region it lists).
            timeout, poll_interval, max_interval: as for ``wait_for_status``.

        >>> image = client.images.wait_for_replication("private/123", regions=["us-east", "us-iad"])
        """
        target = replication_target(regions)
        return self._client._run(
            wait_image(self._core, image_id, target, timeout, poll_interval, max_interval)
        )


class ImagesWithRawResponse:
    """``client.images.with_raw_response``: the same calls, returning ``RawResponse``.

    >>> raw = client.images.with_raw_response.get("linode/debian12")
    >>> raw.status_code, raw.headers.get("x-ratelimit-remaining"), raw.parsed.label
    """

    def __init__(self, images: Images) -> None:
        self.get = with_raw(images.get)
        self.list_page = with_raw(images.list_page)
        self.create = with_raw(images.create)
        self.create_upload = with_raw(images.create_upload)
        self.update = with_raw(images.update)
        self.replicate = with_raw(images.replicate)
        self.delete = with_raw(images.delete)
