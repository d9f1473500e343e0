"""Contains all the data models used in inputs/outputs"""

from .add_share_group_images_request import AddShareGroupImagesRequest
from .add_share_group_member_request import AddShareGroupMemberRequest
from .api_version import ApiVersion
from .consumer_share_group import ConsumerShareGroup
from .create_image_request import CreateImageRequest
from .create_share_group_request import CreateShareGroupRequest
from .create_share_group_token_request import CreateShareGroupTokenRequest
from .created_share_group_token import CreatedShareGroupToken
from .delete_image_response import DeleteImageResponse
from .delete_share_group_member_response import DeleteShareGroupMemberResponse
from .delete_share_group_response import DeleteShareGroupResponse
from .delete_share_group_token_response import DeleteShareGroupTokenResponse
from .delete_shared_image_response import DeleteSharedImageResponse
from .error_object import ErrorObject
from .error_response import ErrorResponse
from .image import Image
from .image_region import ImageRegion
from .image_region_status import ImageRegionStatus
from .image_shared_by import ImageSharedBy
from .image_shared_with import ImageSharedWith
from .image_sharing import ImageSharing
from .image_status import ImageStatus
from .image_type import ImageType
from .paginated_images import PaginatedImages
from .paginated_share_group_members import PaginatedShareGroupMembers
from .paginated_share_group_tokens import PaginatedShareGroupTokens
from .paginated_share_groups import PaginatedShareGroups
from .paginated_shared_images import PaginatedSharedImages
from .replicate_image_request import ReplicateImageRequest
from .share_group import ShareGroup
from .share_group_image_entry import ShareGroupImageEntry
from .share_group_member import ShareGroupMember
from .share_group_member_status import ShareGroupMemberStatus
from .share_group_token import ShareGroupToken
from .share_group_token_status import ShareGroupTokenStatus
from .shared_image import SharedImage
from .update_image_request import UpdateImageRequest
from .update_share_group_member_request import UpdateShareGroupMemberRequest
from .update_share_group_request import UpdateShareGroupRequest
from .update_share_group_token_request import UpdateShareGroupTokenRequest
from .update_shared_image_request import UpdateSharedImageRequest
from .upload_image_request import UploadImageRequest
from .upload_image_response import UploadImageResponse

__all__ = (
    "AddShareGroupImagesRequest",
    "AddShareGroupMemberRequest",
    "ApiVersion",
    "ConsumerShareGroup",
    "CreateImageRequest",
    "CreateShareGroupRequest",
    "CreateShareGroupTokenRequest",
    "CreatedShareGroupToken",
    "DeleteImageResponse",
    "DeleteShareGroupMemberResponse",
    "DeleteShareGroupResponse",
    "DeleteShareGroupTokenResponse",
    "DeleteSharedImageResponse",
    "ErrorObject",
    "ErrorResponse",
    "Image",
    "ImageRegion",
    "ImageRegionStatus",
    "ImageSharedBy",
    "ImageSharedWith",
    "ImageSharing",
    "ImageStatus",
    "ImageType",
    "PaginatedImages",
    "PaginatedShareGroupMembers",
    "PaginatedShareGroupTokens",
    "PaginatedShareGroups",
    "PaginatedSharedImages",
    "ReplicateImageRequest",
    "ShareGroup",
    "ShareGroupImageEntry",
    "ShareGroupMember",
    "ShareGroupMemberStatus",
    "ShareGroupToken",
    "ShareGroupTokenStatus",
    "SharedImage",
    "UpdateImageRequest",
    "UpdateShareGroupMemberRequest",
    "UpdateShareGroupRequest",
    "UpdateShareGroupTokenRequest",
    "UpdateSharedImageRequest",
    "UploadImageRequest",
    "UploadImageResponse",
)
