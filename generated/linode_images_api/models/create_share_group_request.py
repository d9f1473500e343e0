from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define

from ..errors import DecodeError
from ..types import (
    UNSET,
    Shape,
    Unset,
    decode_error,
    json_loads,
    list_item_error,
    model_repr,
)


@_attrs_define
class CreateShareGroupRequest:
    label: str
    """ A short name for the group. """
    description: str | Unset = UNSET
    """ Free text about the group. """
    images: list[ShareGroupImageEntry] | Unset = UNSET
    """ Private images to share from the start, each with an optional label and description. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "CreateShareGroupRequest",
        lambda: (
            ("label", "label", str, True),
            ("description", "description", str, False),
            ("images", "images", ("list", ShareGroupImageEntry._shape), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        description = self.description

        images: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.images, Unset):
            images = []
            for images_item_data in self.images:
                images_item = images_item_data.to_dict()
                images.append(images_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if images is not UNSET:
            field_dict["images"] = images

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not CreateShareGroupRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _label = src_dict["label"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (
            _description,
            _images,
        ) = _optional
        # Each field's exact JSON type; anything else is decoded field by field.
        if (
            type(_label) is not str
            or type(_description) not in _FIELD_TYPES[1]
            or type(_images) not in _FIELD_TYPES[2]
        ):
            return cls._from_dict_checked(src_dict)
        try:
            images: list[ShareGroupImageEntry] | Unset
            if _images is UNSET:
                images = _images
            else:
                images = list(map(ShareGroupImageEntry.from_dict, _images))

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        create_share_group_request = _new(cls)
        create_share_group_request.label = _label
        create_share_group_request.description = _description
        create_share_group_request.images = images
        return create_share_group_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = CreateShareGroupRequest._shape.parse
        if parse is not None and cls is CreateShareGroupRequest:
            try:
                return CreateShareGroupRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> CreateShareGroupRequest:
        """The CreateShareGroupRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        create_share_group_request = _new(CreateShareGroupRequest)
        create_share_group_request.label = shape.label
        create_share_group_request.description = shape.description
        _images = shape.images
        create_share_group_request.images = (
            _images
            if _images is UNSET
            else list(map(ShareGroupImageEntry._from_shape, _images))
        )
        return create_share_group_request

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

        _description = _get("description", UNSET)
        description: str | Unset
        if _description is UNSET:
            description = UNSET
        else:
            if not isinstance(_description, str):
                raise decode_error("description", "string", _description)
            description = _description

        _images = _get("images", UNSET)
        images: list[ShareGroupImageEntry] | Unset
        if _images is UNSET:
            images = UNSET
        else:
            if not isinstance(_images, list):
                raise decode_error("images", "array", _images)
            _decode_images = ShareGroupImageEntry.from_dict
            try:
                images = [_decode_images(_item) for _item in _images]
            except DecodeError:
                raise list_item_error(_images, _decode_images, "images") from None

        create_share_group_request = cls(
            label,
            description,
            images,
        )
        return create_share_group_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


from ..models.share_group_image_entry import ShareGroupImageEntry

_OPTIONAL = (
    "description",
    "images",
)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str}),
    frozenset({str, Unset}),
    frozenset({list, Unset}),
)
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "label",
        "description",
        "images",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "description",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = (
    ("images", "share group image entrys"),
)
