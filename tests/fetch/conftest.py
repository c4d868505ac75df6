"""A scripted HTTP server on 127.0.0.1 (random port, daemon thread) serving fixture files.

Each request takes the next response of the path's script; when a script runs out the server
answers 500 (and the test sees the extra request in `server.requests`), so a test never hangs
or loops on a retrying client. Response kinds: `(status, body)`, or `("truncate", body)`:
Content-Length of the whole body, but only the first half is sent before the connection is
closed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).with_name("fixtures")
MAX_REQUESTS = 50


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class ScriptedServer:
    def __init__(self) -> None:
        self.scripts: dict[str, list[tuple[object, bytes]]] = {}
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                outer.requests.append(self.path)
                script = outer.scripts.get(self.path, [])
                if not script or len(outer.requests) > MAX_REQUESTS:
                    kind, body = 500, b"script exhausted"
                else:
                    kind, body = script.pop(0)
                if kind == "truncate":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/csv")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.send_response(int(kind))
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, path: str, *responses: tuple[object, bytes]) -> str:
        self.scripts[path] = list(responses)
        return self.base_url + path


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    srv = ScriptedServer()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()
        srv.thread.join(timeout=5)
