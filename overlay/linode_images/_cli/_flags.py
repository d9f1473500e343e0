"""The pieces every command's parser is made of: the connection flags, a command with its
examples, and the output flags."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from .._ids import check_sharegroup_id, check_uuid

__all__ = [
    "Commands",
    "add_command",
    "add_global_options",
    "add_json",
    "add_list_output",
    "positive_int",
    "uuid_text",
]

# A parser's commands (what add_subparsers returns); subscriptable only for type checkers.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The connection flags, on the top parser and (``suppress``) on each command."""
    # On each command too, so that they can follow it; SUPPRESS keeps a command's missing
    # flag from overwriting the one given before the command.
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--token",
        default=default,
        help="API token (prefer LINODE_TOKEN: a flag is visible to other users of the machine)",
    )
    group.add_argument("--base-url", default=default, help="API base URL (LINODE_BASE_URL)")
    group.add_argument(
        "--api-version", default=default, choices=["v4", "v4beta"], help="API version (LINODE_API_VERSION)"
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log requests to stderr and show tracebacks",
    )


def add_command(commands: Commands, name: str, summary: str, examples: str) -> argparse.ArgumentParser:
    """A command: its one-line summary, the connection flags, and ``examples`` under its help."""
    parser = commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(parser, suppress=True)
    return parser


def add_json(parser: argparse.ArgumentParser, what: str = "the image") -> None:
    parser.add_argument("--json", action="store_true", help=f"write {what} as one JSON object (to_dict())")


def add_list_output(parser: argparse.ArgumentParser, ids: str = "one image id per line") -> None:
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--ids", action="store_true", help=ids)
    output.add_argument("--json", action="store_true", help="one JSON object (to_dict()) per line")


def positive_int(text: str) -> int:
    """A share group's id: a whole number, at least the least id the spec allows."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    try:
        return check_sharegroup_id(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def uuid_text(text: str) -> str:
    """A token_uuid or a share group's uuid, by the library's check (whose message does not
    repeat the text: a token secret given by mistake stays off the terminal)."""
    try:
        return check_uuid("the value", text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
