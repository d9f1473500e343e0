from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import parse_datetime

T = TypeVar("T", bound="ConsumerShareGroup")


@_attrs_define
class ConsumerShareGroup:
    created: datetime.datetime
    description: None | str
    id: int
    is_suspended: bool
    label: str
    updated: datetime.datetime | None
    uuid: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        description: None | str
        description = self.description

        id = self.id

        is_suspended = self.is_suspended

        label = self.label

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
                "id": id,
                "is_suspended": is_suspended,
                "label": label,
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

        id = d.pop("id")

        is_suspended = d.pop("is_suspended")

        label = d.pop("label")

        updated = _parse_updated(d.pop("updated"))

        uuid = UUID(d.pop("uuid"))

        consumer_share_group = cls(
            created=created,
            description=description,
            id=id,
            is_suspended=is_suspended,
            label=label,
            updated=updated,
            uuid=uuid,
        )

        consumer_share_group.additional_properties = d
        return consumer_share_group

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
