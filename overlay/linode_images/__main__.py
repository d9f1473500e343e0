"""``python -m linode_images``: the ``linode-images`` command."""

from ._cli import main

raise SystemExit(main())
