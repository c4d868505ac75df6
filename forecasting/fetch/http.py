"""Download a URL into an open file, retrying transient failures with exponential backoff.

Transient: connection errors, timeouts, a body shorter than its Content-Length, a try past its
deadline, and HTTP 408, 425, 429, 500, 502, 503, 504. Anything else (404, 403, ...) fails at
once. Every failure ends as a `FetchError` (an `InputError` naming the URL), so the CLI prints
one line, exit code 2.

`timeout_s` bounds each connection and each read; a server that sends a byte now and then
never trips it, so each try also has an overall deadline of `DEADLINE_FACTOR` times the
timeout (`RetryPolicy.deadline_s`): a watchdog shuts the socket down when it passes, whether
the headers or the body are still coming.
"""

from __future__ import annotations

import functools
import http.client
import socket
import threading
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
#: each try must finish within this many times the per-connection/read timeout
DEADLINE_FACTOR = 10


class FetchError(InputError):
    """A download that could not be completed or did not validate."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5            # tries in all
    backoff_s: float = 2.0       # wait after the first failure; doubles each time
    max_backoff_s: float = 60.0
    timeout_s: float = 60.0      # per connection/read

    @property
    def deadline_s(self) -> float:
        """The most one try may take in all: `DEADLINE_FACTOR` times `timeout_s`."""
        return DEADLINE_FACTOR * self.timeout_s

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
    tries = max(policy.attempts, 1)
    for attempt in range(1, max(policy.attempts, 1) + 1):
        out.seek(0)
        out.truncate()
        try:
            return _get(url, out, policy.timeout_s, policy.deadline_s), attempt
        except _Transient as exc:
            last = str(exc)
        if attempt < policy.attempts:
            delay = policy.wait(attempt)
            if on_retry is not None:
                on_retry(attempt, delay, last)
            sleep(delay)
    raise FetchError(url, f"gave up after {tries} {'try' if tries == 1 else 'tries'}: {last}")


class _Deadline:
    """Shuts down the sockets of one try when its deadline passes (a daemon timer), unless the
    try finished first; `expired` says whether it fired."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._done = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
        self._timer.cancel()

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket | None) -> None:
    """End every blocked or later read on `sock` (plain socket shutdown, under TLS too)."""
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _Watched:
    """A connection whose socket the deadline can shut down (mixed into http.client's)."""

    def __init__(self, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.attach(self.sock)


class _WatchedHTTPConnection(_Watched, http.client.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, http.client.HTTPSConnection):
    pass


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req):
        return self.do_open(functools.partial(_WatchedHTTPConnection, deadline=self._deadline),
                            req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req):
        return self.do_open(functools.partial(_WatchedHTTPSConnection, deadline=self._deadline),
                            req, context=self._context)


def _get(url: str, out: BinaryIO, timeout: float, deadline_s: float) -> int:
    with _Deadline(deadline_s) as deadline:
        try:
            size = _get_within(url, out, timeout, deadline)
        except (_Transient, FetchError, OSError, ValueError, http.client.HTTPException):
            if not deadline.expired:
                raise
            size = None
    if deadline.expired:
        got = out.tell()
        raise _Transient(f"not finished within {deadline_s:g} s ({DEADLINE_FACTOR} times the "
                         f"{timeout:g} s timeout; {got} byte(s) received)")
    return size


def _get_within(url: str, out: BinaryIO, timeout: float, deadline: _Deadline) -> int:
    opener = urllib.request.build_opener(_WatchedHTTPHandler(deadline),
                                         _WatchedHTTPSHandler(deadline))
    request = urllib.request.Request(
        url, headers={"User-Agent": f"dcload/{forecasting.__version__} (data fetch)"})
    try:
        with opener.open(request, timeout=timeout) as response:
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
