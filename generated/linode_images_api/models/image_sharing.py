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
    decode_error,
    json_loads,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class ImageSharing:
    """How an image is shared; one half is null."""

    shared_by: ImageSharedBy | None
    """ On a shared image, the share group it comes from and its source image. """
    shared_with: ImageSharedWith | None
    """ On the producer's own image, the share groups it is in. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ImageSharing",
        lambda: (
            ("shared_by", "shared_by", ("null", ImageSharedBy._shape), True),
            ("shared_with", "shared_with", ("null", ImageSharedWith._shape), True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        shared_by: dict[str, Any] | None
        if isinstance(self.shared_by, ImageSharedBy):
            shared_by = self.shared_by.to_dict()
        else:
            shared_by = self.shared_by

        shared_with: dict[str, Any] | None
        if isinstance(self.shared_with, ImageSharedWith):
            shared_with = self.shared_with.to_dict()
        else:
            shared_with = self.shared_with

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shared_by": shared_by,
                "shared_with": shared_with,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ImageSharing:
            return cls._from_dict_checked(src_dict)
        try:
            _shared_by, _shared_with = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        try:
            shared_by: ImageSharedBy | None
            if _shared_by is None:
                shared_by = _shared_by
            else:
                shared_by = ImageSharedBy.from_dict(_shared_by)

            shared_with: ImageSharedWith | None
            if _shared_with is None:
                shared_with = _shared_with
            else:
                shared_with = ImageSharedWith.from_dict(_shared_with)

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        image_sharing = _new(cls)
        image_sharing.shared_by = shared_by
        image_sharing.shared_with = shared_with
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 2:
            image_sharing.additional_properties = {}
        else:
            image_sharing.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return image_sharing

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ImageSharing._shape.parse
        if parse is not None and cls is ImageSharing:
            try:
                return ImageSharing._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ImageSharing:
        """The ImageSharing of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        image_sharing = _new(ImageSharing)
        _shared_by = shape.shared_by
        image_sharing.shared_by = (
            _shared_by if _shared_by is None else ImageSharedBy._from_shape(_shared_by)
        )
        _shared_with = shape.shared_with
        image_sharing.shared_with = (
            _shared_with
            if _shared_with is None
            else ImageSharedWith._from_shape(_shared_with)
        )
        image_sharing.additional_properties = {}  # the Struct refuses unknown fields
        return image_sharing

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _shared_by = src_dict["shared_by"]
            _shared_with = src_dict["shared_with"]
        except KeyError:
            _shared_by = _get("shared_by", UNSET)
            _shared_with = _get("shared_with", UNSET)
        shared_by: ImageSharedBy | None
        if _shared_by is None:
            shared_by = None
        else:
            try:
                shared_by = ImageSharedBy.from_dict(_shared_by)
            except DecodeError as exc:
                raise exc.within("shared_by") from None

        shared_with: ImageSharedWith | None
        if _shared_with is None:
            shared_with = None
        else:
            try:
                shared_with = ImageSharedWith.from_dict(_shared_with)
            except DecodeError as exc:
                raise exc.within("shared_with") from None

        image_sharing = cls(
            shared_by,
            shared_with,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 2:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    image_sharing.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    image_sharing.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return image_sharing

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


from ..models.image_shared_by import ImageSharedBy
from ..models.image_shared_with import ImageSharedWith

_REQUIRED = itemgetter(
    "shared_by",
    "shared_with",
)
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "shared_by",
        "shared_with",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "shared_by",
    "shared_with",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
