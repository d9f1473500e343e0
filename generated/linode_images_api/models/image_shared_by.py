from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from types import NoneType
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Shape,
    Unset,
    accept_types,
    decode_error,
    json_loads,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class ImageSharedBy:
    """On a shared image, the share group it comes from and its source image."""

    sharegroup_id: int
    """ The integer id of the share group the image comes from. """
    sharegroup_label: str
    """ The label of the share group the image comes from. """
    sharegroup_uuid: str
    """ The UUID of the share group the image comes from. """
    source_image_id: None | str
    """ The id of the producer's private image this one was shared from, or null. """
    source_image_label: None | str | Unset = UNSET
    """ The label of the producer's source image, or null; not always sent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ImageSharedBy",
        lambda: (
            ("sharegroup_id", "sharegroup_id", int, True),
            ("sharegroup_label", "sharegroup_label", str, True),
            ("sharegroup_uuid", "sharegroup_uuid", str, True),
            ("source_image_id", "source_image_id", ("null", str), True),
            ("source_image_label", "source_image_label", ("null", str), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        sharegroup_id = self.sharegroup_id

        sharegroup_label = self.sharegroup_label

        sharegroup_uuid = self.sharegroup_uuid

        source_image_id: None | str
        source_image_id = self.source_image_id

        source_image_label: None | str | Unset
        if isinstance(self.source_image_label, Unset):
            source_image_label = UNSET
        else:
            source_image_label = self.source_image_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sharegroup_id": sharegroup_id,
                "sharegroup_label": sharegroup_label,
                "sharegroup_uuid": sharegroup_uuid,
                "source_image_id": source_image_id,
            }
        )
        if source_image_label is not UNSET:
            field_dict["source_image_label"] = source_image_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ImageSharedBy:
            return cls._from_dict_checked(src_dict)
        try:
            _sharegroup_id, _sharegroup_label, _sharegroup_uuid, _source_image_id = (
                _REQUIRED(src_dict)
            )
        except KeyError:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (_source_image_label,) = _optional
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _sharegroup_id,
                    _sharegroup_label,
                    _sharegroup_uuid,
                    _source_image_id,
                    _source_image_label,
                ),
            )
        )
        if _types not in _ACCEPTED_TYPES and not accept_types(
            _types, _FIELD_TYPES, _ACCEPTED_TYPES
        ):
            return cls._from_dict_checked(src_dict)
        try:
            pass
        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        image_shared_by = _new(cls)
        image_shared_by.sharegroup_id = _sharegroup_id
        image_shared_by.sharegroup_label = _sharegroup_label
        image_shared_by.sharegroup_uuid = _sharegroup_uuid
        image_shared_by.source_image_id = _source_image_id
        image_shared_by.source_image_label = _source_image_label
        # Unknown fields are kept as they came, in their order (the API adds fields over time). Every
        # required field is present here: an object with no more keys than the known fields it carries
        # has no unknown one. Otherwise which keys are unknown is computed once per sequence of keys
        # (every image of a page has the same).
        if len(src_dict) + _optional.count(UNSET) == 5:
            image_shared_by.additional_properties = {}
            return image_shared_by
        _keys = tuple(src_dict)
        _unknown = _UNKNOWN_BY_SHAPE.get(_keys)
        if _unknown is None:
            _unknown = unknown_keys(_keys, _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE)
        if not _unknown:
            image_shared_by.additional_properties = {}
        elif len(_unknown) == 1:
            image_shared_by.additional_properties = {_unknown[0]: src_dict[_unknown[0]]}
        else:
            image_shared_by.additional_properties = unknown_fields(src_dict, _unknown)
        return image_shared_by

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ImageSharedBy._shape.parse
        if parse is not None and cls is ImageSharedBy:
            try:
                return ImageSharedBy._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ImageSharedBy:
        """The ImageSharedBy of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        image_shared_by = _new(ImageSharedBy)
        image_shared_by.sharegroup_id = shape.sharegroup_id
        image_shared_by.sharegroup_label = shape.sharegroup_label
        image_shared_by.sharegroup_uuid = shape.sharegroup_uuid
        image_shared_by.source_image_id = shape.source_image_id
        image_shared_by.source_image_label = shape.source_image_label
        image_shared_by.additional_properties = {}  # the Struct refuses unknown fields
        return image_shared_by

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _sharegroup_id = src_dict["sharegroup_id"]
            _sharegroup_label = src_dict["sharegroup_label"]
            _sharegroup_uuid = src_dict["sharegroup_uuid"]
            _source_image_id = src_dict["source_image_id"]
        except KeyError:
            _sharegroup_id = _get("sharegroup_id", UNSET)
            _sharegroup_label = _get("sharegroup_label", UNSET)
            _sharegroup_uuid = _get("sharegroup_uuid", UNSET)
            _source_image_id = _get("source_image_id", UNSET)
        sharegroup_id: int
        if type(_sharegroup_id) is not int:
            raise decode_error("sharegroup_id", "integer", _sharegroup_id)
        sharegroup_id = _sharegroup_id

        sharegroup_label: str
        if not isinstance(_sharegroup_label, str):
            raise decode_error("sharegroup_label", "string", _sharegroup_label)
        sharegroup_label = _sharegroup_label

        sharegroup_uuid: str
        if not isinstance(_sharegroup_uuid, str):
            raise decode_error("sharegroup_uuid", "string", _sharegroup_uuid)
        sharegroup_uuid = _sharegroup_uuid

        source_image_id: None | str
        if _source_image_id is None:
            source_image_id = None
        else:
            if not isinstance(_source_image_id, str):
                raise decode_error("source_image_id", "string", _source_image_id)
            source_image_id = _source_image_id

        _source_image_label = _get("source_image_label", UNSET)
        source_image_label: None | str | Unset
        if _source_image_label is UNSET:
            source_image_label = UNSET
        else:
            if _source_image_label is None:
                source_image_label = None
            else:
                if not isinstance(_source_image_label, str):
                    raise decode_error(
                        "source_image_label", "string", _source_image_label
                    )
                source_image_label = _source_image_label

        image_shared_by = cls(
            sharegroup_id,
            sharegroup_label,
            sharegroup_uuid,
            source_image_id,
            source_image_label,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        _unknown = src_dict.keys() - _KNOWN_FIELDS
        if _unknown:
            if len(_unknown) == 1:
                image_shared_by.additional_properties = {
                    key: src_dict[key] for key in _unknown
                }
            else:
                image_shared_by.additional_properties = {
                    key: value for key, value in src_dict.items() if key in _unknown
                }

        return image_shared_by

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
    "sharegroup_id",
    "sharegroup_label",
    "sharegroup_uuid",
    "source_image_id",
)
_OPTIONAL = ("source_image_label",)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({int}),
    frozenset({str}),
    frozenset({str}),
    frozenset({str, NoneType}),
    frozenset({str, NoneType, Unset}),
)
# The combinations of _FIELD_TYPES seen and accepted so far (accept_types bounds it).
_ACCEPTED_TYPES: set[tuple[type, ...]] = set()
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "sharegroup_id",
        "sharegroup_label",
        "sharegroup_uuid",
        "source_image_id",
        "source_image_label",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "sharegroup_id",
    "sharegroup_label",
    "sharegroup_uuid",
    "source_image_id",
    "source_image_label",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
