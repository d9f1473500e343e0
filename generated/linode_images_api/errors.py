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


class UndecodableResponse(Exception):
    """Raised by api functions when a success response's body is not the documented shape; the
    decoding error is the ``__cause__`` and the response is kept as ``response``"""

    def __init__(self, response: httpx.Response):
        self.response = response
        super().__init__(
            f"The {response.status_code} response body could not be decoded"
        )


__all__ = ["UndecodableResponse", "UnexpectedStatus"]
