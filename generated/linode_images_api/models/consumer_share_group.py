from __future__ import annotations

import datetime
from collections.abc import Mapping
from operator import itemgetter
from types import NoneType
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Shape,
    accept_types,
    decode_datetime,
    decode_error,
    json_loads,
    model_repr,
    parse_datetime,
    unknown_fields,
    unknown_keys,
)
from ..types import fromisoformat as _fromisoformat


@_attrs_define
class ConsumerShareGroup:
    created: datetime.datetime
    """ When the group was created (UTC). """
    description: None | str
    """ Free text about the group, or null. """
    id: int
    """ The group's integer id. """
    is_suspended: bool
    """ True while the group is suspended. """
    label: str
    """ The group's short name. """
    updated: datetime.datetime | None
    """ When the group last changed (UTC); null until it does. """
    uuid: str
    """ The group's UUID. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ConsumerShareGroup",
        lambda: (
            ("created", "created", str, True),
            ("description", "description", ("null", str), True),
            ("id", "id", int, True),
            ("is_suspended", "is_suspended", bool, True),
            ("label", "label", str, True),
            ("updated", "updated", ("null", str), True),
            ("uuid", "uuid", str, True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        description: None | str
        description = self.description

        id = self.id

        is_suspended = self.is_suspended

        label = self.label

        updated: None | str
        if isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        uuid = self.uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "description": description,
                "id": id,
                "is_suspended": is_suspended,
                "label": label,
                "updated": updated,
                "uuid": uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ConsumerShareGroup:
            return cls._from_dict_checked(src_dict)
        try:
            _created, _description, _id, _is_suspended, _label, _updated, _uuid = (
                _REQUIRED(src_dict)
            )
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _description,
                    _id,
                    _is_suspended,
                    _label,
                    _uuid,
                ),
            )
        )
        if _types not in _ACCEPTED_TYPES and not accept_types(
            _types, _FIELD_TYPES, _ACCEPTED_TYPES
        ):
            return cls._from_dict_checked(src_dict)
        try:
            created: datetime.datetime
            created = (
                _fromisoformat(_created + "+00:00")
                if len(_created) == 19
                else parse_datetime(_created)
            )

            updated: datetime.datetime | None
            if _updated is None:
                updated = _updated
            else:
                updated = (
                    _fromisoformat(_updated + "+00:00")
                    if len(_updated) == 19
                    else parse_datetime(_updated)
                )

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        consumer_share_group = _new(cls)
        consumer_share_group.created = created
        consumer_share_group.description = _description
        consumer_share_group.id = _id
        consumer_share_group.is_suspended = _is_suspended
        consumer_share_group.label = _label
        consumer_share_group.updated = updated
        consumer_share_group.uuid = _uuid
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 7:
            consumer_share_group.additional_properties = {}
        else:
            consumer_share_group.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return consumer_share_group

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ConsumerShareGroup._shape.parse
        if parse is not None and cls is ConsumerShareGroup:
            try:
                return ConsumerShareGroup._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ConsumerShareGroup:
        """The ConsumerShareGroup of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        consumer_share_group = _new(ConsumerShareGroup)
        _created = shape.created
        consumer_share_group.created = (
            _fromisoformat(_created + "+00:00")
            if len(_created) == 19
            else parse_datetime(_created)
        )
        consumer_share_group.description = shape.description
        consumer_share_group.id = shape.id
        consumer_share_group.is_suspended = shape.is_suspended
        consumer_share_group.label = shape.label
        _updated = shape.updated
        consumer_share_group.updated = (
            _updated
            if _updated is None
            else (
                _fromisoformat(_updated + "+00:00")
                if len(_updated) == 19
                else parse_datetime(_updated)
            )
        )
        consumer_share_group.uuid = shape.uuid
        consumer_share_group.additional_properties = {}  # the Struct refuses unknown fields
        return consumer_share_group

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _created = src_dict["created"]
            _description = src_dict["description"]
            _id = src_dict["id"]
            _is_suspended = src_dict["is_suspended"]
            _label = src_dict["label"]
            _updated = src_dict["updated"]
            _uuid = src_dict["uuid"]
        except KeyError:
            _created = _get("created", UNSET)
            _description = _get("description", UNSET)
            _id = _get("id", UNSET)
            _is_suspended = _get("is_suspended", UNSET)
            _label = _get("label", UNSET)
            _updated = _get("updated", UNSET)
            _uuid = _get("uuid", UNSET)
        created: datetime.datetime
        created = decode_datetime(_created, "created")

        description: None | str
        if _description is None:
            description = None
        else:
            if not isinstance(_description, str):
                raise decode_error("description", "string", _description)
            description = _description

        id: int
        if type(_id) is not int:
            raise decode_error("id", "integer", _id)
        id = _id

        is_suspended: bool
        if type(_is_suspended) is not bool:
            raise decode_error("is_suspended", "boolean", _is_suspended)
        is_suspended = _is_suspended

        label: str
        if not isinstance(_label, str):
            raise decode_error("label", "string", _label)
        label = _label

        updated: datetime.datetime | None
        if _updated is None:
            updated = None
        else:
            updated = decode_datetime(_updated, "updated")

        uuid: str
        if not isinstance(_uuid, str):
            raise decode_error("uuid", "string", _uuid)
        uuid = _uuid

        consumer_share_group = cls(
            created,
            description,
            id,
            is_suspended,
            label,
            updated,
            uuid,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 7:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    consumer_share_group.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    consumer_share_group.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return consumer_share_group

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
    "created",
    "description",
    "id",
    "is_suspended",
    "label",
    "updated",
    "uuid",
)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str, NoneType}),
    frozenset({int}),
    frozenset({bool}),
    frozenset({str}),
    frozenset({str}),
)
# The combinations of _FIELD_TYPES seen and accepted so far (accept_types bounds it).
_ACCEPTED_TYPES: set[tuple[type, ...]] = set()
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "created",
        "description",
        "id",
        "is_suspended",
        "label",
        "updated",
        "uuid",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "id",
    "label",
    "created",
    "description",
    "is_suspended",
    "updated",
    "uuid",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
