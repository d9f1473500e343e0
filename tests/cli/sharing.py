"""Fixtures of the sharing commands' tests: a mock with two accounts (the producer shares, the
consumer joins), a group sharing one image, and that group with the consumer as a member."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

import pytest
from linode_images import ShareGroupTokenSecret
from linode_images_mock import MockConfig, MockServer

from tests.cli.conftest import Cli

from ..support import OTHER_TOKEN, TOKEN, fresh_mock, mock_server_fixture

__all__ = [
    "OTHER_TOKEN",
    "UNKNOWN_UUID",
    "Shared",
    "fields_of",
    "group",
    "json_lines",
    "mock",
    "mock_server",
    "ok",
    "private_image",
    "shared",
]

CONFIG = MockConfig(
    tokens={TOKEN: "producer", OTHER_TOKEN: "consumer"}, disks={"producer": [1001]}, strict=True
)
mock_server = mock_server_fixture(CONFIG)
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def mock(mock_server: MockServer) -> MockServer:
    """The module's two-account server, reset for each test."""
    return fresh_mock(mock_server, CONFIG)


@dataclass
class Shared:
    """A private image of the producer's, shared through a group the consumer has joined."""

    image_id: str
    group_id: int
    group_uuid: str
    token_uuid: str
    secret: str


def private_image(cli: Cli, label: str = "golden") -> str:
    with cli.client() as producer:
        image = producer.images.create(disk_id=1001, label=label)
        return str(producer.images.get(image.id).id)  # read once: creating -> available


@pytest.fixture
def group(cli: Cli) -> tuple[int, str, str]:
    """(id, uuid, shared image's source) of a group sharing one image, without members."""
    source = private_image(cli)
    with cli.client() as producer:
        made = producer.sharegroups.create("partners", images=[source])
    return made.id, made.uuid, source


@pytest.fixture
def shared(cli: Cli, group: tuple[int, str, str]) -> Shared:
    group_id, group_uuid, source = group
    with cli.client(OTHER_TOKEN) as consumer:
        created = consumer.sharegroup_tokens.create(group_uuid, label="from-consumer")
    secret = created.token.reveal() if isinstance(created.token, ShareGroupTokenSecret) else created.token
    with cli.client() as producer:
        producer.sharegroups.add_member(group_id, token=created.token, label="consumer")
    return Shared(source, group_id, group_uuid, created.token_uuid, secret)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def fields_of(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """The ``name  value`` lines of one item's fields (empty values left out)."""
    pairs = [line.split(None, 1) for line in ok(done).splitlines()]
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def json_lines(done: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in ok(done).splitlines()]
