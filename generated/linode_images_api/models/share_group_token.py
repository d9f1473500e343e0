from __future__ import annotations

import datetime
from collections.abc import Mapping
from operator import itemgetter
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.share_group_token_status import (
    BY_VALUE as _share_group_token_status_by_value,
)
from ..models.share_group_token_status import ShareGroupTokenStatus
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
class ShareGroupToken:
    created: datetime.datetime
    """ When the token was created (UTC). """
    expiry: datetime.datetime | None
    """ When the token expires (UTC), or null. """
    label: str
    """ The consumer's short name for the token. """
    sharegroup_label: str
    """ The label of the group the token is for. """
    sharegroup_uuid: str
    """ The UUID of the group the token is for. """
    status: ShareGroupTokenStatus
    """ A share-group token's state: pending, active, revoked or expired. """
    token_uuid: str
    """ The token's UUID, which names it in paths; not the secret. """
    updated: datetime.datetime | None
    """ When the token last changed (UTC), or null. """
    valid_for_sharegroup_uuid: str
    """ The UUID of the only group the token can join. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "ShareGroupToken",
        lambda: (
            ("created", "created", str, True),
            ("expiry", "expiry", ("null", str), True),
            ("label", "label", str, True),
            ("sharegroup_label", "sharegroup_label", str, True),
            ("sharegroup_uuid", "sharegroup_uuid", str, True),
            ("status", "status", str, True),
            ("token_uuid", "token_uuid", str, True),
            ("updated", "updated", ("null", str), True),
            ("valid_for_sharegroup_uuid", "valid_for_sharegroup_uuid", str, True),
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

        sharegroup_label = self.sharegroup_label

        sharegroup_uuid = self.sharegroup_uuid

        status = self.status.value

        token_uuid = self.token_uuid

        updated: None | str
        if isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        valid_for_sharegroup_uuid = self.valid_for_sharegroup_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "expiry": expiry,
                "label": label,
                "sharegroup_label": sharegroup_label,
                "sharegroup_uuid": sharegroup_uuid,
                "status": status,
                "token_uuid": token_uuid,
                "updated": updated,
                "valid_for_sharegroup_uuid": valid_for_sharegroup_uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not ShareGroupToken:
            return cls._from_dict_checked(src_dict)
        try:
            (
                _created,
                _expiry,
                _label,
                _sharegroup_label,
                _sharegroup_uuid,
                _status,
                _token_uuid,
                _updated,
                _valid_for_sharegroup_uuid,
            ) = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _label,
                    _sharegroup_label,
                    _sharegroup_uuid,
                    _token_uuid,
                    _valid_for_sharegroup_uuid,
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

            expiry: datetime.datetime | None
            if _expiry is None:
                expiry = _expiry
            else:
                expiry = (
                    _fromisoformat(_expiry + "+00:00")
                    if len(_expiry) == 19
                    else parse_datetime(_expiry)
                )

            status: ShareGroupTokenStatus
            status = _share_group_token_status_by_value.get(
                _status
            ) or ShareGroupTokenStatus(_status)

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
        share_group_token = _new(cls)
        share_group_token.created = created
        share_group_token.expiry = expiry
        share_group_token.label = _label
        share_group_token.sharegroup_label = _sharegroup_label
        share_group_token.sharegroup_uuid = _sharegroup_uuid
        share_group_token.status = status
        share_group_token.token_uuid = _token_uuid
        share_group_token.updated = updated
        share_group_token.valid_for_sharegroup_uuid = _valid_for_sharegroup_uuid
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 9:
            share_group_token.additional_properties = {}
        else:
            share_group_token.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return share_group_token

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = ShareGroupToken._shape.parse
        if parse is not None and cls is ShareGroupToken:
            try:
                return ShareGroupToken._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> ShareGroupToken:
        """The ShareGroupToken of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        share_group_token = _new(ShareGroupToken)
        _created = shape.created
        share_group_token.created = (
            _fromisoformat(_created + "+00:00")
            if len(_created) == 19
            else parse_datetime(_created)
        )
        _expiry = shape.expiry
        share_group_token.expiry = (
            _expiry
            if _expiry is None
            else (
                _fromisoformat(_expiry + "+00:00")
                if len(_expiry) == 19
                else parse_datetime(_expiry)
            )
        )
        share_group_token.label = shape.label
        share_group_token.sharegroup_label = shape.sharegroup_label
        share_group_token.sharegroup_uuid = shape.sharegroup_uuid
        _status = shape.status
        share_group_token.status = _share_group_token_status_by_value.get(
            _status
        ) or ShareGroupTokenStatus(_status)
        share_group_token.token_uuid = shape.token_uuid
        _updated = shape.updated
        share_group_token.updated = (
            _updated
            if _updated is None
            else (
                _fromisoformat(_updated + "+00:00")
                if len(_updated) == 19
                else parse_datetime(_updated)
            )
        )
        share_group_token.valid_for_sharegroup_uuid = shape.valid_for_sharegroup_uuid
        share_group_token.additional_properties = {}  # the Struct refuses unknown fields
        return share_group_token

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
            _sharegroup_label = src_dict["sharegroup_label"]
            _sharegroup_uuid = src_dict["sharegroup_uuid"]
            _status = src_dict["status"]
            _token_uuid = src_dict["token_uuid"]
            _updated = src_dict["updated"]
            _valid_for_sharegroup_uuid = src_dict["valid_for_sharegroup_uuid"]
        except KeyError:
            _created = _get("created", UNSET)
            _expiry = _get("expiry", UNSET)
            _label = _get("label", UNSET)
            _sharegroup_label = _get("sharegroup_label", UNSET)
            _sharegroup_uuid = _get("sharegroup_uuid", UNSET)
            _status = _get("status", UNSET)
            _token_uuid = _get("token_uuid", UNSET)
            _updated = _get("updated", UNSET)
            _valid_for_sharegroup_uuid = _get("valid_for_sharegroup_uuid", UNSET)
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

        sharegroup_label: str
        if not isinstance(_sharegroup_label, str):
            raise decode_error("sharegroup_label", "string", _sharegroup_label)
        sharegroup_label = _sharegroup_label

        sharegroup_uuid: str
        if not isinstance(_sharegroup_uuid, str):
            raise decode_error("sharegroup_uuid", "string", _sharegroup_uuid)
        sharegroup_uuid = _sharegroup_uuid

        status: ShareGroupTokenStatus
        if not isinstance(_status, str):
            raise decode_error("status", "string", _status)
        status = _share_group_token_status_by_value.get(
            _status
        ) or ShareGroupTokenStatus(_status)

        token_uuid: str
        if not isinstance(_token_uuid, str):
            raise decode_error("token_uuid", "string", _token_uuid)
        token_uuid = _token_uuid

        updated: datetime.datetime | None
        if _updated is None:
            updated = None
        else:
            updated = decode_datetime(_updated, "updated")

        valid_for_sharegroup_uuid: str
        if not isinstance(_valid_for_sharegroup_uuid, str):
            raise decode_error(
                "valid_for_sharegroup_uuid", "string", _valid_for_sharegroup_uuid
            )
        valid_for_sharegroup_uuid = _valid_for_sharegroup_uuid

        share_group_token = cls(
            created,
            expiry,
            label,
            sharegroup_label,
            sharegroup_uuid,
            status,
            token_uuid,
            updated,
            valid_for_sharegroup_uuid,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 9:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    share_group_token.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    share_group_token.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return share_group_token

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
    "sharegroup_label",
    "sharegroup_uuid",
    "status",
    "token_uuid",
    "updated",
    "valid_for_sharegroup_uuid",
)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str}),
    frozenset({str}),
    frozenset({str}),
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
        "expiry",
        "label",
        "sharegroup_label",
        "sharegroup_uuid",
        "status",
        "token_uuid",
        "updated",
        "valid_for_sharegroup_uuid",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "created",
    "expiry",
    "sharegroup_label",
    "sharegroup_uuid",
    "status",
    "token_uuid",
    "updated",
    "valid_for_sharegroup_uuid",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
