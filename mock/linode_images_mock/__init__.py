"""A stateful mock of the Linode Images API, built from ``spec/linode-images.yaml``.

Example::

    from linode_images_mock import MockServer

    with MockServer(tokens={"test-token": "default"}) as server:
        httpx.get(f"{server.url}/v4/images").json()["results"]
"""

from ._app import create_app
from ._config import TRANSITIONS, FaultPlan, MockConfig, Timing
from ._errors import ResponseDrift
from ._records import Counters, UploadRecord
from ._responses import DroppedConnection
from ._server import MockServer
from ._state import MockState

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
