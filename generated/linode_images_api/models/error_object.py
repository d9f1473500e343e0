from __future__ import annotations

from collections.abc import Mapping
from types import NoneType
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Shape,
    Unset,
    decode_error,
    json_loads,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class ErrorObject:
    """One problem with a request, optionally naming the field it concerns."""

    reason: str
    """ What went wrong, in the API's words. """
    field: None | str | Unset = UNSET
    """ The request field the problem concerns, or null when no single field is at fault. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ErrorObject",
        lambda: (
            ("reason", "reason", str, True),
            ("field", "field", ("null", str), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field: None | str | Unset
        if isinstance(self.field, Unset):
            field = UNSET
        else:
            field = self.field

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ErrorObject:
            return cls._from_dict_checked(src_dict)
        try:
            _reason = src_dict["reason"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (_field,) = _optional
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_reason) is not str or type(_field) not in _FIELD_TYPES[1]:
            return cls._from_dict_checked(src_dict)
        try:
            pass
        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        error_object = _new(cls)
        error_object.reason = _reason
        error_object.field = _field
        # Unknown fields are kept as they came, in their order (the API adds fields over time). Every
        # required field is present here: an object with no more keys than the known fields it carries
        # has no unknown one. Otherwise which keys are unknown is computed once per sequence of keys
        # (every image of a page has the same).
        if len(src_dict) + _optional.count(UNSET) == 2:
            error_object.additional_properties = {}
            return error_object
        _keys = tuple(src_dict)
        _unknown = _UNKNOWN_BY_SHAPE.get(_keys)
        if _unknown is None:
            _unknown = unknown_keys(_keys, _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE)
        if not _unknown:
            error_object.additional_properties = {}
        elif len(_unknown) == 1:
            error_object.additional_properties = {_unknown[0]: src_dict[_unknown[0]]}
        else:
            error_object.additional_properties = unknown_fields(src_dict, _unknown)
        return error_object

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ErrorObject._shape.parse
        if parse is not None and cls is ErrorObject:
            try:
                return ErrorObject._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ErrorObject:
        """The ErrorObject of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        error_object = _new(ErrorObject)
        error_object.reason = shape.reason
        error_object.field = shape.field
        error_object.additional_properties = {}  # the Struct refuses unknown fields
        return error_object

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _reason = src_dict["reason"]
        except KeyError:
            _reason = _get("reason", UNSET)
        reason: str
        if not isinstance(_reason, str):
            raise decode_error("reason", "string", _reason)
        reason = _reason

        _field = _get("field", UNSET)
        field: None | str | Unset
        if _field is UNSET:
            field = UNSET
        else:
            if _field is None:
                field = None
            else:
                if not isinstance(_field, str):
                    raise decode_error("field", "string", _field)
                field = _field

        error_object = cls(
            reason,
            field,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        _unknown = src_dict.keys() - _KNOWN_FIELDS
        if _unknown:
            if len(_unknown) == 1:
                error_object.additional_properties = {
                    key: src_dict[key] for key in _unknown
                }
            else:
                error_object.additional_properties = {
                    key: value for key, value in src_dict.items() if key in _unknown
                }

        return error_object

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


_OPTIONAL = ("field",)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str}),
    frozenset({str, NoneType, Unset}),
)
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "reason",
        "field",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "reason",
    "field",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
