from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageSharedBy")


@_attrs_define
class ImageSharedBy:
    """On a shared image, the share group it comes from and its source image."""

    sharegroup_id: int
    sharegroup_label: str
    sharegroup_uuid: UUID
    source_image_id: None | str
    source_image_label: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sharegroup_id = self.sharegroup_id

        sharegroup_label = self.sharegroup_label

        sharegroup_uuid = str(self.sharegroup_uuid)

        source_image_id: None | str
        source_image_id = self.source_image_id

        source_image_label: None | str | Unset
        if isinstance(self.source_image_label, Unset):
            source_image_label = UNSET
        else:
            source_image_label = self.source_image_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sharegroup_id": sharegroup_id,
                "sharegroup_label": sharegroup_label,
                "sharegroup_uuid": sharegroup_uuid,
                "source_image_id": source_image_id,
            }
        )
        if source_image_label is not UNSET:
            field_dict["source_image_label"] = source_image_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sharegroup_id = d.pop("sharegroup_id")

        sharegroup_label = d.pop("sharegroup_label")

        sharegroup_uuid = UUID(d.pop("sharegroup_uuid"))

        source_image_id = d.pop("source_image_id")

        source_image_label = d.pop("source_image_label", UNSET)

        image_shared_by = cls(
            sharegroup_id=sharegroup_id,
            sharegroup_label=sharegroup_label,
            sharegroup_uuid=sharegroup_uuid,
            source_image_id=source_image_id,
            source_image_label=source_image_label,
        )

        image_shared_by.additional_properties = d
        return image_shared_by

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
