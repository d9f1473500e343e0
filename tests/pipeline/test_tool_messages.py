"""What the pipeline's commands say when something is off: one line naming the file and the
line of a malformed upstream document, where to get Linode's document when it is missing, the
next step after ``make spec``, and what ``make check-generated`` wants done."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tools.codegen.__main__ import SPEC, changed_inputs, check, fingerprint_entries
from tools.specsync.__main__ import main as specsync_main
from tools.specsync.derive import dump, load_document
from tools.specsync.pointers import SpecError

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
EXCERPT = Path(__file__).resolve().parent / "fixtures" / "linode-images-4.189.0.facts.json"
MAKE = shutil.which("make")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "openapi.yaml",
            "openapi: 3.0.1\npaths:\n  /a:\n    get: [1, 2\n  b: c\n",
            ":5:4: not valid YAML: while parsing a flow sequence: did not find expected ',' or ']'",
        ),
        ("openapi.yaml", "openapi: 3.0.1\n\tpaths: {}\n", ":2:1: not valid YAML: "),
        ("openapi.json", '{"paths": {\n  "a": 1,\n}', ":3:1: not valid JSON: Expecting property name"),
    ],
    ids=["yaml flow", "yaml tab", "json"],
)
def test_a_malformed_document_is_one_error_naming_file_and_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text)

    with pytest.raises(SpecError) as raised:
        load_document(path)

    assert str(raised.value).startswith(f"{path}{expected}")
    assert "\n" not in str(raised.value)


def test_a_document_that_is_not_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_bytes(b"\x1f\x8b\x08\x00 gzip")

    with pytest.raises(SpecError, match=r"openapi\.yaml: not UTF-8 text \(byte 1\)"):
        load_document(path)


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_spec_on_a_malformed_document_prints_one_line_and_writes_nothing(tmp_path: Path) -> None:
    assert MAKE is not None
    upstream = tmp_path / "openapi.yaml"
    upstream.write_text("openapi: 3.0.1\npaths:\n  /a: [\n")
    before = SPEC.read_bytes()

    done = subprocess.run(
        [MAKE, "--no-print-directory", "-s", "spec", f"UPSTREAM={upstream}"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if not line.startswith("make: ***")]
    [line] = errors
    assert line.startswith(f"specsync: ERROR: {upstream}:4:1: not valid YAML: while parsing a flow node: ")
    assert "Traceback" not in done.stdout + done.stderr
    assert SPEC.read_bytes() == before


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_spec_without_the_document_says_where_to_get_it(tmp_path: Path) -> None:
    assert MAKE is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "LINODE_", "UPSTREAM"))}

    # The default UPSTREAM is read from LINODE_OPENAPI_DIR, as the spec tool's tests read it.
    done = subprocess.run(
        [MAKE, "--no-print-directory", "-s", "check-spec"],
        cwd=ROOT,
        env={**env, "LINODE_OPENAPI_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode != 0
    [line] = [line for line in done.stderr.splitlines() if not line.startswith("make: ***")]
    assert line.startswith(f"specsync: upstream document not found: {tmp_path}/linode-openapi-")
    assert "from the linode/linode-api-openapi repository on GitHub" in line
    assert line.endswith("pass it as UPSTREAM=path/to/openapi.json")


def test_derive_names_the_next_step_when_spec_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert specsync_main(["derive", "--upstream", str(EXCERPT), "--out-dir", str(tmp_path)]) == 0
    first = capsys.readouterr().out.splitlines()
    assert specsync_main(["derive", "--upstream", str(EXCERPT), "--out-dir", str(tmp_path)]) == 0
    second = capsys.readouterr().out.splitlines()

    assert first[-1] == (
        "specsync: next: review spec/ and overrides.yaml, then run `make generate`, then `make test`"
    )
    assert second[-1] == "specsync: spec/ is unchanged; nothing to regenerate"


FINGERPRINT = """\
# Inputs of generated/linode_images_api. Written by `make generate`; do not edit.
openapi-python-client 0.29.1
ruff 0.17.6
{spec}  spec/linode-images.yaml
{config}  generator-config.yaml
"""


def test_changed_inputs_names_what_differs_between_two_fingerprints() -> None:
    old = FINGERPRINT.format(spec="a" * 64, config="b" * 64)
    new = FINGERPRINT.format(spec="c" * 64, config="b" * 64).replace("ruff 0.17.6", "ruff 0.18.0")

    assert fingerprint_entries(old)["spec/linode-images.yaml"] == "a" * 64
    assert fingerprint_entries(old)["openapi-python-client"] == "0.29.1"
    assert changed_inputs(old, old) == []
    assert changed_inputs(old, new) == ["ruff", "spec/linode-images.yaml"]
    assert changed_inputs("", old) == sorted(fingerprint_entries(old))


def test_check_after_a_spec_change_says_to_run_make_generate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "generated"
    shutil.copytree(GENERATED, output, ignore=shutil.ignore_patterns("__pycache__"))
    spec = tmp_path / "linode-images.yaml"
    # A new field on Image: a change only `make generate` brings into generated/.
    document = yaml.safe_load(SPEC.read_text())
    document["components"]["schemas"]["Image"]["properties"]["colour"] = {"type": "string"}
    spec.write_text(dump(document))

    assert check(spec, output) == 1

    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "codegen: generated/ is out of date; changed since the last `make generate`: spec/linode-images.yaml"
    )
    assert err[1].startswith("  would change: ") and "linode_images_api/models/image.py" in err[1]
    assert err[-1] == "run `make generate`, review the diff of generated/, commit it with its inputs"
    assert not any("never edit" in line for line in err)


def test_check_after_a_hand_edit_says_never_to_edit_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "generated"
    shutil.copytree(GENERATED, output, ignore=shutil.ignore_patterns("__pycache__"))
    edited = output / "linode_images_api" / "models" / "image.py"
    edited.write_text(edited.read_text() + "# a local change\n")

    assert check(SPEC, output) == 1

    err = capsys.readouterr().err.splitlines()
    assert err[0] == "codegen: generated/ differs from a fresh generation of its unchanged inputs:"
    assert "differs  generated/linode_images_api/models/image.py" in err
    assert "    +# a local change" not in err and "    -# a local change" in err
    assert err[-1] == "never edit generated/ by hand: change its inputs, then `make generate`"
