"""The docstring examples of the overlay run as tests, except those that need a live API client."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import linode_images
import pytest


def _examples() -> list[doctest.DocTest]:
    found = []
    for module_info in pkgutil.iter_modules(linode_images.__path__):
        module = importlib.import_module(f"linode_images.{module_info.name}")
        for test in doctest.DocTestFinder().find(module):
            if test.examples and test.name.startswith(module.__name__):
                found.append(test)
    return sorted(found, key=lambda test: test.name)


def _needs_an_api(test: doctest.DocTest) -> bool:
    # ``client.images...`` examples (and the client classes' own) call the Linode API.
    return any(
        "client." in example.source or "LinodeImages(token=" in example.source for example in test.examples
    )


EXAMPLES = _examples()
RUNNABLE = [test for test in EXAMPLES if not _needs_an_api(test)]


def test_the_runnable_examples_are_found() -> None:
    names = {test.name for test in RUNNABLE}
    assert {
        "linode_images._flow",
        "linode_images._storage.check_upload_url",
        "linode_images._wait.Waiter",
    } <= names


@pytest.mark.parametrize("test", RUNNABLE, ids=lambda test: test.name)
def test_docstring_example(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    result = runner.run(test, out=report.append, clear_globs=False)
    assert result.failed == 0, "".join(report)
