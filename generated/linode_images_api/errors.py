"""Contains shared errors types that can be raised from API functions"""

import httpx


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class DecodeError(ValueError):
    """A JSON value does not have the shape the spec gives it; ``path`` says where.

    Raised by every model's ``from_dict`` (and so by the API functions that decode a response):
    a wrong JSON type (a boolean is not an integer), a null where the spec allows none, a missing
    required field, or a string that is not a date-time. Unknown fields and unknown enum values
    are not errors. The message names the JSON path from the decoded object:

    >>> from linode_images_api.models import PaginatedImages
    >>> PaginatedImages.from_dict({"data": [], "page": 1, "pages": "3", "results": 0})
    Traceback (most recent call last):
    ...
    linode_images_api.errors.DecodeError: pages: expected integer, got string
    """

    def __init__(self, path: str, expected: str, problem: str) -> None:
        self.path = path
        """Where in the decoded value, e.g. ``data[3].size``; empty for the value itself."""
        self.expected = expected
        """What the spec asks for there, e.g. ``integer`` or ``date-time``."""
        self.problem = problem
        """What was found instead, e.g. ``got string`` or ``missing``."""
        super().__init__(
            f"{path or '(the value itself)'}: expected {expected}, {problem}"
        )

    def within(self, prefix: str) -> "DecodeError":
        """The same error seen from the object that holds this one at ``prefix`` (``data[3]``)."""
        if not self.path:
            path = prefix
        elif self.path.startswith("["):
            path = prefix + self.path
        else:
            path = f"{prefix}.{self.path}"
        return DecodeError(path, self.expected, self.problem)


class UndecodableResponse(Exception):
    """Raised by api functions when a success response's body is not the documented shape; the
    decoding error (a DecodeError naming the JSON path, or the JSON parser's) is the ``__cause__``,
    its text is ``detail``, and the response is kept as ``response``"""

    def __init__(self, response: httpx.Response, detail: str = ""):
        self.response = response
        self.detail = detail
        suffix = f": {detail}" if detail else ""
        super().__init__(
            f"The {response.status_code} response body could not be decoded{suffix}"
        )


__all__ = ["DecodeError", "UndecodableResponse", "UnexpectedStatus"]
