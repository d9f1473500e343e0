from enum import StrEnum
from typing import Any, Literal


class ImageRegionStatus(StrEnum):
    """An image's status in one region, such as available or pending replication."""

    AVAILABLE = "available"
    CREATING = "creating"
    PENDING = "pending"
    PENDING_DELETION = "pending deletion"
    PENDING_REPLICATION = "pending replication"
    REPLICATING = "replicating"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ImageRegionStatus | None":
        """Decode a value this version does not know as a typed, round-trippable pseudo-member."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member


# The known members by value: from_dict looks here first and calls the class only for a value
# this version does not know.
BY_VALUE: dict[str, ImageRegionStatus] = {
    member.value: member for member in ImageRegionStatus
}

# The known values as a type: a parameter typed with it takes "available" but mypy refuses a typo.
ImageRegionStatusValue = Literal[
    "available",
    "creating",
    "pending",
    "pending deletion",
    "pending replication",
    "replicating",
]
