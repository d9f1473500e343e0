"""``python -m linode_images_mock --port 4010``: serve the mock until interrupted.

Port 0 picks a free port; the URL is printed once the socket is bound. Every control of
``MockConfig`` has a flag (see ``--help``); the admin endpoints can change them later.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import uvicorn

from ._app import create_app
from ._config import TRANSITIONS, FaultPlan, MockConfig, Timing
from ._server import bind_socket
from ._state import MockState


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return key, value


def build_parser() -> argparse.ArgumentParser:
    """The command line: one flag per control."""
    parser = argparse.ArgumentParser(prog="python -m linode_images_mock", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=4010, help="port to bind; 0 picks a free one (default 4010)"
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
        help=f"lifecycle timing: immediate, 5s or '3 reads'; transitions: {', '.join(TRANSITIONS)}",
    )  # fmt: skip
    parser.add_argument(
        "--upload-limit", type=int, metavar="BYTES", help="largest accepted upload (default 5 GiB)"
    )
    parser.add_argument(
        "--rate-limit", action="append", type=_pair, default=[], metavar="OPERATION=PER_MINUTE",
        help="enforce a per-minute limit on an operation (answers 429 with Retry-After)",
    )  # fmt: skip
    parser.add_argument(
        "--fault",
        action="append",
        type=_pair,
        default=[],
        metavar="OPERATION=PLAN",
        help="inject faults: a sequence '503,ok,drop' or 'PROBABILITY:KINDS' such as '0.2:500,502'; "
        "kinds: 429 500 502 503 maintenance drop latency:<s> ok bad-etag; OPERATION may be *",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for fault draws (default 0)")
    parser.add_argument("--strict", action="store_true", help="validate every response against the spec")
    parser.add_argument(
        "--public-images", type=int, default=0, metavar="N", help="extra generated public images"
    )
    parser.add_argument(
        "--private-images", action="append", default=[], metavar="[ACCOUNT=]N",
        help="extra generated private images for an account (default: the first account)",
    )  # fmt: skip
    return parser


def config_from_args(args: argparse.Namespace) -> MockConfig:
    """A MockConfig from parsed flags (raises ValueError on bad values)."""
    config = MockConfig()
    if args.token:
        config.tokens = dict(args.token)
    if args.disk:
        config.disks = {account: [int(i) for i in ids.split(",") if i] for account, ids in args.disk}
    config.timing = {name: Timing.parse(value) for name, value in args.timing}
    if args.upload_limit is not None:
        config.upload_limit = args.upload_limit
    config.rate_limits = {op: int(limit) for op, limit in args.rate_limit}
    config.faults = {op: FaultPlan.parse(plan) for op, plan in args.fault}
    config.seed = args.seed
    config.strict = args.strict or config.strict
    config.extra_public_images = args.public_images
    first_account = next(iter(config.tokens.values()))
    private: dict[str, int] = {}
    for item in args.private_images:
        account, sep, count = item.rpartition("=")
        private[account if sep else first_account] = int(count)
    config.extra_private_images = private
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
    sock = bind_socket(args.host, args.port)
    host, port = sock.getsockname()[:2]
    app = create_app(state=MockState(config))
    print(f"linode_images_mock serving http://{host}:{port} (API at /v4, admin at /__mock__/)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="info", lifespan="off"))
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
