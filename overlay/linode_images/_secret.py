"""``ShareGroupTokenSecret``: a share-group token's secret, which no repr, str or log shows.

The API returns the secret once, when the consumer creates the token, and it lets a producer
add the consumer to a share group: it is as sensitive as an API token
(docs/real-api-facts.md#image-sharing). It stays a ``str`` so the generated model holds it
and JSON carries it unchanged, but ``repr()``, ``str()``, ``format()`` and ``%s`` show
``<redacted>``; ``reveal()`` gives the value to hand to the producer.
"""

from __future__ import annotations

from typing import Any

__all__ = ["REDACTED", "ShareGroupTokenSecret"]

REDACTED = "<redacted>"


class ShareGroupTokenSecret(str):
    """A token secret that prints as ``<redacted>``.

    >>> secret = ShareGroupTokenSecret("abc123")
    >>> print(secret, repr(secret), f"{secret}")
    <redacted> '<redacted>' <redacted>
    >>> secret.reveal()
    'abc123'
    """

    __slots__ = ()

    def reveal(self) -> str:
        """The secret itself, to send to the producer who adds you to the share group."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return repr(REDACTED)

    def __str__(self) -> str:
        return REDACTED

    def __format__(self, spec: str) -> str:
        return format(REDACTED, spec)

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError("a share-group token secret cannot be pickled")
