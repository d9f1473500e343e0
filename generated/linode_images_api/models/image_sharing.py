from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImageSharing")


@_attrs_define
class ImageSharing:
    """How an image is shared; one half is null."""

    shared_by: ImageSharedBy | None
    shared_with: ImageSharedWith | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shared_by: dict[str, Any] | None
        if isinstance(self.shared_by, ImageSharedBy):
            shared_by = self.shared_by.to_dict()
        else:
            shared_by = self.shared_by

        shared_with: dict[str, Any] | None
        if isinstance(self.shared_with, ImageSharedWith):
            shared_with = self.shared_with.to_dict()
        else:
            shared_with = self.shared_with

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shared_by": shared_by,
                "shared_with": shared_with,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        shared_by = _parse_shared_by(d.pop("shared_by"))

        shared_with = _parse_shared_with(d.pop("shared_with"))

        image_sharing = cls(
            shared_by=shared_by,
            shared_with=shared_with,
        )

        image_sharing.additional_properties = d
        return image_sharing

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


from ..models.image_shared_by import ImageSharedBy
from ..models.image_shared_with import ImageSharedWith


def _parse_shared_by(data: object) -> ImageSharedBy | None:
    if data is None:
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        shared_by_type_1 = ImageSharedBy.from_dict(data)

        return shared_by_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(ImageSharedBy | None, data)


def _parse_shared_with(data: object) -> ImageSharedWith | None:
    if data is None:
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        shared_with_type_1 = ImageSharedWith.from_dict(data)

        return shared_with_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(ImageSharedWith | None, data)
