"""The image commands: each takes the client, the parsed flags and the console, and returns its exit status.

They use only ``linode_images``' public API. A usage problem found after parsing (a flag
combination, an id that must not be deleted) raises ``UsageError`` before any request.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from typing import IO, Any, Literal

from linode_images import (
    FILTERABLE_FIELDS,
    Filter,
    Image,
    ImageRegionStatus,
    LinodeError,
    LinodeImages,
    check_image_id,
)

from ._columns import IMAGES
from ._console import Console, Handler, UsageError, confirm, one_line, shows, write_list, write_one
from ._output import write_json
from ._progress import UploadProgress

__all__ = ["COMMANDS"]


def _wait_options(args: argparse.Namespace) -> dict[str, Any]:
    """Only the waiting flags given: the library's defaults apply to the others."""
    options: dict[str, Any] = {}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.poll_interval is not None:
        options["poll_interval"] = args.poll_interval
    return options


class _Upload:
    """The progress callback of one upload: forwards reports and knows how far it got."""

    def __init__(self, progress: UploadProgress | None, keep_on_failure: bool) -> None:
        self.progress = progress
        self.keep_on_failure = keep_on_failure
        self.sending = False
        self.image_id: str | None = None  # once the upload is answered: the image has its data

    def __call__(self, sent: int, total: int, phase: str | None = None) -> None:
        if phase in (None, "uploading"):
            self.sending = True
        if self.progress is not None:
            self.progress(sent, total, phase)

    def interruption(self) -> str:
        if self.image_id is not None:
            return (
                f"interrupted while waiting; {self.image_id} has its data and is kept: it becomes "
                f"available on its own (linode-images wait {self.image_id})"
            )
        if not self.sending:
            return "interrupted before any data was sent"
        if self.keep_on_failure:
            return "interrupted; the upload was cancelled and its pending image kept (--keep-on-failure)"
        return "interrupted; the upload was cancelled and its pending image deleted"


# The upload flags named after the arguments of images.upload(), passed on as they are.
_UPLOAD_FLAGS = ("label", "region", "description", "tags", "cloud_init", "compress")


def upload(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    if args.file == "-" and console.inp_tty:
        raise UsageError("upload - reads the image from standard input, which is a terminal: pipe it in")
    source: str | IO[bytes] = console.binary_inp if args.file == "-" else args.file
    name = "standard input" if args.file == "-" else args.file
    progress = None if args.quiet else UploadProgress(console.err, terminal=console.err_tty, name=name)
    state = _Upload(progress, args.keep_on_failure)
    console.interruption = state.interruption
    if progress is not None:
        progress.phase("preparing", _preparing(args.compress))
    options = {name: getattr(args, name) for name in _UPLOAD_FLAGS}
    if args.level is not None:
        options["compress_level"] = args.level
    # The command waits itself, rather than upload(wait=True), so that it knows the image id
    # once the data has arrived and an interruption after that can name the image it keeps.
    image = client.images.upload(
        source, on_progress=state, wait=False, delete_on_failure=not args.keep_on_failure, **options
    )
    state.image_id = image_id = image.id
    if not args.no_wait:
        if progress is not None:
            progress.phase("processing", f"waiting until {image_id} is available")
        image = client.images.wait_for_status(image_id, "available", **_wait_options(args))
    if progress is not None:
        progress.finish(f"{image.id} is {image.status}")
    if args.json:
        write_json(console.out, [image])
    else:
        console.out.write(f"{image.id}\n")
    return 0


def _preparing(compress: str) -> str:
    if compress == "never":
        return "checking that it is gzip data"
    if compress == "always":
        return "compressing"
    return "checking, and compressing unless it is gzip data"


def _list_filter(args: argparse.Namespace) -> Filter | None:
    parts: list[Filter] = []
    if args.public:
        parts.append(Filter.eq("is_public", True))
    elif args.private or args.tags:
        # A tag filter alone would match public images carrying the same tag; a cleanup
        # script deleting what --tag lists must only ever see the account's own images.
        parts.append(Filter.eq("is_public", False))
    # Each flag named after a field the API filters on (--label, --vendor, --status) asks for
    # that value; --tag and the visibility flags are dealt with on their own.
    for name in sorted(FILTERABLE_FIELDS - {"tags", "is_public"}):
        value = getattr(args, name, None)
        if value is not None:
            parts.append(Filter.eq(name, value))
    parts.extend(Filter.eq("tags", tag) for tag in args.tags or [])
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Filter.and_(*parts)


def list_images(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    if args.desc and args.order_by is None:
        raise UsageError("--desc needs --order-by")
    order: Literal["asc", "desc"] | None = "desc" if args.desc else None
    options: dict[str, Any] = {}
    if args.page_size is not None:
        options["page_size"] = args.page_size
    images: Iterable[Image] = client.images.list(
        filter=_list_filter(args), order_by=args.order_by, order=order, **options
    )
    write_list(console, images, IMAGES, lambda image: image.id, args)
    return 0


def update(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    changes: dict[str, Any] = {}
    if args.label is not None:
        changes["label"] = args.label
    if args.description is not None:
        changes["description"] = args.description
    if args.tags is not None or args.no_tags:
        changes["tags"] = args.tags or []
    if not changes:
        raise UsageError("nothing to change: give --label, --description, --tag or --no-tags")
    write_one(console, client.images.update(args.image_id, **changes), args.json)
    return 0


def _deletable(image_id: str) -> str:
    checked = check_image_id(image_id)
    if checked.startswith("linode/"):
        raise UsageError(f"refusing to delete {checked}: public images (linode/...) are Linode's, not yours")
    return checked


def delete(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    # Every id is checked before the first request, so a typo in the third id deletes nothing.
    image_ids = list(dict.fromkeys(_deletable(image_id) for image_id in args.image_ids))
    if not confirm(console, "delete", f"Delete {', '.join(image_ids)}?", yes=args.yes):
        console.note("nothing was deleted")
        return 1
    failed = 0
    for image_id in image_ids:
        try:
            client.images.delete(image_id)
        except LinodeError as error:
            console.note(f"linode-images: error: {image_id} was not deleted: {one_line(error)}")
            failed += 1
        else:
            console.out.write(f"deleted {image_id}\n")
            console.out.flush()
    return 1 if failed else 0


def _kept_regions(image: Image) -> list[str]:
    """The regions an image is in and stays in: not those already being removed."""
    return [
        entry.region for entry in image.regions or [] if entry.status != ImageRegionStatus.PENDING_DELETION
    ]


def replicate(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    wanted = list(dict.fromkeys(args.regions))
    if args.exact:
        regions = wanted
    else:
        current = _kept_regions(client.images.get(args.image_id))
        regions = current + [region for region in wanted if region not in current]
    image = client.images.replicate(args.image_id, regions=regions)
    if args.wait:
        image = client.images.wait_for_replication(args.image_id, regions=regions, **_wait_options(args))
    write_one(console, image, args.json)
    return 0


def wait(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    options = _wait_options(args)
    started = time.monotonic()
    image = client.images.wait_for_status(args.image_id, args.status, **options)
    if args.regions is not None:
        if "timeout" in options:  # one --timeout for the whole wait
            options["timeout"] = max(options["timeout"] - (time.monotonic() - started), 0.001)
        image = client.images.wait_for_replication(args.image_id, regions=args.regions or None, **options)
    write_one(console, image, args.json)
    return 0


COMMANDS: dict[str, Handler] = {
    "upload": upload,
    "list": list_images,
    "get": shows(lambda client, args: client.images.get(args.image_id)),
    "update": update,
    "delete": delete,
    "replicate": replicate,
    "wait": wait,
}
