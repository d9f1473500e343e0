"""The pieces every command's parser is made of: the connection flags, a command with its
examples, the output flags, and the tables that declare the commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

from .._ids import check_sharegroup_id, check_uuid

__all__ = [
    "Adder",
    "CommandTable",
    "Commands",
    "add_command",
    "add_commands",
    "add_global_options",
    "arg",
    "json_output",
    "list_output",
    "one_of",
    "positive_int",
    "uuid_text",
]

# A parser's commands (what add_subparsers returns); subscriptable only for type checkers.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
# What flags are added to: a command's parser, or a group of its flags.
Flags: TypeAlias = "argparse._ActionsContainer"
# What adds one flag (or a group of them) to a command.
Adder = Callable[[Flags], object]
# Each command by name: its one-line summary, and what adds its flags, in --help's order.
CommandTable = Mapping[str, tuple[str, Sequence[Adder]]]


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


def add_commands(
    commands: Commands, table: CommandTable, examples: Mapping[str, str], prefix: str = ""
) -> None:
    """Every command of ``table``, its examples ``examples[prefix + name]``."""
    for name, (summary, adders) in table.items():
        parser = add_command(commands, name, summary, examples[prefix + name])
        for add in adders:
            add(parser)


def arg(*names: str, **options: Any) -> Adder:
    """One flag or positional argument: ``add_argument(*names, **options)``."""
    return lambda flags: flags.add_argument(*names, **options)


def one_of(*adders: Adder) -> Adder:
    """``adders``' flags as a mutually exclusive group."""

    def add(flags: Flags) -> None:
        group = flags.add_mutually_exclusive_group()
        for add_one in adders:
            add_one(group)

    return add


def json_output(what: str = "the image") -> Adder:
    """``--json``, for a command that writes one item."""
    return arg("--json", action="store_true", help=f"write {what} as one JSON object (to_dict())")


def list_output(ids: str = "one image id per line") -> Adder:
    """``--ids`` or ``--json``, for a command that writes a list."""
    return one_of(
        arg("--ids", action="store_true", help=ids),
        arg("--json", action="store_true", help="one JSON object (to_dict()) per line"),
    )


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
