"""API facts stated by spec/linode-images.yaml. Written by `make generate`; do not edit."""

from typing import Final

# Per list operation: the fields X-Filter may filter on (x-linode-filterable).
FILTERABLE_FIELDS: Final[dict[str, frozenset[str]]] = {
    "get-images": frozenset({"deprecated", "is_public", "label", "size", "status", "tags", "type", "vendor"}),
}
# Per list operation: the fields +order_by may sort on (x-linode-orderable).
ORDERABLE_FIELDS: Final[dict[str, frozenset[str]]] = {
    "get-images": frozenset({"created", "deprecated", "id", "is_public", "label", "size", "type", "updated", "vendor"}),
}
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
