from __future__ import annotations

import datetime
from collections.abc import Mapping
from operator import itemgetter
from types import NoneType
from typing import Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import DecodeError
from ..models.image_status import BY_VALUE as _image_status_by_value
from ..models.image_status import ImageStatus
from ..models.image_type import BY_VALUE as _image_type_by_value
from ..models.image_type import ImageType
from ..types import (
    UNSET,
    Shape,
    Unset,
    accept_types,
    decode_datetime,
    decode_error,
    json_loads,
    list_item_error,
    model_repr,
    parse_datetime,
    unknown_fields,
    unknown_keys,
)
from ..types import fromisoformat as _fromisoformat


@_attrs_define
class Image:
    """A machine image: public (linode/...), private (private/...) or shared (shared/...)."""

    created: datetime.datetime
    """ When the image was created (UTC). """
    created_by: None | str
    """ The user who made a private image; linode for public ones; null for shared images. """
    deprecated: bool
    """ True when a public image is on its way out and should not be used for new instances. """
    description: None | str
    """ Free text about the image; null on older public images, empty on newer ones. """
    id: str
    """ The image id: linode/<name> public, private/<n> your own, shared/<n> shared with you. """
    is_public: bool
    """ True for Linode's public distribution images, false for private and shared ones. """
    label: str
    """ The image's short name. """
    size: int
    """ The image's size in MB (a tiny upload counts 1); 0 until uploaded data arrives. """
    type_: ImageType
    """ manual (captured from a disk or uploaded), automatic (made by Linode, e.g. from a deleted Linode) or shared.
    """
    vendor: None | str
    """ Who publishes a public image's distribution, such as Debian; null for private images. """
    capabilities: list[str] | Unset = UNSET
    """ What instances booted from the image can use, such as cloud-init or distributed-sites; may be empty. """
    eol: datetime.datetime | None | Unset = UNSET
    """ When a public image's distribution reaches end of life (UTC), or null. """
    expiry: datetime.datetime | None | Unset = UNSET
    """ When an automatic image will be deleted (UTC), or null if it does not expire. """
    image_sharing: ImageSharing | None | Unset = UNSET
    """ How an image is shared; one half is null. """
    is_shared: bool | None | Unset = UNSET
    """ An image-sharing flag the API sends as true, false or null; image_sharing says how an image is shared. """
    regions: list[ImageRegion] | None | Unset = UNSET
    """ Where the image is stored and its status in each region; empty while it is created or uploaded, null on
    public images. """
    status: ImageStatus | Unset = UNSET
    """ An image's status: pending_upload, creating, available, in that order; an image never moves back. """
    tags: list[str] | Unset = UNSET
    """ Tags for grouping images, each 3 to 100 characters, at most 500. """
    total_size: int | Unset = UNSET
    """ The size in MB summed over every region the image is stored in; absent on public images. """
    updated: datetime.datetime | None | Unset = UNSET
    """ When the image last changed (UTC), or null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The JSON types from_json has msgspec check as it parses (types.Shape).
    _shape: ClassVar[Shape] = Shape(
        "Image",
        lambda: (
            ("created", "created", str, True),
            ("created_by", "created_by", ("null", str), True),
            ("deprecated", "deprecated", bool, True),
            ("description", "description", ("null", str), True),
            ("id", "id", str, True),
            ("is_public", "is_public", bool, True),
            ("label", "label", str, True),
            ("size", "size", int, True),
            ("type_", "type", str, True),
            ("vendor", "vendor", ("null", str), True),
            ("capabilities", "capabilities", ("list", str), False),
            ("eol", "eol", ("null", str), False),
            ("expiry", "expiry", ("null", str), False),
            ("image_sharing", "image_sharing", ("null", ImageSharing._shape), False),
            ("is_shared", "is_shared", ("null", bool), False),
            ("regions", "regions", ("null", ("list", ImageRegion._shape)), False),
            ("status", "status", str, False),
            ("tags", "tags", ("list", str), False),
            ("total_size", "total_size", int, False),
            ("updated", "updated", ("null", str), False),
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        created_by: None | str
        created_by = self.created_by

        deprecated = self.deprecated

        description: None | str
        description = self.description

        id = self.id

        is_public = self.is_public

        label = self.label

        size = self.size

        type_ = self.type_.value

        vendor: None | str
        vendor = self.vendor

        capabilities: list[str] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = self.capabilities

        eol: None | str | Unset
        if isinstance(self.eol, Unset):
            eol = UNSET
        elif isinstance(self.eol, datetime.datetime):
            eol = self.eol.isoformat()
        else:
            eol = self.eol

        expiry: None | str | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        elif isinstance(self.expiry, datetime.datetime):
            expiry = self.expiry.isoformat()
        else:
            expiry = self.expiry

        image_sharing: dict[str, Any] | None | Unset
        if isinstance(self.image_sharing, Unset):
            image_sharing = UNSET
        elif isinstance(self.image_sharing, ImageSharing):
            image_sharing = self.image_sharing.to_dict()
        else:
            image_sharing = self.image_sharing

        is_shared: bool | None | Unset
        if isinstance(self.is_shared, Unset):
            is_shared = UNSET
        else:
            is_shared = self.is_shared

        regions: list[dict[str, Any]] | None | Unset
        if isinstance(self.regions, Unset):
            regions = UNSET
        elif isinstance(self.regions, list):
            regions = []
            for regions_type_0_item_data in self.regions:
                regions_type_0_item = regions_type_0_item_data.to_dict()
                regions.append(regions_type_0_item)

        else:
            regions = self.regions

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        total_size = self.total_size

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        elif isinstance(self.updated, datetime.datetime):
            updated = self.updated.isoformat()
        else:
            updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "created_by": created_by,
                "deprecated": deprecated,
                "description": description,
                "id": id,
                "is_public": is_public,
                "label": label,
                "size": size,
                "type": type_,
                "vendor": vendor,
            }
        )
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if eol is not UNSET:
            field_dict["eol"] = eol
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if image_sharing is not UNSET:
            field_dict["image_sharing"] = image_sharing
        if is_shared is not UNSET:
            field_dict["is_shared"] = is_shared
        if regions is not UNSET:
            field_dict["regions"] = regions
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if total_size is not UNSET:
            field_dict["total_size"] = total_size
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Decode a JSON object, checked against the spec; a mismatch raises ``DecodeError`` naming its path."""
        if type(src_dict) is not dict or cls is not Image:
            return cls._from_dict_checked(src_dict)
        try:
            (
                _created,
                _created_by,
                _deprecated,
                _description,
                _id,
                _is_public,
                _label,
                _size,
                _type_,
                _vendor,
            ) = _REQUIRED(src_dict)
        except KeyError:
            return cls._from_dict_checked(src_dict)
        _optional = tuple(map(src_dict.get, _OPTIONAL, _UNSETS))
        (
            _capabilities,
            _eol,
            _expiry,
            _image_sharing,
            _is_shared,
            _regions,
            _status,
            _tags,
            _total_size,
            _updated,
        ) = _optional
        # Each field's exact JSON type, as one tuple: a combination accepted before is one set
        # lookup, a new one is checked against _FIELD_TYPES; anything else is decoded field by field.
        _types = tuple(
            map(
                type,
                (
                    _created_by,
                    _deprecated,
                    _description,
                    _id,
                    _is_public,
                    _label,
                    _size,
                    _vendor,
                    _capabilities,
                    _is_shared,
                    _regions,
                    _tags,
                    _total_size,
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

            type_: ImageType
            type_ = _image_type_by_value.get(_type_) or ImageType(_type_)

            capabilities: list[str] | Unset
            if _capabilities is UNSET:
                capabilities = _capabilities
            else:
                "".join(_capabilities)  # refuses (TypeError) any item that is not a str
                capabilities = _capabilities

            eol: datetime.datetime | None | Unset
            if _eol is UNSET or _eol is None:
                eol = _eol
            else:
                eol = (
                    _fromisoformat(_eol + "+00:00")
                    if len(_eol) == 19
                    else parse_datetime(_eol)
                )

            expiry: datetime.datetime | None | Unset
            if _expiry is UNSET or _expiry is None:
                expiry = _expiry
            else:
                expiry = (
                    _fromisoformat(_expiry + "+00:00")
                    if len(_expiry) == 19
                    else parse_datetime(_expiry)
                )

            image_sharing: ImageSharing | None | Unset
            if _image_sharing is UNSET or _image_sharing is None:
                image_sharing = _image_sharing
            else:
                image_sharing = ImageSharing.from_dict(_image_sharing)

            regions: list[ImageRegion] | None | Unset
            if _regions is UNSET or _regions is None:
                regions = _regions
            else:
                regions = list(map(ImageRegion.from_dict, _regions))

            status: ImageStatus | Unset
            if _status is UNSET:
                status = _status
            else:
                status = _image_status_by_value.get(_status) or ImageStatus(_status)

            tags: list[str] | Unset
            if _tags is UNSET:
                tags = _tags
            else:
                "".join(_tags)  # refuses (TypeError) any item that is not a str
                tags = _tags

            updated: datetime.datetime | None | Unset
            if _updated is UNSET or _updated is None:
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
        image = _new(cls)
        image.created = created
        image.created_by = _created_by
        image.deprecated = _deprecated
        image.description = _description
        image.id = _id
        image.is_public = _is_public
        image.label = _label
        image.size = _size
        image.type_ = type_
        image.vendor = _vendor
        image.capabilities = capabilities
        image.eol = eol
        image.expiry = expiry
        image.image_sharing = image_sharing
        image.is_shared = _is_shared
        image.regions = regions
        image.status = status
        image.tags = tags
        image.total_size = _total_size
        image.updated = updated
        # Unknown fields are kept as they came, in their order (the API adds fields over time). Every
        # required field is present here: an object with no more keys than the known fields it carries
        # has no unknown one. Otherwise which keys are unknown is computed once per sequence of keys
        # (every image of a page has the same).
        if len(src_dict) + _optional.count(UNSET) == 20:
            image.additional_properties = {}
            return image
        _keys = tuple(src_dict)
        _unknown = _UNKNOWN_BY_SHAPE.get(_keys)
        if _unknown is None:
            _unknown = unknown_keys(_keys, _KNOWN_FIELDS, _UNKNOWN_BY_SHAPE)
        if not _unknown:
            image.additional_properties = {}
        elif len(_unknown) == 1:
            image.additional_properties = {_unknown[0]: src_dict[_unknown[0]]}
        else:
            image.additional_properties = unknown_fields(src_dict, _unknown)
        return image

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """Decode a JSON body: ``from_dict(json.loads(content))``, with the same values and errors.

        With msgspec installed (the "speedups" extra), the body is parsed and each field's JSON type
        checked in one pass (types.Shape); a body that pass refuses is decoded by from_dict.
        """
        parse = Image._shape.parse
        if parse is not None and cls is Image:
            try:
                return Image._from_shape(parse(content))  # type: ignore[return-value]
            except (ValueError, TypeError, RecursionError):
                pass  # refused, or a value of the right JSON type but the wrong form (a date-time)
        return cls.from_dict(json_loads(content))

    @staticmethod
    def _from_shape(shape: Any) -> Image:
        """The Image of a Struct parsed by _shape.parse: its fields' JSON types are checked."""
        image = _new(Image)
        _created = shape.created
        image.created = (
            _fromisoformat(_created + "+00:00")
            if len(_created) == 19
            else parse_datetime(_created)
        )
        image.created_by = shape.created_by
        image.deprecated = shape.deprecated
        image.description = shape.description
        image.id = shape.id
        image.is_public = shape.is_public
        image.label = shape.label
        image.size = shape.size
        _type_ = shape.type_
        image.type_ = _image_type_by_value.get(_type_) or ImageType(_type_)
        image.vendor = shape.vendor
        image.capabilities = shape.capabilities
        _eol = shape.eol
        image.eol = (
            _eol
            if _eol is UNSET or _eol is None
            else (
                _fromisoformat(_eol + "+00:00")
                if len(_eol) == 19
                else parse_datetime(_eol)
            )
        )
        _expiry = shape.expiry
        image.expiry = (
            _expiry
            if _expiry is UNSET or _expiry is None
            else (
                _fromisoformat(_expiry + "+00:00")
                if len(_expiry) == 19
                else parse_datetime(_expiry)
            )
        )
        _image_sharing = shape.image_sharing
        image.image_sharing = (
            _image_sharing
            if _image_sharing is UNSET or _image_sharing is None
            else ImageSharing._from_shape(_image_sharing)
        )
        image.is_shared = shape.is_shared
        _regions = shape.regions
        image.regions = (
            _regions
            if _regions is UNSET or _regions is None
            else list(map(ImageRegion._from_shape, _regions))
        )
        _status = shape.status
        image.status = (
            _status
            if _status is UNSET
            else _image_status_by_value.get(_status) or ImageStatus(_status)
        )
        image.tags = shape.tags
        image.total_size = shape.total_size
        _updated = shape.updated
        image.updated = (
            _updated
            if _updated is UNSET or _updated is None
            else (
                _fromisoformat(_updated + "+00:00")
                if len(_updated) == 19
                else parse_datetime(_updated)
            )
        )
        image.additional_properties = {}  # the Struct refuses unknown fields
        return image

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
            _created_by = src_dict["created_by"]
            _deprecated = src_dict["deprecated"]
            _description = src_dict["description"]
            _id = src_dict["id"]
            _is_public = src_dict["is_public"]
            _label = src_dict["label"]
            _size = src_dict["size"]
            _type_ = src_dict["type"]
            _vendor = src_dict["vendor"]
        except KeyError:
            _created = _get("created", UNSET)
            _created_by = _get("created_by", UNSET)
            _deprecated = _get("deprecated", UNSET)
            _description = _get("description", UNSET)
            _id = _get("id", UNSET)
            _is_public = _get("is_public", UNSET)
            _label = _get("label", UNSET)
            _size = _get("size", UNSET)
            _type_ = _get("type", UNSET)
            _vendor = _get("vendor", UNSET)
        created: datetime.datetime
        created = decode_datetime(_created, "created")

        created_by: None | str
        if _created_by is None:
            created_by = None
        else:
            if not isinstance(_created_by, str):
                raise decode_error("created_by", "string", _created_by)
            created_by = _created_by

        deprecated: bool
        if type(_deprecated) is not bool:
            raise decode_error("deprecated", "boolean", _deprecated)
        deprecated = _deprecated

        description: None | str
        if _description is None:
            description = None
        else:
            if not isinstance(_description, str):
                raise decode_error("description", "string", _description)
            description = _description

        id: str
        if not isinstance(_id, str):
            raise decode_error("id", "string", _id)
        id = _id

        is_public: bool
        if type(_is_public) is not bool:
            raise decode_error("is_public", "boolean", _is_public)
        is_public = _is_public

        label: str
        if not isinstance(_label, str):
            raise decode_error("label", "string", _label)
        label = _label

        size: int
        if type(_size) is not int:
            raise decode_error("size", "integer", _size)
        size = _size

        type_: ImageType
        if not isinstance(_type_, str):
            raise decode_error("type", "string", _type_)
        type_ = _image_type_by_value.get(_type_) or ImageType(_type_)

        vendor: None | str
        if _vendor is None:
            vendor = None
        else:
            if not isinstance(_vendor, str):
                raise decode_error("vendor", "string", _vendor)
            vendor = _vendor

        _capabilities = _get("capabilities", UNSET)
        capabilities: list[str] | Unset
        if _capabilities is UNSET:
            capabilities = UNSET
        else:
            if not isinstance(_capabilities, list):
                raise decode_error("capabilities", "array", _capabilities)
            for _index, _item in enumerate(_capabilities):
                if not isinstance(_item, str):
                    raise decode_error(f"capabilities[{_index}]", "string", _item)
            capabilities = _capabilities

        _eol = _get("eol", UNSET)
        eol: datetime.datetime | None | Unset
        if _eol is UNSET:
            eol = UNSET
        else:
            if _eol is None:
                eol = None
            else:
                eol = decode_datetime(_eol, "eol")

        _expiry = _get("expiry", UNSET)
        expiry: datetime.datetime | None | Unset
        if _expiry is UNSET:
            expiry = UNSET
        else:
            if _expiry is None:
                expiry = None
            else:
                expiry = decode_datetime(_expiry, "expiry")

        _image_sharing = _get("image_sharing", UNSET)
        image_sharing: ImageSharing | None | Unset
        if _image_sharing is UNSET:
            image_sharing = UNSET
        else:
            if _image_sharing is None:
                image_sharing = None
            else:
                try:
                    image_sharing = ImageSharing.from_dict(_image_sharing)
                except DecodeError as exc:
                    raise exc.within("image_sharing") from None

        _is_shared = _get("is_shared", UNSET)
        is_shared: bool | None | Unset
        if _is_shared is UNSET:
            is_shared = UNSET
        else:
            if _is_shared is None:
                is_shared = None
            else:
                if type(_is_shared) is not bool:
                    raise decode_error("is_shared", "boolean", _is_shared)
                is_shared = _is_shared

        _regions = _get("regions", UNSET)
        regions: list[ImageRegion] | None | Unset
        if _regions is UNSET:
            regions = UNSET
        else:
            if _regions is None:
                regions = None
            else:
                if not isinstance(_regions, list):
                    raise decode_error("regions", "array", _regions)
                _decode_regions = ImageRegion.from_dict
                try:
                    regions = [_decode_regions(_item) for _item in _regions]
                except DecodeError:
                    raise list_item_error(
                        _regions, _decode_regions, "regions"
                    ) from None

        _status = _get("status", UNSET)
        status: ImageStatus | Unset
        if _status is UNSET:
            status = UNSET
        else:
            if not isinstance(_status, str):
                raise decode_error("status", "string", _status)
            status = _image_status_by_value.get(_status) or ImageStatus(_status)

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

        _total_size = _get("total_size", UNSET)
        total_size: int | Unset
        if _total_size is UNSET:
            total_size = UNSET
        else:
            if type(_total_size) is not int:
                raise decode_error("total_size", "integer", _total_size)
            total_size = _total_size

        _updated = _get("updated", UNSET)
        updated: datetime.datetime | None | Unset
        if _updated is UNSET:
            updated = UNSET
        else:
            if _updated is None:
                updated = None
            else:
                updated = decode_datetime(_updated, "updated")

        image = cls(
            created,
            created_by,
            deprecated,
            description,
            id,
            is_public,
            label,
            size,
            type_,
            vendor,
            capabilities,
            eol,
            expiry,
            image_sharing,
            is_shared,
            regions,
            status,
            tags,
            total_size,
            updated,
        )
        # Unknown fields are kept as they came, in their order (the API adds fields over time).
        _unknown = src_dict.keys() - _KNOWN_FIELDS
        if _unknown:
            if len(_unknown) == 1:
                image.additional_properties = {key: src_dict[key] for key in _unknown}
            else:
                image.additional_properties = {
                    key: value for key, value in src_dict.items() if key in _unknown
                }

        return image

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


from ..models.image_region import ImageRegion
from ..models.image_sharing import ImageSharing

_REQUIRED = itemgetter(
    "created",
    "created_by",
    "deprecated",
    "description",
    "id",
    "is_public",
    "label",
    "size",
    "type",
    "vendor",
)
_OPTIONAL = (
    "capabilities",
    "eol",
    "expiry",
    "image_sharing",
    "is_shared",
    "regions",
    "status",
    "tags",
    "total_size",
    "updated",
)
_UNSETS = (UNSET,) * len(_OPTIONAL)
# The exact types each checked field may have on from_dict's fast path, in its order.
_FIELD_TYPES: tuple[frozenset[type], ...] = (
    frozenset({str, NoneType}),
    frozenset({bool}),
    frozenset({str, NoneType}),
    frozenset({str}),
    frozenset({bool}),
    frozenset({str}),
    frozenset({int}),
    frozenset({str, NoneType}),
    frozenset({list, Unset}),
    frozenset({bool, NoneType, Unset}),
    frozenset({list, NoneType, Unset}),
    frozenset({list, Unset}),
    frozenset({int, Unset}),
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
        "created_by",
        "deprecated",
        "description",
        "id",
        "is_public",
        "label",
        "size",
        "type",
        "vendor",
        "capabilities",
        "eol",
        "expiry",
        "image_sharing",
        "is_shared",
        "regions",
        "status",
        "tags",
        "total_size",
        "updated",
    }
)
# What __repr__ shows: every set attribute, id and label first, lists of models last (counted when long).
_REPR_FIELDS: tuple[str, ...] = (
    "id",
    "label",
    "created",
    "created_by",
    "deprecated",
    "description",
    "is_public",
    "size",
    "type_",
    "vendor",
    "capabilities",
    "eol",
    "expiry",
    "image_sharing",
    "is_shared",
    "status",
    "tags",
    "total_size",
    "updated",
)
_REPR_MODEL_LISTS: tuple[tuple[str, str], ...] = (("regions", "image regions"),)
