"""The app factory: :func:`create_app` builds the FastAPI app over an engine (``open_engine`` by default)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from medcite.bootstrap import open_engine, open_job_queue
from medcite.config import Settings, WebSettings
from medcite.domain import Role
from medcite.domain.article import left_out
from medcite.ports import JobQueue
from medcite.present.common import CERTAINTY_INTRO, SOF_COLUMNS, sof_cells
from medcite.services.accounts import AccountService
from medcite.services.editorial import EditorialService
from medcite.services.engine import Engine
from medcite.services.feedback import FeedbackService
from medcite.services.jobs import JobService
from medcite.services.notify import Notifier
from medcite.web import api, docs, errors, feedback_api, feedback_pages, pages, review_api, review_pages
from medcite.web.deps import AppState, csrf_token
from medcite.web.security import CSRF_COOKIE, BodyLimit, RateLimits, SecurityHeaders

HERE = Path(__file__).parent
DESCRIPTION = (
    "Cited, machine-verified answers from the biomedical literature. Answers run as jobs: "
    "`POST /api/answers` returns a job; follow it at `/api/jobs/{id}` (or its server-sent events) until "
    "it is done, then read the article at `/api/answers/{id}` (the article JSON contract). Every error "
    'has one shape: `{"error": {"status", "code", "message", "details"}}`.'
)


def create_app(settings: Settings, *, engine: Engine | None = None, queue: JobQueue | None = None) -> FastAPI:
    """The web app and REST API. Without ``engine`` it opens one from ``settings`` (migrating the
    database); without ``queue`` jobs run on Redis when ``MEDCITE_REDIS_URL`` is set, else in-process."""
    owned = engine is None
    eng = engine if engine is not None else open_engine(settings)
    jobs_queue = queue if queue is not None else open_job_queue(eng, settings)
    web = settings.web

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs_queue.close()
        if owned:
            eng.close()

    app = FastAPI(
        title="medcite",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)  # every page escaped
    templates = Jinja2Templates(env=env)
    templates.env.globals["Role"] = Role
    templates.env.globals["sof_cells"] = sof_cells
    templates.env.globals["SOF_COLUMNS"] = SOF_COLUMNS
    templates.env.globals["CERTAINTY_INTRO"] = CERTAINTY_INTRO
    templates.env.globals["left_out"] = left_out  # the one wording of the note in every format
    rules = {"ask": web.rate_ask, "login": web.rate_login, "comment": web.rate_comment}
    limits = RateLimits(web.redis_url, rules, prefix=f"{web.redis_queue}-limits")
    jobs = JobService(eng.jobs, jobs_queue, web.job_stale_after_s)
    editorial, feedback = editorial_services(eng, jobs, web)
    app.state.medcite = AppState(
        engine=eng,
        jobs=jobs,
        accounts=AccountService(eng.users),
        limits=limits,
        templates=templates,
        cookie_secure=web.cookie_secure,
        editorial=editorial,
        feedback=feedback,
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    docs.mount(app)
    app.include_router(review_api.router)
    app.include_router(feedback_api.router)
    app.include_router(api.router)
    app.include_router(review_pages.router)
    app.include_router(feedback_pages.router)
    app.include_router(pages.router)
    errors.install(app, _renderer(templates))
    app.add_middleware(CsrfCookie, secure=web.cookie_secure)
    app.add_middleware(BodyLimit, max_bytes=web.max_body_bytes)
    app.add_middleware(SecurityHeaders, hsts=web.cookie_secure)
    return app


def editorial_services(
    eng: Engine, jobs: JobService, web: WebSettings
) -> tuple[EditorialService, FeedbackService]:
    """The review workflow and reader feedback over the engine's stores; email goes out in a job."""
    editorial = eng.editorial_service()
    mail = web.smtp_host is not None
    notifier = Notifier(
        eng.feedback, web.public_url.rstrip("/"), mail, lambda: None if not mail else _kick(jobs)
    )
    feedback = FeedbackService(
        editorial, eng.feedback, eng.editorial, notifier, web.comment_edit_window_s, web.comment_max_links
    )
    return editorial, feedback


def _kick(jobs: JobService) -> None:
    jobs.submit_notify()


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/openapi", "/static/", "/docs")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _renderer(templates: Jinja2Templates) -> errors.Render:
    def render(request: Request, status: int, body: dict[str, Any], headers: dict[str, str]) -> Response:
        if _wants_html(request):
            ctx = {"error": body["error"], "csrf": csrf_token(request), "user": None}
            return templates.TemplateResponse(request, "error.html", ctx, status_code=status, headers=headers)
        return JSONResponse(body, status_code=status, headers=headers)

    return render


class CsrfCookie:
    """Give a browser a CSRF cookie (the token its forms carry) when a page made one for it (pure ASGI)."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app, self.secure = app, secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)

        async def with_cookie(message: Message) -> None:
            token = scope.get("state", {}).get("csrf")
            if (
                message["type"] == "http.response.start"
                and token
                and request.cookies.get(CSRF_COOKIE) != token
            ):
                cookie = Response()
                cookie.set_cookie(CSRF_COOKIE, token, httponly=True, secure=self.secure, samesite="strict")
                set_cookie = [h for h in cookie.raw_headers if h[0] == b"set-cookie"]
                message["headers"] = [*message.get("headers", []), *set_cookie]
            await send(message)

        await self.app(scope, receive, with_cookie)
