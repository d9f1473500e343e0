from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_status import ImageStatus
from ..models.image_type import ImageType
from ..types import UNSET, Unset, parse_datetime

T = TypeVar("T", bound="Image")


@_attrs_define
class Image:
    """A machine image: public (linode/...), private (private/...) or shared (shared/...)."""

    capabilities: list[str] | Unset = UNSET
    """ What instances booted from the image can use, such as cloud-init or distributed-sites; may be empty. """
    created: datetime.datetime | Unset = UNSET
    """ When the image was created (UTC). """
    created_by: None | str | Unset = UNSET
    """ The user who made a private image; linode for public ones; null for shared images. """
    deprecated: bool | Unset = UNSET
    """ True when a public image is on its way out and should not be used for new instances. """
    description: None | str | Unset = UNSET
    """ Free text about the image; null on older public images, empty on newer ones. """
    eol: datetime.datetime | None | Unset = UNSET
    """ When a public image's distribution reaches end of life (UTC), or null. """
    expiry: datetime.datetime | None | Unset = UNSET
    """ When an automatic image will be deleted (UTC), or null if it does not expire. """
    id: str | Unset = UNSET
    """ The image id: linode/<name> public, private/<n> your own, shared/<n> shared with you. """
    is_public: bool | Unset = UNSET
    """ True for Linode's public distribution images, false for private and shared ones. """
    is_shared: bool | None | Unset = UNSET
    """ An image-sharing flag the API sends as true, false or null; image_sharing says how an image is shared. """
    label: str | Unset = UNSET
    """ The image's short name. """
    regions: list[ImageRegion] | None | Unset = UNSET
    """ Where the image is stored and its status in each region; empty while it is created or uploaded, null on
    public images. """
    size: int | Unset = UNSET
    """ The image's size in MB (a tiny upload counts 1); 0 until uploaded data arrives. """
    status: ImageStatus | Unset = UNSET
    """ An image's status: pending_upload, creating, available, in that order; an image never moves back. """
    tags: list[str] | Unset = UNSET
    """ Tags for grouping images, each 3 to 100 characters, at most 500. """
    total_size: int | Unset = UNSET
    """ The size in MB summed over every region the image is stored in; absent on public images. """
    type_: ImageType | Unset = UNSET
    """ manual (captured from a disk or uploaded), automatic (made by Linode, e.g. from a deleted Linode) or shared.
    """
    updated: datetime.datetime | None | Unset = UNSET
    """ When the image last changed (UTC), or null. """
    vendor: None | str | Unset = UNSET
    """ Who publishes a public image's distribution, such as Debian; null for private images. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capabilities: list[str] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = self.capabilities

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        else:
            created_by = self.created_by

        deprecated = self.deprecated

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

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

        id = self.id

        is_public = self.is_public

        is_shared: bool | None | Unset
        if isinstance(self.is_shared, Unset):
            is_shared = UNSET
        else:
            is_shared = self.is_shared

        label = self.label

        regions: list[dict[str, Any]] | None | Unset
        if isinstance(self.regions, Unset):
            regions = UNSET
        elif isinstance(self.regions, list):
            regions = []
            for regions_type_0_item_data in self.regions:
                regions_type_0_item = regions_type_0_item_data.to_dict()
                regions.append(regions_type_0_item)

        else:
            regions = self.regions

        size = self.size

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        total_size = self.total_size

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        elif isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        vendor: None | str | Unset
        if isinstance(self.vendor, Unset):
            vendor = UNSET
        else:
            vendor = self.vendor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if created is not UNSET:
            field_dict["created"] = created
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if deprecated is not UNSET:
            field_dict["deprecated"] = deprecated
        if description is not UNSET:
            field_dict["description"] = description
        if eol is not UNSET:
            field_dict["eol"] = eol
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if id is not UNSET:
            field_dict["id"] = id
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if is_shared is not UNSET:
            field_dict["is_shared"] = is_shared
        if label is not UNSET:
            field_dict["label"] = label
        if regions is not UNSET:
            field_dict["regions"] = regions
        if size is not UNSET:
            field_dict["size"] = size
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if total_size is not UNSET:
            field_dict["total_size"] = total_size
        if type_ is not UNSET:
            field_dict["type"] = type_
        if updated is not UNSET:
            field_dict["updated"] = updated
        if vendor is not UNSET:
            field_dict["vendor"] = vendor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        capabilities = cast(list[str], d.pop("capabilities", UNSET))

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset):
            created = UNSET
        else:
            created = parse_datetime(_created)

        created_by = d.pop("created_by", UNSET)

        deprecated = d.pop("deprecated", UNSET)

        description = d.pop("description", UNSET)

        eol = _parse_eol(d.pop("eol", UNSET))

        expiry = _parse_expiry(d.pop("expiry", UNSET))

        id = d.pop("id", UNSET)

        is_public = d.pop("is_public", UNSET)

        is_shared = d.pop("is_shared", UNSET)

        label = d.pop("label", UNSET)

        regions = _parse_regions(d.pop("regions", UNSET))

        size = d.pop("size", UNSET)

        _status = d.pop("status", UNSET)
        status: ImageStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ImageStatus(_status)

        tags = cast(list[str], d.pop("tags", UNSET))

        total_size = d.pop("total_size", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ImageType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ImageType(_type_)

        updated = _parse_updated(d.pop("updated", UNSET))

        vendor = d.pop("vendor", UNSET)

        image = cls(
            capabilities=capabilities,
            created=created,
            created_by=created_by,
            deprecated=deprecated,
            description=description,
            eol=eol,
            expiry=expiry,
            id=id,
            is_public=is_public,
            is_shared=is_shared,
            label=label,
            regions=regions,
            size=size,
            status=status,
            tags=tags,
            total_size=total_size,
            type_=type_,
            updated=updated,
            vendor=vendor,
        )

        image.additional_properties = d
        return image

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


def _parse_regions(data: object) -> list[ImageRegion] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        regions_type_0 = []
        _regions_type_0 = data
        for regions_type_0_item_data in _regions_type_0:
            regions_type_0_item = ImageRegion.from_dict(regions_type_0_item_data)

            regions_type_0.append(regions_type_0_item)

        return regions_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast(list[ImageRegion] | None | Unset, data)


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
