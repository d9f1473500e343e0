from __future__ import annotations

from collections.abc import Mapping
from types import NoneType
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define

from ..types import (
    UNSET,
    Shape,
    Unset,
    decode_error,
    json_loads,
    model_repr,
)


@_attrs_define
class UpdateImageRequest:
    """The writable fields of an image; omitted fields are left unchanged."""

    description: None | str | Unset = UNSET
    """ New free text for the image; omitted: unchanged. """
    label: str | Unset = UNSET
    """ A new short name; omitted: unchanged. """
    tags: list[str] | Unset = UNSET
    """ The new full list of tags, replacing the old one; omitted: unchanged. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "UpdateImageRequest",
        lambda: (
            ("description", "description", ("null", str), False),
            ("label", "label", str, False),
            ("tags", "tags", ("list", str), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        label = self.label

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if label is not UNSET:
            field_dict["label"] = label
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not UpdateImageRequest:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (
            _description,
            _label,
            _tags,
        ) = _optional
        # Each field's exact JSON type; anything else is decoded field by field.
        if (
            type(_description) not in _FIELD_TYPES[0]
            or type(_label) not in _FIELD_TYPES[1]
            or type(_tags) not in _FIELD_TYPES[2]
        ):
            return cls._from_dict_checked(src_dict)
        try:
            tags: list[str] | Unset
            if _tags is UNSET:
                tags = _tags
            else:
                "".join(_tags)  # refuses (TypeError) any item that is not a str
                tags = _tags

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        update_image_request = _new(cls)
        update_image_request.description = _description
        update_image_request.label = _label
        update_image_request.tags = tags
        return update_image_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = UpdateImageRequest._shape.parse
        if parse is not None and cls is UpdateImageRequest:
            try:
                return UpdateImageRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> UpdateImageRequest:
        """The UpdateImageRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        update_image_request = _new(UpdateImageRequest)
        update_image_request.description = shape.description
        update_image_request.label = shape.label
        update_image_request.tags = shape.tags
        return update_image_request

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        _description = _get("description", UNSET)
        description: None | str | Unset
        if _description is UNSET:
            description = UNSET
        else:
            if _description is None:
                description = None
            else:
                if not isinstance(_description, str):
                    raise decode_error("description", "string", _description)
                description = _description

        _label = _get("label", UNSET)
        label: str | Unset
        if _label is UNSET:
            label = UNSET
        else:
            if not isinstance(_label, str):
                raise decode_error("label", "string", _label)
            label = _label

        _tags = _get("tags", UNSET)
        tags: list[str] | Unset
        if _tags is UNSET:
            tags = UNSET
        else:
            if not isinstance(_tags, list):
                raise decode_error("tags", "array", _tags)
            for _index, _item in enumerate(_tags):
                if not isinstance(_item, str):
                    raise decode_error(f"tags[{_index}]", "string", _item)
            tags = _tags

        update_image_request = cls(
            description,
            label,
            tags,
        )
        return update_image_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


_OPTIONAL = (
    "description",
    "label",
    "tags",
)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str, NoneType, Unset}),
    frozenset({str, Unset}),
    frozenset({list, Unset}),
)
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "description",
        "label",
        "tags",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "description",
    "tags",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
