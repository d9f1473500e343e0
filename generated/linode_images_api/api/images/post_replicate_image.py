from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_version import ApiVersion
from ...models.error_response import ErrorResponse
from ...models.image import Image
from ...models.replicate_image_request import ReplicateImageRequest
from ...types import Response, http_status, path_segment


def _get_kwargs(
    api_version: ApiVersion,
    image_id: str,
    *,
    body: ReplicateImageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/{path_segment(api_version)}/images/{path_segment(image_id)}/regions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Image:
    if response.status_code == 200:
        response_200 = Image.from_json(response.content)

        return response_200

    response_default = ErrorResponse.from_json(response.content)

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | Image]:
    # Only a success body is decoded: an error answer may be anything (an HTML page from a
    # proxy), and the caller reads it from http_response.
    try:
        return Response(
            status_code=http_status(response.status_code),
            content=response.content,
            headers=response.headers,
            parsed=_parse_response(client=client, response=response)
            if 200 <= response.status_code < 300
            else None,
            http_response=response,
        )
    except Exception as exc:
        raise errors.UndecodableResponse(response, str(exc)) from exc


def sync_detailed(
    api_version: ApiVersion,
    image_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplicateImageRequest,
) -> Response[ErrorResponse | Image]:
    """Replicate an image

    Args:
        api_version (ApiVersion):
        image_id (str):
        body (ReplicateImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Image]
    """

    kwargs = _get_kwargs(
        api_version=api_version,
        image_id=image_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    api_version: ApiVersion,
    image_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplicateImageRequest,
) -> ErrorResponse | Image | None:
    """Replicate an image

    Args:
        api_version (ApiVersion):
        image_id (str):
        body (ReplicateImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Image
    """

    return sync_detailed(
        api_version=api_version,
        image_id=image_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    api_version: ApiVersion,
    image_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplicateImageRequest,
) -> Response[ErrorResponse | Image]:
    """Replicate an image

    Args:
        api_version (ApiVersion):
        image_id (str):
        body (ReplicateImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Image]
    """

    kwargs = _get_kwargs(
        api_version=api_version,
        image_id=image_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    api_version: ApiVersion,
    image_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplicateImageRequest,
) -> ErrorResponse | Image | None:
    """Replicate an image

    Args:
        api_version (ApiVersion):
        image_id (str):
        body (ReplicateImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Image
    """

    return (
        await asyncio_detailed(
            api_version=api_version,
            image_id=image_id,
            client=client,
            body=body,
        )
    ).parsed
