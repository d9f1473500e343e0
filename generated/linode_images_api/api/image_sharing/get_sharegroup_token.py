from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_version import ApiVersion
from ...models.error_response import ErrorResponse
from ...models.share_group_token import ShareGroupToken
from ...types import Response, http_status, path_segment


def _get_kwargs(
    api_version: ApiVersion,
    token_uuid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/{path_segment(api_version)}/images/sharegroups/tokens/{path_segment(token_uuid)}",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ShareGroupToken:
    if response.status_code == 200:
        response_200 = ShareGroupToken.from_json(response.content)

        return response_200

    response_default = ErrorResponse.from_json(response.content)

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ShareGroupToken]:
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
    token_uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | ShareGroupToken]:
    """Get a share-group token

    Args:
        api_version (ApiVersion):
        token_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ShareGroupToken]
    """

    kwargs = _get_kwargs(
        api_version=api_version,
        token_uuid=token_uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    api_version: ApiVersion,
    token_uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ShareGroupToken | None:
    """Get a share-group token

    Args:
        api_version (ApiVersion):
        token_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ShareGroupToken
    """

    return sync_detailed(
        api_version=api_version,
        token_uuid=token_uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    api_version: ApiVersion,
    token_uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | ShareGroupToken]:
    """Get a share-group token

    Args:
        api_version (ApiVersion):
        token_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ShareGroupToken]
    """

    kwargs = _get_kwargs(
        api_version=api_version,
        token_uuid=token_uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    api_version: ApiVersion,
    token_uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ShareGroupToken | None:
    """Get a share-group token

    Args:
        api_version (ApiVersion):
        token_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ShareGroupToken
    """

    return (
        await asyncio_detailed(
            api_version=api_version,
            token_uuid=token_uuid,
            client=client,
        )
    ).parsed
