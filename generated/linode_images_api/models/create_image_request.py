from __future__ import annotations

from collections.abc import Mapping
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
class CreateImageRequest:
    disk_id: int
    """ The id of the disk of one of your Linodes to capture. """
    cloud_init: bool | Unset = UNSET
    """ Mark the image as supporting cloud-init (metadata) for instances deployed from it. """
    description: str | Unset = UNSET
    """ Free text about the image. """
    label: str | Unset = UNSET
    """ A short name for the image; defaults to the disk's label. """
    tags: list[str] | Unset = UNSET
    """ Tags for the image, each 3 to 100 characters, at most 500. """
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "CreateImageRequest",
        lambda: (
            ("disk_id", "disk_id", int, True),
            ("cloud_init", "cloud_init", bool, False),
            ("description", "description", str, False),
            ("label", "label", str, False),
            ("tags", "tags", ("list", str), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        disk_id = self.disk_id

        cloud_init = self.cloud_init

        description = self.description

        label = self.label

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "disk_id": disk_id,
            }
        )
        if cloud_init is not UNSET:
            field_dict["cloud_init"] = cloud_init
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
        if type(src_dict) is not dict or cls is not CreateImageRequest:
            return cls._from_dict_checked(src_dict)
        try:
            _disk_id = src_dict["disk_id"]
        except KeyError:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (
            _cloud_init,
            _description,
            _label,
            _tags,
        ) = _optional
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _disk_id,
                    _cloud_init,
                    _description,
                    _label,
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
        create_image_request = _new(cls)
        create_image_request.disk_id = _disk_id
        create_image_request.cloud_init = _cloud_init
        create_image_request.description = _description
        create_image_request.label = _label
        create_image_request.tags = tags
        return create_image_request

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = CreateImageRequest._shape.parse
        if parse is not None and cls is CreateImageRequest:
            try:
                return CreateImageRequest._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> CreateImageRequest:
        """The CreateImageRequest of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        create_image_request = _new(CreateImageRequest)
        create_image_request.disk_id = shape.disk_id
        create_image_request.cloud_init = shape.cloud_init
        create_image_request.description = shape.description
        create_image_request.label = shape.label
        create_image_request.tags = shape.tags
        return create_image_request

    @classmethod
    def _from_dict_checked(cls, src_dict: Mapping[str, Any]) -> Self:
        """from_dict field by field: accepts what the spec allows, or raises the DecodeError naming the path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise decode_error("", "object", src_dict)
        _get = src_dict.get
        # Required fields by subscript (cheaper than .get); if one is missing, the checks below
        # see UNSET and name it.
        try:
            _disk_id = src_dict["disk_id"]
        except KeyError:
            _disk_id = _get("disk_id", UNSET)
        disk_id: int
        if type(_disk_id) is not int:
            raise decode_error("disk_id", "integer", _disk_id)
        disk_id = _disk_id

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

        create_image_request = cls(
            disk_id,
            cloud_init,
            description,
            label,
            tags,
        )
        return create_image_request

    def __repr__(self) -> str:
        return model_repr(self, _REPR_FIELDS, _REPR_MODEL_LISTS)


_OPTIONAL = (
    "cloud_init",
    "description",
    "label",
    "tags",
)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({int}),
    frozenset({bool, Unset}),
    frozenset({str, Unset}),
    frozenset({str, Unset}),
    frozenset({list, Unset}),
)
# The combinations of _FIELD_TYPES seen and accepted so far (accept_types bounds it).
_ACCEPTED_TYPES: set[tuple[type, ...]] = set()
_new = object.__new__


# The JSON names from_dict reads; any other key of the object is an unknown field.
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "disk_id",
        "cloud_init",
        "description",
        "label",
        "tags",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "label",
    "disk_id",
    "cloud_init",
    "description",
    "tags",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = ()
