"""A local E-utilities server for tests: serves the real response files from the shared data.

Only status codes (503/429) are made up; every body is a real E-utilities response file. ``drip_s`` makes
the server send its whole response (status line and headers too) one byte every ``drip_s`` seconds, like
a stalled proxy: each read gets a byte long before a per-read timeout. ``times`` records when each request
arrived (``time.monotonic()``, shared by the processes of one machine).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class FakePubmed:
    """State of the local server: which files to serve, which failures to inject, what it received."""

    esearch: Path
    efetch: list[Path]
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    requests: list[tuple[str, str, dict[str, list[str]]]] = field(default_factory=list)
    fetch_count: int = 0
    url: str = ""
    drip_s: float | None = None
    times: list[float] = field(default_factory=list)
    closing: threading.Event = field(default_factory=threading.Event)


def _handler(state: FakePubmed) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            params = parse_qs(parts.query)
            if method == "POST":
                length = int(self.headers.get("Content-Length", "0"))
                params.update(parse_qs(self.rfile.read(length).decode()))
            state.requests.append((method, parts.path, params))
            state.times.append(time.monotonic())
            if state.failures:
                status, headers = state.failures.pop(0)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if parts.path.endswith("esearch.fcgi"):
                body = state.esearch.read_bytes()
            else:
                body = state.efetch[state.fetch_count % len(state.efetch)].read_bytes()
                state.fetch_count += 1
            if state.drip_s is not None:
                self._drip(body, state.drip_s)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _drip(self, body: bytes, every_s: float) -> None:
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {len(body)}\r\n\r\n"
            for byte in head.encode() + body:
                if state.closing.wait(every_s):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the client gave up
                    return

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

    return Handler


@contextmanager
def serve(state: FakePubmed) -> Iterator[FakePubmed]:
    """Run the server on an ephemeral 127.0.0.1 port; ``state.url`` is its E-utilities base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.closing.set()
        server.shutdown()
        server.server_close()
        thread.join()
