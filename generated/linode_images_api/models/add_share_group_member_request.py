from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddShareGroupMemberRequest")


@_attrs_define
class AddShareGroupMemberRequest:
    label: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        token = d.pop("token")

        add_share_group_member_request = cls(
            label=label,
            token=token,
        )

        return add_share_group_member_request
