"""The ``linode-images`` command (also ``python -m linode_images``).

``main()`` parses the flags, builds a ``LinodeImages`` client from the flags, the environment
and linode-cli's configuration, runs one command, and turns what it raised into one line on
stderr and an exit status:

    0    done
    1    the API or the upload failed (``LinodeError``, an unreadable file)
    2    a usage error: bad flags, a bad value refused before anything was sent
    3    a wait timed out (``WaitTimeoutError``); the image is kept
    130  interrupted (Ctrl-C), after the library's own cleanup

``--debug`` logs the requests (never their headers, so never the token) and shows tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

from linode_images import ApiVersion, LinodeError, LinodeImages, WaitTimeoutError

from ._commands import COMMANDS
from ._config import ConfigError, resolve_settings
from ._console import Console, UsageError, one_line
from ._parser import build_parser
from ._sharing_commands import SHARING_COMMANDS

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

# Each command by what is typed: "list", or a group's "sharegroup list".
_HANDLERS = {**COMMANDS, **SHARING_COMMANDS}


def _console() -> Console:
    return Console(
        out=sys.stdout,
        err=sys.stderr,
        inp=sys.stdin,
        binary_inp=sys.stdin.buffer,
        out_tty=sys.stdout.isatty(),
        err_tty=sys.stderr.isatty(),
        inp_tty=sys.stdin.isatty(),
    )


def _fail(console: Console, debug: bool, error: BaseException, what: str, status: int) -> int:
    if debug:
        traceback.print_exception(error, file=console.err)
    console.note(f"linode-images: {what}: {one_line(error)}")
    return status


def _command_name(args: argparse.Namespace) -> str:
    subcommand: str | None = getattr(args, "subcommand", None)
    return args.command if subcommand is None else f"{args.command} {subcommand}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status."""
    args = build_parser().parse_args(argv)  # exits 2 with argparse's usage message
    console = _console()
    debug: bool = args.debug
    if debug:
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s")
        logging.getLogger("linode_images").setLevel(logging.DEBUG)
    try:
        settings = resolve_settings(token=args.token, base_url=args.base_url, api_version=args.api_version)
        if debug:
            console.note(
                f"linode-images: {settings.base_url} {settings.api_version}, token: {settings.token_source}"
            )
        version = ApiVersion(settings.api_version)  # the client refuses all but v4 and v4beta
        with LinodeImages(settings.token, base_url=settings.base_url, api_version=version) as client:
            return _HANDLERS[_command_name(args)](client, args, console)
    except KeyboardInterrupt as interrupt:
        # The library has cleaned up by now (a pending upload is deleted); say what is left.
        if debug:
            traceback.print_exception(interrupt, file=console.err)
        console.note(f"linode-images: {console.interruption()}")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly, as other tools do.
        _silence_stdout()
        return EXIT_FAILED
    except WaitTimeoutError as error:
        return _fail(console, debug, error, "timed out", EXIT_TIMEOUT)
    except (UsageError, ConfigError, ValueError, TypeError) as error:
        return _fail(console, debug, error, "error", EXIT_USAGE)
    except (LinodeError, OSError) as error:
        return _fail(console, debug, error, "error", EXIT_FAILED)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit and would report the broken pipe once more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
