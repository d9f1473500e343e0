"""The command line: every command, its flags in the API's words, and an example for each."""

from __future__ import annotations

import argparse

from linode_images import ORDERABLE_FIELDS, __version__

from ._flags import (
    Adder,
    CommandTable,
    add_commands,
    add_global_options,
    arg,
    json_output,
    list_output,
    one_of,
)
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


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value


def _tags(help: str) -> Adder:
    return arg("--tag", dest="tags", action="append", metavar="TAG", help=help)


def _timeout(default: str) -> tuple[Adder, Adder]:
    return (
        arg("--timeout", type=_positive_float, metavar="SECONDS", help=f"longest wait (default {default})"),
        arg(
            "--poll-interval",
            type=_positive_float,
            metavar="SECONDS",
            help="first pause between polls (default 2)",
        ),
    )


_IMAGE_ID = arg("image_id", metavar="ID")

_COMMANDS: CommandTable = {
    "upload": (
        "upload a disk image file and print the new image's id",
        (
            arg("file", metavar="FILE", help="raw or gzip disk image; - reads standard input"),
            arg("--label", required=True, help="the image's label"),
            arg("--region", required=True, help="the region the image is uploaded to, e.g. us-east"),
            arg("--description", help="the image's description"),
            _tags("a tag (repeatable)"),
            arg("--cloud-init", action="store_true", help="the image supports cloud-init"),
            arg("--no-wait", action="store_true", help="return once the data is sent (pending_upload)"),
            arg(
                "--compress",
                choices=["auto", "always", "never"],
                default="auto",
                help="auto: gzip unless it is gzip already (default); never: refuse data that is not gzip",
            ),
            arg("--level", type=int, choices=range(1, 10), metavar="1-9", help="gzip level (default 6)"),
            arg(
                "--keep-on-failure", action="store_true", help="keep the pending image when the upload fails"
            ),
            *_timeout("1800"),
            arg("--quiet", action="store_true", help="no progress output"),
            json_output(),
        ),
    ),
    "list": (
        "list images",
        (
            one_of(
                arg("--public", action="store_true", help="public images only"),
                arg("--private", action="store_true", help="your own images only"),
            ),
            arg("--label", help="images with this label"),
            arg("--vendor", help="images of this vendor, e.g. Debian"),
            _tags("images with this tag (repeatable: all of them); private ones unless --public"),
            arg("--status", help="images in this status, e.g. available"),
            arg("--order-by", choices=sorted(ORDERABLE_FIELDS), metavar="FIELD", help="sort by FIELD"),
            arg("--desc", action="store_true", help="sort in descending order (with --order-by)"),
            arg("--page-size", type=int, metavar="N", help="images per request, 25-500 (default 500)"),
            list_output(),
        ),
    ),
    "get": ("show one image", (_IMAGE_ID, json_output())),
    "update": (
        "change an image's label, description or tags",
        (
            _IMAGE_ID,
            arg("--label", help="the new label"),
            arg("--description", help='the new description ("" clears it)'),
            one_of(
                _tags("a tag (repeatable; replaces all)"),
                arg("--no-tags", action="store_true", help="remove every tag"),
            ),
            json_output(),
        ),
    ),
    "delete": (
        "delete images",
        (arg("image_ids", metavar="ID", nargs="+"), arg("--yes", action="store_true", help="do not ask")),
    ),
    "replicate": (
        "make an image available in more regions",
        (
            _IMAGE_ID,
            arg(
                "--region",
                dest="regions",
                action="extend",
                nargs="+",
                required=True,
                metavar="REGION",
                help="region ids",
            ),
            arg("--exact", action="store_true", help="exactly these regions; the others are removed"),
            arg("--wait", action="store_true", help="wait until the image is available in each one"),
            *_timeout("3600"),
            json_output(),
        ),
    ),
    "wait": (
        "wait until an image has a status or is available in regions",
        (
            _IMAGE_ID,
            arg("--status", default="available", help="the status to wait for (default available)"),
            arg(
                "--regions", action="extend", nargs="*", metavar="REGION", help="also wait for these regions"
            ),
            *_timeout("1800 for a status, 3600 for regions"),
            json_output(),
        ),
    ),
}


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
    add_commands(commands, _COMMANDS, _EXAMPLES)
    add_sharing_commands(commands)
    return parser
