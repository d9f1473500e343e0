"""Command line: ``python -m tools.specsync derive|check|excerpt --upstream FILE``.

``derive`` writes spec/ (the spec, its contract view and SOURCE.lock) and prints the
upgrade report; ``check`` fails when spec/ differs from what the upstream document gives;
``excerpt`` writes a facts-only excerpt of the upstream image paths (``--out``), the test
fixtures' source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .contract import contract_text
from .derive import absorbed_of, derive, describe_changes, load_document
from .excerpt import excerpt_text
from .pointers import SpecError
from .report import upgrade_report

ROOT = Path(__file__).resolve().parents[2]
# Where Linode publishes the document: its openapi.json (openapi.yaml in older releases) is
# the input, whole, never committed here.
WHERE_TO_GET_IT = (
    "download Linode's OpenAPI document (openapi.json) from the linode/linode-api-openapi "
    "repository on GitHub and pass it as UPSTREAM=path/to/openapi.json"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.specsync", description=__doc__)
    parser.add_argument("command", choices=["derive", "check", "excerpt"])
    parser.add_argument("--upstream", required=True, type=Path, help="Linode's whole OpenAPI document")
    parser.add_argument("--overrides", type=Path, default=ROOT / "spec" / "overrides.yaml")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "spec")
    parser.add_argument("--out", type=Path, help="excerpt: the file to write")
    args = parser.parse_args(argv)

    if not args.upstream.is_file():
        print(f"specsync: upstream document not found: {args.upstream}; {WHERE_TO_GET_IT}", file=sys.stderr)
        return 2
    if args.command == "excerpt" and args.out is None:
        parser.error("excerpt needs --out FILE")
    try:
        if args.command == "excerpt":
            args.out.write_text(excerpt_text(load_document(args.upstream)), encoding="utf-8")
            print(f"specsync: wrote {args.out}")
            return 0
        spec_text, lock_text, notices = derive(args.upstream, args.overrides)
    except SpecError as exc:
        print(f"specsync: ERROR: {exc}", file=sys.stderr)
        return 1
    for notice in notices:
        print(f"specsync: {notice}", file=sys.stderr)

    spec_path = args.out_dir / "linode-images.yaml"
    lock_path = args.out_dir / "SOURCE.lock"
    contract_path = args.out_dir / "linode-images.contract.yaml"
    view_text = contract_text(spec_text)
    old_view = contract_path.read_text(encoding="utf-8") if contract_path.exists() else ""
    old_spec = spec_path.read_text(encoding="utf-8") if spec_path.exists() else ""
    old_lock = lock_path.read_text(encoding="utf-8") if lock_path.exists() else ""
    changes = describe_changes(yaml.safe_load(old_spec) or {}, yaml.safe_load(spec_text))
    if old_lock != lock_text:
        changes.insert(0, "SOURCE.lock: upstream version or checksum differs")
    if old_spec != spec_text and not changes:
        changes.append("formatting of spec/linode-images.yaml differs")
    if old_view != view_text:
        changes.append(f"{contract_path.name}: differs from the contract view of the spec")

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
    contract_path.write_text(view_text, encoding="utf-8")
    old_version = (yaml.safe_load(old_lock) or {}).get("upstream_version", "nothing")
    new_version = yaml.safe_load(lock_text)["upstream_version"]
    old_doc, new_doc = yaml.safe_load(old_spec) or {}, yaml.safe_load(spec_text)
    report = upgrade_report(old_doc, new_doc, absorbed_of(old_lock), absorbed_of(lock_text))
    print(f"specsync: wrote {spec_path} ({len(changes)} change(s))")
    print(f"specsync: upgrade report, {old_version} -> {new_version}:")
    for line in report or ["no change to operations, schemas or what users see"]:
        print(f"  {line}")
    if changes:
        print("specsync: next: review spec/ and overrides.yaml, then run `make generate`, then `make test`")
    else:
        print("specsync: spec/ is unchanged; nothing to regenerate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
