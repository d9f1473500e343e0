from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define

from ..types import (
    UNSET,
    Shape,
    Unset,
    accept_types,
    decode_error,
    json_loads,
    model_repr,
)


@_attrs_define
class UploadImageRequest:
    label: str
    """ A short name for the image. """
    region: str
    """ The region the image data is uploaded to, such as us-east. """
    cloud_init: bool | Unset = UNSET
    """ Mark the image as supporting cloud-init (metadata) for instances deployed from it. """
    description: str | Unset = UNSET
    """ Free text about the image. """
    tags: list[str] | Unset = UNSET
    """ Tags for the image, each 3 to 100 characters, at most 500. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "UploadImageRequest",
        lambda: (
            ("label", "label", str, True),
            ("region", "region", str, True),
            ("cloud_init", "cloud_init", bool, False),
            ("description", "description", str, False),
            ("tags", "tags", ("list", str), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        region = self.region

        cloud_init = self.cloud_init

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "region": region,
            }
        )
        if cloud_init is not UNSET:
            field_dict["cloud_init"] = cloud_init
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not UploadImageRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _label, _region = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (
            _cloud_init,
            _description,
            _tags,
        ) = _optional
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _label,
                    _region,
                    _cloud_init,
                    _description,
                    _tags,
                ),
            )
        )
        if _types not in _ACCEPTED_TYPES and not accept_types(
            _types, _FIELD_TYPES, _ACCEPTED_TYPES
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
        upload_image_request = _new(cls)
        upload_image_request.label = _label
        upload_image_request.region = _region
        upload_image_request.cloud_init = _cloud_init
        upload_image_request.description = _description
        upload_image_request.tags = tags
        return upload_image_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = UploadImageRequest._shape.parse
        if parse is not None and cls is UploadImageRequest:
            try:
                return UploadImageRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> UploadImageRequest:
        """The UploadImageRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        upload_image_request = _new(UploadImageRequest)
        upload_image_request.label = shape.label
        upload_image_request.region = shape.region
        upload_image_request.cloud_init = shape.cloud_init
        upload_image_request.description = shape.description
        upload_image_request.tags = shape.tags
        return upload_image_request

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
            _region = src_dict["region"]
        except KeyError:
            _label = _get("label", UNSET)
            _region = _get("region", UNSET)
        label: str
        if not isinstance(_label, str):
            raise decode_error("label", "string", _label)
        label = _label

        region: str
        if not isinstance(_region, str):
            raise decode_error("region", "string", _region)
        region = _region

        _cloud_init = _get("cloud_init", UNSET)
        cloud_init: bool | Unset
        if _cloud_init is UNSET:
            cloud_init = UNSET
        else:
            if type(_cloud_init) is not bool:
                raise decode_error("cloud_init", "boolean", _cloud_init)
            cloud_init = _cloud_init

        _description = _get("description", UNSET)
        description: str | Unset
        if _description is UNSET:
            description = UNSET
        else:
            if not isinstance(_description, str):
                raise decode_error("description", "string", _description)
            description = _description

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

        upload_image_request = cls(
            label,
            region,
            cloud_init,
            description,
            tags,
        )
        return upload_image_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


_REQUIRED = itemgetter(
    "label",
    "region",
)
_OPTIONAL = (
    "cloud_init",
    "description",
    "tags",
)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str}),
    frozenset({str}),
    frozenset({bool, Unset}),
    frozenset({str, Unset}),
    frozenset({list, Unset}),
)
# The combinations of _FIELD_TYPES seen and accepted so far (accept_types bounds it).
_ACCEPTED_TYPES: set[tuple[type, ...]] = set()
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "label",
        "region",
        "cloud_init",
        "description",
        "tags",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "region",
    "cloud_init",
    "description",
    "tags",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
