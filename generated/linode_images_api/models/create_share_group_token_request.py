from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateShareGroupTokenRequest")


@_attrs_define
class CreateShareGroupTokenRequest:
    valid_for_sharegroup_uuid: str
    label: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        valid_for_sharegroup_uuid = self.valid_for_sharegroup_uuid

        label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "valid_for_sharegroup_uuid": valid_for_sharegroup_uuid,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        valid_for_sharegroup_uuid = d.pop("valid_for_sharegroup_uuid")

        label = d.pop("label", UNSET)

        create_share_group_token_request = cls(
            valid_for_sharegroup_uuid=valid_for_sharegroup_uuid,
            label=label,
        )

        return create_share_group_token_request
