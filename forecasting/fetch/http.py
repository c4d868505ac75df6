"""Download a URL into an open file, retrying transient failures with exponential backoff.

Transient: connection errors, timeouts, a body shorter than its Content-Length, and HTTP 408,
425, 429, 500, 502, 503, 504. Anything else (404, 403, ...) fails at once. Every failure ends
as a `FetchError` (an `InputError` naming the URL), so the CLI prints one line, exit code 2.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import forecasting
from forecasting.errors import InputError

RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
CHUNK = 1 << 16


class FetchError(InputError):
    """A download that could not be completed or did not validate."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5            # tries in all
    backoff_s: float = 2.0       # wait after the first failure; doubles each time
    max_backoff_s: float = 60.0
    timeout_s: float = 60.0      # per connection/read

    def wait(self, failures: int) -> float:
        return min(self.backoff_s * 2 ** (failures - 1), self.max_backoff_s)


class _Transient(Exception):
    pass


def download(url: str, out: BinaryIO, policy: RetryPolicy | None = None, *,
             on_retry: Callable[[int, float, str], None] | None = None,
             sleep: Callable[[float], None] = time.sleep) -> tuple[int, int]:
    """Write the body of `url` to `out` (truncated before each try). Returns (bytes, tries)."""
    policy = policy or RetryPolicy()
    if not url.startswith(("http://", "https://")):
        raise FetchError(url, "only http:// and https:// URLs can be fetched")
    last = ""
    for attempt in range(1, max(policy.attempts, 1) + 1):
        out.seek(0)
        out.truncate()
        try:
            return _get(url, out, policy.timeout_s), attempt
        except _Transient as exc:
            last = str(exc)
        if attempt < policy.attempts:
            delay = policy.wait(attempt)
            if on_retry is not None:
                on_retry(attempt, delay, last)
            sleep(delay)
    raise FetchError(url, f"gave up after {policy.attempts} tries: {last}")


def _get(url: str, out: BinaryIO, timeout: float) -> int:
    request = urllib.request.Request(
        url, headers={"User-Agent": f"dcload/{forecasting.__version__} (data fetch)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            expected = response.headers.get("Content-Length")
            size = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                size += len(chunk)
    except urllib.error.HTTPError as exc:
        if exc.code in RETRY_STATUS:
            raise _Transient(f"HTTP {exc.code} {exc.reason}") from None
        raise FetchError(url, f"HTTP {exc.code} {exc.reason}") from None
    except http.client.IncompleteRead as exc:
        raise _Transient(f"truncated download ({len(exc.partial)} bytes then the connection "
                         "closed)") from None
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError,
            TimeoutError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise _Transient(f"{type(exc).__name__}: {reason}") from None
    if expected is not None and expected.isdigit() and int(expected) != size:
        raise _Transient(f"truncated download ({size} of {expected} bytes)")
    out.flush()
    return size
