"""A tour of linode_images: list, upload, wait, update, replicate, create from a disk, share, delete.

Run it against a mock server (make demo starts one and runs this script):

    LINODE_BASE_URL=http://127.0.0.1:4010 LINODE_TOKEN=test-token python examples/tour.py

or against the live API, where it creates two private images and deletes them again:

    LINODE_TOKEN=... python examples/tour.py --live --disk-id 12345

With a second account's token in LINODE_CONSUMER_TOKEN the tour also shares the
uploaded image with that account, which then lists it (image sharing; make demo sets
one). A base URL on another host than this machine is refused without --live. The exit status
is 0 when every step worked, 1 when one failed (images made by the tour are deleted either
way) and 2 when it could not start (no token, a base URL refused).
"""

from __future__ import annotations

import argparse
import io
import ipaddress
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from linode_images import Filter, Image, LinodeError, LinodeImages, NotFoundError

DEFAULT_BASE_URL = "https://api.linode.com"
MOCK_DISK_ID = 1001  # a disk of the mock's default account


def is_local(base_url: str) -> bool:
    """True when ``base_url`` points at this machine (a mock server), not at a remote API."""
    host = urlsplit(base_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "environment:\n"
            "  LINODE_TOKEN     the API token, required (the mock server's is test-token)\n"
            f"  LINODE_BASE_URL  the default of --base-url (unset: {DEFAULT_BASE_URL})"
        ),
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get("LINODE_BASE_URL", DEFAULT_BASE_URL),
        help=f"API base URL (default: LINODE_BASE_URL, else {DEFAULT_BASE_URL})",
    )
    parser.add_argument("--live", action="store_true", help="allow a remote API: creates and deletes images")
    parser.add_argument("--region", default="us-east", help="region to upload to (default us-east)")
    parser.add_argument(
        "--replicate-to",
        default="us-iad,us-ord",
        help="two more regions for the uploaded image, comma-separated (default us-iad,us-ord)",
    )
    parser.add_argument(
        "--disk-id",
        type=int,
        help=f"disk to create an image from (default on a mock: {MOCK_DISK_ID}; live: step skipped)",
    )
    parser.add_argument(
        "--disk-mib", type=int, default=16, help="size of the generated raw disk in MiB (default 16)"
    )
    parser.add_argument(
        "--poll-interval", type=float, help="first pause between status checks (default 2 s live, 0.2 s mock)"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar during the upload")
    return parser.parse_args(argv)


def write_raw_disk(path: Path, mib: int) -> None:
    """A raw disk image: an MBR boot sector, an eighth of random data, zeros for the rest."""
    sector = bytearray(512)
    sector[510:512] = b"\x55\xaa"
    total = mib * 1024 * 1024
    noisy = total // 8
    with path.open("wb") as disk:
        disk.write(sector)
        disk.write(os.urandom(noisy))
        disk.write(bytes(total - len(sector) - noisy))


def regions_of(image: Image) -> str:
    return ", ".join(f"{region.region} {region.status}" for region in image.regions or []) or "-"


def show_public_images(client: LinodeImages) -> None:
    images = list(client.images.list(filter=Filter.eq("is_public", True), order_by="label"))
    rows = [("ID", "LABEL", "VENDOR", "SIZE MB", "CREATED", "DEPRECATED")]
    for image in images:
        created = image.created.date().isoformat()
        deprecated = "yes" if image.deprecated else ""
        rows.append((image.id, image.label, image.vendor or "-", f"{image.size}", created, deprecated))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print(f"  {len(images)} public images")


def timed(action: Callable[[], Image]) -> tuple[Image, float]:
    started = time.monotonic()
    image = action()
    return image, time.monotonic() - started


def tour(
    client: LinodeImages, args: argparse.Namespace, made: list[str], consumer: LinodeImages | None = None
) -> None:
    poll = args.poll_interval if args.poll_interval is not None else (2.0 if args.live else 0.2)
    extra = [region for region in args.replicate_to.split(",") if region]
    label = f"linode-images-tour-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}"

    print("1. Public images, one request per 500 (GET /images is limited to 20 requests a minute):")
    show_public_images(client)

    with tempfile.TemporaryDirectory(prefix="linode-images-tour-") as work:
        disk = Path(work, "disk.img")
        write_raw_disk(disk, args.disk_mib)
        print(f"\n2. Uploading a {args.disk_mib} MiB raw disk image to {args.region}, gzip-compressed")
        pending = client.images.upload(
            disk,
            label=label,
            region=args.region,
            description="uploaded by examples/tour.py",
            tags=["tour"],
            progress=not args.no_progress,
            wait=False,
        )
    uploaded = pending.id
    made.append(uploaded)
    print(f"   created {uploaded} ({pending.status}), data sent")

    print("\n3. Waiting until it is available")
    image, took = timed(lambda: client.images.wait_for_status(uploaded, "available", poll_interval=poll))
    print(f"   {uploaded} is {image.status} after {took:.1f} s: {image.size} MB in {regions_of(image)}")

    print("\n4. Updating its label and tags")
    image = client.images.update(uploaded, label=f"{label}-golden", tags=["tour", "golden"])
    print(f"   label {image.label!r}, tags {image.tags}")

    regions = [args.region, *extra]
    print(f"\n5. Replicating to {', '.join(extra)} (keeping {args.region}) and waiting")
    image = client.images.replicate(uploaded, regions=regions)
    print(f"   asked: {regions_of(image)}")
    image, took = timed(
        lambda: client.images.wait_for_replication(uploaded, regions=regions, poll_interval=poll)
    )
    print(f"   after {took:.1f} s: {regions_of(image)}")

    disk_id = args.disk_id if args.disk_id is not None else (None if args.live else MOCK_DISK_ID)
    if disk_id is None:
        print("\n6. Creating an image from a disk: skipped (--disk-id names a disk of one of your Linodes)")
    else:
        print(f"\n6. Creating an image from disk {disk_id} and waiting")
        captured = client.images.create(disk_id=disk_id, label=f"{label}-disk", tags=["tour"])
        from_disk = captured.id
        made.append(from_disk)
        print(f"   created {from_disk} ({captured.status})")
        captured, took = timed(
            lambda: client.images.wait_for_status(from_disk, "available", poll_interval=poll)
        )
        print(f"   {from_disk} is {captured.status} after {took:.1f} s")

    share(client, consumer, uploaded, label)


def share(client: LinodeImages, consumer: LinodeImages | None, image_id: str, label: str) -> None:
    """Share ``image_id`` with the consumer's account, show it there, then undo the sharing."""
    if consumer is None:
        print("\n7. Sharing with a second account: skipped (LINODE_CONSUMER_TOKEN names its token)")
        return
    print("\n7. Sharing it with a second account (a Beta feature: always sent to v4beta)")
    group = client.sharegroups.create(f"{label}-group", images=[image_id])
    try:
        print(f"   share group {group.id} {group.label!r} shares {group.images_count} image")
        created = consumer.sharegroup_tokens.create(group.uuid, label=f"{label}-token")
        try:
            # The secret travels to the producer; printed, it only ever shows as <redacted>.
            print(f"   the second account made token {created.token_uuid}, secret {created.token}")
            member = client.sharegroups.add_member(group.id, token=created.token, label="tour consumer")
            print(f"   added it as a member ({member.status})")
            for shared in consumer.images.list(filter={"type": "shared"}):
                source = shared.image_sharing.shared_by if shared.image_sharing else None
                origin = source.source_image_id if source else "?"
                print(f"   the second account lists {shared.id} {shared.label!r}, shared from {origin}")
        finally:
            consumer.sharegroup_tokens.delete(created.token_uuid)
    finally:
        client.sharegroups.delete(group.id)
    print("   share group and token deleted")


def delete_all(client: LinodeImages, made: list[str]) -> bool:
    """Delete what the tour made; True when nothing is left behind."""
    clean = True
    if made:
        print(f"\n8. Deleting {', '.join(made)}")
    for image_id in made:
        try:
            client.images.delete(image_id)
            print(f"   deleted {image_id}")
        except NotFoundError:
            print(f"   {image_id} was already gone")
        except LinodeError as error:
            print(f"   could not delete {image_id}: {error}", file=sys.stderr)
            clean = False
    return clean


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not is_local(args.base_url) and not args.live:
        print(
            f"tour: {args.base_url} is not this machine; pass --live to create and delete images there",
            file=sys.stderr,
        )
        return 2
    token = os.environ.get("LINODE_TOKEN")
    if not token:
        print("tour: set LINODE_TOKEN (on the mock server: test-token)", file=sys.stderr)
        return 2

    try:
        client = LinodeImages(base_url=args.base_url, token=token)
    except ValueError as error:  # a base URL the client refuses, before anything is sent
        print(f"tour: {error}", file=sys.stderr)
        return 2

    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # lines in order with the progress bar on stderr
    print(f"linode_images tour against {args.base_url}\n")
    made: list[str] = []
    failed = False
    consumer_token = os.environ.get("LINODE_CONSUMER_TOKEN") or None
    consumer = LinodeImages(base_url=args.base_url, token=consumer_token) if consumer_token else None
    with client:
        try:
            tour(client, args, made, consumer)
        except (LinodeError, OSError, ValueError) as error:
            print(f"\ntour failed: {type(error).__name__}: {error}", file=sys.stderr)
            failed = True
        finally:
            clean = delete_all(client, made)
            if consumer is not None:
                consumer.close()
    if failed or not clean:
        return 1
    print("\nDone: every step worked and the tour's images are gone.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
