"""What every command shares: its streams, the usage error, one-line messages, the question
asked before something is deleted, and the output of one item or a list of them."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, TextIO, TypeVar

from linode_images import LinodeImages

from ._output import Columns, Record, write_detail, write_ids, write_json, write_rows

__all__ = [
    "Console",
    "Handler",
    "UsageError",
    "confirm",
    "lists",
    "one_line",
    "shows",
    "write_list",
    "write_one",
]

T = TypeVar("T", bound=Record)


class UsageError(Exception):
    """The flags cannot work together, or ask for something refused on principle (exit 2)."""


@dataclass
class Console:
    """The command's streams, and which of them are terminals."""

    out: TextIO
    err: TextIO
    inp: TextIO
    binary_inp: IO[bytes]
    out_tty: bool
    err_tty: bool
    inp_tty: bool
    # What an interruption (Ctrl-C) at this point leaves behind, in words.
    interruption: Callable[[], str] = field(default=lambda: "interrupted")

    def note(self, text: str) -> None:
        self.err.write(text + "\n")
        self.err.flush()


def one_line(error: BaseException) -> str:
    """An error's message and notes on one line."""
    text = " ".join([str(error), *getattr(error, "__notes__", [])])
    return " ".join(text.split())


def confirm(console: Console, command: str, question: str, *, yes: bool) -> bool:
    """Whether to go on with what ``question`` asks about: ``--yes``, or the answer typed on a
    terminal. Off a terminal without ``--yes`` it is a usage error, raised before any request."""
    if yes:
        return True
    if not console.inp_tty:
        raise UsageError(f"{command} asks first on a terminal; to go on without asking, pass --yes")
    console.err.write(f"{question} This cannot be undone. [y/N] ")
    console.err.flush()
    return console.inp.readline().strip().lower() in ("y", "yes")


def write_one(console: Console, item: Record, as_json: bool) -> None:
    """One item: its ``to_dict()`` as JSON with ``--json``, else its fields one per line."""
    if as_json:
        write_json(console.out, [item])
    else:
        write_detail(console.out, item)


def write_list(
    console: Console,
    items: Iterable[T],
    columns: Columns[T],
    key: Callable[[T], object],
    args: argparse.Namespace,
) -> int:
    """A list as ``--ids`` (``key`` of each item), ``--json`` lines, or rows (a table on a
    terminal); the number written."""
    if getattr(args, "ids", False):
        return write_ids(console.out, items, key)
    if getattr(args, "json", False):
        return write_json(console.out, items)
    return write_rows(console.out, items, columns, table=console.out_tty)


# A command: the client, the parsed flags and the console in; its exit status out.
Handler = Callable[[LinodeImages, argparse.Namespace, Console], int]


def shows(call: Callable[[LinodeImages, argparse.Namespace], Record]) -> Handler:
    """The command that writes the one item ``call`` returns (``write_one``)."""

    def command(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
        write_one(console, call(client, args), args.json)
        return 0

    return command


def lists(
    call: Callable[[LinodeImages, argparse.Namespace], Iterable[T]],
    columns: Columns[T],
    key: Callable[[T], object],
) -> Handler:
    """The command that writes the items ``call`` returns (``write_list``)."""

    def command(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
        write_list(console, call(client, args), columns, key, args)
        return 0

    return command
