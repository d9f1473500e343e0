from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaginatedImages")


@_attrs_define
class PaginatedImages:
    """One page of images with the page number, page count and total result count."""

    data: list[Image] | Unset = UNSET
    """ The images on this page. """
    page: int | Unset = UNSET
    """ This page's number, from 1; 0 when a filter matches nothing. """
    pages: int | Unset = UNSET
    """ How many pages the whole list has at this page size. """
    results: int | Unset = UNSET
    """ How many images the whole list has. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        page = self.page

        pages = self.pages

        results = self.results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if page is not UNSET:
            field_dict["page"] = page
        if pages is not UNSET:
            field_dict["pages"] = pages
        if results is not UNSET:
            field_dict["results"] = results

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: list[Image] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = Image.from_dict(data_item_data)

                data.append(data_item)

        page = d.pop("page", UNSET)

        pages = d.pop("pages", UNSET)

        results = d.pop("results", UNSET)

        paginated_images = cls(
            data=data,
            page=page,
            pages=pages,
            results=results,
        )

        paginated_images.additional_properties = d
        return paginated_images

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
