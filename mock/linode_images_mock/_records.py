"""What the mock has seen: request counts, created images and the uploads that arrived."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class UploadRecord:
    """What arrived at an image's upload URL."""

    bytes: int
    sha256: str
    authorization_seen: bool


@dataclass
class Counters:
    """What the mock has seen since the last reset."""

    requests: Counter[str] = field(default_factory=Counter)
    images_created: int = 0
    upload_authorization_seen: bool = False
    uploads: dict[str, UploadRecord] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The JSON form served by ``GET /__mock__/counters``."""
        return {
            "requests": dict(self.requests),
            "images_created": self.images_created,
            "upload_authorization_seen": self.upload_authorization_seen,
            "uploads": {
                image_id: {
                    "bytes": record.bytes,
                    "sha256": record.sha256,
                    "authorization_seen": record.authorization_seen,
                }
                for image_id, record in self.uploads.items()
            },
        }
