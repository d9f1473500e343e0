"""API facts live once, in spec/: the overlay and the mock read them, and keep no copies."""

from __future__ import annotations

import ast
import copy
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from linode_images import FILTERABLE_FIELDS, ORDERABLE_FIELDS, LinodeImages, _sizes
from linode_images_api import spec_facts
from linode_images_mock import MockConfig
from linode_images_mock import _filters as mock_filters

from tools.codegen.spec_facts import SpecFactsError, spec_facts_module

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "spec" / "linode-images.yaml").read_text())
GET_IMAGES = SPEC["paths"]["/{apiVersion}/images"]["get"]
STATUS = SPEC["components"]["schemas"]["ImageStatus"]
HAND_WRITTEN = sorted(p for d in ("overlay", "mock") for p in (ROOT / d).rglob("*.py"))


def test_spec_facts_are_the_specs() -> None:
    assert frozenset(GET_IMAGES["x-linode-filterable"]) == spec_facts.IMAGE_FILTERABLE_FIELDS
    assert frozenset(GET_IMAGES["x-linode-orderable"]) == spec_facts.IMAGE_ORDERABLE_FIELDS
    assert tuple(STATUS["x-linode-lifecycle"]) == spec_facts.IMAGE_LIFECYCLE
    assert set(spec_facts.IMAGE_LIFECYCLE) <= set(STATUS["enum"])
    page_size = next(p["schema"] for p in GET_IMAGES["parameters"] if p["name"] == "page_size")
    assert (
        page_size["minimum"],
        page_size["maximum"],
    ) == (spec_facts.MIN_PAGE_SIZE, spec_facts.MAX_PAGE_SIZE)
    assert page_size["default"] == spec_facts.DEFAULT_PAGE_SIZE
    limits = SPEC["paths"]["/{apiVersion}/images/upload"]["post"]["x-linode-upload-limits"]
    assert (limits["compressed_bytes"], limits["uncompressed_bytes"]) == (
        spec_facts.UPLOAD_MAX_SIZE,
        spec_facts.UPLOAD_MAX_UNCOMPRESSED_SIZE,
    )


def _path_parameters() -> dict[str, dict[str, Any]]:
    return {
        param["name"]: param["schema"]
        for item in SPEC["paths"].values()
        for param in item.get("parameters", [])
        if param["in"] == "path"
    }


def test_the_path_bounds_are_the_specs() -> None:
    parameters = _path_parameters()
    assert parameters["sharegroupId"]["minimum"] == spec_facts.MIN_SHAREGROUP_ID
    assert parameters["tokenUuid"]["format"] == "uuid"
    for text in (str(uuid.uuid4()), str(uuid.uuid4()).upper()):
        assert re.fullmatch(spec_facts.UUID_PATTERN, text)
    for text in ("..", uuid.uuid4().hex, f"urn:uuid:{uuid.uuid4()}", f"{{{uuid.uuid4()}}}"):
        assert not re.fullmatch(spec_facts.UUID_PATTERN, text)


@pytest.mark.parametrize(
    ("name", "change", "says"),
    [
        ("sharegroupId", lambda schemas: [schema.pop("minimum") for schema in schemas], "'minimum'"),
        ("tokenUuid", lambda schemas: [schema.update(format="hostname") for schema in schemas], "'hostname'"),
        ("sharegroupId", lambda schemas: schemas[0].update(maximum=9), "differs from the others"),
    ],
)
def test_the_spec_facts_tool_refuses_a_spec_without_the_path_bounds(
    name: str, change: Any, says: str
) -> None:
    document = copy.deepcopy(SPEC)
    change(
        [
            param["schema"]
            for item in document["paths"].values()
            for param in item.get("parameters", [])
            if param["name"] == name
        ]
    )
    with pytest.raises(SpecFactsError, match=re.escape(says)):
        spec_facts_module(document)


def test_the_upload_limits_are_the_specs() -> None:
    assert (_sizes.DEFAULT_MAX_SIZE, _sizes.DEFAULT_MAX_UNCOMPRESSED_SIZE) == (5 * 10**9, 6 * 10**9)
    assert _sizes.DEFAULT_MAX_SIZE is spec_facts.UPLOAD_MAX_SIZE
    assert _sizes.DEFAULT_MAX_UNCOMPRESSED_SIZE is spec_facts.UPLOAD_MAX_UNCOMPRESSED_SIZE
    # The mock reads the same limit from the spec document it serves.
    assert MockConfig().upload_limit == spec_facts.UPLOAD_MAX_SIZE
    assert MockConfig.from_json({}).upload_limit == spec_facts.UPLOAD_MAX_SIZE


def test_the_overlay_and_the_mock_use_the_specs_lists() -> None:
    assert FILTERABLE_FIELDS == spec_facts.IMAGE_FILTERABLE_FIELDS
    assert ORDERABLE_FIELDS == spec_facts.IMAGE_ORDERABLE_FIELDS
    assert mock_filters.FILTERABLE == spec_facts.IMAGE_FILTERABLE_FIELDS
    assert mock_filters.SORTABLE == spec_facts.IMAGE_ORDERABLE_FIELDS


