from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_status import ImageStatus
from ..models.image_type import ImageType
from ..types import UNSET, Unset, parse_datetime

T = TypeVar("T", bound="SharedImage")


@_attrs_define
class SharedImage:
    created: datetime.datetime
    created_by: None | str
    deprecated: bool
    description: str
    id: str
    is_public: bool
    label: str
    size: int
    type_: ImageType
    vendor: None | str
    capabilities: list[str] | Unset = UNSET
    eol: datetime.datetime | None | Unset = UNSET
    expiry: datetime.datetime | None | Unset = UNSET
    image_sharing: ImageSharing | Unset = UNSET
    """ How an image is shared; one half is null. """
    is_shared: bool | None | Unset = UNSET
    regions: list[ImageRegion] | Unset = UNSET
    status: ImageStatus | Unset = UNSET
    tags: list[str] | Unset = UNSET
    total_size: int | Unset = UNSET
    updated: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        created_by: None | str
        created_by = self.created_by

        deprecated = self.deprecated

        description = self.description

        id = self.id

        is_public = self.is_public

        label = self.label

        size = self.size

        type_ = self.type_.value

        vendor: None | str
        vendor = self.vendor

        capabilities: list[str] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = self.capabilities

        eol: None | str | Unset
        if isinstance(self.eol, Unset):
            eol = UNSET
        elif isinstance(self.eol, datetime.datetime):
            eol = self.eol.isoformat()
        else:
            eol = self.eol

        expiry: None | str | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        elif isinstance(self.expiry, datetime.datetime):
            expiry = self.expiry.isoformat()
        else:
            expiry = self.expiry

        image_sharing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_sharing, Unset):
            image_sharing = self.image_sharing.to_dict()

        is_shared: bool | None | Unset
        if isinstance(self.is_shared, Unset):
            is_shared = UNSET
        else:
            is_shared = self.is_shared

        regions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.regions, Unset):
            regions = []
            for regions_item_data in self.regions:
                regions_item = regions_item_data.to_dict()
                regions.append(regions_item)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        total_size = self.total_size

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        elif isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "created_by": created_by,
                "deprecated": deprecated,
                "description": description,
                "id": id,
                "is_public": is_public,
                "label": label,
                "size": size,
                "type": type_,
                "vendor": vendor,
            }
        )
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if eol is not UNSET:
            field_dict["eol"] = eol
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if image_sharing is not UNSET:
            field_dict["image_sharing"] = image_sharing
        if is_shared is not UNSET:
            field_dict["is_shared"] = is_shared
        if regions is not UNSET:
            field_dict["regions"] = regions
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if total_size is not UNSET:
            field_dict["total_size"] = total_size
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created = parse_datetime(d.pop("created"))

        created_by = d.pop("created_by")

        deprecated = d.pop("deprecated")

        description = d.pop("description")

        id = d.pop("id")

        is_public = d.pop("is_public")

        label = d.pop("label")

        size = d.pop("size")

        type_ = ImageType(d.pop("type"))

        vendor = d.pop("vendor")

        capabilities = cast(list[str], d.pop("capabilities", UNSET))

        eol = _parse_eol(d.pop("eol", UNSET))

        expiry = _parse_expiry(d.pop("expiry", UNSET))

        _image_sharing = d.pop("image_sharing", UNSET)
        image_sharing: ImageSharing | Unset
        if isinstance(_image_sharing, Unset):
            image_sharing = UNSET
        else:
            image_sharing = ImageSharing.from_dict(_image_sharing)

        is_shared = d.pop("is_shared", UNSET)

        _regions = d.pop("regions", UNSET)
        regions: list[ImageRegion] | Unset = UNSET
        if _regions is not UNSET:
            regions = []
            for regions_item_data in _regions:
                regions_item = ImageRegion.from_dict(regions_item_data)

                regions.append(regions_item)

        _status = d.pop("status", UNSET)
        status: ImageStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ImageStatus(_status)

        tags = cast(list[str], d.pop("tags", UNSET))

        total_size = d.pop("total_size", UNSET)

        updated = _parse_updated(d.pop("updated", UNSET))

        shared_image = cls(
            created=created,
            created_by=created_by,
            deprecated=deprecated,
            description=description,
            id=id,
            is_public=is_public,
            label=label,
            size=size,
            type_=type_,
            vendor=vendor,
            capabilities=capabilities,
            eol=eol,
            expiry=expiry,
            image_sharing=image_sharing,
            is_shared=is_shared,
            regions=regions,
            status=status,
            tags=tags,
            total_size=total_size,
            updated=updated,
        )

        shared_image.additional_properties = d
        return shared_image

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


from ..models.image_region import ImageRegion
from ..models.image_sharing import ImageSharing


def _parse_eol(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        eol_type_0 = parse_datetime(data)

        return eol_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(datetime.datetime | None | Unset, data)


def _parse_expiry(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        expiry_type_0 = parse_datetime(data)

        return expiry_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(datetime.datetime | None | Unset, data)


def _parse_updated(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        updated_type_0 = parse_datetime(data)

        return updated_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(datetime.datetime | None | Unset, data)
