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
class UpdateShareGroupTokenRequest:
    label: str
    """ A new short name for the token. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "UpdateShareGroupTokenRequest",
        lambda: (("label", "label", str, True),),
    )

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not UpdateShareGroupTokenRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _label = src_dict["label"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_label) is not str:
            return cls._from_dict_checked(src_dict)
        try:
            pass
        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        update_share_group_token_request = _new(cls)
        update_share_group_token_request.label = _label
        return update_share_group_token_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = UpdateShareGroupTokenRequest._shape.parse
        if parse is not None and cls is UpdateShareGroupTokenRequest:
            try:
                return UpdateShareGroupTokenRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> UpdateShareGroupTokenRequest:
        """The UpdateShareGroupTokenRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        update_share_group_token_request = _new(UpdateShareGroupTokenRequest)
        update_share_group_token_request.label = shape.label
        return update_share_group_token_request

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _label = src_dict["label"]
        except KeyError:
            _label = _get("label", UNSET)
        label: str
        if not isinstance(_label, str):
            raise decode_error("label", "string", _label)
        label = _label

        update_share_group_token_request = cls(
            label,
        )
        return update_share_group_token_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


_new = object.__new__

# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "label",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = ("label",)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
