"""``ApiError``: a Linode-shaped error response raised anywhere in the pipeline."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answered as ``{"errors": [{"reason": ..., "field": ...}]}`` with ``status``.

    Example: ``raise ApiError(400, "Must be 25-500", field="page_size")``.
    """

    def __init__(
        self,
        status: int,
        reason: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        reason, field = _printable(reason), None if field is None else _printable(field)
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.field = field
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        """The JSON body; ``field`` is left out when the error is not about one field."""
        error: dict[str, Any] = {"reason": self.reason}
        if self.field is not None:
            error["field"] = self.field
        return {"errors": [error]}


def not_found() -> ApiError:
    """The API's 404 for an unknown image or path."""
    return ApiError(404, "Not found")


class ResponseDrift(Exception):
    """A response the mock was about to send does not match the spec (strict mode)."""


def _printable(text: str, limit: int = 300) -> str:
    # Reasons may quote client input: cut it short and escape lone surrogates, which
    # cannot be encoded as UTF-8 and would otherwise break the response.
    text = text if len(text) <= limit else text[:limit] + "..."
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
