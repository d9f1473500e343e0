"""``python -m linode_images``: the ``linode-images`` command."""

from ._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
