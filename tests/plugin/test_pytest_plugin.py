"""The pytest plugin, run as a user's suite would run it (pytester, in a subprocess)."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def readme_test_module() -> str:
    """The README's example test module (the python block that starts with ``# test_images.py``)."""
    found = re.search(r"^```python\n(# test_images\.py\n.*?)^```$", README, re.M | re.S)
    assert found, "README.md has no '# test_images.py' example"
    return found.group(1)


def test_installing_the_package_registers_the_plugin() -> None:
    plugins = {entry.name: entry.value for entry in entry_points(group="pytest11")}
    assert plugins.get("linode_images_mock") == "linode_images_mock.pytest_plugin"


def test_the_readme_example_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_images=readme_test_module())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=3)


SUITE = """
import httpx
import pytest

urls = []


def test_first_sees_the_seeded_images_and_creates_one(linode_mock):
    urls.append(linode_mock.url)
    auth = {"Authorization": "Bearer test-token"}
    assert httpx.post(f"{linode_mock.url}/v4/images", json={"disk_id": 1001}, headers=auth).status_code == 200
    assert linode_mock.state.counters.images_created == 1
    linode_mock.state.configure(faults={"*": "503"})  # changed mid-test: must not leak


def test_state_and_config_are_back_for_the_next_test(linode_mock):
    assert linode_mock.url == urls[0]  # one server for the session
    assert linode_mock.state.counters.images_created == 0
    response = httpx.get(f"{linode_mock.url}/v4/images", headers={"Authorization": "Bearer test-token"})
    assert response.status_code == 200
    assert all(image["is_public"] for image in response.json()["data"])


@pytest.mark.linode_mock(
    tokens={"alice-token": "alice"},
    disks={"alice": [7]},
    timing={"create": "2 reads"},
    faults={"get-images": "429"},
    extra_private_images={"alice": 4},
)
def test_the_marker_configures_this_test(linode_mock, linode_client):
    assert linode_mock.state.config.tokens == {"alice-token": "alice"}
    first = httpx.get(f"{linode_mock.url}/v4/images", headers={"Authorization": "Bearer alice-token"})
    assert first.status_code == 429
    image = linode_client.images.create(disk_id=7, label="seven")
    assert [linode_client.images.get(image.id).status for _ in range(3)] == ["creating", "creating", "available"]
    mine = [i for i in linode_client.images.list(filter={"is_public": False})]
    assert len(mine) == 5


@pytest.mark.parametrize("linode_mock", [{"upload_limit": 10}, {"upload_limit": 20}], indirect=True)
def test_an_indirect_parameter_configures_it_too(linode_mock):
    assert linode_mock.state.config.upload_limit in (10, 20)


@pytest.mark.linode_mock(faults={"get-imag": "503"})
def test_a_misspelled_operation_fails_the_setup(linode_mock):
    pass


@pytest.mark.linode_mock(colour="blue")
def test_an_unknown_field_fails_the_setup(linode_mock):
    pass


def test_after_errors_the_defaults_are_back(linode_mock, linode_client):
    assert linode_mock.state.config.faults == {}
    assert linode_client.images.get("linode/debian12").id == "linode/debian12"
"""


def test_fixtures_reset_and_configure_per_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_suite=SUITE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers", "-p", "no:randomly")
    result.assert_outcomes(passed=6, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.linode_mock: unknown operation 'get-imag' in faults; did you mean 'get-image'?*",
            "*@pytest.mark.linode_mock: *colour*",
        ]
    )


def test_without_the_mock_extra_the_fixtures_say_what_to_install(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        sitecustomize="import sys\nsys.modules['starlette'] = None  # as if the extra were not installed\n",
        test_needs_mock="def test_it(linode_mock):\n    pass\n",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "test_needs_mock.py"],
        cwd=pytester.path,
        env={"PYTHONPATH": str(pytester.path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 error" in done.stdout, done.stdout + done.stderr
    assert (
        "the mock server needs the 'mock' extra (starlette is not installed): pip install 'linode-images[mock]'"
        in done.stdout
    )
