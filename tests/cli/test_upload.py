"""``linode-images upload``: the library's upload with its checks, progress, and the id printed last."""

from __future__ import annotations

import gzip
import hashlib
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from linode_images_mock import FaultPlan

from tests.cli.conftest import Cli
from tests.cli.support import COMMAND
from tests.upload.support import RAW, gzip_of

UPLOAD = "put-upload-data"


@pytest.fixture
def disk(tmp_path: Path) -> Path:
    path = tmp_path / "disk.img"
    path.write_bytes(RAW)
    return path


def private_images(cli: Cli) -> list[str]:
    with cli.client() as client:
        return [image.id for image in client.images.list() if image.is_public is False]


def test_upload_prints_the_available_image_id_last(cli: Cli, disk: Path) -> None:
    done = cli.run(
        "upload", str(disk), "--label", "golden", "--region", "us-east", "--tag", "web", "--cloud-init"
    )
    assert done.returncode == 0, done.stderr
    image_id = done.stdout.splitlines()[-1]
    assert image_id.startswith("private/")
    record = cli.server.state.counters.uploads[image_id]
    assert record.sha256 == hashlib.sha256(gzip_of(RAW)).hexdigest()  # compressed, as the API wants
    with cli.client() as client:
        image = client.images.get(image_id)
    assert (image.status, image.label, image.tags) == ("available", "golden", ["web"])
    assert "cloud-init" in (image.capabilities or [])
    assert done.stderr.splitlines()[-1] == f"{image_id} is available"


def test_upload_json_is_the_images_to_dict(cli: Cli, disk: Path) -> None:
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "us-east", "--json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    with cli.client() as client:
        assert printed == client.images.get(printed["id"]).to_dict()


def test_no_wait_returns_the_pending_image(cli: Cli, disk: Path) -> None:
    cli.server.state.configure(timing={"upload": "50 reads"})
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "us-east", "--no-wait", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "pending_upload"
    assert "processing" not in done.stderr


def test_gzip_data_from_standard_input_is_sent_as_it_is(cli: Cli) -> None:
    data = gzip.compress(RAW)
    done = cli.run(
        "upload", "-", "--label", "piped", "--region", "us-east", "--compress", "never", input=data
    )
    assert done.returncode == 0, done.stderr
    image_id = done.stdout.strip()
    assert cli.server.state.counters.uploads[image_id].sha256 == hashlib.sha256(data).hexdigest()
    assert "standard input" in done.stderr


def test_standard_input_on_a_terminal_is_a_usage_error(cli: Cli) -> None:
    shown = cli.pty("upload", "-", "--label", "piped", "--region", "us-east", on_terminal=("stdin",))
    assert shown.returncode == 2
    assert "standard input, which is a terminal" in shown.stderr
    assert cli.server.state.counters.requests["post-upload-image"] == 0


def test_compress_level_is_passed_on(cli: Cli, disk: Path) -> None:
    done = cli.run("upload", str(disk), "--label", "fast", "--region", "us-east", "--level", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # --quiet: no progress
    record = cli.server.state.counters.uploads[done.stdout.strip()]
    assert record.sha256 == hashlib.sha256(gzip_of(RAW, level=1)).hexdigest()


def test_raw_data_with_compress_never_is_a_usage_error_and_creates_nothing(cli: Cli, disk: Path) -> None:
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "us-east", "--compress", "never")
    assert done.returncode == 2
    assert "gzip" in done.stderr and "Traceback" not in done.stderr
    assert cli.server.state.counters.requests["post-upload-image"] == 0


def test_a_missing_file_fails_with_one_line_and_creates_nothing(cli: Cli, tmp_path: Path) -> None:
    done = cli.run("upload", str(tmp_path / "nope.img"), "--label", "golden", "--region", "us-east")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].startswith("linode-images: error: ")
    assert "nope.img" in done.stderr and "Traceback" not in done.stderr
    assert cli.server.state.counters.requests["post-upload-image"] == 0


def test_an_unknown_region_is_an_api_error(cli: Cli, disk: Path) -> None:
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "nowhere-1")
    assert done.returncode == 1
    assert "400" in done.stderr and "region" in done.stderr
    assert private_images(cli) == []


