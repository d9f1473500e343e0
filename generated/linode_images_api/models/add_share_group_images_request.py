from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddShareGroupImagesRequest")


@_attrs_define
class AddShareGroupImagesRequest:
    images: list[ShareGroupImageEntry]

    def to_dict(self) -> dict[str, Any]:
        images = []
        for images_item_data in self.images:
            images_item = images_item_data.to_dict()
            images.append(images_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "images": images,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        images = []
        _images = d.pop("images")
        for images_item_data in _images:
            images_item = ShareGroupImageEntry.from_dict(images_item_data)

            images.append(images_item)

        add_share_group_images_request = cls(
            images=images,
        )

        return add_share_group_images_request


from ..models.share_group_image_entry import ShareGroupImageEntry
