from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateImageRequest")


@_attrs_define
class UpdateImageRequest:
    """The writable fields of an image; omitted fields are left unchanged."""

    description: None | str | Unset = UNSET
    """ New free text for the image; omitted: unchanged. """
    label: str | Unset = UNSET
    """ A new short name; omitted: unchanged. """
    tags: list[str] | Unset = UNSET
    """ The new full list of tags, replacing the old one; omitted: unchanged. """

    def to_dict(self) -> dict[str, Any]:
        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        label = self.label

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if label is not UNSET:
            field_dict["label"] = label
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        label = d.pop("label", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        update_image_request = cls(
            description=description,
            label=label,
            tags=tags,
        )

        return update_image_request
