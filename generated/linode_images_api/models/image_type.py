from enum import StrEnum
from typing import Any, Literal


class ImageType(StrEnum):
    """manual (captured from a disk or uploaded), automatic (made by Linode, e.g. from a deleted Linode) or shared."""

    AUTOMATIC = "automatic"
    MANUAL = "manual"
    SHARED = "shared"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ImageType | None":
        """Decode a value this version does not know as a typed, round-trippable pseudo-member."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member


# The known members by value: from_dict looks here first and calls the class only for a value
# this version does not know.
BY_VALUE: dict[str, ImageType] = {member.value: member for member in ImageType}

# The known values as a type: a parameter typed with it takes "manual" but mypy refuses a typo.
ImageTypeValue = Literal[
    "automatic",
    "manual",
    "shared",
]
