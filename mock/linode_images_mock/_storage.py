"""The pre-signed upload URLs (``/__storage__/...``): one PUT of gzip data, answered like object
storage (XML errors, an ETag), outside the API (REAL-API-FACTS, "Upload")."""

from __future__ import annotations

import hashlib
import hmac

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from ._config import UPLOAD_OPERATION
from ._records import UploadRecord
from ._responses import Drop, after_work, nginx_502, xml_error
from ._state import UPLOAD_PATH_PREFIX, MockState

GZIP_MAGIC = b"\x1f\x8b"
NOT_GZIP = "The uploaded data is not gzip-compressed"
TOO_LARGE = "Your proposed upload exceeds the maximum allowed size"


async def storage_put(state: MockState, request: Request, raw_path: str) -> Response:
    """Answer one request to an upload URL."""
    state.count_request(UPLOAD_OPERATION)
    if request.method != "PUT":
        return xml_error(405, "MethodNotAllowed", "The specified method is not allowed", {"Allow": "PUT"})
    fault = state.next_fault(UPLOAD_OPERATION)
    if fault == "drop":
        return Drop()
    elif fault == "502":
        return nginx_502()
    elif fault not in ("ok", "lost", "bad-etag") and not fault.startswith("latency:"):
        status = 503 if fault == "maintenance" else int(fault)
        return xml_error(status, "ServiceUnavailable" if status != 500 else "InternalError", "Please retry")
    key = raw_path[len(UPLOAD_PATH_PREFIX) :]
    target = state.upload_target(key)
    if target is None:
        return xml_error(403, "AccessDenied", "Access Denied")
    image_id, expires = target
    query = request.query_params
    expected = state.sign(raw_path, expires)
    if query.get("Expires") != str(expires) or not hmac.compare_digest(
        query.get("Signature", "").encode(), expected.encode()
    ):
        return xml_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match")
    if state.clock() > expires:
        return xml_error(403, "AccessDenied", "Request has expired")
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/octet-stream":
        # The URL is signed for application/octet-stream; anything else breaks the signature.
        return xml_error(403, "SignatureDoesNotMatch", "The URL is signed for application/octet-stream")
    length = request.headers.get("content-length")
    if "chunked" in request.headers.get("transfer-encoding", "").lower() or length is None:
        # Pre-signed PUTs need the length up front; chunked bodies are refused.
        return xml_error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.")
    if not length.isdigit():
        return xml_error(400, "InvalidArgument", "Content-Length is not a number")
    if int(length) > state.config.upload_limit:
        return xml_error(400, "EntityTooLarge", TOO_LARGE)
    answer = await _receive_upload(state, request, image_id, bad_etag=fault == "bad-etag")
    return await after_work(fault, answer)


async def _receive_upload(state: MockState, request: Request, image_id: str, *, bad_etag: bool) -> Response:
    sha256 = hashlib.sha256()
    md5 = hashlib.md5(usedforsecurity=False)
    received = 0
    head = b""
    limit = state.config.upload_limit
    try:
        # The body goes to hashes chunk by chunk; it is never held in memory whole.
        async for chunk in request.stream():
            if len(head) < 2:
                head = (head + chunk)[:2]
                if len(head) == 2 and head != GZIP_MAGIC:
                    return xml_error(400, "InvalidArgument", NOT_GZIP)
            received += len(chunk)
            if received > limit:
                return xml_error(400, "EntityTooLarge", TOO_LARGE)
            sha256.update(chunk)
            md5.update(chunk)
    except ClientDisconnect:
        return Response(b"", 400)
    if head != GZIP_MAGIC:
        return xml_error(400, "InvalidArgument", NOT_GZIP)
    record = UploadRecord(received, sha256.hexdigest(), "authorization" in request.headers)
    if not state.finish_upload(image_id, record):
        return xml_error(403, "AccessDenied", "Access Denied")
    if bad_etag:
        md5.update(b"damaged")
    # S3-style: the ETag of a single PUT is the quoted MD5 of the stored body.
    return Response(b"", 200, headers={"ETag": f'"{md5.hexdigest()}"'})
