"""``python -m tools.codegen generate|check``: (re)generate generated/ or verify it is current.

The output is replaced wholesale (an operation removed from the spec disappears).
``linode_images_api/spec_facts.py`` carries the API facts the spec states in its ``x-``
extensions and parameters (filterable and orderable fields, the image lifecycle, page-size
limits), so the overlay reads them from one place. ``generated/FINGERPRINT`` records the
generator and ruff versions and the sha256 of every input. ``check`` regenerates into a
temporary folder and fails on any difference.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import yaml

from .spec_facts import spec_facts_module

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "linode-images.yaml"
CONFIG = ROOT / "generator-config.yaml"
TEMPLATES = ROOT / "templates"
OUTPUT = ROOT / "generated"
PACKAGE = "linode_images_api"
# The custom templates copy parts of this exact generator version's templates.
GENERATOR_VERSION = "0.29.1"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(spec: Path = SPEC) -> str:
    lines = [
        "# Inputs of generated/linode_images_api. Written by `make generate`; do not edit.",
        f"openapi-python-client {version('openapi-python-client')}",
        f"ruff {version('ruff')}",
        f"{sha256(spec)}  spec/linode-images.yaml",
        f"{sha256(CONFIG)}  generator-config.yaml",
    ]
    for template in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        lines.append(f"{sha256(template)}  {template.relative_to(ROOT)}")
    return "\n".join(lines) + "\n"


def generate_into(target: Path, spec: Path = SPEC) -> None:
    """Generate the package from ``spec`` into ``target`` (replaced wholesale)."""
    installed = version("openapi-python-client")
    if installed != GENERATOR_VERSION:
        sys.exit(f"codegen: openapi-python-client {GENERATOR_VERSION} required, {installed} installed")
    package_dir = target / PACKAGE
    if package_dir.exists():
        shutil.rmtree(package_dir)
    target.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [
        str(bin_dir / "openapi-python-client"), "generate",
        "--path", str(spec),
        "--config", str(CONFIG),
        "--custom-template-path", str(TEMPLATES),
        "--meta", "none",
        "--output-path", str(package_dir),
        # The generator exits 0 on some warnings that leave broken code behind (#1281).
        "--fail-on-warning",
    ]  # fmt: skip
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"codegen: openapi-python-client failed ({result.returncode})")
    (package_dir / "py.typed").write_text("")
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    (package_dir / "spec_facts.py").write_text(spec_facts_module(document), encoding="utf-8")
    (target / "FINGERPRINT").write_text(fingerprint(spec))


def tree(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def fingerprint_entries(text: str) -> dict[str, str]:
    """A FINGERPRINT's lines by what they describe: a tool's name, or an input's path."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        first, _, rest = line.partition(" ")
        if len(first) == 64:  # "<sha256>  <path>"
            entries[rest.strip()] = first
        else:  # "<tool> <version>"
            entries[first] = rest.strip()
    return entries


def changed_inputs(committed: str, current: str) -> list[str]:
    """The inputs (and tool versions) that differ between two FINGERPRINTs."""
    old, new = fingerprint_entries(committed), fingerprint_entries(current)
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def check(spec: Path = SPEC, output: Path = OUTPUT) -> int:
    """0 when ``output`` is what ``spec`` and the other inputs generate; else 1, saying why."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        generate_into(fresh, spec)
        committed = {p for p in tree(output)}
        expected = tree(fresh)
        problems = [f"missing  generated/{p}" for p in sorted(expected - committed)]
        problems += [f"extra    generated/{p}" for p in sorted(committed - expected)]
        for rel in sorted(expected & committed):
            if not filecmp.cmp(fresh / rel, output / rel, shallow=False):
                problems.append(f"differs  generated/{rel}")
                diff = difflib.unified_diff(
                    (output / rel).read_text().splitlines(), (fresh / rel).read_text().splitlines(),
                    "committed", "regenerated", lineterm="", n=1,
                )  # fmt: skip
                problems += ["    " + line for line in list(diff)[:20]]
        recorded = (output / "FINGERPRINT").read_text() if (output / "FINGERPRINT").is_file() else ""
        changed = changed_inputs(recorded, (fresh / "FINGERPRINT").read_text())
    if not problems:
        print("codegen: generated/ matches its inputs")
        return 0
    if changed:
        # The usual case after `make spec` or a template edit: generated/ is merely out of date.
        files = [line.split()[-1] for line in problems if not line.startswith(" ")]
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        print("codegen: generated/ is out of date; changed since the last `make generate`: "
              + ", ".join(changed), file=sys.stderr)  # fmt: skip
        print(f"  would change: {shown}", file=sys.stderr)
        print(
            "run `make generate`, review the diff of generated/, commit it with its inputs", file=sys.stderr
        )
        return 1
    print("codegen: generated/ differs from a fresh generation of its unchanged inputs:", file=sys.stderr)
    print("\n".join(problems), file=sys.stderr)
    print("never edit generated/ by hand: change its inputs, then `make generate`", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.codegen", description=__doc__)
    parser.add_argument("command", choices=["generate", "check"])
    args = parser.parse_args(argv)
    if args.command == "check":
        return check()
    generate_into(OUTPUT)
    print(f"codegen: wrote generated/{PACKAGE} and generated/FINGERPRINT")
    return 0


if __name__ == "__main__":
    sys.exit(main())
