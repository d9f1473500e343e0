from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_region_status import ImageRegionStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageRegion")


@_attrs_define
class ImageRegion:
    region: str | Unset = UNSET
    """ A region id, such as us-east. """
    status: ImageRegionStatus | Unset = UNSET
    """ An image's status in one region, such as available or pending replication. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        region = self.region

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if region is not UNSET:
            field_dict["region"] = region
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        region = d.pop("region", UNSET)

        _status = d.pop("status", UNSET)
        status: ImageRegionStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ImageRegionStatus(_status)

        image_region = cls(
            region=region,
            status=status,
        )

        image_region.additional_properties = d
        return image_region

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
