"""``client.sharegroups``: the producer's side of image sharing, for the sync and async client.

A share group shares private images (each becomes a ``shared/<n>`` image) with the accounts
added as its members, each by the token it created (``client.sharegroup_tokens``). The
operations are Beta and always go to ``v4beta`` (``_sharing``). Methods are one line: the
flows are ``SharingFlows``'s, the lists the pagers of ``_pagination``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Unpack

from ._models import UNSET, SharedImage, ShareGroup, ShareGroupMember, Unset
from ._pagination import AsyncPager, Pager
from ._sharing import AsyncSharingResource, ListOptions, SyncSharingResource

__all__ = ["AsyncShareGroups", "ShareGroups"]

ImageEntries = Sequence[str | Mapping[str, str]]
# ``list`` is a method name below; the return type of add_images is spelled here.
SharedImages = list[SharedImage]


class ShareGroups(SyncSharingResource):
    """``client.sharegroups``: share groups, their images and their members."""

    def list(self, **options: Unpack[ListOptions]) -> Pager[ShareGroup]:
        """Every share group of the account, fetched lazily page by page.

        >>> for group in client.sharegroups.list(filter={"label": "partners"}):
        ...     print(group.id, group.images_count, group.members_count)
        """
        return self._pager("groups", options)

    def get(self, sharegroup_id: int) -> ShareGroup:
        """One share group by id.

        >>> group = client.sharegroups.get(8306)
        """
        return self._client._run(self._flows.get_group(sharegroup_id))

    def create(
        self, label: str, *, description: str | Unset = UNSET, images: ImageEntries | Unset = UNSET
    ) -> ShareGroup:
        """A new share group, optionally sharing private images at once.

        >>> group = client.sharegroups.create("partners", images=["private/160700"])
        """
        return self._client._run(self._flows.create_group(label, description, images))

    def update(
        self, sharegroup_id: int, *, label: str | Unset = UNSET, description: str | Unset = UNSET
    ) -> ShareGroup:
        """Change a share group's label or description.

        >>> group = client.sharegroups.update(8306, description="images for our partners")
        """
        return self._client._run(self._flows.update_group(sharegroup_id, label, description))

    def delete(self, sharegroup_id: int) -> None:
        """Delete a share group: its members lose access to its images.

        >>> client.sharegroups.delete(8306)
        """
        return self._client._run(self._flows.delete_group(sharegroup_id))

    def list_images(
        self,
        sharegroup_id: int,
        **options: Unpack[ListOptions],
    ) -> Pager[SharedImage]:
        """The images a share group shares (``shared/<n>`` ids), fetched lazily.

        >>> ids = [image.id for image in client.sharegroups.list_images(8306)]
        """
        return self._pager("group_images", options, sharegroup_id)

    def add_images(self, sharegroup_id: int, images: ImageEntries) -> SharedImages:
        """Share private images (ids, or dicts with ``id``, ``label``, ``description``); returns
        the group's shared images.

        >>> shared = client.sharegroups.add_images(8306, [{"id": "private/160700", "label": "v2"}])
        """
        return self._client._run(self._flows.add_images(sharegroup_id, images))

    def update_image(
        self,
        sharegroup_id: int,
        image_id: str,
        *,
        label: str | Unset = UNSET,
        description: str | Unset = UNSET,
    ) -> SharedImage:
        """Change a shared image's label or description (``image_id`` is its ``shared/<n>`` id).

        >>> image = client.sharegroups.update_image(8306, "shared/5854", label="golden v2")
        """
        return self._client._run(self._flows.update_image(sharegroup_id, image_id, label, description))

    def remove_image(self, sharegroup_id: int, image_id: str) -> None:
        """Stop sharing an image (its ``shared/<n>`` id) through the group.

        >>> client.sharegroups.remove_image(8306, "shared/5854")
        """
        return self._client._run(self._flows.remove_image(sharegroup_id, image_id))

    def list_members(
        self,
        sharegroup_id: int,
        **options: Unpack[ListOptions],
    ) -> Pager[ShareGroupMember]:
        """The members of a share group, fetched lazily.

        >>> active = list(client.sharegroups.list_members(8306, filter={"status": "active"}))
        """
        return self._pager("members", options, sharegroup_id)

    def add_member(self, sharegroup_id: int, *, token: str, label: str) -> ShareGroupMember:
        """Add the consumer whose token secret is ``token`` (sent to you by the consumer).

        >>> member = client.sharegroups.add_member(8306, token=secret_from_consumer, label="acme")
        """
        return self._client._run(self._flows.add_member(sharegroup_id, token, label))

    def get_member(self, sharegroup_id: int, token_uuid: str) -> ShareGroupMember:
        """One member by its token's uuid.

        >>> member = client.sharegroups.get_member(8306, member.token_uuid)
        """
        return self._client._run(self._flows.get_member(sharegroup_id, token_uuid))

    def update_member(self, sharegroup_id: int, token_uuid: str, *, label: str) -> ShareGroupMember:
        """Change a member's label.

        >>> member = client.sharegroups.update_member(8306, member.token_uuid, label="acme inc")
        """
        return self._client._run(self._flows.update_member(sharegroup_id, token_uuid, label))

    def remove_member(self, sharegroup_id: int, token_uuid: str) -> None:
        """Revoke a member: it loses access to the group's images.

        >>> client.sharegroups.remove_member(8306, member.token_uuid)
        """
        return self._client._run(self._flows.remove_member(sharegroup_id, token_uuid))

    def list_for_image(
        self,
        image_id: str,
        **options: Unpack[ListOptions],
    ) -> Pager[ShareGroup]:
        """The share groups one of your private images is shared in, fetched lazily.

        >>> labels = [group.label for group in client.sharegroups.list_for_image("private/160700")]
        """
        return self._pager("groups_of_image", options, image_id)


class AsyncShareGroups(AsyncSharingResource):
    """``client.sharegroups`` of the async client: the same methods, to be awaited."""

    def list(self, **options: Unpack[ListOptions]) -> AsyncPager[ShareGroup]:
        """Every share group of the account, fetched lazily (pages after the first concurrently).

        >>> async for group in client.sharegroups.list():
        ...     print(group.id)
        """
        return self._pager("groups", options)

    async def get(self, sharegroup_id: int) -> ShareGroup:
        """One share group by id.

        >>> group = await client.sharegroups.get(8306)
        """
        return await self._client._run(self._flows.get_group(sharegroup_id))

    async def create(
        self, label: str, *, description: str | Unset = UNSET, images: ImageEntries | Unset = UNSET
    ) -> ShareGroup:
        """A new share group, optionally sharing private images at once.

        >>> group = await client.sharegroups.create("partners")
        """
        return await self._client._run(self._flows.create_group(label, description, images))

    async def update(
        self, sharegroup_id: int, *, label: str | Unset = UNSET, description: str | Unset = UNSET
    ) -> ShareGroup:
        """Change a share group's label or description.

        >>> group = await client.sharegroups.update(8306, label="partners 2")
        """
        return await self._client._run(self._flows.update_group(sharegroup_id, label, description))

    async def delete(self, sharegroup_id: int) -> None:
        """Delete a share group: its members lose access to its images.

        >>> await client.sharegroups.delete(8306)
        """
        return await self._client._run(self._flows.delete_group(sharegroup_id))

    def list_images(
        self,
        sharegroup_id: int,
        **options: Unpack[ListOptions],
    ) -> AsyncPager[SharedImage]:
        """The images a share group shares, fetched lazily.

        >>> ids = [image.id async for image in client.sharegroups.list_images(8306)]
        """
        return self._pager("group_images", options, sharegroup_id)

    async def add_images(self, sharegroup_id: int, images: ImageEntries) -> SharedImages:
        """Share private images; returns the group's shared images.

        >>> shared = await client.sharegroups.add_images(8306, ["private/160700"])
        """
        return await self._client._run(self._flows.add_images(sharegroup_id, images))

    async def update_image(
        self,
        sharegroup_id: int,
        image_id: str,
        *,
        label: str | Unset = UNSET,
        description: str | Unset = UNSET,
    ) -> SharedImage:
        """Change a shared image's label or description.

        >>> image = await client.sharegroups.update_image(8306, "shared/5854", description="v2")
        """
        return await self._client._run(self._flows.update_image(sharegroup_id, image_id, label, description))

    async def remove_image(self, sharegroup_id: int, image_id: str) -> None:
        """Stop sharing an image through the group.

        >>> await client.sharegroups.remove_image(8306, "shared/5854")
        """
        return await self._client._run(self._flows.remove_image(sharegroup_id, image_id))

    def list_members(
        self,
        sharegroup_id: int,
        **options: Unpack[ListOptions],
    ) -> AsyncPager[ShareGroupMember]:
        """The members of a share group, fetched lazily.

        >>> members = [m async for m in client.sharegroups.list_members(8306)]
        """
        return self._pager("members", options, sharegroup_id)

    async def add_member(self, sharegroup_id: int, *, token: str, label: str) -> ShareGroupMember:
        """Add the consumer whose token secret is ``token``.

        >>> member = await client.sharegroups.add_member(8306, token=secret, label="acme")
        """
        return await self._client._run(self._flows.add_member(sharegroup_id, token, label))

    async def get_member(self, sharegroup_id: int, token_uuid: str) -> ShareGroupMember:
        """One member by its token's uuid.

        >>> member = await client.sharegroups.get_member(8306, token_uuid)
        """
        return await self._client._run(self._flows.get_member(sharegroup_id, token_uuid))

    async def update_member(self, sharegroup_id: int, token_uuid: str, *, label: str) -> ShareGroupMember:
        """Change a member's label.

        >>> member = await client.sharegroups.update_member(8306, token_uuid, label="acme inc")
        """
        return await self._client._run(self._flows.update_member(sharegroup_id, token_uuid, label))

    async def remove_member(self, sharegroup_id: int, token_uuid: str) -> None:
        """Revoke a member.

        >>> await client.sharegroups.remove_member(8306, token_uuid)
        """
        return await self._client._run(self._flows.remove_member(sharegroup_id, token_uuid))

    def list_for_image(
        self,
        image_id: str,
        **options: Unpack[ListOptions],
    ) -> AsyncPager[ShareGroup]:
        """The share groups one of your private images is shared in, fetched lazily.

        >>> groups = [g async for g in client.sharegroups.list_for_image("private/160700")]
        """
        return self._pager("groups_of_image", options, image_id)
