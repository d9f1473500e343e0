from enum import StrEnum
from typing import Any, Literal


class ImageStatus(StrEnum):
    """An image's status: pending_upload, creating, available, in that order; an image never moves back."""

    AVAILABLE = "available"
    CREATING = "creating"
    PENDING_UPLOAD = "pending_upload"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ImageStatus | None":
        """Decode a value this version does not know as a typed, round-trippable pseudo-member."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member


# The known members by value: from_dict looks here first and calls the class only for a value
# this version does not know.
BY_VALUE: dict[str, ImageStatus] = {member.value: member for member in ImageStatus}

# The known values as a type: a parameter typed with it takes "creating" but mypy refuses a typo.
ImageStatusValue = Literal[
    "available",
    "creating",
    "pending_upload",
]
