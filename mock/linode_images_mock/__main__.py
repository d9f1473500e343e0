"""python -m linode_images_mock: serve the mock until interrupted (flags: see --help)."""

from __future__ import annotations

import sys

from ._extra import missing_extra


def run() -> int:
    """Run the command line, or say in one line which extra to install."""
    try:
        from ._cli import main
    except ImportError as error:
        hint = missing_extra(error)
        if hint is None:
            raise
        print(f"python -m linode_images_mock: {hint}", file=sys.stderr)
        return 1
    return main()


if __name__ == "__main__":
    sys.exit(run())
