"""spec/overrides.yaml: JSON-pointer patches, each with a one-line ``why``.

Two kinds of patch. The strict ones say what to change in today's document and stop the
derivation when upstream moves under them, so the change gets reviewed:

- ``add``: the target must be absent; ``replace`` / ``remove``: it must be present.

The intent ones say what our spec holds whatever upstream writes, so one entry serves every
upstream version where the intent is the same ("created is a date-time"):

- ``set``: the target is this value (added or replaced).
- ``discard``: the target is absent (removed if upstream has it).
- ``include`` / ``exclude``: the list at the target holds / lacks these values.

And one for our own words, since upstream's prose is not carried over:

- ``describe``: ``value`` maps schema names (under ``path``, ``/components/schemas``) to
  ``{field: description}``, each text becoming that property's ``description``, which the
  generated models carry as attribute docstrings; or to one text, the schema's own. A field
  that is a ``$ref`` takes the description of the schema it names (the generator reads it
  there), so it is described there. Every named schema and field must exist, so a field
  renamed upstream cannot keep a stale text.

A ``*`` token matches every key at its level ("every schema with a ``created``"); a patch
must reach at least one target. ``optional: true`` lets a patch reach none, for parts that
only some upstream versions have (image sharing, 4.234.0 on).
"""

from __future__ import annotations

import copy
from typing import Any

from .pointers import SpecError, escape, resolve_pointer, split_pointer

STRICT = ("add", "replace", "remove")
INTENT = ("set", "discard", "include", "exclude")
DESCRIBE = "describe"


def _parents(doc: Any, tokens: list[str], where: str = "") -> list[tuple[Any, str, str]]:
    """Every (parent, last token, pointer) the pattern reaches; ``*`` matches each key."""
    if len(tokens) == 1:
        return [(doc, tokens[0], f"{where}/{escape(tokens[0])}")]
    head, rest = tokens[0], tokens[1:]
    if isinstance(doc, dict):
        keys = sorted(doc) if head == "*" else [head] if head in doc else []
        return [p for k in keys for p in _parents(doc[k], rest, f"{where}/{escape(k)}")]
    if isinstance(doc, list) and head.isdigit() and int(head) < len(doc):
        return _parents(doc[int(head)], rest, f"{where}/{head}")
    return []


def _strict(parent: Any, last: str, op: str, value: Any, label: str) -> None:
    if isinstance(parent, list):
        if op == "add":
            parent.insert(len(parent) if last == "-" else int(last), value)
            return
        index = int(last)
        if index >= len(parent):
            raise SpecError(f"{label}: target no longer exists upstream; review this override")
        if op == "replace":
            parent[index] = value
        else:
            del parent[index]
        return
    if op == "add":
        if last in parent:
            raise SpecError(f"{label}: 'add' but upstream already has it; review this override")
        parent[last] = value
    elif last not in parent:
        raise SpecError(f"{label}: target no longer exists upstream; review this override")
    elif op == "replace":
        parent[last] = value
    else:
        del parent[last]


def _intent(parent: Any, last: str, op: str, value: Any, label: str) -> None:
    if not isinstance(parent, dict):
        raise SpecError(f"{label}: '{op}' needs an object member as its target")
    if op == "set":
        parent[last] = value
    elif op == "discard":
        parent.pop(last, None)
    else:
        if not isinstance(value, list):
            raise SpecError(f"{label}: '{op}' takes a list of values")
        current = parent.get(last, [])
        if not isinstance(current, list):
            raise SpecError(f"{label}: '{op}' needs a list at its target")
        if op == "include":
            parent[last] = current + [v for v in value if v not in current]
        else:
            parent[last] = [v for v in current if v not in value]


def _describe(doc: Any, pointer: str, value: Any, optional: bool, label: str) -> None:
    found = resolve_pointer(doc, pointer)
    if not isinstance(found, dict):
        raise SpecError(f"{label}: 'describe' needs an object of schemas at its path")
    if not isinstance(value, dict):
        raise SpecError(f"{label}: 'describe' takes {{schema: {{field: description}}}}")
    for name, fields in value.items():
        if name not in found:
            if optional:
                continue
            raise SpecError(f"{label}: describes schema {name}, which the spec does not have")
        if not isinstance(fields, dict):
            found[name]["description"] = _one_line(fields, f"{label}: {name}")
            continue
        properties = found[name].get("properties", {})
        for field, text in fields.items():
            if field not in properties:
                raise SpecError(f"{label}: describes {name}.{field}, which the spec does not have")
            target = _ref_target(properties[field])
            if target is not None:
                raise SpecError(
                    f"{label}: {name}.{field} is a $ref; describe {target}, where the generator reads it"
                )
            properties[field]["description"] = _one_line(text, f"{label}: {name}.{field}")


def _ref_target(schema: dict[str, Any]) -> str | None:
    """The schema a field stands for, when it is a ``$ref`` or an ``allOf`` of one ``$ref``."""
    if "allOf" in schema and len(schema["allOf"]) == 1:
        schema = schema["allOf"][0]
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _one_line(text: Any, where: str) -> str:
    if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
        raise SpecError(f"{where} needs a one-line description")
    return text.strip()


def apply_overrides(doc: dict[str, Any], overrides: list[dict[str, Any]]) -> None:
    """Apply the patches in order. Every patch must say why and must still apply."""
    for i, patch in enumerate(overrides):
        label = f"override #{i + 1} ({patch.get('path')})"
        why = patch.get("why")
        if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
            raise SpecError(f"{label}: needs a one-line 'why'")
        op = patch.get("op")
        if op not in (*STRICT, *INTENT, DESCRIBE):
            raise SpecError(
                f"{label}: op must be one of {', '.join((*STRICT, *INTENT, DESCRIBE))}, not {op!r}"
            )
        tokens = split_pointer(patch["path"])
        if not tokens:
            raise SpecError(f"{label}: the whole document cannot be patched")
        if op == DESCRIBE:
            _describe(doc, patch["path"], patch.get("value"), patch.get("optional") is True, label)
            continue
        targets = _parents(doc, tokens)
        if patch.get("optional") is True and op not in ("add", "set"):
            targets = [t for t in targets if not isinstance(t[0], dict) or t[1] in t[0]]
        if not targets:
            if patch.get("optional") is True:
                continue
            raise SpecError(f"{label}: target no longer exists upstream; review this override")
        for parent, last, _ in targets:
            value = copy.deepcopy(patch.get("value"))
            (_strict if op in STRICT else _intent)(parent, last, op, value, label)
