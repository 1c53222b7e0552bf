"""A real HTTP server on 127.0.0.1 speaking the OpenAI ``/v1/chat/completions`` protocol: a test double.

It does not run a language model. It answers honestly-mechanically: it copies the first evidence
sentences of the prompt back as bullets citing their ids, and, when asked to (``inject``), adds
sentences that the evidence does not support, so that tests can check they are dropped.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_EVIDENCE = re.compile(r"^\[(\d+)\] \([^)]*\) (.+)$", re.M)
_HEADING = re.compile(r"^## (.+)$", re.M)


@dataclass
class FakeLLMServer:
    copy: int = 4
    inject: list[str] = field(default_factory=list)  # lines to add verbatim (e.g. an unsupported claim)
    status: int = 200
    requests: list[dict[str, Any]] = field(default_factory=list)
    auth: list[str | None] = field(default_factory=list)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def reply_for(self, prompt: str) -> str:
        headings = _HEADING.findall(prompt)
        lines = [f"## {headings[0]}" if headings else "## Efficacy"]
        for n, sentence in _EVIDENCE.findall(prompt)[: self.copy]:
            lines.append(f"- {sentence} [{n}]")
        lines += self.inject
        return "\n".join(lines)

    def start(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                owner.requests.append(body)
                owner.auth.append(self.headers.get("Authorization"))
                if self.path != "/v1/chat/completions":
                    self._send(404, {"error": {"message": "not found"}})
                    return
                if owner.status != 200:
                    self._send(owner.status, {"error": {"message": "scripted failure"}})
                    return
                user = next((m["content"] for m in body["messages"] if m["role"] == "user"), "")
                self._send(
                    200,
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "model": body.get("model", "test"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": owner.reply_for(user)},
                            }
                        ],
                    },
                )

            def _send(self, code: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
