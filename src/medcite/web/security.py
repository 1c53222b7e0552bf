"""Security at the edge: response headers (CSP without inline script, frame-ancestors), a request size
limit (413), CSRF tokens (double submit: a cookie and the same value in the form or a header), and rate
limits (the ``limits`` library: in memory, or on Redis when the job queue uses it)."""

from __future__ import annotations

import hmac
import json
import secrets
import time
from typing import Any

from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from medcite.web.errors import WebError, error_body

CSRF_COOKIE = "mc_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI styles some elements inline; its scripts still come from this server only.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI: streaming responses keep streaming)."""

    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        self.app, self.hsts = app, hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = str(scope.get("path", "")).startswith("/docs")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                extra = {**HEADERS, "content-security-policy": DOCS_CSP if docs else CSP}
                if self.hsts:
                    extra["strict-transport-security"] = "max-age=31536000"
                headers += [(k.encode(), v.encode()) for k, v in extra.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Answers 413 (in the one error shape) for a request body over ``max_bytes``: by its
    Content-Length before reading, or while reading a body sent without one."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(send)
            return
        seen = 0
        started = answered = False

        async def limited() -> Message:
            nonlocal seen, answered
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not answered:
                    answered = True  # answer 413 now; the app then sees the client gone
                    if not started:
                        await self._too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if answered:
                return  # the 413 went out; whatever the app answers to the disconnect is dropped
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited, tracking)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(error_body(413, f"the request is larger than {self.max_bytes} bytes")).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def check_csrf(cookie: str | None, sent: str | None) -> None:
    """403 unless the token sent with the form (or header) equals the CSRF cookie."""
    if not cookie or not sent or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise WebError(403, "the form's CSRF token is missing or wrong: reload the page and try again")


class RateLimits:
    """Moving-window limits per key (``limits``): in memory, or shared on Redis."""

    def __init__(self, redis_url: str | None, rules: dict[str, str], prefix: str = "medcite") -> None:
        storage: Any = storage_from_string(redis_url, key_prefix=prefix) if redis_url else MemoryStorage()
        self._limiter = MovingWindowRateLimiter(storage)
        self._rules = {name: parse(rule) for name, rule in rules.items()}

    def hit(self, rule: str, *keys: str) -> None:
        """Count one attempt for each key; 429 (with Retry-After) when any is over its limit."""
        item = self._rules[rule]
        for key in keys:
            if not self._limiter.hit(item, rule, key):
                reset = self._limiter.get_window_stats(item, rule, key).reset_time

                wait = max(1, int(reset - time.time()))
                raise WebError(
                    429, f"too many attempts: try again in {wait} s", headers={"retry-after": str(wait)}
                )
