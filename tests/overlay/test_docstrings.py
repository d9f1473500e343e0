"""The public API documents itself: every parameter of every public method of
``client.images`` and of both clients' constructors is described in its docstring, and
``help(LinodeImages)`` shows ``.images``."""

from __future__ import annotations

import inspect
import pydoc
import re
from collections.abc import Callable
from typing import Any

import pytest
from linode_images import AsyncLinodeImages, LinodeImages
from linode_images._async_images import AsyncImages
from linode_images._images import Images


def documented_names(doc: str) -> set[str]:
    """The names an ``Args:`` section describes (``name:`` or ``a, b, c:`` at its indent)."""
    section = doc.split("Args:", 1)[1] if "Args:" in doc else ""
    names: set[str] = set()
    for group in re.findall(r"^\s{4,12}([a-z_][\w, ]*):", section, re.M):
        names |= {name.strip() for name in group.split(",")}
    return names


def parameters(function: Callable[..., Any]) -> set[str]:
    return {name for name in inspect.signature(function).parameters if name != "self"}


PUBLIC_METHODS = [
    (cls, name)
    for cls in (Images, AsyncImages)
    for name, member in vars(cls).items()
    if not name.startswith("_") and callable(member)
]


@pytest.mark.parametrize(
    ("cls", "name"), PUBLIC_METHODS, ids=[f"{c.__name__}.{n}" for c, n in PUBLIC_METHODS]
)
def test_every_parameter_of_every_method_is_documented(cls: type, name: str) -> None:
    method = getattr(cls, name)
    assert parameters(method) - documented_names(inspect.getdoc(method) or "") == set()


def test_upload_documents_all_of_its_parameters() -> None:
    names = parameters(Images.upload)
    assert len(names) == 21  # the source and 20 keyword arguments
    assert names <= documented_names(inspect.getdoc(Images.upload) or "")


def test_the_waits_document_poll_interval_and_max_interval() -> None:
    for method in (Images.wait_for_status, Images.wait_for_replication, AsyncImages.wait_for_status):
        doc = inspect.getdoc(method) or ""
        assert {"poll_interval", "max_interval", "timeout"} <= documented_names(doc)


@pytest.mark.parametrize("client", [LinodeImages, AsyncLinodeImages])
def test_help_shows_the_constructor_parameters_and_images(client: type) -> None:
    text = pydoc.render_doc(client, renderer=pydoc.plaintext)
    doc = inspect.getdoc(client) or ""

    assert parameters(client.__init__) - documented_names(doc) == set()
    assert re.search(r"^\s*\|\s+images: the image operations", text, re.M)
    assert "LINODE_TOKEN" in doc and "LINODE_BASE_URL" in doc
