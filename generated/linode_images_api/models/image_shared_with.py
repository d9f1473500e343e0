from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Shape,
    decode_error,
    json_loads,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class ImageSharedWith:
    """On the producer's own image, the share groups it is in."""

    sharegroup_count: int
    """ How many share groups the image is in. """
    sharegroup_list_url: str
    """ The API path that lists the share groups the image is in. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ImageSharedWith",
        lambda: (
            ("sharegroup_count", "sharegroup_count", int, True),
            ("sharegroup_list_url", "sharegroup_list_url", str, True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        sharegroup_count = self.sharegroup_count

        sharegroup_list_url = self.sharegroup_list_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sharegroup_count": sharegroup_count,
                "sharegroup_list_url": sharegroup_list_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ImageSharedWith:
            return cls._from_dict_checked(src_dict)
        try:
            _sharegroup_count, _sharegroup_list_url = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_sharegroup_count) is not int or type(_sharegroup_list_url) is not str:
            return cls._from_dict_checked(src_dict)
        try:
            pass
        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        image_shared_with = _new(cls)
        image_shared_with.sharegroup_count = _sharegroup_count
        image_shared_with.sharegroup_list_url = _sharegroup_list_url
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 2:
            image_shared_with.additional_properties = {}
        else:
            image_shared_with.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return image_shared_with

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ImageSharedWith._shape.parse
        if parse is not None and cls is ImageSharedWith:
            try:
                return ImageSharedWith._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ImageSharedWith:
        """The ImageSharedWith of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        image_shared_with = _new(ImageSharedWith)
        image_shared_with.sharegroup_count = shape.sharegroup_count
        image_shared_with.sharegroup_list_url = shape.sharegroup_list_url
        image_shared_with.additional_properties = {}  # the Struct refuses unknown fields
        return image_shared_with

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _sharegroup_count = src_dict["sharegroup_count"]
            _sharegroup_list_url = src_dict["sharegroup_list_url"]
        except KeyError:
            _sharegroup_count = _get("sharegroup_count", UNSET)
            _sharegroup_list_url = _get("sharegroup_list_url", UNSET)
        sharegroup_count: int
        if type(_sharegroup_count) is not int:
            raise decode_error("sharegroup_count", "integer", _sharegroup_count)
        sharegroup_count = _sharegroup_count

        sharegroup_list_url: str
        if not isinstance(_sharegroup_list_url, str):
            raise decode_error("sharegroup_list_url", "string", _sharegroup_list_url)
        sharegroup_list_url = _sharegroup_list_url

        image_shared_with = cls(
            sharegroup_count,
            sharegroup_list_url,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 2:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    image_shared_with.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    image_shared_with.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return image_shared_with

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


_REQUIRED = itemgetter(
    "sharegroup_count",
    "sharegroup_list_url",
)
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "sharegroup_count",
        "sharegroup_list_url",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "sharegroup_count",
    "sharegroup_list_url",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
