"""What the client logs about a request, with every credential in it redacted by one rule.

``redact`` is that rule: a value is replaced when its name (a header, a query parameter of a
pre-signed URL, a field of a JSON body) is one that carries a credential. ``request_line``
and ``redacted_url`` apply it to what the DEBUG log shows of a request.

>>> redacted_url("https://us-east-1.linodeobjects.com/b/1?Signature=abc&Expires=1700000000")
'https://us-east-1.linodeobjects.com/b/1?Signature=<redacted>&Expires=1700000000'
>>> request_line("POST", "https://api.linode.com/v4/images/sharegroups/1/members", {},
...              b'{"token": "secret", "label": "ci"}')
'POST https://api.linode.com/v4/images/sharegroups/1/members body {"token": "<redacted>", "label": "ci"}'
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

__all__ = ["REDACTED", "redact", "redact_text", "redacted_url", "request_line"]

REDACTED = "<redacted>"
# Names whose values are credentials: the API token's header; a share-group token (a secret
# as strong as an API token, docs/real-api-facts.md#image-sharing); the signature and key id
# of a pre-signed object-storage URL, which grant access to the image's data.
_SECRET_NAMES = frozenset(
    {
        "authorization",
        "token",
        "signature",
        "awsaccesskeyid",
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-security-token",
    }
)
# A credential query parameter anywhere in a text (an exception's message, httpx's own
# "HTTP Request: PUT <url>" line): the same names as above.
_SECRET_QUERY = re.compile(
    r"(?i)([?&](?:"
    + "|".join(re.escape(name) for name in sorted(_SECRET_NAMES))
    + r")=)(?!<redacted>)[^&#\s\"'>]*"
)
# A body is logged this far: enough to see the fields of any request the API takes.
_BODY_LIMIT = 1000


def redact(name: str, value: Any) -> Any:
    """``value``, or ``<redacted>`` when ``name`` is one that carries a credential.

    >>> redact("Signature", "abc"), redact("label", "golden")
    ('<redacted>', 'golden')
    """
    return REDACTED if name.lower() in _SECRET_NAMES else value


def redacted_url(url: str | httpx.URL) -> str:
    """``url`` with the value of every credential query parameter redacted."""
    parts = urlsplit(str(url))
    if not parts.query:
        return str(url)
    query = [(name, redact(name, value)) for name, value in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="<>")))


def _redacted_fields(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: redact(key, _redacted_fields(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [_redacted_fields(value) for value in node]
    return node


def _body(content: bytes) -> str:
    try:
        text = json.dumps(_redacted_fields(json.loads(content)), ensure_ascii=False)
    except ValueError:
        text = f"({len(content)} bytes, not JSON)"
    return text if len(text) <= _BODY_LIMIT else text[:_BODY_LIMIT] + "..."


def request_line(method: str, url: str | httpx.URL, headers: Mapping[str, str], content: bytes) -> str:
    """How the DEBUG log shows a request to the API: method, URL, X-Filter and body fields."""
    line = f"{method} {redacted_url(url)}"
    x_filter = headers.get("x-filter")
    if x_filter:
        line += f" X-Filter {x_filter}"
    if content:
        line += f" body {_body(content)}"
    return line


def redact_text(text: str) -> str:
    """``text`` with the value of every credential query parameter of a URL in it redacted.

    >>> redact_text("PUT https://h/b/1?Signature=abc&Expires=9")
    'PUT https://h/b/1?Signature=<redacted>&Expires=9'
    """
    return _SECRET_QUERY.sub(r"\1" + REDACTED, text)


class _RedactingFilter(logging.Filter):
    """Applies ``redact_text`` to every record of the logger it is on (ours and httpx's)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_REDACTING_FILTER = _RedactingFilter()
# httpx logs each request at INFO ("HTTP Request: PUT <url> ..."), the upload's signed URL
# included; our own records pass through the same rule.
for _name in ("linode_images", "httpx"):
    if not any(isinstance(f, _RedactingFilter) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(_REDACTING_FILTER)
