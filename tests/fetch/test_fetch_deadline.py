"""`dcload data fetch` against a server that trickles (found by fuzzing: one byte every 0.5 s
with `--timeout 2` never trips the per-read timeout and ran for over a minute). Each try must
finish within 10 times `--timeout`: past it the try fails, and with no retries left the fetch
is one line naming the URL, exit 2, the last good copy kept."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.fetch.conftest import fixture_bytes
from tests.refresh.conftest import run_dcload

ANNUAL = "EIA_MER_T07.06_electricity_end_use.csv"


@pytest.fixture
def trickle() -> Iterator[str]:
    """A server writing one byte every 0.02 s: of the body (`/body`, after headers announcing
    100 kB) or of the headers themselves (`/headers`)."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            try:
                if self.path == "/headers":
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                else:
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                while not stop.wait(0.02):
                    self.wfile.write(b"X" if self.path == "/headers" else b"1")
                    self.wfile.flush()
            except OSError:  # the client gave up
                pass

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_trickling_server_fails_at_the_deadline_keeping_the_last_good_copy(trickle, path,
                                                                             tmp_path: Path):
    dest = tmp_path / "downloads"
    dest.mkdir()
    good = dest / ANNUAL
    good.write_bytes(fixture_bytes("EIA_MER_T07.06.csv"))
    url = trickle + path
    start = time.perf_counter()
    done = run_dcload("data", "fetch", "eia-annual", "--url", url, "--dest", str(dest),
                      "--timeout", "1", "--retries", "0", "-q", timeout=60)
    took = time.perf_counter() - start
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {url}: gave up after 1 try: not finished within "
                                  "10 s (10 times the 1 s timeout; "), done.stderr
    assert done.stderr.endswith(f"; kept the last good copy {good}\n")
    assert len(done.stderr.splitlines()) == 1
    # each read waits 0.02 s, 50 times under the per-read timeout even on a loaded machine
    assert 10 <= took < 30
    assert good.read_bytes() == fixture_bytes("EIA_MER_T07.06.csv")
    assert sorted(p.name for p in dest.iterdir()) == [ANNUAL]  # no temp file left


def test_timeout_help_states_the_deadline():
    done = run_dcload("data", "fetch", "--help", env={"COLUMNS": "200"})
    assert done.returncode == 0
    assert "each try must also finish within 10 times this" in " ".join(done.stdout.split())
