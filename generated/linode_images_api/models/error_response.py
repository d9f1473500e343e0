from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import DecodeError
from ..types import (
    UNSET,
    Shape,
    decode_error,
    json_loads,
    list_item_error,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class ErrorResponse:
    errors: list[ErrorObject]
    """ Every problem the API found with the request. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ErrorResponse",
        lambda: (("errors", "errors", ("list", ErrorObject._shape), True),),
    )

    def to_dict(self) -> dict[str, Any]:
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ErrorResponse:
            return cls._from_dict_checked(src_dict)
        try:
            _errors = src_dict["errors"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_errors) is not list:
            return cls._from_dict_checked(src_dict)
        try:
            errors: list[ErrorObject]
            errors = list(map(ErrorObject.from_dict, _errors))

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        error_response = _new(cls)
        error_response.errors = errors
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 1:
            error_response.additional_properties = {}
        else:
            error_response.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return error_response

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ErrorResponse._shape.parse
        if parse is not None and cls is ErrorResponse:
            try:
                return ErrorResponse._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ErrorResponse:
        """The ErrorResponse of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        error_response = _new(ErrorResponse)
        _errors = shape.errors
        error_response.errors = list(map(ErrorObject._from_shape, _errors))
        error_response.additional_properties = {}  # the Struct refuses unknown fields
        return error_response

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _errors = src_dict["errors"]
        except KeyError:
            _errors = _get("errors", UNSET)
        errors: list[ErrorObject]
        if not isinstance(_errors, list):
            raise decode_error("errors", "array", _errors)
        _decode_errors = ErrorObject.from_dict
        try:
            errors = [_decode_errors(_item) for _item in _errors]
        except DecodeError:
            raise list_item_error(_errors, _decode_errors, "errors") from None

        error_response = cls(
            errors,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 1:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    error_response.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    error_response.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return error_response

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


from ..models.error_object import ErrorObject

# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__

# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "errors",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = ()
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = (("errors", "error objects"),)
