"""RetryPolicy decisions, table-driven: no I/O and no sleeping."""

from __future__ import annotations

import email.utils

import httpx
import pytest
from linode_images import RetryPolicy
from linode_images._retry import parse_retry_after

NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z


def http_date(offset: float) -> str:
    return email.utils.formatdate(NOW + offset, usegmt=True)


# (Retry-After value, seconds the parser returns)
RETRY_AFTER_FORMS: list[tuple[str | None, float | None]] = [
    ("0", 0.0),
    ("1", 1.0),
    ("7", 7.0),
    ("120", 120.0),
    ("1.5", 1.5),
    ("  3  ", 3.0),
    ("-1", -1.0),
    ("-30", -30.0),
    ("5, 5", 5.0),  # duplicated by a proxy and comma-merged
    ("2,9", 2.0),
    (http_date(10), 10.0),
    (http_date(-10), -10.0),
    (http_date(0), 0.0),
    ("Tue, 14 Nov 2023 22:13:50 GMT", 30.0),
    ("Tue, 14 Nov 2023 22:13:50 +0000", 30.0),
    ("Tue, 14 Nov 2023 23:13:50 +0100", 30.0),  # an offset other than GMT
    ("Tuesday, 14-Nov-23 22:13:50 GMT", 30.0),  # RFC 850
    ("Tue Nov 14 22:13:50 2023", 30.0),  # asctime, no zone: GMT
    (f"{http_date(20)}, {http_date(20)}", 20.0),  # two dates merged
    ("", None),
    ("   ", None),
    ("soon", None),
    ("1e3", None),
    ("nan", None),
    ("inf", None),
    ("0x10", None),
    ("٣", None),  # a non-ASCII digit
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), RETRY_AFTER_FORMS)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    parsed = parse_retry_after(value, NOW)
    if expected is None:
        assert parsed is None
    else:
        assert parsed == pytest.approx(expected, abs=1e-6)


# (Retry-After value, the wait the policy asks for: clamped at 0 and capped at max_retry_after=60)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        ("-5", 0.0),
        (http_date(-100), 0.0),
        ("600", 60.0),
        (http_date(3600), 60.0),
        ("60", 60.0),
        ("59.5", 59.5),
    ],
)
def test_server_delay_is_clamped_and_capped(value: str, expected: float) -> None:
    policy = RetryPolicy()
    assert policy.server_delay(httpx.Headers({"Retry-After": value}), NOW) == pytest.approx(expected)


def test_rate_limit_reset_is_used_without_retry_after() -> None:
    headers = httpx.Headers({"X-RateLimit-Reset": str(int(NOW) + 12)})
    assert RetryPolicy().server_delay(headers, NOW) == pytest.approx(12.0)
    assert RetryPolicy().server_delay(httpx.Headers({"X-RateLimit-Reset": "garbage"}), NOW) is None


def test_unparseable_retry_after_falls_back_to_backoff() -> None:
    policy = RetryPolicy(jitter=0.0)
    delay = policy.retry_status(
        method="GET",
        status_code=429,
        headers=httpx.Headers({"Retry-After": "later"}),
        retries_done=0,
        now=NOW,
    )
    assert delay == 0.5


