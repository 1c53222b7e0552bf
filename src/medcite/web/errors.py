"""One error shape for every error the web app answers with, API and pages alike (pages render it).

::

    {"error": {"status": 404, "code": "not_found", "message": "no article with id 'x'", "details": []}}

``code`` is stable and machine-readable; ``message`` is for people; ``details`` lists the fields of a
request that failed validation (``{"field": "body.question", "problem": "..."}``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from medcite.errors import (
    ConfigError,
    ConflictError,
    EmptyEvidenceError,
    ForbiddenError,
    InputError,
    MedciteError,
    NotFoundError,
)

log = logging.getLogger("medcite.web")
Render = Callable[[Request, int, dict[str, Any], dict[str, str]], Response]

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}


class WebError(Exception):
    """An error with its HTTP status, raised by the web layer (permissions, CSRF, rate limits)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def error_body(status: int, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    code = CODES.get(status, "error")
    return {"error": {"status": status, "code": code, "message": message, "details": details or []}}


def status_of(exc: MedciteError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, ForbiddenError):
        return 403
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, EmptyEvidenceError):
        return 409
    if isinstance(exc, ConfigError):
        return 500
    return 503  # store, index, model, network: the service cannot do it now


def install(app: FastAPI, render: Render) -> None:
    """Register the handlers; ``render(request, status, body, headers)`` answers with JSON or a page."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail) if exc.detail else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return render(request, exc.status_code, error_body(exc.status_code, message), dict(exc.headers or {}))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = [
            {"field": ".".join(str(x) for x in e.get("loc", ())), "problem": str(e.get("msg", ""))}
            for e in exc.errors()[:10]
        ]
        return render(request, 422, error_body(422, "the request is not valid", details), {})

    async def web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        return render(request, exc.status, error_body(exc.status, exc.message), exc.headers)

    async def medcite_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MedciteError)
        status = status_of(exc)
        details = conflict_details(exc) if isinstance(exc, ConflictError) else None
        return render(request, status, error_body(status, str(exc), details), {})

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return render(request, 500, error_body(500, "internal error: the server could not answer"), {})

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(MedciteError, medcite_error)
    app.add_exception_handler(Exception, internal_error)


def conflict_details(exc: ConflictError) -> list[dict[str, str]]:
    """What a conflicting save keeps for its author: their text, and the newest version to merge into."""
    detail = {"field": "body", "problem": "not saved: another save came first", "yours": exc.yours}
    if exc.current_version is not None:
        detail["current_version"] = str(exc.current_version)
    if exc.theirs:
        detail["theirs"] = exc.theirs
    return [detail]


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)
