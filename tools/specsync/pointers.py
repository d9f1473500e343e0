"""JSON pointers (RFC 6901) over plain documents, and the tool's one error type."""

from __future__ import annotations

from typing import Any


class SpecError(Exception):
    """The upstream document cannot be turned into our spec without a human decision."""


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def split_pointer(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise SpecError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def resolve_pointer(doc: Any, pointer: str) -> Any:
    node = doc
    for token in split_pointer(pointer):
        if isinstance(node, list):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise SpecError(f"pointer {pointer!r} does not exist (at {token!r})")
    return node


def set_pointer(doc: Any, pointer: str, value: Any) -> None:
    tokens = split_pointer(pointer)
    parent = resolve_pointer(doc, "".join("/" + escape(t) for t in tokens[:-1]))
    last = tokens[-1]
    if isinstance(parent, list):
        parent[int(last)] = value
    else:
        parent[last] = value
