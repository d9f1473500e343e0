"""A typed client for the Linode Images API.

>>> from linode_images import LinodeImages, Filter
>>> with LinodeImages() as client:             # token from LINODE_TOKEN; anonymous if unset
...     for image in client.images.list(filter=Filter.eq("is_public", False)):
...         print(image.id, image.label)
"""

from ._async_images import AsyncImages
from ._client import AsyncLinodeImages, LinodeImages
from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_PAGE_SIZE,
    DEFAULT_TIMEOUT,
    NetworkOptions,
)
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorDetail,
    LinodeError,
    MaintenanceError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnreachableStatusError,
    UploadError,
    WaitTimeoutError,
)
from ._filter import FILTERABLE_FIELDS, ORDERABLE_FIELDS, Filter
from ._ids import check_image_id
from ._images import Images
from ._integrity import UploadReceipt
from ._models import (
    ApiVersion,
    ConsumerShareGroup,
    CreatedShareGroupToken,
    Image,
    ImageRegion,
    ImageRegionStatus,
    ImageRegionStatusValue,
    ImageSharedBy,
    ImageSharedWith,
    ImageSharing,
    ImageStatus,
    ImageStatusValue,
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
from ._pagination import AsyncImagePager, AsyncPager, ImagePager, Pager
from ._response import RawResponse
from ._retry import RetryPolicy
from ._secret import ShareGroupTokenSecret
from ._sharegroup_tokens import AsyncShareGroupTokens, ShareGroupTokens
from ._sharegroups import AsyncShareGroups, ShareGroups
from ._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "FILTERABLE_FIELDS",
    "ORDERABLE_FIELDS",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiVersion",
    "AsyncImagePager",
    "AsyncImages",
    "AsyncLinodeImages",
    "AsyncPager",
    "AsyncShareGroupTokens",
    "AsyncShareGroups",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ConsumerShareGroup",
    "CreatedShareGroupToken",
    "ErrorDetail",
    "Filter",
    "Image",
    "ImagePager",
    "ImageRegion",
    "ImageRegionStatus",
    "ImageRegionStatusValue",
    "ImageSharedBy",
    "ImageSharedWith",
    "ImageSharing",
    "ImageStatus",
    "ImageStatusValue",
    "ImageType",
    "Images",
    "LinodeError",
    "LinodeImages",
    "MaintenanceError",
    "NetworkOptions",
    "NotFoundError",
    "Pager",
    "PaginatedImages",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RetryPolicy",
    "ServerError",
    "ShareGroup",
    "ShareGroupMember",
    "ShareGroupMemberStatus",
    "ShareGroupToken",
    "ShareGroupTokenSecret",
    "ShareGroupTokenStatus",
    "ShareGroupTokens",
    "ShareGroups",
    "SharedImage",
    "UnreachableStatusError",
    "UploadError",
    "UploadImageResponse",
    "UploadReceipt",
    "WaitTimeoutError",
    "__version__",
    "check_image_id",
]
