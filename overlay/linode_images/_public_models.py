"""The generated models a user meets: what the client returns or takes, and their enums.

Listed once, here: the package re-exports exactly these (``linode_images.__all__``), and
``_models`` adds the request bodies and answers that only the overlay handles.
"""

from linode_images_api.models import (
    ApiVersion,
    ConsumerShareGroup,
    CreatedShareGroupToken,
    Image,
    ImageRegion,
    ImageRegionStatus,
    ImageSharedBy,
    ImageSharedWith,
    ImageSharing,
    ImageStatus,
    ImageType,
    PaginatedImages,
    SharedImage,
    ShareGroup,
    ShareGroupMember,
    ShareGroupMemberStatus,
    ShareGroupToken,
    ShareGroupTokenStatus,
    UploadImageResponse,
)
from linode_images_api.models.image_region_status import ImageRegionStatusValue
from linode_images_api.models.image_status import ImageStatusValue

__all__ = [
    "ApiVersion",
    "ConsumerShareGroup",
    "CreatedShareGroupToken",
    "Image",
    "ImageRegion",
    "ImageRegionStatus",
    "ImageRegionStatusValue",
    "ImageSharedBy",
    "ImageSharedWith",
    "ImageSharing",
    "ImageStatus",
    "ImageStatusValue",
    "ImageType",
    "PaginatedImages",
    "ShareGroup",
    "ShareGroupMember",
    "ShareGroupMemberStatus",
    "ShareGroupToken",
    "ShareGroupTokenStatus",
    "SharedImage",
    "UploadImageResponse",
]
