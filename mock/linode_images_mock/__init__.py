"""A stateful mock of the Linode Images API, built from ``spec/linode-images.yaml``.

Example::

    from linode_images_mock import MockServer

    with MockServer(tokens={"test-token": "default"}) as server:
        httpx.get(f"{server.url}/v4/images").json()["results"]

The public names are imported on first use, so that importing the package (as pytest does
for the plugin, which every installation registers) needs none of the ``mock`` extra's
dependencies, and a missing one is reported with the command that installs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._extra import missing_extra

if TYPE_CHECKING:
    from ._app import create_app
    from ._config import TRANSITIONS, FaultPlan, MockConfig, Timing
    from ._errors import ResponseDrift
    from ._records import Counters, UploadRecord
    from ._responses import DroppedConnection
    from ._server import MockServer
    from ._state import MockState

# Public name -> the private module that defines it.
_HOMES = {
    "TRANSITIONS": "_config",
    "Counters": "_records",
    "DroppedConnection": "_responses",
    "FaultPlan": "_config",
    "MockConfig": "_config",
    "MockServer": "_server",
    "MockState": "_state",
    "ResponseDrift": "_errors",
    "Timing": "_config",
    "UploadRecord": "_records",
    "create_app": "_app",
}

__all__ = [
    "TRANSITIONS",
    "Counters",
    "DroppedConnection",
    "FaultPlan",
    "MockConfig",
    "MockServer",
    "MockState",
    "ResponseDrift",
    "Timing",
    "UploadRecord",
    "create_app",
]

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        try:
            module = importlib.import_module(f"{__name__}.{home}")
        except ImportError as error:
            hint = missing_extra(error)
            if hint is None:
                raise
            raise hint from None
        value = getattr(module, name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
