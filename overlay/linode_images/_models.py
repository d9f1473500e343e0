"""The generated models, re-exported from one place: the client returns these, not copies.

The ones a user meets are ``_public_models``'; the rest are the request bodies and answers
that only the overlay handles.
"""

from linode_images_api.models import (
    AddShareGroupImagesRequest,
    AddShareGroupMemberRequest,
    CreateImageRequest,
    CreateShareGroupRequest,
    CreateShareGroupTokenRequest,
    DeleteImageResponse,
    DeleteSharedImageResponse,
    DeleteShareGroupMemberResponse,
    DeleteShareGroupResponse,
    DeleteShareGroupTokenResponse,
    ErrorObject,
    ErrorResponse,
    PaginatedSharedImages,
    PaginatedShareGroupMembers,
    PaginatedShareGroups,
    PaginatedShareGroupTokens,
    ReplicateImageRequest,
    ShareGroupImageEntry,
    UpdateImageRequest,
    UpdateSharedImageRequest,
    UpdateShareGroupMemberRequest,
    UpdateShareGroupRequest,
    UpdateShareGroupTokenRequest,
    UploadImageRequest,
)
from linode_images_api.types import UNSET, Unset

from . import _public_models
from ._public_models import *  # noqa: F403 - listed in _public_models.__all__

__all__ = [
    "UNSET",
    "AddShareGroupImagesRequest",
    "AddShareGroupMemberRequest",
    "CreateImageRequest",
    "CreateShareGroupRequest",
    "CreateShareGroupTokenRequest",
    "DeleteImageResponse",
    "DeleteShareGroupMemberResponse",
    "DeleteShareGroupResponse",
    "DeleteShareGroupTokenResponse",
    "DeleteSharedImageResponse",
    "ErrorObject",
    "ErrorResponse",
    "PaginatedShareGroupMembers",
    "PaginatedShareGroupTokens",
    "PaginatedShareGroups",
    "PaginatedSharedImages",
    "ReplicateImageRequest",
    "ShareGroupImageEntry",
    "Unset",
    "UpdateImageRequest",
    "UpdateShareGroupMemberRequest",
    "UpdateShareGroupRequest",
    "UpdateShareGroupTokenRequest",
    "UpdateSharedImageRequest",
    "UploadImageRequest",
]
__all__ += _public_models.__all__
