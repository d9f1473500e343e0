from enum import StrEnum
from typing import Any


class ShareGroupMemberStatus(StrEnum):
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
