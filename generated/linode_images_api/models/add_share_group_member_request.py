from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
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
class AddShareGroupMemberRequest:
    label: str
    """ A short name for the new member. """
    token: str
    """ The secret the consumer got when it created its token; as sensitive as an API token. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "AddShareGroupMemberRequest",
        lambda: (
            ("label", "label", str, True),
            ("token", "token", str, True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not AddShareGroupMemberRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _label, _token = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_label) is not str or type(_token) is not str:
            return cls._from_dict_checked(src_dict)
        try:
            pass
        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        add_share_group_member_request = _new(cls)
        add_share_group_member_request.label = _label
        add_share_group_member_request.token = _token
        return add_share_group_member_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = AddShareGroupMemberRequest._shape.parse
        if parse is not None and cls is AddShareGroupMemberRequest:
            try:
                return AddShareGroupMemberRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> AddShareGroupMemberRequest:
        """The AddShareGroupMemberRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        add_share_group_member_request = _new(AddShareGroupMemberRequest)
        add_share_group_member_request.label = shape.label
        add_share_group_member_request.token = shape.token
        return add_share_group_member_request

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
            _token = src_dict["token"]
        except KeyError:
            _label = _get("label", UNSET)
            _token = _get("token", UNSET)
        label: str
        if not isinstance(_label, str):
            raise decode_error("label", "string", _label)
        label = _label

        token: str
        if not isinstance(_token, str):
            raise decode_error("token", "string", _token)
        token = _token

        add_share_group_member_request = cls(
            label,
            token,
        )
        return add_share_group_member_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


_REQUIRED = itemgetter(
    "label",
    "token",
)
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "label",
        "token",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "token",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
