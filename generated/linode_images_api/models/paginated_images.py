from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import DecodeError
from ..types import (
    UNSET,
    Shape,
    accept_types,
    decode_error,
    json_loads,
    list_item_error,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class PaginatedImages:
    """One page of images with the page number, page count and total result count."""

    data: list[Image]
    """ The images on this page. """
    page: int
    """ This page's number, from 1; 0 when a filter matches nothing. """
    pages: int
    """ How many pages the whole list has at this page size. """
    results: int
    """ How many images the whole list has. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "PaginatedImages",
        lambda: (
            ("data", "data", ("list", Image._shape), True),
            ("page", "page", int, True),
            ("pages", "pages", int, True),
            ("results", "results", int, True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        page = self.page

        pages = self.pages

        results = self.results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "page": page,
                "pages": pages,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not PaginatedImages:
            return cls._from_dict_checked(src_dict)
        try:
            _data, _page, _pages, _results = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _data,
                    _page,
                    _pages,
                    _results,
                ),
            )
        )
        if _types not in _ACCEPTED_TYPES and not accept_types(
            _types, _FIELD_TYPES, _ACCEPTED_TYPES
        ):
            return cls._from_dict_checked(src_dict)
        try:
            data: list[Image]
            data = list(map(Image.from_dict, _data))

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        paginated_images = _new(cls)
        paginated_images.data = data
        paginated_images.page = _page
        paginated_images.pages = _pages
        paginated_images.results = _results
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 4:
            paginated_images.additional_properties = {}
        else:
            paginated_images.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return paginated_images

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = PaginatedImages._shape.parse
        if parse is not None and cls is PaginatedImages:
            try:
                return PaginatedImages._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> PaginatedImages:
        """The PaginatedImages of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        paginated_images = _new(PaginatedImages)
        _data = shape.data
        paginated_images.data = list(map(Image._from_shape, _data))
        paginated_images.page = shape.page
        paginated_images.pages = shape.pages
        paginated_images.results = shape.results
        paginated_images.additional_properties = {}  # the Struct refuses unknown fields
        return paginated_images

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _data = src_dict["data"]
            _page = src_dict["page"]
            _pages = src_dict["pages"]
            _results = src_dict["results"]
        except KeyError:
            _data = _get("data", UNSET)
            _page = _get("page", UNSET)
            _pages = _get("pages", UNSET)
            _results = _get("results", UNSET)
        data: list[Image]
        if not isinstance(_data, list):
            raise decode_error("data", "array", _data)
        _decode_data = Image.from_dict
        try:
            data = [_decode_data(_item) for _item in _data]
        except DecodeError:
            raise list_item_error(_data, _decode_data, "data") from None

        page: int
        if type(_page) is not int:
            raise decode_error("page", "integer", _page)
        page = _page

        pages: int
        if type(_pages) is not int:
            raise decode_error("pages", "integer", _pages)
        pages = _pages

        results: int
        if type(_results) is not int:
            raise decode_error("results", "integer", _results)
        results = _results

        paginated_images = cls(
            data,
            page,
            pages,
            results,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 4:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    paginated_images.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    paginated_images.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return paginated_images

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)

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

_REQUIRED = itemgetter(
    "data",
    "page",
    "pages",
    "results",
)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({list}),
    frozenset({int}),
    frozenset({int}),
    frozenset({int}),
)
# The combinations of _FIELD_TYPES seen and accepted so far (accept_types bounds it).
_ACCEPTED_TYPES: set[tuple[type, ...]] = set()
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "data",
        "page",
        "pages",
        "results",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "page",
    "pages",
    "results",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = (("data", "images"),)
