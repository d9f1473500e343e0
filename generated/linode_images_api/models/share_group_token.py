from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.share_group_token_status import ShareGroupTokenStatus
from ..types import parse_datetime

T = TypeVar("T", bound="ShareGroupToken")


@_attrs_define
class ShareGroupToken:
    created: datetime.datetime
    expiry: datetime.datetime | None
    label: str
    sharegroup_label: str
    sharegroup_uuid: str
    status: ShareGroupTokenStatus
    token_uuid: str
    updated: datetime.datetime | None
    valid_for_sharegroup_uuid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        expiry: None | str
        if isinstance(self.expiry, datetime.datetime):
            expiry = self.expiry.isoformat()
        else:
            expiry = self.expiry

        label = self.label

        sharegroup_label = self.sharegroup_label

        sharegroup_uuid = self.sharegroup_uuid

        status = self.status.value

        token_uuid = self.token_uuid

        updated: None | str
        if isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        valid_for_sharegroup_uuid = self.valid_for_sharegroup_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "expiry": expiry,
                "label": label,
                "sharegroup_label": sharegroup_label,
                "sharegroup_uuid": sharegroup_uuid,
                "status": status,
                "token_uuid": token_uuid,
                "updated": updated,
                "valid_for_sharegroup_uuid": valid_for_sharegroup_uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created = parse_datetime(d.pop("created"))

        expiry = _parse_expiry(d.pop("expiry"))

        label = d.pop("label")

        sharegroup_label = d.pop("sharegroup_label")

        sharegroup_uuid = d.pop("sharegroup_uuid")

        status = ShareGroupTokenStatus(d.pop("status"))

        token_uuid = d.pop("token_uuid")

        updated = _parse_updated(d.pop("updated"))

        valid_for_sharegroup_uuid = d.pop("valid_for_sharegroup_uuid")

        share_group_token = cls(
            created=created,
            expiry=expiry,
            label=label,
            sharegroup_label=sharegroup_label,
            sharegroup_uuid=sharegroup_uuid,
            status=status,
            token_uuid=token_uuid,
            updated=updated,
            valid_for_sharegroup_uuid=valid_for_sharegroup_uuid,
        )

        share_group_token.additional_properties = d
        return share_group_token

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


def _parse_expiry(data: object) -> datetime.datetime | None:
    if data is None:
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        expiry_type_0 = parse_datetime(data)

        return expiry_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(datetime.datetime | None, data)


def _parse_updated(data: object) -> datetime.datetime | None:
    if data is None:
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        updated_type_0 = parse_datetime(data)

        return updated_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(datetime.datetime | None, data)
