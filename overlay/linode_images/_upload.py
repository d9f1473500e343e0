"""Uploading an image: check and prepare the data, create the image, PUT the data, clean up.

``images.upload(source, ...)`` is ``upload_flow``, written once for both clients, and every
check that can fail runs before the image is created on the account:

1. ``prepare_source`` (``_source``) checks the source and makes the exact gzip bytes of the PUT
   ready, refusing more than ``max_size``. Nothing exists on the account yet.
2. ``POST /images/upload`` creates the pending image and answers with ``upload_to``, a
   pre-signed object-storage URL on another host (REAL-API-FACTS "Upload"). An answer of the
   wrong shape (``APIResponseValidationError``) that still names the image is cleaned up as in 4.
3. The PUT of the data (``_storage``), retried by the client's retry policy when the source can
   be rewound, never after the URL expired; the MD5 of the bytes sent is checked against the
   storage's ETag, and ``on_uploaded`` gets the ``UploadReceipt``.
4. When the PUT fails for good the pending image is deleted (``delete_on_failure=True``), so the
   account is left as it was; the ``UploadError`` says what happened to the image. It is looked
   at first, and kept when its data arrived after all (it left ``pending_upload``, or an
   attempt's answer was lost after the whole body went). An interruption (Ctrl-C,
   cancellation, a raising ``on_progress``) deletes it too; an interrupted or unanswered
   ``POST /images/upload`` is followed by a look for the image it may have created.
5. With ``wait=True`` the image is awaited until ``available``.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._arguments import check_int, check_text, tags_list, upload_body
from ._compress import compress_threads
from ._config import MIN_PAGE_SIZE, logger
from ._core import DELETE, GET, LIST, UPLOAD, Core
from ._errors import APIConnectionError, APIResponseValidationError, LinodeError, NotFoundError, UploadError
from ._filter import build_x_filter
from ._flow import Flow, Prepare
from ._integrity import UploadReceipt
from ._models import DeleteImageResponse, Image, PaginatedImages, Unset, UploadImageResponse
from ._progress import PhaseCallback, ProgressCallback, phase_callback
from ._retry import NOT_SENT_ERRORS
from ._source import (
    DEFAULT_COMPRESS_LEVEL,
    DEFAULT_MAX_SIZE,
    DEFAULT_MAX_UNCOMPRESSED_SIZE,
    Compress,
    PreparedSource,
    UploadSource,
    prepare_source,
)
from ._storage import PutFailure, PutResult, check_upload_url, put_flow
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
    compress_threads: int | None = None
    max_size: int = DEFAULT_MAX_SIZE
    max_uncompressed_size: int = DEFAULT_MAX_UNCOMPRESSED_SIZE
    verify_gzip: bool = True
    size: int | None = None
    spool_dir: str | os.PathLike[str] | None = None
    on_progress: ProgressCallback | None = None
    on_uploaded: Callable[[UploadReceipt], object] | None = None
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
        compress_threads(self.compress_threads)  # a TypeError or ValueError now, not after the create
        if self.on_uploaded is not None and not callable(self.on_uploaded):
            raise TypeError(f"on_uploaded must be callable, not {type(self.on_uploaded).__name__}")

    def prepare(self, source: UploadSource, report: PhaseCallback | None = None) -> PreparedSource:
        return prepare_source(
            source,
            compress=self.compress,
            compress_level=self.compress_level,
            compress_threads=self.compress_threads,
            max_size=self.max_size,
            max_uncompressed_size=self.max_uncompressed_size,
            verify_gzip=self.verify_gzip,
            size=self.size,
            spool_dir=self.spool_dir,
            report=report,
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
    options: UploadOptions,
    image_id: str,
    failure: PutFailure,
    deleted: bool | None,
    what: str,
    status: str | None = None,
) -> UploadError:
    return UploadError(
        f"uploading {options.label!r} ({image_id}) failed: {failure.reason}; {what}",
        status_code=failure.status_code,
        code=failure.code,
        body=failure.body,
        image_id=image_id,
        image_deleted=deleted,
        attempts=failure.attempts,
        image_status=status,
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


def _status(image: Image) -> str | None:
    return None if image.status is None or isinstance(image.status, Unset) else str(image.status)


def _after_failed_put(
    core: Core, image_id: str, failure: PutFailure, delete: bool
) -> Flow[tuple[bool | None, str | None, str]]:
    """(deleted, status seen, what became of the image) after the PUT failed for good.

    Deleting an image whose data arrived would lose it: the image is looked at first, and kept
    when it has left ``pending_upload`` or when an attempt's answer was lost after the whole
    body went (the storage may have the data, and the image not show it yet). A source that
    changed while it was sent, or data the storage's ETag disproves, is deleted whatever
    arrived: that is not the image.
    """
    if not delete:
        return None, None, _kept_message(image_id)
    if failure.source_changed or failure.other_bytes_stored:
        deleted, what = yield from _cleanup(core, image_id, True)
        return deleted, None, what
    try:
        image = yield from core.call(GET, Image, image_id)
    except NotFoundError:
        return True, None, f"the pending image {image_id} is already gone"
    except LinodeError:
        status = None
    else:
        status = _status(image)
    if status is not None and status != _PENDING:
        return (
            None,
            status,
            (
                f"but its data arrived after all: {image_id} is {status!r} now, so it was kept; check "
                "it before use, or delete it"
            ),
        )
    if failure.maybe_stored:
        return (
            None,
            status,
            (
                f"an attempt sent the whole image and its answer was lost, so the data may have arrived: "
                f"{image_id} was kept (status {status or 'unknown'}); it becomes available if the data "
                "is there, and the API cancels it within 24 hours if not"
            ),
        )
    deleted, what = yield from _cleanup(core, image_id, True)
    return deleted, status, what


_PENDING = "pending_upload"
# How far an image's creation time may be from this machine's clock and still be the one an
# interrupted POST /images/upload made (clock skew between here and the API).
_CREATED_WITHIN = 300.0


def _orphan_candidates(core: Core, options: UploadOptions, started: float) -> Flow[list[str]]:
    """Ids of the pending images an interrupted ``POST /images/upload`` may have created:
    label, description and tags as sent, ``pending_upload``, created around ``started``."""
    x_filter = build_x_filter({"label": options.label, "status": _PENDING}, order_by="created", order="desc")
    page = yield from core.call(LIST, PaginatedImages, page=1, page_size=MIN_PAGE_SIZE, x_filter=x_filter)
    found = []
    for image in page.data if isinstance(page.data, list) else []:
        created = image.created.replace(tzinfo=image.created.tzinfo or datetime.UTC).timestamp()
        tags = tuple(image.tags) if isinstance(image.tags, list) else ()
        if (
            image.label == options.label
            and (image.description or None) == (options.description or None)
            and tags == (options.tags or ())
            and abs(created - started) <= _CREATED_WITHIN
        ):
            found.append(image.id)
    return found


def _after_interrupted_create(
    core: Core, options: UploadOptions, started: float, interrupted: BaseException
) -> Flow[None]:
    """An interrupted or unanswered ``POST /images/upload`` may have created the image: find it,
    delete it if it is the only candidate (and ``delete_on_failure``), and say so on the error."""
    try:
        found = yield from _orphan_candidates(core, options, started)
    except LinodeError as exc:
        interrupted.add_note(
            f"POST /images/upload got no answer, and looking for a pending image {options.label!r} it "
            f"may have created failed ({exc.message}); the API cancels such an image within 24 hours"
        )
        return
    if not found:
        interrupted.add_note(
            f"POST /images/upload got no answer; no pending image {options.label!r} was created"
        )
    elif len(found) == 1 and options.delete_on_failure:
        _, what = yield from _cleanup(core, found[0], True)
        interrupted.add_note(f"POST /images/upload got no answer but created {found[0]}: {what}")
    else:
        interrupted.add_note(
            f"POST /images/upload got no answer; pending images that match it: {', '.join(found)} (kept: "
            "the API cancels them within 24 hours without data)"
        )


def _create(core: Core, options: UploadOptions) -> Flow[UploadImageResponse]:
    """``POST /images/upload``; an answer of the wrong shape deletes the image it names, and when
    the call is interrupted or its answer lost, the image it may have created is looked for and
    cleaned up (``_after_interrupted_create``)."""
    body = upload_body(options.label, options.region, options.description, options.tags, options.cloud_init)
    started = core.clock()
    try:
        return (yield from core.call(UPLOAD, UploadImageResponse, body=body))
    except GeneratorExit:
        raise
    except APIResponseValidationError as error:
        image_id = _created_id(error)
        if image_id is not None:
            # Without a usable answer no data can follow; an image left pending would be an orphan.
            _, what = yield from _cleanup(core, image_id, options.delete_on_failure)
            error.add_note(f"nothing was sent; {what}")
        raise
    except APIConnectionError as exc:
        if not isinstance(exc.__cause__, NOT_SENT_ERRORS):
            yield from _after_interrupted_create(core, options, started, exc)
        raise
    except LinodeError:
        raise
    except BaseException as exc:  # Ctrl-C, cancelled: the POST may have been served meanwhile
        yield from _after_interrupted_create(core, options, started, exc)
        raise


def _put(
    core: Core,
    upload_to: str,
    prepared: PreparedSource,
    options: UploadOptions,
    report: PhaseCallback | None,
) -> Flow[PutResult]:
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
    report, close_bar = phase_callback(options.on_progress, options.progress, options.label)
    try:
        prepared: PreparedSource = yield Prepare(functools.partial(options.prepare, source, report))
        with prepared:
            pending = yield from _create(core, options)
            image_id = pending.image.id
            try:
                result = yield from _put(core, pending.upload_to, prepared, options, report)
            except PutFailure as failure:
                deleted, status, what = yield from _after_failed_put(
                    core, image_id, failure, options.delete_on_failure
                )
                raise _upload_error(options, image_id, failure, deleted, what, status) from failure
            except GeneratorExit:
                raise
            except BaseException:
                # Interrupted (Ctrl-C, cancelled, a raising on_progress): leave nothing half-made.
                if options.delete_on_failure:
                    yield from _cleanup(core, image_id, True)
                raise
    finally:
        close_bar()
    receipt = UploadReceipt(image_id, prepared.size, result.md5, result.etag_verified, result.attempts)
    logger.info(
        "uploaded %s bytes for %s, MD5 %s (%s)",
        f"{receipt.size:,}",
        image_id,
        receipt.md5,
        "confirmed by the storage's ETag" if receipt.etag_verified else "no plain-MD5 ETag to compare",
    )
    if options.on_uploaded is not None:
        # The data has arrived: an exception from here on keeps the image.
        options.on_uploaded(receipt)
    if not options.wait:
        return pending.image
    waiter = Waiter(
        image_id,
        status_target("available"),
        timeout=options.wait_timeout,
        poll_interval=DEFAULT_POLL_INTERVAL,
        max_interval=DEFAULT_MAX_INTERVAL,
        clock=core.clock,
        clamp=core.retry_policy.clamp,
    )
    return (yield from wait_flow(lambda deadline: core.call(GET, Image, image_id, deadline=deadline), waiter))
