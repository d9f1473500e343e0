"""The command line: flags -> MockConfig, bind, print the URL, serve until interrupted.

Every mistake ends in one line on stderr that names the flag and says what to do; the URL
is printed once the socket listens.
"""

from __future__ import annotations

import argparse
import errno
import os
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

import uvicorn

from ._admin import is_loopback
from ._app import create_app
from ._config import (
    DEFAULT_UPLOAD_LIMIT,
    FAULT_KINDS,
    READS_RULE,
    TRANSITIONS,
    FaultPlan,
    MockConfig,
    Timing,
    check_operation,
    operation_names,
)
from ._server import bind_socket
from ._state import MockState

PROG = "python -m linode_images_mock"
ADMIN_TOKEN_ENV = "LINODE_IMAGES_MOCK_ADMIN_TOKEN"  # noqa: S105 (the name of a variable)
# How to get a free port, from this command and from make.
FREE_PORT_HINT = "--port 0 picks a free one (make mock: MOCK_PORT=0)"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the usage block would bury the message."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return key, value


def _port(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0-65535); {FREE_PORT_HINT}")
    return int(text)


def _epilog() -> str:
    transitions = "\n".join(f"  {name:18} {what}" for name, what in TRANSITIONS.items())
    paragraphs = [
        f"operations (for --fault and --rate-limit): {', '.join(operation_names())}; "
        "put-upload-data is the PUT to an upload URL: it takes faults, not rate limits.",
        f"timings: 'immediate', '5s' (seconds) or '3 reads'. {READS_RULE}.",
        f"fault kinds: {', '.join(FAULT_KINDS)}, latency:<seconds>. drop closes the connection "
        "before any work is done; lost does the work and then closes the connection without an "
        "answer; latency serves the request and holds its answer back; bad-etag (put-upload-data "
        "only) stores the upload and answers an ETag that is not its MD5.",
    ]
    filled = [textwrap.fill(text, 78, break_on_hyphens=False, break_long_words=False) for text in paragraphs]
    return "\n\n".join([filled[0], f"lifecycle transitions (for --timing):\n{transitions}", *filled[1:]])


def build_parser() -> argparse.ArgumentParser:
    """The command line: one flag per control."""
    parser = _Parser(
        prog=PROG,
        description="Serve the Linode Images API mock until interrupted. The URL is printed once "
        "the port listens; the API is under /v4, the admin endpoints under /__mock__/.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=_port, default=4010, help=f"port to bind (default 4010); {FREE_PORT_HINT}"
    )
    parser.add_argument(
        "--token", action="append", type=_pair, default=[], metavar="TOKEN=ACCOUNT",
        help="an accepted token and its account (repeatable; default test-token=default)",
    )  # fmt: skip
    parser.add_argument(
        "--disk", action="append", type=_pair, default=[], metavar="ACCOUNT=ID[,ID...]",
        help="disk ids an account can create images from (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--timing", action="append", type=_pair, default=[], metavar="TRANSITION=WHEN",
        help="lifecycle timing: immediate, 5s or '3 reads' (transitions below)",
    )  # fmt: skip
    parser.add_argument(
        "--upload-limit", type=int, metavar="BYTES",
        help=f"largest accepted upload (default the API's, {DEFAULT_UPLOAD_LIMIT} bytes)",
    )  # fmt: skip
    parser.add_argument(
        "--rate-limit", action="append", type=_pair, default=[], metavar="OPERATION=PER_MINUTE",
        help="enforce a per-minute limit on an operation (answers 429 with Retry-After)",
    )  # fmt: skip
    parser.add_argument(
        "--fault", action="append", type=_pair, default=[], metavar="OPERATION=PLAN",
        help="inject faults: a sequence '503,ok,lost' or 'PROBABILITY:KINDS' such as '0.2:500,502'; "
        "OPERATION may be * (kinds below)",
    )  # fmt: skip
    parser.add_argument(
        "--admin-token", default=os.environ.get(ADMIN_TOKEN_ENV) or None, metavar="TOKEN",
        help="require 'Authorization: Bearer TOKEN' on every /__mock__/ request; needed when "
        f"--host is not a loopback address (default ${ADMIN_TOKEN_ENV})",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=0, help="seed for fault draws (default 0)")
    parser.add_argument("--strict", action="store_true", help="validate every response against the spec")
    parser.add_argument(
        "--public-images", type=int, default=0, metavar="N", help="extra generated public images"
    )
    parser.add_argument(
        "--private-images", action="append", default=[], metavar="[ACCOUNT=]N",
        help="extra generated private images for an account (default: the first account)",
    )  # fmt: skip
    parser.add_argument(
        "--sharegroups", action="append", default=[], metavar="[ACCOUNT=]N",
        help="share groups for an account (default: the first account), each sharing one more "
        "available private image of it, with the account as an active member through its own token; "
        "the first is made of what the spec's example requests name",
    )  # fmt: skip
    return parser