def test_backoff_is_exponential_bounded_and_jittered() -> None:
    policy = RetryPolicy(backoff_initial=0.5, backoff_max=4.0, jitter=0.0)
    assert [policy.backoff(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    low = RetryPolicy(backoff_initial=1.0, jitter=0.5, random=lambda: 0.999999)
    high = RetryPolicy(backoff_initial=1.0, jitter=0.5, random=lambda: 0.0)
    assert low.backoff(1) == pytest.approx(0.5, abs=1e-5)
    assert high.backoff(1) == 1.0


MAINTENANCE = {"X-Maintenance-Mode": "1"}
RETRY_3 = {"Retry-After": "3"}

# (method, status, headers, retried?)
STATUS_TABLE = [
    ("GET", 408, {}, True),
    ("GET", 429, {}, True),
    ("GET", 429, RETRY_3, True),
    ("GET", 500, {}, True),
    ("GET", 502, {}, True),
    ("GET", 503, {}, True),
    ("GET", 504, {}, True),
    ("GET", 503, MAINTENANCE, False),
    ("GET", 400, {}, False),
    ("GET", 401, {}, False),
    ("GET", 403, {}, False),
    ("GET", 404, {}, False),
    ("GET", 409, {}, False),
    ("GET", 422, {}, False),
    ("PUT", 429, RETRY_3, True),
    ("PUT", 500, {}, True),
    ("PUT", 503, MAINTENANCE, False),
    ("PUT", 400, {}, False),
    ("DELETE", 502, {}, True),
    ("DELETE", 408, {}, True),
    ("DELETE", 404, {}, False),
    ("POST", 408, {}, False),
    ("POST", 429, RETRY_3, False),
    ("POST", 500, {}, False),
    ("POST", 502, {}, False),
    ("POST", 503, {}, False),
    ("POST", 400, {}, False),
]

RATE_WINDOW = {"Retry-After": "3", "X-RateLimit-Reset": str(int(NOW) + 40), "X-RateLimit-Remaining": "17"}

# (status, headers, delay): Retry-After sets the wait of a 429 or 503 only; X-RateLimit-Reset
# that of a 429 only. Linode sends both on every response.
DELAY_TABLE = [
    (429, RETRY_3, 3.0),
    (429, RATE_WINDOW, 3.0),
    (429, {"X-RateLimit-Reset": str(int(NOW) + 40)}, 40.0),
    (503, RETRY_3, 3.0),
    (503, {"X-RateLimit-Reset": str(int(NOW) + 40)}, 0.5),
    (500, RATE_WINDOW, 0.5),
    (502, RATE_WINDOW, 0.5),
    (504, RETRY_3, 0.5),
    (408, RETRY_3, 0.5),
]


@pytest.mark.parametrize(("status", "headers", "expected"), DELAY_TABLE)
def test_which_statuses_honour_server_hints(status: int, headers: dict[str, str], expected: float) -> None:
    delay = RetryPolicy(jitter=0.0).retry_status(
        method="GET", status_code=status, headers=httpx.Headers(headers), retries_done=0, now=NOW
    )
    assert delay == expected


@pytest.mark.parametrize(("method", "status", "headers", "retried"), STATUS_TABLE)
def test_status_decisions(method: str, status: int, headers: dict[str, str], retried: bool) -> None:
    policy = RetryPolicy(jitter=0.0)
    delay = policy.retry_status(
        method=method, status_code=status, headers=httpx.Headers(headers), retries_done=0, now=NOW
    )
    assert (delay is not None) is retried
    if retried:
        assert delay == (3.0 if "Retry-After" in headers and status in (429, 503) else 0.5)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_retries_are_bounded(method: str) -> None:
    policy = RetryPolicy(max_retries=2, jitter=0.0)
    headers = httpx.Headers()
    assert (
        policy.retry_status(method=method, status_code=500, headers=headers, retries_done=1, now=NOW) == 1.0
    )
    assert (
        policy.retry_status(method=method, status_code=500, headers=headers, retries_done=2, now=NOW) is None
    )
    assert (
        RetryPolicy(max_retries=0).retry_status(
            method=method, status_code=500, headers=headers, retries_done=0, now=NOW
        )
        is None
    )


REQUEST = httpx.Request("POST", "https://api.linode.com/v4/images")

# (method, error, retried?)
ERROR_TABLE = [
    ("GET", httpx.ConnectError("refused", request=REQUEST), True),
    ("GET", httpx.ConnectTimeout("slow", request=REQUEST), True),
    ("GET", httpx.ReadTimeout("slow", request=REQUEST), True),
    ("GET", httpx.ReadError("reset", request=REQUEST), True),
    ("GET", httpx.RemoteProtocolError("closed", request=REQUEST), True),
    ("GET", httpx.PoolTimeout("pool", request=REQUEST), True),
    ("PUT", httpx.WriteError("broken pipe", request=REQUEST), True),
    ("DELETE", httpx.ReadTimeout("slow", request=REQUEST), True),
    ("GET", httpx.UnsupportedProtocol("ftp", request=REQUEST), False),
    ("GET", httpx.ProxyError("proxy", request=REQUEST), False),
    ("GET", ValueError("not a transport error"), False),
    # A POST is retried only when it never left this process.
    ("POST", httpx.ConnectError("refused", request=REQUEST), True),
    ("POST", httpx.ConnectTimeout("slow", request=REQUEST), True),
    ("POST", httpx.PoolTimeout("pool", request=REQUEST), True),
    ("POST", httpx.ReadTimeout("sent, no answer", request=REQUEST), False),
    ("POST", httpx.ReadError("reset after sending", request=REQUEST), False),
    ("POST", httpx.WriteError("half sent", request=REQUEST), False),
    ("POST", httpx.WriteTimeout("half sent", request=REQUEST), False),
    ("POST", httpx.RemoteProtocolError("closed", request=REQUEST), False),
]


@pytest.mark.parametrize(("method", "error", "retried"), ERROR_TABLE)
def test_error_decisions(method: str, error: Exception, retried: bool) -> None:
    delay = RetryPolicy(jitter=0.0).retry_error(method=method, error=error, retries_done=0)
    assert (delay is not None) is retried


@pytest.mark.parametrize(
    ("headers", "wait_enabled", "expected"),
    [
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 30)}, True, NOW + 30),
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 3000)}, True, NOW + 60),
        ({"X-RateLimit-Remaining": "0, 0", "X-RateLimit-Reset": str(int(NOW) + 5)}, True, NOW + 5),
        ({"X-RateLimit-Remaining": "3", "X-RateLimit-Reset": str(int(NOW) + 30)}, True, None),
        ({"X-RateLimit-Remaining": "0"}, True, None),
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 30)}, False, None),
        ({}, True, None),
    ],
)
def test_rate_limit_reset(headers: dict[str, str], wait_enabled: bool, expected: float | None) -> None:
    policy = RetryPolicy(wait_for_rate_limit_reset=wait_enabled)
    assert policy.rate_limit_reset(httpx.Headers(headers), NOW) == expected


def test_policy_validates_its_settings() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError):
        RetryPolicy(jitter=1.5)