@pytest.mark.parametrize("page_size", [spec_facts.MIN_PAGE_SIZE - 1, spec_facts.MAX_PAGE_SIZE + 1])
def test_the_overlay_refuses_page_sizes_outside_the_specs_bounds(page_size: int) -> None:
    with (
        LinodeImages(token="t") as client,
        pytest.raises(ValueError, match="page_size must be between 25 and 500"),
    ):
        client.images.list(page_size=page_size)


def _string_collections(tree: ast.AST) -> list[tuple[int, set[str]]]:
    found: list[tuple[int, set[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            values = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            found.append((node.lineno, values))
    return found


# Names that speak of a bound the spec states: page sizes, and the upload limits
# (x-linode-upload-limits; the mock's upload_limit, the client's max_size).
LIMIT_NAMES = ("PAGE_SIZE", "UPLOAD_LIMIT", "MAX_SIZE", "UNCOMPRESSED_SIZE")


def _speaks_of_a_limit(name: str) -> bool:
    return any(fragment in name.upper() for fragment in LIMIT_NAMES)


def _has_number(node: ast.AST | None) -> bool:
    return node is not None and any(
        isinstance(n, ast.Constant) and isinstance(n.value, int) and not isinstance(n.value, bool)
        for n in ast.walk(node)
    )


def _limit_constants(tree: ast.AST) -> list[int]:
    """Lines giving a number to a name that speaks of a spec bound: an assignment, a default
    (``upload_limit: int = ...``, ``def f(max_size=...)``), a keyword, or a lookup's fallback
    (``data.get("upload_limit", ...)``)."""
    found: list[int] = []
    for node in ast.walk(tree):
        pairs: list[tuple[str, ast.AST | None]] = []
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            pairs += [(n.id, node.value) for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            pairs += [
                (n.attr, node.value) for t in targets for n in ast.walk(t) if isinstance(n, ast.Attribute)
            ]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
            pairs += [(a.arg, d) for a, d in zip(positional, [*defaults, *arguments.defaults], strict=True)]
            pairs += [(a.arg, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
        elif isinstance(node, ast.Call):
            pairs += [(k.arg, k.value) for k in node.keywords if k.arg is not None]
            names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            pairs += [(name, argument) for name in names for argument in node.args]
        if any(_speaks_of_a_limit(name) and _has_number(value) for name, value in pairs):
            found.append(node.lineno)
    return found


def _uuid_patterns(tree: ast.AST) -> list[int]:
    """Lines with a regular expression for a UUID's text: 8, 4 and 12 repeated characters."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search(r"\{8\}.*\{4\}.*\{12\}", node.value, re.DOTALL)
    ]


def hand_written_copies(path: Path) -> list[str]:
    """What in ``path`` repeats a list or bound the spec holds (fields, lifecycle, page-size and
    upload bounds)."""
    tree = ast.parse(path.read_text(), str(path))
    fields = spec_facts.IMAGE_FILTERABLE_FIELDS | spec_facts.IMAGE_ORDERABLE_FIELDS
    problems = []
    for line, values in _string_collections(tree):
        if len(values & fields) >= 3:
            problems.append(f"{path.name}:{line}: a list of image fields {sorted(values & fields)}")
        if set(spec_facts.IMAGE_LIFECYCLE) <= values:
            problems.append(f"{path.name}:{line}: the image lifecycle")
    problems += [f"{path.name}:{line}: a number for a spec bound" for line in _limit_constants(tree)]
    problems += [
        f"{path.name}:{line}: a UUID pattern (spec_facts.UUID_PATTERN)" for line in _uuid_patterns(tree)
    ]
    return problems


def test_no_hand_written_copy_of_the_specs_lists_in_overlay_or_mock() -> None:
    assert HAND_WRITTEN
    assert [problem for path in HAND_WRITTEN for problem in hand_written_copies(path)] == []


@pytest.mark.parametrize(
    "source",
    [
        'FIELDS = frozenset({"label", "size", "status", "other"})',
        '_LIFECYCLE = ("pending_upload", "creating", "available")',
        "MIN_PAGE_SIZE, MAX_PAGE_SIZE = 25, 500",
        "DEFAULT_PAGE_SIZE: int = 100",
        "class Config:\n    upload_limit: int = 5 * 1024**3",
        'limit = data.get("upload_limit", 5 * 1024**3)',
        "config.upload_limit = 5_000_000_000",
        "def upload(path, *, max_size=5 * 10**9): ...",
        "MockConfig(upload_limit=6 * 10**9)",
        'UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")',
    ],
)
def test_the_copy_check_finds_copies(tmp_path: Path, source: str) -> None:
    path = tmp_path / "module.py"
    path.write_text(source + "\n")
    assert hand_written_copies(path)
