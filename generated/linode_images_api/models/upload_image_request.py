from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadImageRequest")


@_attrs_define
class UploadImageRequest:
    label: str
    """ A short name for the image. """
    region: str
    """ The region the image data is uploaded to, such as us-east. """
    cloud_init: bool | Unset = UNSET
    """ Mark the image as supporting cloud-init (metadata) for instances deployed from it. """
    description: str | Unset = UNSET
    """ Free text about the image. """
    tags: list[str] | Unset = UNSET
    """ Tags for the image, each 3 to 100 characters, at most 500. """

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        region = self.region

        cloud_init = self.cloud_init

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "region": region,
            }
        )
        if cloud_init is not UNSET:
            field_dict["cloud_init"] = cloud_init
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        region = d.pop("region")

        cloud_init = d.pop("cloud_init", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        upload_image_request = cls(
            label=label,
            region=region,
            cloud_init=cloud_init,
            description=description,
            tags=tags,
        )

        return upload_image_request
