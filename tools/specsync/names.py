"""Which operations we expect and what the schemas they carry are called in our spec.

Upstream writes every schema inline; the spec tool hoists each one into a named component
so the generator gets good class names. Copies that land on one name must be identical
(or differ in a way ``derive.Hoister`` has a rule for).
"""

from __future__ import annotations

# The operations this project covers. A missing one is an error.
EXPECTED_OPERATIONS = frozenset(
    {
        "get-images",
        "post-image",
        "post-upload-image",
        "get-image",
        "put-image",
        "delete-image",
        "post-replicate-image",
    }
)

# Image sharing (Beta, 4.234.0 on): named when present, not required, so older documents
# derive too. An operation in neither set is reported and kept with its schemas inline.
SHARING_OPERATIONS = frozenset(
    {
        "get-sharegroups",
        "post-sharegroups",
        "get-sharegroup",
        "put-sharegroup",
        "delete-sharegroup",
        "get-sharegroup-images",
        "post-sharegroup-images",
        "put-sharegroup-imageshare",
        "delete-sharegroup-imageshare",
        "get-sharegroup-members",
        "post-sharegroup-members",
        "get-sharegroup-member-token",
        "put-sharegroup-member-token",
        "delete-sharegroup-member-token",
        "get-user-tokens",
        "post-sharegroup-tokens",
        "get-sharegroup-token",
        "put-sharegroup-token",
        "delete-sharegroup-token",
        "get-sharegroup-by-token",
        "get-sharegroup-images-by-token",
        "get-images-sharegroups-image",
    }
)

# Per operation: the component for its JSON request body.
REQUEST_NAMES = {
    "post-image": "CreateImageRequest",
    "post-upload-image": "UploadImageRequest",
    "put-image": "UpdateImageRequest",
    "post-replicate-image": "ReplicateImageRequest",
    "post-sharegroups": "CreateShareGroupRequest",
    "put-sharegroup": "UpdateShareGroupRequest",
    "post-sharegroup-images": "AddShareGroupImagesRequest",
    "put-sharegroup-imageshare": "UpdateSharedImageRequest",
    "post-sharegroup-members": "AddShareGroupMemberRequest",
    "put-sharegroup-member-token": "UpdateShareGroupMemberRequest",
    "post-sharegroup-tokens": "CreateShareGroupTokenRequest",
    "put-sharegroup-token": "UpdateShareGroupTokenRequest",
}
# Per operation: the component for its 2xx JSON response.
RESPONSE_NAMES = {
    "get-images": "PaginatedImages",
    "post-image": "Image",
    "post-upload-image": "UploadImageResponse",
    "get-image": "Image",
    "put-image": "Image",
    "delete-image": "DeleteImageResponse",
    "post-replicate-image": "Image",
    "get-sharegroups": "PaginatedShareGroups",
    "post-sharegroups": "ShareGroup",
    "get-sharegroup": "ShareGroup",
    "put-sharegroup": "ShareGroup",
    "delete-sharegroup": "DeleteShareGroupResponse",
    "get-sharegroup-images": "PaginatedSharedImages",
    "post-sharegroup-images": "SharedImage",
    "put-sharegroup-imageshare": "SharedImage",
    "delete-sharegroup-imageshare": "DeleteSharedImageResponse",
    "get-sharegroup-members": "PaginatedShareGroupMembers",
    "post-sharegroup-members": "ShareGroupMember",
    "get-sharegroup-member-token": "ShareGroupMember",
    "put-sharegroup-member-token": "ShareGroupMember",
    "delete-sharegroup-member-token": "DeleteShareGroupMemberResponse",
    "get-user-tokens": "PaginatedShareGroupTokens",
    "post-sharegroup-tokens": "CreatedShareGroupToken",
    "get-sharegroup-token": "ShareGroupToken",
    "put-sharegroup-token": "ShareGroupToken",
    "delete-sharegroup-token": "DeleteShareGroupTokenResponse",
    "get-sharegroup-by-token": "ConsumerShareGroup",
    "get-sharegroup-images-by-token": "PaginatedSharedImages",
    "get-images-sharegroups-image": "PaginatedShareGroups",
}
ERROR_NAME = "ErrorResponse"

_IMAGE_PARTS = {
    "/properties/regions/items": "ImageRegion",
    "/properties/status": "ImageStatus",
    "/properties/type": "ImageType",
}
# Inside a named schema: relative pointer -> component name. A pointer absent from a copy
# is skipped (older documents lack the sharing parts).
NESTED_NAMES: dict[str, dict[str, str]] = {
    "PaginatedImages": {"/properties/data/items": "Image"},
    "UploadImageResponse": {"/properties/image": "Image"},
    "Image": _IMAGE_PARTS,
    # Upstream's PUT body is a whole Image; it is hoisted the same way and then replaced
    # by the writable fields in overrides.yaml.
    "UpdateImageRequest": _IMAGE_PARTS,
    "ImageRegion": {"/properties/status": "ImageRegionStatus"},
    "ErrorResponse": {"/properties/errors/items": "ErrorObject"},
    "PaginatedShareGroups": {"/properties/data/items": "ShareGroup"},
    "PaginatedSharedImages": {"/properties/data/items": "SharedImage"},
    "PaginatedShareGroupMembers": {"/properties/data/items": "ShareGroupMember"},
    "PaginatedShareGroupTokens": {"/properties/data/items": "ShareGroupToken"},
    # Its image_sharing is the ImageSharing record images carry (spec/overrides.yaml).
    "SharedImage": _IMAGE_PARTS,
    "CreateShareGroupRequest": {"/properties/images/items": "ShareGroupImageEntry"},
    "AddShareGroupImagesRequest": {"/properties/images/items": "ShareGroupImageEntry"},
    "ShareGroupMember": {"/properties/status": "ShareGroupMemberStatus"},
    "ShareGroupToken": {"/properties/status": "ShareGroupTokenStatus"},
    "CreatedShareGroupToken": {"/properties/status": "ShareGroupTokenStatus"},
}
PARAMETER_SCHEMA_NAMES = {"apiVersion": "ApiVersion"}
