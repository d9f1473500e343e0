"""The upgrade report ``make spec`` prints: what changed between two derived specs.

Two views. What changed in our spec (operations, schemas, fields, types, formats, enums,
required lists), from the committed spec to the new one. And what upstream changed that an
override absorbed: the derivation records, in spec/SOURCE.lock, where our spec deliberately
differs from upstream in a way users would notice (a type or format, a required field); an
entry new in this upgrade means upstream moved and an override held the line, which a
maintainer should know even though our spec did not change there.
"""

from __future__ import annotations

from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
LOUD = "!!"


def _kind(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "?"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            return key + "[" + ", ".join(_kind(s) for s in schema[key]) + "]"
    return str(schema.get("type", "any"))


def _python_type(schema: dict[str, Any]) -> str:
    if schema.get("format") == "date-time":
        return "datetime"
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(
        str(schema.get("type")), _kind(schema)
    )


def _operations(spec: dict[str, Any]) -> dict[str, str]:
    return {
        item[m]["operationId"]: f"{m.upper()} {path}"
        for path, item in spec.get("paths", {}).items()
        for m in METHODS
        if m in item
    }


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    return schemas


def deviations(upstream: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    """Where ``ours`` differs from ``upstream`` (both derived, before / after overrides) in
    what users see: property types and formats, and fields upstream requires that we do not."""
    out: list[str] = []
    theirs = _schemas(upstream)
    for name, schema in sorted(_schemas(ours).items()):
        if name not in theirs:
            continue
        up_props = theirs[name].get("properties", {})
        for prop, sub in sorted(schema.get("properties", {}).items()):
            if prop not in up_props:
                continue
            up = up_props[prop]
            if _kind(up) != _kind(sub):
                out.append(f"{name}.{prop}: upstream type {_kind(up)}, ours {_kind(sub)}")
            if up.get("format") != sub.get("format") and _kind(up) == _kind(sub):
                out.append(
                    f"{name}.{prop}: upstream format {up.get('format', '(none)')}, "
                    f"ours {sub.get('format', '(none)')} "
                    f"(users get {_python_type(sub)}, not {_python_type(up)})"
                )
        mine, props = set(schema.get("required", [])), schema.get("properties", {})
        extra = [r for r in theirs[name].get("required", []) if r not in mine and r in props]
        if extra:
            out.append(f"{name}: upstream requires {', '.join(sorted(extra))}; ours does not")
    return out


def _lines(title: str, items: list[str], loud: bool = False) -> list[str]:
    if not items:
        return []
    mark = f"{LOUD} " if loud else ""
    return [f"{title} ({len(items)}):", *(f"  {mark}{item}" for item in items)]


def upgrade_report(
    old: dict[str, Any], new: dict[str, Any], old_absorbed: list[str], new_absorbed: list[str]
) -> list[str]:
    """The report, as lines: empty when nothing changed."""
    lines: list[str] = []
    old_ops, new_ops = _operations(old), _operations(new)
    lines += _lines("operations added", [f"{o}  {new_ops[o]}" for o in sorted(set(new_ops) - set(old_ops))])
    lines += _lines("operations removed", [f"{o}  {old_ops[o]}" for o in sorted(set(old_ops) - set(new_ops))])
    old_s, new_s = _schemas(old), _schemas(new)
    lines += _lines("schemas added", sorted(set(new_s) - set(old_s)))
    lines += _lines("schemas removed", sorted(set(old_s) - set(new_s)), loud=True)
    fields_added: list[str] = []
    fields_removed: list[str] = []
    types: list[str] = []
    formats: list[str] = []
    enums: list[str] = []
    required: list[str] = []
    newly_required: list[str] = []
    for name in sorted(set(old_s) & set(new_s)):
        a, b = old_s[name], new_s[name]
        pa, pb = a.get("properties", {}), b.get("properties", {})
        fields_added += [f"{name}.{p}: {_kind(pb[p])}" for p in sorted(set(pb) - set(pa))]
        fields_removed += [f"{name}.{p}" for p in sorted(set(pa) - set(pb))]
        for p in sorted(set(pa) & set(pb)):
            if _kind(pa[p]) != _kind(pb[p]):
                types.append(f"{name}.{p}: {_kind(pa[p])} -> {_kind(pb[p])}")
            if pa[p].get("format") != pb[p].get("format"):
                formats.append(
                    f"{name}.{p}: {pa[p].get('format', '(none)')} -> {pb[p].get('format', '(none)')} "
                    f"(users get {_python_type(pb[p])}, was {_python_type(pa[p])})"
                )
        ea, eb = a.get("enum", []), b.get("enum", [])
        if ea != eb:
            change = [f"+{v}" for v in eb if v not in ea] + [f"-{v}" for v in ea if v not in eb]
            enums.append(f"{name}: {' '.join(change) or 'reordered'}")
        ra, rb = set(a.get("required", [])), set(b.get("required", []))
        if rb - ra:
            newly_required.append(f"{name}: now requires {', '.join(sorted(rb - ra))}")
        if ra - rb:
            required.append(f"{name}: no longer requires {', '.join(sorted(ra - rb))}")
    lines += _lines("fields added", fields_added)
    lines += _lines("fields removed", fields_removed, loud=True)
    lines += _lines("types changed", types, loud=True)
    lines += _lines("formats changed", formats, loud=True)
    lines += _lines("enums changed", enums)
    lines += _lines("required lists: fields that became required", newly_required, loud=True)
    lines += _lines("required lists: fields no longer required", required)
    kept = [a for a in new_absorbed if a not in old_absorbed]
    released = [a for a in old_absorbed if a not in new_absorbed]
    title = "upstream changes that reach users, absorbed by spec/overrides.yaml (check each still holds)"
    lines += _lines(title, kept, loud=True)
    lines += _lines("deviations from upstream that are gone (upstream now agrees)", released)
    return lines
