"""The public names of linode_images are pinned: adding or removing one is a deliberate change."""

from __future__ import annotations

import tomllib
from pathlib import Path

import linode_images

EXPECTED = {
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiVersion",
    "AsyncImagePager",
    "AsyncImages",
    "AsyncLinodeImages",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "ErrorDetail",
    "FILTERABLE_FIELDS",
    "Filter",
    "Image",
    "ImagePager",
    "ImageRegion",
    "ImageRegionStatus",
    "ImageStatus",
    "ImageType",
    "Images",
    "LinodeError",
    "LinodeImages",
    "MaintenanceError",
    "NetworkOptions",
    "NotFoundError",
    "ORDERABLE_FIELDS",
    "PaginatedImages",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RetryPolicy",
    "ServerError",
    "UnreachableStatusError",
    "UploadError",
    "UploadImageResponse",
    "WaitTimeoutError",
    "__version__",
    "check_image_id",
    # image sharing
    "AsyncPager",
    "AsyncShareGroupTokens",
    "AsyncShareGroups",
    "ConsumerShareGroup",
    "CreatedShareGroupToken",
    "ImageSharedBy",
    "ImageSharedWith",
    "ImageSharing",
    "Pager",
    "ShareGroup",
    "ShareGroupMember",
    "ShareGroupMemberStatus",
    "ShareGroupToken",
    "ShareGroupTokenSecret",
    "ShareGroupTokenStatus",
    "ShareGroupTokens",
    "ShareGroups",
    "SharedImage",
}


def test_all_is_pinned() -> None:
    assert set(linode_images.__all__) == EXPECTED
    assert len(linode_images.__all__) == len(EXPECTED)


def test_every_public_name_resolves() -> None:
    for name in linode_images.__all__:
        assert getattr(linode_images, name) is not None, name


def test_public_classes_claim_the_package() -> None:
    # Private module names stay out of the public surface's documentation.
    for name in linode_images.__all__:
        obj = getattr(linode_images, name)
        module = getattr(obj, "__module__", "")
        if isinstance(obj, type) and module.startswith("linode_images."):
            assert module.split(".")[1].startswith("_"), (name, module)


def test_models_are_the_generated_ones() -> None:
    from linode_images_api.models import Image, PaginatedImages

    assert linode_images.Image is Image
    assert linode_images.PaginatedImages is PaginatedImages


def test_version_matches_the_distribution() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert linode_images.__version__ == pyproject["project"]["version"]


def test_package_is_typed() -> None:
    assert (Path(linode_images.__file__).parent / "py.typed").is_file()


def test_error_tree() -> None:
    e = linode_images
    for cls in (
        e.APIConnectionError,
        e.APIStatusError,
        e.APIResponseValidationError,
        e.UploadError,
        e.WaitTimeoutError,
    ):
        assert issubclass(cls, e.LinodeError)
    assert issubclass(e.APITimeoutError, e.APIConnectionError)
    for cls in (
        e.BadRequestError,
        e.AuthenticationError,
        e.PermissionDeniedError,
        e.NotFoundError,
        e.ConflictError,
        e.RateLimitError,
        e.ServerError,
    ):
        assert issubclass(cls, e.APIStatusError)
    assert issubclass(e.MaintenanceError, e.ServerError)
    # The tree is drawn in the errors module docstring; every class in it is named there.
    doc = e._errors.__doc__ or ""
    for name in (
        "LinodeError",
        "APIConnectionError",
        "APITimeoutError",
        "APIStatusError",
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "ConflictError",
        "RateLimitError",
        "ServerError",
        "MaintenanceError",
        "UploadError",
        "WaitTimeoutError",
        "APIResponseValidationError",
    ):
        assert name in doc, name


def test_upload_and_wait_errors_carry_their_fields() -> None:
    err = linode_images.UploadError(
        "PUT failed",
        status_code=403,
        code="SignatureDoesNotMatch",
        body="<Error/>",
        image_id="private/7",
        image_deleted=True,
        attempts=2,
    )
    assert (
        err.message,
        err.status_code,
        err.code,
        err.body,
        err.image_id,
        err.image_deleted,
        err.attempts,
    ) == (
        "PUT failed",
        403,
        "SignatureDoesNotMatch",
        "<Error/>",
        "private/7",
        True,
        2,
    )
    timeout = linode_images.WaitTimeoutError("slow", image_id="private/7", last_image=None, elapsed=12.5)
    assert (timeout.message, timeout.image_id, timeout.last_image, timeout.elapsed) == (
        "slow",
        "private/7",
        None,
        12.5,
    )
