from __future__ import annotations

import datetime
from collections.abc import Mapping
from operator import itemgetter
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.share_group_member_status import (
    BY_VALUE as _share_group_member_status_by_value,
)
from ..models.share_group_member_status import ShareGroupMemberStatus
from ..types import (
    UNSET,
    Shape,
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
class ShareGroupMember:
    created: datetime.datetime
    """ When the member was added (UTC). """
    expiry: datetime.datetime | None
    """ When the membership expires (UTC), or null. """
    label: str
    """ The producer's short name for the member. """
    status: ShareGroupMemberStatus
    """ A member's state: active or revoked; a revoked member keeps access to its data for two weeks. """
    token_uuid: str
    """ The UUID of the consumer's token the member was added with; never the token itself. """
    updated: datetime.datetime | None
    """ When the membership last changed (UTC), or null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ShareGroupMember",
        lambda: (
            ("created", "created", str, True),
            ("expiry", "expiry", ("null", str), True),
            ("label", "label", str, True),
            ("status", "status", str, True),
            ("token_uuid", "token_uuid", str, True),
            ("updated", "updated", ("null", str), True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        expiry: None | str
        if isinstance(self.expiry, datetime.datetime):
            expiry = self.expiry.isoformat()
        else:
            expiry = self.expiry

        label = self.label

        status = self.status.value

        token_uuid = self.token_uuid

        updated: None | str
        if isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "expiry": expiry,
                "label": label,
                "status": status,
                "token_uuid": token_uuid,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ShareGroupMember:
            return cls._from_dict_checked(src_dict)
        try:
            _created, _expiry, _label, _status, _token_uuid, _updated = _REQUIRED(
                src_dict
            )
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_label) is not str or type(_token_uuid) is not str:
            return cls._from_dict_checked(src_dict)
        try:
            created: datetime.datetime
            created = (
                _fromisoformat(_created + "+00:00")
                if len(_created) == 19
                else parse_datetime(_created)
            )

            expiry: datetime.datetime | None
            if _expiry is None:
                expiry = _expiry
            else:
                expiry = (
                    _fromisoformat(_expiry + "+00:00")
                    if len(_expiry) == 19
                    else parse_datetime(_expiry)
                )

            status: ShareGroupMemberStatus
            status = _share_group_member_status_by_value.get(
                _status
            ) or ShareGroupMemberStatus(_status)

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
        share_group_member = _new(cls)
        share_group_member.created = created
        share_group_member.expiry = expiry
        share_group_member.label = _label
        share_group_member.status = status
        share_group_member.token_uuid = _token_uuid
        share_group_member.updated = updated
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 6:
            share_group_member.additional_properties = {}
        else:
            share_group_member.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return share_group_member

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ShareGroupMember._shape.parse
        if parse is not None and cls is ShareGroupMember:
            try:
                return ShareGroupMember._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ShareGroupMember:
        """The ShareGroupMember of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        share_group_member = _new(ShareGroupMember)
        _created = shape.created
        share_group_member.created = (
            _fromisoformat(_created + "+00:00")
            if len(_created) == 19
            else parse_datetime(_created)
        )
        _expiry = shape.expiry
        share_group_member.expiry = (
            _expiry
            if _expiry is None
            else (
                _fromisoformat(_expiry + "+00:00")
                if len(_expiry) == 19
                else parse_datetime(_expiry)
            )
        )
        share_group_member.label = shape.label
        _status = shape.status
        share_group_member.status = _share_group_member_status_by_value.get(
            _status
        ) or ShareGroupMemberStatus(_status)
        share_group_member.token_uuid = shape.token_uuid
        _updated = shape.updated
        share_group_member.updated = (
            _updated
            if _updated is None
            else (
                _fromisoformat(_updated + "+00:00")
                if len(_updated) == 19
                else parse_datetime(_updated)
            )
        )
        share_group_member.additional_properties = {}  # the Struct refuses unknown fields
        return share_group_member

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
            _expiry = src_dict["expiry"]
            _label = src_dict["label"]
            _status = src_dict["status"]
            _token_uuid = src_dict["token_uuid"]
            _updated = src_dict["updated"]
        except KeyError:
            _created = _get("created", UNSET)
            _expiry = _get("expiry", UNSET)
            _label = _get("label", UNSET)
            _status = _get("status", UNSET)
            _token_uuid = _get("token_uuid", UNSET)
            _updated = _get("updated", UNSET)
        created: datetime.datetime
        created = decode_datetime(_created, "created")

        expiry: datetime.datetime | None
        if _expiry is None:
            expiry = None
        else:
            expiry = decode_datetime(_expiry, "expiry")

        label: str
        if not isinstance(_label, str):
            raise decode_error("label", "string", _label)
        label = _label

        status: ShareGroupMemberStatus
        if not isinstance(_status, str):
            raise decode_error("status", "string", _status)
        status = _share_group_member_status_by_value.get(
            _status
        ) or ShareGroupMemberStatus(_status)

        token_uuid: str
        if not isinstance(_token_uuid, str):
            raise decode_error("token_uuid", "string", _token_uuid)
        token_uuid = _token_uuid

        updated: datetime.datetime | None
        if _updated is None:
            updated = None
        else:
            updated = decode_datetime(_updated, "updated")

        share_group_member = cls(
            created,
            expiry,
            label,
            status,
            token_uuid,
            updated,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 6:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    share_group_member.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    share_group_member.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return share_group_member

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
    "expiry",
    "label",
    "status",
    "token_uuid",
    "updated",
)
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "created",
        "expiry",
        "label",
        "status",
        "token_uuid",
        "updated",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "created",
    "expiry",
    "status",
    "token_uuid",
    "updated",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
