"""One request before the contract suite runs against a live API: does it answer, and does it
accept ``LINODE_TOKEN`` for private images?

``python -m tests.contract.preflight BASE_URL`` (what ``make contract-live`` runs first) is
silent and exits 0 when both hold; otherwise it prints one line saying what is wrong and what
to check, and exits 1, instead of letting every scenario fail on its own. The conftest's live
target asks the same question through :func:`problem`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from linode_images import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    Filter,
    LinodeImages,
    PermissionDeniedError,
)

# Long enough for a slow first TLS handshake, short enough that a host which drops packets
# does not keep the run waiting.
TIMEOUT = 10.0
PREFIX = "contract-live: stopped"


def one_line(text: str) -> str:
    return " ".join(text.split())


def problem(base_url: str, token: str, *, timeout: float = TIMEOUT) -> str | None:
    """None when ``base_url`` answers a list of private images with ``token``; else what is wrong.

    One request, not retried: a private list needs a token with images access, where a public
    list would also be answered anonymously. The token never appears in what is returned.
    """
    if not token:
        return "LINODE_TOKEN is not set (a Linode personal access token with images access)"
    try:
        with LinodeImages(base_url=base_url, token=token, retry=0, timeout=timeout) as client:
            client.images.list_page(page_size=25, filter=Filter.eq("is_public", False))
    except ValueError as error:
        return f"{base_url} cannot be used: {one_line(str(error))}"
    except APIConnectionError as error:
        return f"no answer from {base_url} ({one_line(str(error))}); check the URL and the network"
    except AuthenticationError as error:
        return (
            f"{base_url} refused LINODE_TOKEN ({one_line(str(error))}); "
            "use a personal access token with images access"
        )
    except PermissionDeniedError as error:
        return f"LINODE_TOKEN lacks images access at {base_url} ({one_line(str(error))})"
    except (APIStatusError, APIResponseValidationError) as error:
        return (
            f"{base_url} does not answer like the Linode API ({one_line(str(error))}); "
            "the base URL is the API's origin, without /v4"
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.contract.preflight", description=__doc__)
    parser.add_argument("base_url", help="the API to check, e.g. https://api.linode.com")
    args = parser.parse_args(argv)
    found = problem(args.base_url, os.environ.get("LINODE_TOKEN", ""))
    if found is None:
        return 0
    print(f"{PREFIX}: {found}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
