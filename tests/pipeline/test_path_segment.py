"""The API functions quote path parameters with types.path_segment and look statuses up with
types.http_status: the same results as ``quote(str(value), safe="")`` and ``HTTPStatus(code)``,
remembered for the values seen, within a bound."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from linode_images_api import types
from linode_images_api.api.images import get_image
from linode_images_api.models import ApiVersion


@given(st.one_of(st.text(), st.integers(), st.booleans()))
def test_a_segment_is_what_quote_gives_whatever_came_before(value: object) -> None:
    assert types.path_segment(value) == quote(str(value), safe="")
    # Asked again (from the cache, for a str): the same.
    assert types.path_segment(value) == quote(str(value), safe="")


def test_an_int_and_a_bool_do_not_take_the_entry_of_an_equal_str() -> None:
    assert types.path_segment("1") == "1"
    assert types.path_segment(1) == "1"
    assert types.path_segment(True) == "True"
    assert types.path_segment(1.0) == "1.0"


def test_an_enum_member_is_quoted_as_its_value() -> None:
    assert types.path_segment(ApiVersion.V4BETA) == "v4beta"
    assert get_image._get_kwargs(ApiVersion.V4, "private/1")["url"] == "/v4/images/private%2F1"


def test_the_cache_stops_growing_at_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(types, "_path_segments", {})
    for number in range(types.PATH_SEGMENT_CACHE_SIZE + 500):
        assert types.path_segment(f"private/{number}") == f"private%2F{number}"
    assert len(types._path_segments) == types.PATH_SEGMENT_CACHE_SIZE
    # Past the bound, values are still quoted, only not remembered.
    assert types.path_segment("private/../x") == "private%2F..%2Fx"


def test_statuses_are_httpstatus_members_and_unknown_codes_refused_alike() -> None:
    assert types.http_status(200) is HTTPStatus.OK
    assert types.http_status(404) is HTTPStatus.NOT_FOUND
    with pytest.raises(ValueError) as ours:
        types.http_status(299)
    with pytest.raises(ValueError) as stock:
        HTTPStatus(299)
    assert str(ours.value) == str(stock.value)
