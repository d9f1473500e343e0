from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import parse_datetime

T = TypeVar("T", bound="ShareGroup")


@_attrs_define
class ShareGroup:
    created: datetime.datetime
    description: None | str
    expiry: datetime.datetime | None
    id: int
    images_count: int
    is_suspended: bool
    label: str
    members_count: int
    updated: datetime.datetime | None
    uuid: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        description: None | str
        description = self.description

        expiry: None | str
        if isinstance(self.expiry, datetime.datetime):
            expiry = self.expiry.isoformat()
        else:
            expiry = self.expiry

        id = self.id

        images_count = self.images_count

        is_suspended = self.is_suspended

        label = self.label

        members_count = self.members_count

        updated: None | str
        if isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        uuid = str(self.uuid)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "description": description,
                "expiry": expiry,
                "id": id,
                "images_count": images_count,
                "is_suspended": is_suspended,
                "label": label,
                "members_count": members_count,
                "updated": updated,
                "uuid": uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created = parse_datetime(d.pop("created"))

        description = d.pop("description")

        expiry = _parse_expiry(d.pop("expiry"))

        id = d.pop("id")

        images_count = d.pop("images_count")

        is_suspended = d.pop("is_suspended")

        label = d.pop("label")

        members_count = d.pop("members_count")

        updated = _parse_updated(d.pop("updated"))

        uuid = UUID(d.pop("uuid"))

        share_group = cls(
            created=created,
            description=description,
            expiry=expiry,
            id=id,
            images_count=images_count,
            is_suspended=is_suspended,
            label=label,
            members_count=members_count,
            updated=updated,
            uuid=uuid,
        )

        share_group.additional_properties = d
        return share_group

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
