"""API facts stated by spec/linode-images.yaml. Written by `make generate`; do not edit."""

from typing import Final

# Per list operation: the fields X-Filter may filter on (x-linode-filterable).
FILTERABLE_FIELDS: Final[dict[str, frozenset[str]]] = {
    "get-images": frozenset({"deprecated", "is_public", "is_shared", "label", "size", "status", "tags", "type", "vendor"}),
    "get-images-sharegroups-image": frozenset({"label"}),
    "get-sharegroup-images": frozenset({"label", "regions", "tags", "type"}),
    "get-sharegroup-images-by-token": frozenset({"label", "regions", "tags", "type"}),
    "get-sharegroup-members": frozenset({"label", "status", "token_uuid"}),
    "get-sharegroups": frozenset({"label"}),
    "get-user-tokens": frozenset({"label", "sharegroup_label", "sharegroup_uuid", "status", "valid_for_sharegroup_uuid"}),
}
# Per list operation: the fields +order_by may sort on (x-linode-orderable).
ORDERABLE_FIELDS: Final[dict[str, frozenset[str]]] = {
    "get-images": frozenset({"created", "deprecated", "id", "is_public", "is_shared", "label", "size", "type", "updated", "vendor"}),
    "get-images-sharegroups-image": frozenset({"label"}),
    "get-sharegroup-images": frozenset({"label", "type"}),
    "get-sharegroup-images-by-token": frozenset({"label", "type"}),
    "get-sharegroup-members": frozenset({"label", "status", "token_uuid"}),
    "get-sharegroups": frozenset({"label"}),
    "get-user-tokens": frozenset({"label", "sharegroup_label", "sharegroup_uuid", "status", "valid_for_sharegroup_uuid"}),
}
# The operations served under /v4beta only (x-linode-beta), by operationId.
BETA_OPERATIONS: Final[frozenset[str]] = frozenset({"delete-sharegroup", "delete-sharegroup-imageshare", "delete-sharegroup-member-token", "delete-sharegroup-token", "get-images-sharegroups-image", "get-sharegroup", "get-sharegroup-by-token", "get-sharegroup-images", "get-sharegroup-images-by-token", "get-sharegroup-member-token", "get-sharegroup-members", "get-sharegroup-token", "get-sharegroups", "get-user-tokens", "post-sharegroup-images", "post-sharegroup-members", "post-sharegroup-tokens", "post-sharegroups", "put-sharegroup", "put-sharegroup-imageshare", "put-sharegroup-member-token", "put-sharegroup-token"})
IMAGE_FILTERABLE_FIELDS: Final = FILTERABLE_FIELDS["get-images"]
IMAGE_ORDERABLE_FIELDS: Final = ORDERABLE_FIELDS["get-images"]
# The order an image's status moves in (ImageStatus x-linode-lifecycle).
IMAGE_LIFECYCLE: Final[tuple[str, ...]] = ("pending_upload", "creating", "available")
# The bounds and default of get-images's page_size parameter.
MIN_PAGE_SIZE: Final = 25
MAX_PAGE_SIZE: Final = 500
DEFAULT_PAGE_SIZE: Final = 100
# The most an upload takes, in bytes: gzip data, and the image it decompresses to
# (post-upload-image x-linode-upload-limits).
UPLOAD_MAX_SIZE: Final = 5000000000
UPLOAD_MAX_UNCOMPRESSED_SIZE: Final = 6000000000
# Request bounds: disk_id's minimum and the tags' lengths and count (CreateImageRequest,
# UploadImageRequest; UpdateImageRequest has the same tags).
MIN_DISK_ID: Final = 1
MIN_TAG_LENGTH: Final = 3
MAX_TAG_LENGTH: Final = 100
MAX_TAGS: Final = 500
# Path bounds: a share group's least id (sharegroupId's minimum), and the text of a
# token's uuid (tokenUuid's format, uuid).
MIN_SHAREGROUP_ID: Final = 1
UUID_PATTERN: Final = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
