"""pytest fixtures for tests that talk to the mock: a server for the session, reset for every
test, configured per test by a marker, and a client bound to it.

Example (a test module; the plugin is registered by installing ``linode-images[mock]``)::

    @pytest.mark.linode_mock(timing={"create": "3 reads"}, faults={"get-image": "503,ok"})
    def test_waits(linode_client, linode_mock):
        image = linode_client.images.create(disk_id=1001, label="x")
        image = linode_client.images.wait_for_status(image.id, "available", poll_interval=0.01)
        assert image.status == "available"

Fixtures: ``linode_mock_server`` (session: one ``MockServer`` on a free 127.0.0.1 port, strict),
``linode_mock`` (that server, its state back to the seeded images and its config to the
session's, plus this test's ``linode_mock`` marker fields or indirect parameter) and
``linode_client`` (a ``linode_images.LinodeImages`` on ``linode_mock`` with its first token).

Every installation of linode-images registers this plugin (entry points know no extras), so it
imports nothing but pytest when loaded: the mock is imported by the fixtures, and the client
package only by ``linode_client`` (the mock never depends on the client).
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from ._extra import missing_extra

if TYPE_CHECKING:
    from ._server import MockServer

MARKER = "linode_mock"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker (so ``--strict-markers`` suites accept it)."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**fields): MockConfig fields for this test's mock server, e.g. timing, faults, "
        "rate_limits, tokens, disks, extra_private_images, strict",
    )


def _mock_server_class() -> type[MockServer]:
    try:
        module = importlib.import_module("linode_images_mock._server")
    except ImportError as error:
        hint = missing_extra(error)
        if hint is None:
            raise
        pytest.fail(f"the {MARKER} fixtures: {hint}", pytrace=False)
    server_class: type[MockServer] = module.MockServer
    return server_class


@pytest.fixture(scope="session")
def linode_mock_server() -> Iterator[MockServer]:
    """One mock server for the whole session, on a free 127.0.0.1 port, in strict mode."""
    with _mock_server_class()(strict=True) as server:
        yield server


def _test_fields(request: pytest.FixtureRequest) -> dict[str, Any]:
    """MockConfig fields asked for by the test: markers (the closest wins), then its parameter."""
    fields: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(MARKER))):
        if marker.args:
            pytest.fail(f"@pytest.mark.{MARKER} takes MockConfig fields as keywords", pytrace=False)
        fields.update(marker.kwargs)
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, dict):
            pytest.fail(f"an indirect {MARKER} parameter is a dict of MockConfig fields", pytrace=False)
        fields.update(param)
    return fields


@pytest.fixture
def linode_mock(linode_mock_server: MockServer, request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """The session's mock server for this test: seeded images, zeroed counters, the session's
    config with this test's ``linode_mock`` marker (or indirect parameter) fields on top."""
    server = linode_mock_server
    session = {field.name: getattr(server.config, field.name) for field in dataclasses.fields(server.config)}
    try:
        server.state.configure(**{**session, **_test_fields(request)})
    except (TypeError, ValueError) as error:
        pytest.fail(f"@pytest.mark.{MARKER}: {error}", pytrace=False)
    server.state.reset()
    try:
        yield server
    finally:
        # Whatever the test changed (faults, timing, tokens) does not reach the next one.
        server.state.configure(**session)
        server.state.reset()


@pytest.fixture
def linode_client(linode_mock: MockServer) -> Iterator[Any]:
    """A ``linode_images.LinodeImages`` talking to ``linode_mock`` with its first token."""
    client_module = importlib.import_module("linode_images")
    token = next(iter(linode_mock.state.config.tokens))
    with client_module.LinodeImages(base_url=linode_mock.url, token=token) as client:
        yield client
