from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define

from ..types import (
    UNSET,
    Shape,
    decode_error,
    json_loads,
    model_repr,
)


@_attrs_define
class ReplicateImageRequest:
    regions: list[str]
    """ Every region the image should be in afterwards: new ones are added, missing ones removed. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ReplicateImageRequest",
        lambda: (("regions", "regions", ("list", str), True),),
    )

    def to_dict(self) -> dict[str, Any]:
        regions = self.regions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "regions": regions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ReplicateImageRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _regions = src_dict["regions"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_regions) is not list:
            return cls._from_dict_checked(src_dict)
        try:
            regions: list[str]
            "".join(_regions)  # refuses (TypeError) any item that is not a str
            regions = _regions

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        replicate_image_request = _new(cls)
        replicate_image_request.regions = regions
        return replicate_image_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ReplicateImageRequest._shape.parse
        if parse is not None and cls is ReplicateImageRequest:
            try:
                return ReplicateImageRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ReplicateImageRequest:
        """The ReplicateImageRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        replicate_image_request = _new(ReplicateImageRequest)
        replicate_image_request.regions = shape.regions
        return replicate_image_request

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _regions = src_dict["regions"]
        except KeyError:
            _regions = _get("regions", UNSET)
        regions: list[str]
        if not isinstance(_regions, list):
            raise decode_error("regions", "array", _regions)
        for _index, _item in enumerate(_regions):
            if not isinstance(_item, str):
                raise decode_error(f"regions[{_index}]", "string", _item)
        regions = _regions

        replicate_image_request = cls(
            regions,
        )
        return replicate_image_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


_new = object.__new__

# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "regions",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = ("regions",)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
