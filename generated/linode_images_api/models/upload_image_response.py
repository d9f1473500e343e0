from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import DecodeError
from ..types import (
    UNSET,
    Shape,
    decode_error,
    json_loads,
    model_repr,
    unknown_fields,
    unknown_keys,
)


@_attrs_define
class UploadImageResponse:
    """The pending image and the pre-signed URL that takes its gzip data."""

    image: Image
    """ A machine image: public (linode/...), private (private/...) or shared (shared/...). """
    upload_to: str
    """ A pre-signed URL, valid 24 hours, that takes one PUT of the gzip-compressed raw disk image (at most 5 GB);
    it is a secret. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "UploadImageResponse",
        lambda: (
            ("image", "image", Image._shape, True),
            ("upload_to", "upload_to", str, True),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_dict()

        upload_to = self.upload_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
                "upload_to": upload_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not UploadImageResponse:
            return cls._from_dict_checked(src_dict)
        try:
            _image, _upload_to = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        # Each field's exact JSON type; anything else is decoded field by field.
        if type(_upload_to) is not str:
            return cls._from_dict_checked(src_dict)
        try:
            image: Image
            image = Image.from_dict(_image)

        # A value of the wrong type or form, here or in a nested object.
        except (ValueError, TypeError):
            return cls._from_dict_checked(src_dict)
        upload_image_response = _new(cls)
        upload_image_response.image = image
        upload_image_response.upload_to = _upload_to
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) == 2:
            upload_image_response.additional_properties = {}
        else:
            upload_image_response.additional_properties = unknown_fields(
                src_dict,
                unknown_keys(tuple(src_dict), _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE),
            )
        return upload_image_response

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = UploadImageResponse._shape.parse
        if parse is not None and cls is UploadImageResponse:
            try:
                return UploadImageResponse._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> UploadImageResponse:
        """The UploadImageResponse of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        upload_image_response = _new(UploadImageResponse)
        _image = shape.image
        upload_image_response.image = Image._from_shape(_image)
        upload_image_response.upload_to = shape.upload_to
        upload_image_response.additional_properties = {}  # the Struct refuses unknown fields
        return upload_image_response

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _image = src_dict["image"]
            _upload_to = src_dict["upload_to"]
        except KeyError:
            _image = _get("image", UNSET)
            _upload_to = _get("upload_to", UNSET)
        image: Image
        try:
            image = Image.from_dict(_image)
        except DecodeError as exc:
            raise exc.within("image") from None

        upload_to: str
        if not isinstance(_upload_to, str):
            raise decode_error("upload_to", "string", _upload_to)
        upload_to = _upload_to

        upload_image_response = cls(
            image,
            upload_to,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        # Every field is required and present here, so a longer object is one with unknown fields.
        if len(src_dict) > 2:
            _unknown = src_dict.keys() - _KNOWN_FIELDS
            if _unknown:
                if len(_unknown) == 1:
                    upload_image_response.additional_properties = {
                        key: src_dict[key] for key in _unknown
                    }
                else:
                    upload_image_response.additional_properties = {
                        key: value for key, value in src_dict.items() if key in _unknown
                    }

        return upload_image_response

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


from ..models.image import Image

_REQUIRED = itemgetter(
    "image",
    "upload_to",
)
# The unknown keys of each sequence of keys seen so far (unknown_keys bounds it).
_UNKNOWN_BY_SHAPE: dict[tuple[str, ...], tuple[str, ...]] = {}
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "image",
        "upload_to",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "image",
    "upload_to",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
