"""Command line: ``python -m tools.specsync derive|check --upstream FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .derive import derive, describe_changes
from .pointers import SpecError

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.specsync", description=__doc__)
    parser.add_argument("command", choices=["derive", "check"])
    parser.add_argument("--upstream", required=True, type=Path, help="Linode's whole OpenAPI document")
    parser.add_argument("--overrides", type=Path, default=ROOT / "spec" / "overrides.yaml")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "spec")
    args = parser.parse_args(argv)

    if not args.upstream.is_file():
        print(f"specsync: upstream document not found: {args.upstream}", file=sys.stderr)
        return 2
    try:
        spec_text, lock_text, notices = derive(args.upstream, args.overrides)
    except SpecError as exc:
        print(f"specsync: ERROR: {exc}", file=sys.stderr)
        return 1
    for notice in notices:
        print(f"specsync: {notice}", file=sys.stderr)

    spec_path = args.out_dir / "linode-images.yaml"
    lock_path = args.out_dir / "SOURCE.lock"
    old_spec = spec_path.read_text(encoding="utf-8") if spec_path.exists() else ""
    old_lock = lock_path.read_text(encoding="utf-8") if lock_path.exists() else ""
    changes = describe_changes(yaml.safe_load(old_spec) or {}, yaml.safe_load(spec_text))
    if old_lock != lock_text:
        changes.insert(0, "SOURCE.lock: upstream version or checksum differs")
    if old_spec != spec_text and not changes:
        changes.append("formatting of spec/linode-images.yaml differs")

    if args.command == "check":
        if changes:
            print("specsync: spec/ has drifted from the upstream document:", file=sys.stderr)
            for line in changes:
                print(f"  {line}", file=sys.stderr)
            print("run `make spec UPSTREAM=...`, review and commit the result", file=sys.stderr)
            return 1
        print(f"specsync: spec/ matches {args.upstream.name}")
        return 0

    args.out_dir.mkdir(parents=True, exist_ok=True)
    spec_path.write_text(spec_text, encoding="utf-8")
    lock_path.write_text(lock_text, encoding="utf-8")
    for line in changes:
        print(f"specsync: {line}")
    print(f"specsync: wrote {spec_path} ({len(changes)} change(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
