"""Contains all the data models used in inputs/outputs"""

from .api_version import ApiVersion
from .create_image_request import CreateImageRequest
from .delete_image_response import DeleteImageResponse
from .error_object import ErrorObject
from .error_response import ErrorResponse
from .image import Image
from .image_region import ImageRegion
from .image_region_status import ImageRegionStatus
from .image_status import ImageStatus
from .image_type import ImageType
from .paginated_images import PaginatedImages
from .replicate_image_request import ReplicateImageRequest
from .update_image_request import UpdateImageRequest
from .upload_image_request import UploadImageRequest
from .upload_image_response import UploadImageResponse

__all__ = (
    "ApiVersion",
    "CreateImageRequest",
    "DeleteImageResponse",
    "ErrorObject",
    "ErrorResponse",
    "Image",
    "ImageRegion",
    "ImageRegionStatus",
    "ImageStatus",
    "ImageType",
    "PaginatedImages",
    "ReplicateImageRequest",
    "UpdateImageRequest",
    "UploadImageRequest",
    "UploadImageResponse",
)
