from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateImageRequest")


@_attrs_define
class CreateImageRequest:
    disk_id: int
    """ The id of the disk of one of your Linodes to capture. """
    cloud_init: bool | Unset = UNSET
    """ Mark the image as supporting cloud-init (metadata) for instances deployed from it. """
    description: str | Unset = UNSET
    """ Free text about the image. """
    label: str | Unset = UNSET
    """ A short name for the image; defaults to the disk's label. """
    tags: list[str] | Unset = UNSET
    """ Tags for the image, each 3 to 100 characters, at most 500. """

    def to_dict(self) -> dict[str, Any]:
        disk_id = self.disk_id

        cloud_init = self.cloud_init

        description = self.description

        label = self.label

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "disk_id": disk_id,
            }
        )
        if cloud_init is not UNSET:
            field_dict["cloud_init"] = cloud_init
        if description is not UNSET:
            field_dict["description"] = description
        if label is not UNSET:
            field_dict["label"] = label
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        disk_id = d.pop("disk_id")

        cloud_init = d.pop("cloud_init", UNSET)

        description = d.pop("description", UNSET)

        label = d.pop("label", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        create_image_request = cls(
            disk_id=disk_id,
            cloud_init=cloud_init,
            description=description,
            label=label,
            tags=tags,
        )

        return create_image_request
