"""Uploading an image: check and prepare the data, create the image, PUT the data, clean up.

``images.upload(source, ...)`` is ``upload_flow``, written once for both clients, and every
check that can fail runs before the image is created on the account:

1. ``prepare_source`` (``_source``) checks the source and makes the exact gzip bytes of the PUT
   ready, refusing more than ``max_size``. Nothing exists on the account yet.
2. ``POST /images/upload`` creates the pending image and answers with ``upload_to``, a
   pre-signed object-storage URL on another host (REAL-API-FACTS "Upload"). An answer of the
   wrong shape (``APIResponseValidationError``) that still names the image is cleaned up as in 4.
3. The PUT of the data (``_storage``), retried by the client's retry policy when the source can
   be rewound.
4. When the PUT fails for good the pending image is deleted (``delete_on_failure=True``), so the
   account is left as it was; the ``UploadError`` says what happened to the image. An
   interruption (Ctrl-C, cancellation, a raising ``on_progress``) deletes it too.
5. With ``wait=True`` the image is awaited until ``available``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._arguments import check_int, check_text, tags_list, upload_body
from ._core import DELETE, GET, UPLOAD, Core
from ._errors import APIResponseValidationError, LinodeError, NotFoundError, UploadError
from ._flow import Flow, Prepare
from ._models import DeleteImageResponse, Image, Unset, UploadImageResponse
from ._progress import ProgressCallback, progress_callback
from ._source import (
    DEFAULT_COMPRESS_LEVEL,
    DEFAULT_MAX_SIZE,
    Compress,
    PreparedSource,
    UploadSource,
    prepare_source,
)
from ._storage import PutFailure, check_upload_url, put_flow
from ._wait import (
    DEFAULT_MAX_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_STATUS_TIMEOUT,
    Waiter,
    status_target,
    wait_flow,
)

__all__ = ["UploadOptions", "upload_flow", "upload_options"]


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
    max_attempts: int | None = None
    """Attempts of the PUT; None: as many as the client's retry policy allows."""

    def __post_init__(self) -> None:
        check_text("label", self.label, "'golden'")
        check_text("region", self.region, "'us-east'")
        if self.max_attempts is not None and check_int("max_attempts", self.max_attempts) < 1:
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


_FIELDS = tuple(field.name for field in dataclasses.fields(UploadOptions))


def upload_options(arguments: Mapping[str, Any]) -> UploadOptions:
    """``UploadOptions`` from the arguments ``images.upload`` was called with (its ``locals()``)."""
    options = {name: arguments[name] for name in _FIELDS if name in arguments}
    tags = tags_list(options.pop("tags", None))
    return UploadOptions(tags=None if isinstance(tags, Unset) else tuple(tags), **options)


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


def _cleanup(core: Core, image_id: str, delete: bool) -> Flow[tuple[bool | None, str]]:
    if not delete:
        return None, _kept_message(image_id)
    try:
        yield from core.call(DELETE, DeleteImageResponse, image_id)
    except LinodeError as exc:
        return _deleted_message(image_id, exc)
    return _deleted_message(image_id, None)


def _created_id(error: APIResponseValidationError) -> str | None:
    """The id of the image an undecodable ``POST /images/upload`` answer still names, if any."""
    try:
        image = json.loads(error.body).get("image")
        image_id = image.get("id") if isinstance(image, dict) else None
    except (ValueError, AttributeError):
        return None
    return image_id if isinstance(image_id, str) and image_id else None


def _create(core: Core, options: UploadOptions) -> Flow[UploadImageResponse]:
    """``POST /images/upload``; an answer of the wrong shape deletes the image it created."""
    body = upload_body(options.label, options.region, options.description, options.tags, options.cloud_init)
    try:
        return (yield from core.call(UPLOAD, UploadImageResponse, body=body))
    except APIResponseValidationError as error:
        image_id = _created_id(error)
        if image_id is not None:
            # Without a usable answer no data can follow; an image left pending would be an orphan.
            _, what = yield from _cleanup(core, image_id, options.delete_on_failure)
            error.add_note(f"nothing was sent; {what}")
        raise


def _put(
    core: Core,
    upload_to: str,
    prepared: PreparedSource,
    options: UploadOptions,
    report: ProgressCallback | None,
) -> Flow[int]:
    try:
        check_upload_url(upload_to)
    except ValueError as exc:
        raise PutFailure(str(exc)) from None
    return (
        yield from put_flow(
            upload_to,
            prepared,
            retry=core.retry_policy,
            clock=core.clock,
            on_progress=report,
            max_attempts=options.max_attempts,
        )
    )


def upload_flow(core: Core, source: UploadSource, options: UploadOptions) -> Flow[Image]:
    """``images.upload``: check, create, PUT, clean up on failure, wait."""
    # A missing progress extra is reported before anything is created.
    report, close_bar = progress_callback(options.on_progress, options.progress, options.label)
    try:
        prepared: PreparedSource = yield Prepare(functools.partial(options.prepare, source))
        with prepared:
            pending = yield from _create(core, options)
            image_id = pending.image.id
            try:
                yield from _put(core, pending.upload_to, prepared, options, report)
            except PutFailure as failure:
                deleted, what = yield from _cleanup(core, image_id, options.delete_on_failure)
                raise _upload_error(options, image_id, failure, deleted, what) from failure
            except GeneratorExit:
                raise
            except BaseException:
                # Interrupted (Ctrl-C, cancelled, a raising on_progress): leave nothing half-made.
                if options.delete_on_failure:
                    yield from _cleanup(core, image_id, True)
                raise
    finally:
        close_bar()
    if not options.wait:
        return pending.image
    waiter = Waiter(
        image_id,
        status_target("available"),
        timeout=options.wait_timeout,
        poll_interval=DEFAULT_POLL_INTERVAL,
        max_interval=DEFAULT_MAX_INTERVAL,
        clock=core.clock,
    )
    return (yield from wait_flow(lambda: core.call(GET, Image, image_id), waiter))
