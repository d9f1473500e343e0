"""The ``mock`` extra: which modules it brings, and the one-line hint when one is missing.

Only the standard library is imported here, so the hint can be given (by ``python -m
linode_images_mock``, ``from linode_images_mock import ...`` and the pytest plugin) when the
extra is not installed.
"""

from __future__ import annotations

# Distribution modules of the mock extra (pyproject.toml, [project.optional-dependencies] mock).
MOCK_EXTRA_MODULES = frozenset({"starlette", "uvicorn", "jsonschema", "yaml", "referencing"})
INSTALL_HINT = "pip install 'linode-images[mock]'"


def missing_extra(error: ImportError) -> ModuleNotFoundError | None:
    """The error to raise instead of ``error`` when it comes from a module of the extra."""
    name = (error.name or "").partition(".")[0]
    if not isinstance(error, ModuleNotFoundError) or name not in MOCK_EXTRA_MODULES:
        return None
    message = f"the mock server needs the 'mock' extra ({name} is not installed): {INSTALL_HINT}"
    return ModuleNotFoundError(message, name=error.name)
