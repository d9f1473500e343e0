"""The page schema of spec/linode-images.yaml as a pydantic v2 model and as msgspec Structs: what a
user would pick instead of the generated models, for row 2 of benchmarks/bench.py.

Both follow what the generated models check: the same required fields and nullability, JSON types
(strict: a boolean is not an integer), nested objects and array items; enum fields are plain strings,
since the API adds values over time and neither library's enums accept an unknown one. pydantic keeps
unknown fields (``extra="allow"``); msgspec drops them, which is part of why it is the floor.
"""

from __future__ import annotations

import datetime
from typing import Any

import msgspec
import pydantic


class PydanticRegion(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow", strict=True)

    region: str
    status: str


class PydanticImage(pydantic.BaseModel):
    # Strict JSON validation still reads a date-time from its string.
    model_config = pydantic.ConfigDict(extra="allow", strict=True)

    id: str
    label: str
    type: str
    is_public: bool
    deprecated: bool
    size: int
    created: datetime.datetime
    description: str | None
    vendor: str | None
    created_by: str | None
    capabilities: list[str] | None = None
    eol: datetime.datetime | None = None
    expiry: datetime.datetime | None = None
    is_shared: bool | None = None
    regions: list[PydanticRegion] | None = None
    status: str | None = None
    tags: list[str] | None = None
    total_size: int | None = None
    updated: datetime.datetime | None = None


class PydanticPage(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow", strict=True)

    data: list[PydanticImage]
    page: int
    pages: int
    results: int


PYDANTIC_PAGE: pydantic.TypeAdapter[PydanticPage] = pydantic.TypeAdapter(PydanticPage)

# msgspec has no "absent" distinct from a default: UNSET plays that part, as in the generated models.
UNSET: Any = msgspec.UNSET


class MsgspecRegion(msgspec.Struct):
    region: str
    status: str


class MsgspecImage(msgspec.Struct):
    id: str
    label: str
    type: str
    is_public: bool
    deprecated: bool
    size: int
    created: datetime.datetime
    description: str | None
    vendor: str | None
    created_by: str | None
    capabilities: list[str] | msgspec.UnsetType = UNSET
    eol: datetime.datetime | msgspec.UnsetType | None = UNSET
    expiry: datetime.datetime | msgspec.UnsetType | None = UNSET
    is_shared: bool | msgspec.UnsetType | None = UNSET
    regions: list[MsgspecRegion] | msgspec.UnsetType | None = UNSET
    status: str | msgspec.UnsetType = UNSET
    tags: list[str] | msgspec.UnsetType = UNSET
    total_size: int | msgspec.UnsetType = UNSET
    updated: datetime.datetime | msgspec.UnsetType | None = UNSET


class MsgspecPage(msgspec.Struct):
    data: list[MsgspecImage]
    page: int
    pages: int
    results: int


MSGSPEC_PAGE = msgspec.json.Decoder(MsgspecPage)


def pydantic_page(body: bytes) -> PydanticPage:
    return PYDANTIC_PAGE.validate_json(body)


def msgspec_page(body: bytes) -> MsgspecPage:
    return MSGSPEC_PAGE.decode(body)
