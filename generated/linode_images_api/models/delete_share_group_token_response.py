from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    Shape,
    decode_error,
    json_loads,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class DeleteShareGroupTokenResponse:
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "DeleteShareGroupTokenResponse",
        lambda: (),
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not DeleteShareGroupTokenResponse:
            return cls._from_dict_checked(src_dict)
        try:
            pass
        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        delete_share_group_token_response = _new(cls)
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 0:
            delete_share_group_token_response.additional_properties = {}
        else:
            delete_share_group_token_response.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return delete_share_group_token_response

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = DeleteShareGroupTokenResponse._shape.parse
        if parse is not None and cls is DeleteShareGroupTokenResponse:
            try:
                return DeleteShareGroupTokenResponse._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> DeleteShareGroupTokenResponse:
        """The DeleteShareGroupTokenResponse of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        delete_share_group_token_response = _new(DeleteShareGroupTokenResponse)
        delete_share_group_token_response.additional_properties = {}  # the Struct refuses unknown fields
        return delete_share_group_token_response

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        delete_share_group_token_response = cls()
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 0:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    delete_share_group_token_response.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    delete_share_group_token_response.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return delete_share_group_token_response

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


# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__
# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset({})
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = ()
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