def test_a_failed_put_deletes_the_pending_image(cli: Cli, disk: Path) -> None:
    cli.server.state.configure(upload_limit=1000)  # the storage refuses the body: no retry
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "us-east")
    assert done.returncode == 1
    assert "EntityTooLarge" in done.stderr and "deleted" in done.stderr
    assert cli.server.state.counters.requests["delete-image"] == 1
    assert private_images(cli) == []
    assert done.stdout == ""


def test_keep_on_failure_keeps_the_pending_image(cli: Cli, disk: Path) -> None:
    cli.server.state.configure(upload_limit=1000)  # the storage refuses the body: no retry
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "us-east", "--keep-on-failure")
    assert done.returncode == 1
    assert "kept" in done.stderr
    assert len(private_images(cli)) == 1


def test_a_wait_that_times_out_exits_3_and_keeps_the_image(cli: Cli, disk: Path) -> None:
    cli.server.state.configure(timing={"upload": "1000 reads"})
    done = cli.run("upload", str(disk), "--label", "slow", "--region", "us-east", "--timeout", "0.5")
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines()[-1].startswith("linode-images: timed out: ")
    assert len(private_images(cli)) == 1


def test_progress_lines_when_stderr_is_not_a_terminal(cli: Cli, disk: Path) -> None:
    done = cli.run("upload", str(disk), "--label", "golden", "--region", "us-east")
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert "\r" not in done.stderr
    assert lines[0].startswith(f"preparing {disk}")
    size = len(gzip_of(RAW)) / 1024
    assert lines[1] == f"uploading: 0 B of {size:.1f} KiB (0%)"
    assert lines[2].startswith(f"uploading: {size:.1f} KiB of {size:.1f} KiB (100%) in ")
    assert lines[3].startswith(f"processing {disk}")
    assert lines[-1].endswith(" is available")


def test_progress_bar_on_a_terminal(cli: Cli, disk: Path) -> None:
    shown = cli.pty("upload", str(disk), "--label", "golden", "--region", "us-east", on_terminal=("stderr",))
    assert shown.returncode == 0, shown.terminal
    image_id = shown.stdout.strip()  # stdout is a pipe: only the id
    assert image_id.startswith("private/")
    bar_lines = [line for line in shown.terminal.split("\n") if "\r" in line]
    assert bar_lines, shown.terminal
    final = bar_lines[0].split("\r")[-1]
    assert final.startswith("uploading [####")
    assert "100%" in final and "/s" in final
    assert len(final) == 99  # drawn to the terminal's width (100 columns, less one)
    assert shown.terminal.rstrip("\n").endswith(f"{image_id} is available")
    assert "processing" in shown.terminal


def test_ctrl_c_during_the_put_exits_130_and_deletes_the_pending_image(cli: Cli, disk: Path) -> None:
    cli.server.state.configure(faults={UPLOAD: FaultPlan(sequence=["latency:3"])})
    argv = [*COMMAND, "upload", str(disk), "--label", "golden", "--region", "us-east"]
    process = subprocess.Popen(argv, env=cli.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while cli.server.state.counters.requests[UPLOAD] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the PUT is in flight: the mock holds it for 3 s
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 130, stderr
    assert (
        stderr.splitlines()[-1]
        == "linode-images: interrupted; the upload was cancelled and its pending image deleted"
    )
    assert "Traceback" not in stderr and stdout == ""
    assert private_images(cli) == []


def test_ctrl_c_while_waiting_keeps_the_image_and_names_it(cli: Cli, disk: Path) -> None:
    cli.server.state.configure(timing={"upload": "1000 reads"})
    argv = [
        *COMMAND,
        "upload",
        str(disk),
        "--label",
        "golden",
        "--region",
        "us-east",
        "--poll-interval",
        "0.2",
    ]
    process = subprocess.Popen(argv, env=cli.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    seen = []
    while not (seen and seen[-1].startswith("processing")):
        line = process.stderr.readline()
        assert line, "".join(seen)
        seen.append(line)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 130, stderr
    (image_id,) = private_images(cli)
    assert stderr.splitlines()[-1] == (
        f"linode-images: interrupted while waiting; {image_id} has its data and is kept: it becomes "
        f"available on its own (linode-images wait {image_id})"
    )
    assert stdout == ""