@contextmanager
def _flag(name: str) -> Iterator[None]:
    """Name the flag in a ValueError raised while its value is read."""
    try:
        yield
    except ValueError as error:
        raise ValueError(f"{name}: {error}") from None


def _number(text: str, what: str) -> int:
    if not text.isascii() or not text.strip().lstrip("-").isdigit():
        raise ValueError(f"{text!r} is not {what}")
    return int(text)


def _per_account(items: list[str], first_account: str, what: str) -> dict[str, int]:
    """``[ACCOUNT=]N`` values (the first account when none is named) as account -> N."""
    counts: dict[str, int] = {}
    for item in items:
        account, sep, count = item.rpartition("=")
        counts[account if sep else first_account] = _number(count, what)
    return counts


def config_from_args(args: argparse.Namespace) -> MockConfig:
    """A MockConfig from parsed flags (raises ValueError naming the flag on bad values)."""
    config = MockConfig()
    if args.token:
        config.tokens = dict(args.token)
    if args.disk:
        with _flag("--disk"):
            config.disks = {
                account: [_number(i, "a disk id (a whole number)") for i in ids.split(",") if i]
                for account, ids in args.disk
            }
    with _flag("--timing"):
        config.timing = {name: Timing.parse(value) for name, value in args.timing}
    if args.upload_limit is not None:
        config.upload_limit = args.upload_limit
    with _flag("--rate-limit"):
        config.rate_limits = {
            check_operation(op, "rate_limits"): _number(limit, "a number of requests per minute")
            for op, limit in args.rate_limit
        }
    with _flag("--fault"):
        config.faults = {check_operation(op, "faults"): FaultPlan.parse(plan) for op, plan in args.fault}
    config.seed = args.seed
    config.strict = args.strict or config.strict
    config.extra_public_images = args.public_images
    first_account = next(iter(config.tokens.values()))
    with _flag("--private-images"):
        config.extra_private_images = _per_account(args.private_images, first_account, "a number of images")
    with _flag("--sharegroups"):
        config.extra_sharegroups = _per_account(args.sharegroups, first_account, "a number of share groups")
    config.__post_init__()
    return config


def main(argv: Sequence[str] | None = None) -> int:
    """Parse flags, bind, print the URL, serve until interrupted."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except ValueError as error:
        parser.error(str(error))
    if not is_loopback(args.host) and not args.admin_token:
        parser.error(
            f"--host {args.host} is reachable from other machines: give --admin-token "
            f"(or {ADMIN_TOKEN_ENV}) so that only you can reset and configure the mock"
        )
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as error:
        reason = (
            "the port is already in use" if error.errno == errno.EADDRINUSE else error.strerror or str(error)
        )
        parser.exit(
            1, f"{PROG}: error: cannot listen on {args.host}:{args.port}: {reason}; {FREE_PORT_HINT}\n"
        )
    host, port = sock.getsockname()[:2]
    app = create_app(state=MockState(config), admin_token=args.admin_token)
    print(f"linode_images_mock serving http://{host}:{port} (API at /v4, admin at /__mock__/)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="info", lifespan="off"))
    server.run(sockets=[sock])
    return 0
