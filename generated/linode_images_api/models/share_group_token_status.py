from enum import StrEnum
from typing import Any, Literal


class ShareGroupTokenStatus(StrEnum):
    """A share-group token's state: pending, active, revoked or expired."""

    ACTIVE = "active"
    EXPIRED = "expired"
    PENDING = "pending"
    REVOKED = "revoked"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ShareGroupTokenStatus | None":
        """Decode a value this version does not know as a typed, round-trippable pseudo-member."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member


# The known members by value: from_dict looks here first and calls the class only for a value
# this version does not know.
BY_VALUE: dict[str, ShareGroupTokenStatus] = {
    member.value: member for member in ShareGroupTokenStatus
}

# The known values as a type: a parameter typed with it takes "pending" but mypy refuses a typo.
ShareGroupTokenStatusValue = Literal[
    "active",
    "expired",
    "pending",
    "revoked",
]
