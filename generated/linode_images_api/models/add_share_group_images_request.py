from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define

from ..errors import DecodeError
from ..types import (
    UNSET,
    Shape,
    decode_error,
    json_loads,
    list_item_error,
    model_repr,
)


@_attrs_define
class AddShareGroupImagesRequest:
    images: list[ShareGroupImageEntry]
    """ The private images to add, each with an optional label and description for its shared copy. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "AddShareGroupImagesRequest",
        lambda: (("images", "images", ("list", ShareGroupImageEntry._shape), True),),
    )

    def to_dict(self) -> dict[str, Any]:
        images = []
        for images_item_data in self.images:
            images_item = images_item_data.to_dict()
            images.append(images_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "images": images,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not AddShareGroupImagesRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _images = src_dict["images"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_images) is not list:
            return cls._from_dict_checked(src_dict)
        try:
            images: list[ShareGroupImageEntry]
            images = list(map(ShareGroupImageEntry.from_dict, _images))

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        add_share_group_images_request = _new(cls)
        add_share_group_images_request.images = images
        return add_share_group_images_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = AddShareGroupImagesRequest._shape.parse
        if parse is not None and cls is AddShareGroupImagesRequest:
            try:
                return AddShareGroupImagesRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> AddShareGroupImagesRequest:
        """The AddShareGroupImagesRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        add_share_group_images_request = _new(AddShareGroupImagesRequest)
        _images = shape.images
        add_share_group_images_request.images = list(
            map(ShareGroupImageEntry._from_shape, _images)
        )
        return add_share_group_images_request

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _images = src_dict["images"]
        except KeyError:
            _images = _get("images", UNSET)
        images: list[ShareGroupImageEntry]
        if not isinstance(_images, list):
            raise decode_error("images", "array", _images)
        _decode_images = ShareGroupImageEntry.from_dict
        try:
            images = [_decode_images(_item) for _item in _images]
        except DecodeError:
            raise list_item_error(_images, _decode_images, "images") from None

        add_share_group_images_request = cls(
            images,
        )
        return add_share_group_images_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


from ..models.share_group_image_entry import ShareGroupImageEntry

_new = object.__new__

# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "images",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = ()
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = (
    ("images", "share group image entrys"),
)
