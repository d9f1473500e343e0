from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadImageResponse")


@_attrs_define
class UploadImageResponse:
    """The pending image and the pre-signed URL that takes its gzip data."""

    image: Image | Unset = UNSET
    """ A machine image: public (linode/...), private (private/...) or shared (shared/...). """
    upload_to: str | Unset = UNSET
    """ A pre-signed URL, valid 24 hours, that takes one PUT of the gzip-compressed raw disk image (at most 5 GB);
    it is a secret. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        upload_to = self.upload_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if image is not UNSET:
            field_dict["image"] = image
        if upload_to is not UNSET:
            field_dict["upload_to"] = upload_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _image = d.pop("image", UNSET)
        image: Image | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = Image.from_dict(_image)

        upload_to = d.pop("upload_to", UNSET)

        upload_image_response = cls(
            image=image,
            upload_to=upload_to,
        )

        upload_image_response.additional_properties = d
        return upload_image_response

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


from ..models.image import Image
