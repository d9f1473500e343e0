"""The command line: every command, its flags in the API's words, and an example for each."""

from __future__ import annotations

import argparse

from linode_images import ORDERABLE_FIELDS, __version__

from ._flags import Commands, add_command, add_global_options, add_json, add_list_output
from ._sharing_parser import add_sharing_commands

__all__ = ["build_parser"]

_DESCRIPTION = """\
Upload, list, inspect, wait for, replicate, update and delete Linode images, and share
them with other accounts: 'sharegroup' for the account that shares, 'token' for the
accounts it shares with.

The token comes from --token, LINODE_TOKEN, LINODE_CLI_TOKEN or linode-cli's configuration
file (its default user); without one only public images can be read. LINODE_BASE_URL and
LINODE_API_VERSION choose another API.

Exit status: 0 done, 1 the API or the upload failed, 2 a usage error, 3 a wait timed out,
130 interrupted."""

_EXAMPLES = {
    "upload": """\
examples:
  linode-images upload disk.img --label golden --region us-east --tag web
  linode-images upload disk.img.gz --label golden --region us-east --no-wait
  gzip -c disk.img | linode-images upload - --label golden --region us-east

Raw data is gzip-compressed first (--compress); every check runs before the image is
created, and a failed upload deletes the pending image unless --keep-on-failure. Progress
goes to stderr (a bar on a terminal); the new image's id is the last line on stdout.""",
    "list": """\
examples:
  linode-images list --private
  linode-images list --vendor Debian --order-by created --desc
  linode-images list --tag web --ids | xargs linode-images delete --yes
  linode-images list --json | jq -r .label

--tag also restricts the list to private images unless --public is given, so that a tag
shared with public images cannot pull them into a cleanup. Rows are a table on a terminal
and tab-separated otherwise; --json writes each image's to_dict() as one JSON object per
line.""",
    "get": """\
example:
  linode-images get linode/debian12
  linode-images get private/12345 --json""",
    "update": """\
examples:
  linode-images update private/12345 --label golden-v2 --description "web tier base"
  linode-images update private/12345 --tag web --tag prod
  linode-images update private/12345 --no-tags

Fields not given stay as they are; --tag replaces every tag of the image.""",
    "delete": """\
examples:
  linode-images delete private/12345
  linode-images delete private/12345 private/12346 --yes

On a terminal it asks first; elsewhere it needs --yes. Public images (linode/...) are
refused before anything is sent.""",
    "replicate": """\
examples:
  linode-images replicate private/12345 --region us-iad --wait
  linode-images replicate private/12345 --region us-east us-iad --exact

The API keeps an image only in the regions it is sent, so by default the image's current
regions are kept and the new ones added; --exact sends exactly the regions given (the
others are removed).""",
    "wait": """\
examples:
  linode-images wait private/12345
  linode-images wait private/12345 --regions us-east us-iad --timeout 3600

Waits until the image has --status (default available) and, with --regions, until it is
available in each of them (--regions alone: in every region it lists). Exit status 3 when
--timeout runs out.""",
}


def _command(commands: Commands, name: str, summary: str) -> argparse.ArgumentParser:
    return add_command(commands, name, summary, _EXAMPLES[name])


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value


def _add_tags(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup, help: str) -> None:
    parser.add_argument("--tag", dest="tags", action="append", metavar="TAG", help=help)


def _add_timeout(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--timeout", type=_positive_float, metavar="SECONDS", help=f"longest wait (default {default})"
    )
    parser.add_argument(
        "--poll-interval",
        type=_positive_float,
        metavar="SECONDS",
        help="first pause between polls (default 2)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``linode-images`` parser with every command."""
    parser = argparse.ArgumentParser(
        prog="linode-images",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'linode-images COMMAND --help' for a command's flags and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    upload = _command(commands, "upload", "upload a disk image file and print the new image's id")
    upload.add_argument("file", metavar="FILE", help="raw or gzip disk image; - reads standard input")
    upload.add_argument("--label", required=True, help="the image's label")
    upload.add_argument("--region", required=True, help="the region the image is uploaded to, e.g. us-east")
    upload.add_argument("--description", help="the image's description")
    _add_tags(upload, "a tag (repeatable)")
    upload.add_argument("--cloud-init", action="store_true", help="the image supports cloud-init")
    upload.add_argument(
        "--no-wait", action="store_true", help="return once the data is sent (pending_upload)"
    )
    upload.add_argument(
        "--compress",
        choices=["auto", "always", "never"],
        default="auto",
        help="auto: gzip unless it is gzip already (default); never: refuse data that is not gzip",
    )
    upload.add_argument(
        "--level", type=int, choices=range(1, 10), metavar="1-9", help="gzip level (default 6)"
    )
    upload.add_argument(
        "--keep-on-failure", action="store_true", help="keep the pending image when the upload fails"
    )
    _add_timeout(upload, "1800")
    upload.add_argument("--quiet", action="store_true", help="no progress output")
    add_json(upload)

    listing = _command(commands, "list", "list images")
    visibility = listing.add_mutually_exclusive_group()
    visibility.add_argument("--public", action="store_true", help="public images only")
    visibility.add_argument("--private", action="store_true", help="your own images only")
    listing.add_argument("--label", help="images with this label")
    listing.add_argument("--vendor", help="images of this vendor, e.g. Debian")
    _add_tags(listing, "images with this tag (repeatable: all of them); private ones unless --public")
    listing.add_argument("--status", help="images in this status, e.g. available")
    listing.add_argument(
        "--order-by", choices=sorted(ORDERABLE_FIELDS), metavar="FIELD", help="sort by FIELD"
    )
    listing.add_argument("--desc", action="store_true", help="sort in descending order (with --order-by)")
    listing.add_argument(
        "--page-size", type=int, metavar="N", help="images per request, 25-500 (default 500)"
    )
    add_list_output(listing)

    get = _command(commands, "get", "show one image")
    get.add_argument("image_id", metavar="ID")
    add_json(get)

    update = _command(commands, "update", "change an image's label, description or tags")
    update.add_argument("image_id", metavar="ID")
    update.add_argument("--label", help="the new label")
    update.add_argument("--description", help='the new description ("" clears it)')
    tags = update.add_mutually_exclusive_group()
    _add_tags(tags, "a tag (repeatable; replaces all)")
    tags.add_argument("--no-tags", action="store_true", help="remove every tag")
    add_json(update)

    delete = _command(commands, "delete", "delete images")
    delete.add_argument("image_ids", metavar="ID", nargs="+")
    delete.add_argument("--yes", action="store_true", help="do not ask")

    replicate = _command(commands, "replicate", "make an image available in more regions")
    replicate.add_argument("image_id", metavar="ID")
    replicate.add_argument(
        "--region",
        dest="regions",
        action="extend",
        nargs="+",
        required=True,
        metavar="REGION",
        help="region ids",
    )
    replicate.add_argument(
        "--exact", action="store_true", help="exactly these regions; the others are removed"
    )
    replicate.add_argument(
        "--wait", action="store_true", help="wait until the image is available in each one"
    )
    _add_timeout(replicate, "3600")
    add_json(replicate)

    wait = _command(commands, "wait", "wait until an image has a status or is available in regions")
    wait.add_argument("image_id", metavar="ID")
    wait.add_argument("--status", default="available", help="the status to wait for (default available)")
    wait.add_argument(
        "--regions", action="extend", nargs="*", metavar="REGION", help="also wait for these regions"
    )
    _add_timeout(wait, "1800 for a status, 3600 for regions")
    add_json(wait)

    add_sharing_commands(commands)
    return parser
