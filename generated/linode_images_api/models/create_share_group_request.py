from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateShareGroupRequest")


@_attrs_define
class CreateShareGroupRequest:
    label: str
    description: str | Unset = UNSET
    images: list[ShareGroupImageEntry] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        description = self.description

        images: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.images, Unset):
            images = []
            for images_item_data in self.images:
                images_item = images_item_data.to_dict()
                images.append(images_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if images is not UNSET:
            field_dict["images"] = images

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        description = d.pop("description", UNSET)

        _images = d.pop("images", UNSET)
        images: list[ShareGroupImageEntry] | Unset = UNSET
        if _images is not UNSET:
            images = []
            for images_item_data in _images:
                images_item = ShareGroupImageEntry.from_dict(images_item_data)

                images.append(images_item)

        create_share_group_request = cls(
            label=label,
            description=description,
            images=images,
        )

        return create_share_group_request


from ..models.share_group_image_entry import ShareGroupImageEntry
