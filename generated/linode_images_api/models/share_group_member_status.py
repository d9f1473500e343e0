from enum import StrEnum
from typing import Any, Literal


class ShareGroupMemberStatus(StrEnum):
    """A member's state: active or revoked; a revoked member keeps access to its data for two weeks."""

    ACTIVE = "active"
    REVOKED = "revoked"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ShareGroupMemberStatus | None":
        """Decode a value this version does not know as a typed, round-trippable pseudo-member."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member


# The known members by value: from_dict looks here first and calls the class only for a value
# this version does not know.
BY_VALUE: dict[str, ShareGroupMemberStatus] = {
    member.value: member for member in ShareGroupMemberStatus
}

# The known values as a type: a parameter typed with it takes "active" but mypy refuses a typo.
ShareGroupMemberStatusValue = Literal[
    "active",
    "revoked",
]
