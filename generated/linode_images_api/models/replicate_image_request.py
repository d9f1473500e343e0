from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReplicateImageRequest")


@_attrs_define
class ReplicateImageRequest:
    regions: list[str]
    """ Every region the image should be in afterwards: new ones are added, missing ones removed. """

    def to_dict(self) -> dict[str, Any]:
        regions = self.regions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "regions": regions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        regions = cast(list[str], d.pop("regions"))

        replicate_image_request = cls(
            regions=regions,
        )

        return replicate_image_request
