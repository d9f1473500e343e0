from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_version import ApiVersion
from ...models.error_response import ErrorResponse
from ...models.paginated_share_groups import PaginatedShareGroups
from ...types import UNSET, Response, Unset, http_status, path_segment


def _get_kwargs(
    api_version: ApiVersion,
    image_id: str,
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    x_filter: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_filter, Unset):
        headers["X-Filter"] = x_filter

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/{path_segment(api_version)}/images/{path_segment(image_id)}/sharegroups",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedShareGroups:
    if response.status_code == 200:
        response_200 = PaginatedShareGroups.from_json(response.content)

        return response_200

    response_default = ErrorResponse.from_json(response.content)

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | PaginatedShareGroups]:
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
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    x_filter: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedShareGroups]:
    """List the share groups an image is in

    Args:
        api_version (ApiVersion):
        image_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        x_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedShareGroups]
    """

    kwargs = _get_kwargs(
        api_version=api_version,
        image_id=image_id,
        page=page,
        page_size=page_size,
        x_filter=x_filter,
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
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    x_filter: str | Unset = UNSET,
) -> ErrorResponse | PaginatedShareGroups | None:
    """List the share groups an image is in

    Args:
        api_version (ApiVersion):
        image_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        x_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedShareGroups
    """

    return sync_detailed(
        api_version=api_version,
        image_id=image_id,
        client=client,
        page=page,
        page_size=page_size,
        x_filter=x_filter,
    ).parsed


async def asyncio_detailed(
    api_version: ApiVersion,
    image_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    x_filter: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedShareGroups]:
    """List the share groups an image is in

    Args:
        api_version (ApiVersion):
        image_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        x_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedShareGroups]
    """

    kwargs = _get_kwargs(
        api_version=api_version,
        image_id=image_id,
        page=page,
        page_size=page_size,
        x_filter=x_filter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    api_version: ApiVersion,
    image_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    x_filter: str | Unset = UNSET,
) -> ErrorResponse | PaginatedShareGroups | None:
    """List the share groups an image is in

    Args:
        api_version (ApiVersion):
        image_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        x_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedShareGroups
    """

    return (
        await asyncio_detailed(
            api_version=api_version,
            image_id=image_id,
            client=client,
            page=page,
            page_size=page_size,
            x_filter=x_filter,
        )
    ).parsed
