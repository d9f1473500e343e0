"""Image sharing (Beta, v4beta): read-only scenarios on any target, and the producer-to-consumer
flow, which writes: on the mock always, live only with ``LINODE_LIVE_WRITE=1`` and a second
account's token in ``LINODE_CONSUMER_TOKEN``. What the flow creates is deleted afterwards."""

from __future__ import annotations

import contextlib
import gzip
import itertools

import pytest
from linode_images import (
    LinodeError,
    LinodeImages,
    NotFoundError,
    SharedImage,
    ShareGroup,
    ShareGroupMember,
    ShareGroupToken,
    ShareGroupTokenSecret,
)

from tests.contract.conftest import Target
from tests.contract.test_writes import tiny_disk


def test_share_groups_and_tokens_list_as_typed_items(client: LinodeImages) -> None:
    for group in itertools.islice(client.sharegroups.list(page_size=25), 3):
        assert isinstance(group, ShareGroup) and isinstance(group.id, int)
        assert group.images_count >= 0 and group.members_count >= 0
        for image in itertools.islice(client.sharegroups.list_images(group.id, page_size=25), 3):
            assert isinstance(image, SharedImage) and image.id.startswith("shared/")
        for member in itertools.islice(client.sharegroups.list_members(group.id, page_size=25), 3):
            assert isinstance(member, ShareGroupMember)
    for token in itertools.islice(client.sharegroup_tokens.list(page_size=25), 3):
        assert isinstance(token, ShareGroupToken)
        assert "token" not in token.additional_properties  # the secret is shown at creation only


def test_a_missing_share_group_is_not_found(client: LinodeImages) -> None:
    with pytest.raises(NotFoundError):
        client.sharegroups.get(1)


def test_a_producer_shares_an_image_with_a_consumer(writes: Target, client: LinodeImages, label: str) -> None:
    consumer = writes.consumer()
    pending = client.images.upload(
        gzip.compress(tiny_disk()), label=label, region=writes.regions[0], wait=False
    )
    image = client.images.wait_for_status(
        pending.id, "available", timeout=writes.timeout, poll_interval=writes.poll_interval
    )
    group = client.sharegroups.create(label, description="contract suite", images=[image.id])
    token_uuid = None
    try:
        assert group.images_count == 1
        created = consumer.sharegroup_tokens.create(group.uuid, label=label)
        token_uuid = created.token_uuid
        assert isinstance(created.token, ShareGroupTokenSecret) and label not in repr(created.token)
        member = client.sharegroups.add_member(group.id, token=created.token, label=label)
        assert member.token_uuid == created.token_uuid
        shared = list(consumer.sharegroup_tokens.list_images(created.token_uuid))
        assert [s.image_sharing.shared_by.source_image_id for s in shared if s.image_sharing] == [image.id]
        assert shared[0].id in {i.id for i in consumer.images.list(filter={"type": "shared"})}
        assert [g.id for g in client.sharegroups.list_for_image(image.id)] == [group.id]
        client.sharegroups.remove_member(group.id, created.token_uuid)
        assert shared[0].id not in {i.id for i in consumer.images.list(filter={"type": "shared"})}
    finally:
        with contextlib.suppress(LinodeError):
            client.sharegroups.delete(group.id)
        if token_uuid is not None:
            with contextlib.suppress(LinodeError):
                consumer.sharegroup_tokens.delete(token_uuid)
        consumer.close()
