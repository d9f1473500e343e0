"""``client.sharegroup_tokens``: the consumer's side of image sharing, sync and async.

The consumer creates a token for a share group's uuid and sends its secret (returned once,
as a ``ShareGroupTokenSecret`` that never prints) to the producer, who adds the consumer as
a member with it. From then on the group's images are the consumer's to list, here and in
``client.images.list()``. Beta: the operations always go to ``v4beta`` (``_sharing``).
"""

from __future__ import annotations

from typing import Unpack

from ._models import UNSET, ConsumerShareGroup, CreatedShareGroupToken, SharedImage, ShareGroupToken, Unset
from ._pagination import AsyncPager, Pager
from ._sharing import AsyncSharingResource, ListOptions, SyncSharingResource

__all__ = ["AsyncShareGroupTokens", "ShareGroupTokens"]


class ShareGroupTokens(SyncSharingResource):
    """``client.sharegroup_tokens``: your tokens for joining other accounts' share groups."""

    def create(self, valid_for_sharegroup_uuid: str, *, label: str | Unset = UNSET) -> CreatedShareGroupToken:
        """A token for the share group with this uuid; send ``token.reveal()`` to its producer.

        >>> created = client.sharegroup_tokens.create(group_uuid, label="from acme")
        >>> created.token          # the secret, shown once by the API and never printed
        '<redacted>'
        """
        return self._client._run(self._flows.create_token(valid_for_sharegroup_uuid, label))

    def list(self, **options: Unpack[ListOptions]) -> Pager[ShareGroupToken]:
        """Every token of the account, fetched lazily page by page.

        >>> pending = list(client.sharegroup_tokens.list(filter={"status": "pending"}))
        """
        return self._pager("tokens", options)

    def get(self, token_uuid: str) -> ShareGroupToken:
        """One token by uuid (without its secret).

        >>> token = client.sharegroup_tokens.get(created.token_uuid)
        """
        return self._client._run(self._flows.get_token(token_uuid))

    def update(self, token_uuid: str, *, label: str) -> ShareGroupToken:
        """Change a token's label.

        >>> token = client.sharegroup_tokens.update(created.token_uuid, label="acme images")
        """
        return self._client._run(self._flows.update_token(token_uuid, label))

    def delete(self, token_uuid: str) -> None:
        """Delete a token: its membership ends and the group's images are no longer yours to use.

        >>> client.sharegroup_tokens.delete(created.token_uuid)
        """
        return self._client._run(self._flows.delete_token(token_uuid))

    def sharegroup(self, token_uuid: str) -> ConsumerShareGroup:
        """The share group a token gives access to.

        >>> group = client.sharegroup_tokens.sharegroup(created.token_uuid)
        """
        return self._client._run(self._flows.token_group(token_uuid))

    def list_images(self, token_uuid: str, **options: Unpack[ListOptions]) -> Pager[SharedImage]:
        """The images a token gives access to, fetched lazily.

        >>> ids = [image.id for image in client.sharegroup_tokens.list_images(created.token_uuid)]
        """
        return self._pager("token_images", options, token_uuid)


class AsyncShareGroupTokens(AsyncSharingResource):
    """``client.sharegroup_tokens`` of the async client: the same methods, to be awaited."""

    async def create(
        self, valid_for_sharegroup_uuid: str, *, label: str | Unset = UNSET
    ) -> CreatedShareGroupToken:
        """A token for the share group with this uuid; send ``token.reveal()`` to its producer.

        >>> created = await client.sharegroup_tokens.create(group_uuid)
        """
        return await self._client._run(self._flows.create_token(valid_for_sharegroup_uuid, label))

    def list(self, **options: Unpack[ListOptions]) -> AsyncPager[ShareGroupToken]:
        """Every token of the account, fetched lazily.

        >>> tokens = [token async for token in client.sharegroup_tokens.list()]
        """
        return self._pager("tokens", options)

    async def get(self, token_uuid: str) -> ShareGroupToken:
        """One token by uuid (without its secret).

        >>> token = await client.sharegroup_tokens.get(token_uuid)
        """
        return await self._client._run(self._flows.get_token(token_uuid))

    async def update(self, token_uuid: str, *, label: str) -> ShareGroupToken:
        """Change a token's label.

        >>> token = await client.sharegroup_tokens.update(token_uuid, label="acme images")
        """
        return await self._client._run(self._flows.update_token(token_uuid, label))

    async def delete(self, token_uuid: str) -> None:
        """Delete a token: its membership ends.

        >>> await client.sharegroup_tokens.delete(token_uuid)
        """
        return await self._client._run(self._flows.delete_token(token_uuid))

    async def sharegroup(self, token_uuid: str) -> ConsumerShareGroup:
        """The share group a token gives access to.

        >>> group = await client.sharegroup_tokens.sharegroup(token_uuid)
        """
        return await self._client._run(self._flows.token_group(token_uuid))

    def list_images(self, token_uuid: str, **options: Unpack[ListOptions]) -> AsyncPager[SharedImage]:
        """The images a token gives access to, fetched lazily.

        >>> ids = [image.id async for image in client.sharegroup_tokens.list_images(token_uuid)]
        """
        return self._pager("token_images", options, token_uuid)
