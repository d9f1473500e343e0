"""The generated models, re-exported from one place: the client returns these, not copies."""

from linode_images_api.models import (
    ApiVersion,
    CreateImageRequest,
    DeleteImageResponse,
    ErrorObject,
    ErrorResponse,
    Image,
    ImageRegion,
    ImageRegionStatus,
    ImageStatus,
    ImageType,
    PaginatedImages,
    ReplicateImageRequest,
    UpdateImageRequest,
    UploadImageRequest,
    UploadImageResponse,
)
from linode_images_api.models.image_region_status import ImageRegionStatusValue
from linode_images_api.models.image_status import ImageStatusValue
from linode_images_api.types import UNSET, Unset

__all__ = [
    "UNSET",
    "ApiVersion",
    "CreateImageRequest",
    "DeleteImageResponse",
    "ErrorObject",
    "ErrorResponse",
    "Image",
    "ImageRegion",
    "ImageRegionStatus",
    "ImageRegionStatusValue",
    "ImageStatus",
    "ImageStatusValue",
    "ImageType",
    "PaginatedImages",
    "ReplicateImageRequest",
    "Unset",
    "UpdateImageRequest",
    "UploadImageRequest",
    "UploadImageResponse",
]
