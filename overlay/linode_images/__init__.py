"""A typed client for the Linode Images API.

>>> from linode_images import LinodeImages, Filter
>>> with LinodeImages() as client:             # token from LINODE_TOKEN; anonymous if unset
...     for image in client.images.list(filter=Filter.eq("is_public", False)):
...         print(image.id, image.label)
"""

from . import _public_models
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
from ._pagination import AsyncImagePager, AsyncPager, ImagePager, Pager
from ._public_models import *  # noqa: F403 - the models, listed once in _public_models.__all__
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
    "AsyncImagePager",
    "AsyncImages",
    "AsyncLinodeImages",
    "AsyncPager",
    "AsyncShareGroupTokens",
    "AsyncShareGroups",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ErrorDetail",
    "Filter",
    "ImagePager",
    "Images",
    "LinodeError",
    "LinodeImages",
    "MaintenanceError",
    "NetworkOptions",
    "NotFoundError",
    "Pager",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RetryPolicy",
    "ServerError",
    "ShareGroupTokenSecret",
    "ShareGroupTokens",
    "ShareGroups",
    "UnreachableStatusError",
    "UploadError",
    "UploadReceipt",
    "WaitTimeoutError",
    "__version__",
    "check_image_id",
]
__all__ += _public_models.__all__
