"""The REST API under ``/api``: answers run as jobs; the answer body is the article JSON contract."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sse_starlette.sse import EventSourceResponse

from medcite.domain import STAGES, ArticleRecord, ArticleStatus, Job, Role, User
from medcite.present.json_contract import to_json
from medcite.web.audits import MAX_AUDIT_CHARS, audit_body, run_audit, stored_audit
from medcite.web.deps import api_csrf, client_key, current_user, require, state
from medcite.web.errors import WebError
from medcite.web.listing import PUBLIC, can_read, hit_json, search_filters, source_json

router = APIRouter(prefix="/api", tags=["api"])


class AnswerRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["Is ketamine effective for anxiety?"])
    audience: Literal["clinician", "patient"] = "clinician"


class FollowupRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    audience: Literal["clinician", "patient"] | None = None


class AuditRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_AUDIT_CHARS)


def job_json(job: Job) -> dict[str, Any]:
    links = {"self": f"/api/jobs/{job.id}", "events": f"/api/jobs/{job.id}/events"}
    if job.result:
        links["answer"] = f"/api/answers/{job.result}"
        links["page"] = f"/articles/{job.result}"
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status.value,
        "stage": job.stage,
        "stages": list(STAGES),
        "message": job.message,
        "result": job.result,
        "question": job.params.get("question"),
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "links": links,
    }


def answer_json(rec: ArticleRecord) -> dict[str, Any]:
    """The article JSON contract, with the record's id, thread, version and review status (additive)."""
    return {
        **to_json(rec.article),
        "article_id": rec.id,
        "thread_id": rec.thread_id,
        "version": rec.version,
        "review_status": rec.status.value,
        "updated_at": rec.updated_at,
    }


def _submit(request: Request, question: str, audience: str, thread_id: str | None) -> JSONResponse:
    st = state(request)
    user = current_user(request)
    st.limits.hit("ask", f"ip:{client_key(request)}" if user is None else f"user:{user.id}")
    job = st.jobs.submit_answer(question, audience, thread_id=thread_id, owner=user.id if user else None)
    return JSONResponse(job_json(job), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.post("/answers", status_code=202, dependencies=[Depends(api_csrf)])
def create_answer(body: AnswerRequest, request: Request) -> JSONResponse:
    """Start an answer; returns the job (202). Rate limited per client."""
    return _submit(request, body.question, body.audience, None)


def _readable(request: Request, article_id: str) -> ArticleRecord:
    user = current_user(request)  # a bad token is refused before anything is looked up
    rec = state(request).engine.article(article_id)
    if not can_read(user, rec):
        raise WebError(403, "this article is not published")
    return rec


@router.get("/answers/{article_id}")
def get_answer(article_id: str, request: Request) -> dict[str, Any]:
    """The article: readers get the last approved version (``newer_version_pending`` says when a newer
    one waits for review), reviewers and up the newest."""
    shown = state(request).editorial.shown(_readable(request, article_id), current_user(request))
    return answer_json(shown.record) | {
        "approved_version": shown.newest.approved_version,
        "newer_version_pending": shown.pending_newer,
    }


@router.post("/answers/{article_id}/followups", status_code=202, dependencies=[Depends(api_csrf)])
def followup(article_id: str, body: FollowupRequest, request: Request) -> JSONResponse:
    """Ask a follow-up in the article's thread; returns the job (202)."""
    rec = _readable(request, article_id)
    if rec.thread_id is None:
        raise WebError(409, "this article has no thread to continue")
    return _submit(request, body.question, body.audience or rec.article.audience, rec.thread_id)


@router.get("/jobs/{job_id}")
def get_job(job_id: str, request: Request) -> dict[str, Any]:
    return job_json(state(request).jobs.get(job_id))


@router.get("/jobs/{job_id}/events")
async def job_events(job_id: str, request: Request) -> EventSourceResponse:
    """The job's progress as server-sent events (``progress``, then ``done`` or ``failed``)."""
    jobs = state(request).jobs
    first = await run_in_threadpool(jobs.get, job_id)  # 404 before the stream starts

    async def stream() -> AsyncIterator[dict[str, str]]:
        job, last = first, ""
        while True:
            data = json.dumps(job_json(job))
            if data != last:
                yield {"event": "progress", "data": data}
                last = data
            if job.finished:
                yield {"event": job.status.value, "data": data}
                return
            if await request.is_disconnected():
                return
            await asyncio.sleep(0.4)
            job = await run_in_threadpool(jobs.get, job_id)

    return EventSourceResponse(stream(), ping=15)


Page = Annotated[int, Query(ge=1, le=1000)]
PerPage = Annotated[int, Query(ge=1, le=100)]


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    page: Page = 1,
    per_page: PerPage = 10,
    since: Annotated[int | None, Query()] = None,
    until: Annotated[int | None, Query()] = None,
    design: Annotated[str | None, Query(max_length=200)] = None,
    human: bool = False,
) -> dict[str, Any]:
    """Search the sources (hybrid BM25 + dense). Paginated: ``page``, ``per_page``, ``has_more``."""
    filters = search_filters(since, until, [design] if design else [], human)
    hits = state(request).engine.search(q, k=page * per_page + 1, filters=filters)
    window = hits[(page - 1) * per_page : page * per_page]
    return {
        "items": [hit_json(h) for h in window],
        "page": page,
        "per_page": per_page,
        "has_more": len(hits) > page * per_page,
    }


@router.get("/sources/{pmid}")
def source(pmid: str, request: Request) -> dict[str, Any]:
    """A source: its metadata, abstract, passages and the (readable) articles citing it."""
    return source_json(state(request).engine, current_user(request), pmid)


@router.get("/articles")
def articles(request: Request, page: Page = 1, per_page: PerPage = 20) -> dict[str, Any]:
    """Articles, newest first: approved ones for everyone, all of them for clinicians and up."""
    user = current_user(request)
    statuses = None if user is not None and user.role.at_least(Role.CLINICIAN) else PUBLIC
    recs = state(request).engine.articles.recent(page * per_page + 1, statuses)
    window = recs[(page - 1) * per_page : page * per_page]
    items = [
        {
            "article_id": r.id,
            "question": r.article.question,
            "review_status": r.status.value,
            "updated_at": r.updated_at,
            "links": {"answer": f"/api/answers/{r.id}", "page": f"/articles/{r.id}"},
        }
        for r in window
    ]
    return {"items": items, "page": page, "per_page": per_page, "has_more": len(recs) > page * per_page}


@router.get("/review/queue")
def review_queue(request: Request, page: Page = 1, per_page: PerPage = 20) -> dict[str, Any]:
    """Articles waiting for a reviewer (reviewers, editors and admins only)."""
    require(request, Role.REVIEWER)
    waiting = [ArticleStatus.DRAFT, ArticleStatus.SUBMITTED, ArticleStatus.UNDER_REVIEW]
    recs = state(request).engine.articles.recent(page * per_page + 1, waiting)
    window = recs[(page - 1) * per_page : page * per_page]
    items = [
        {"article_id": r.id, "question": r.article.question, "review_status": r.status.value} for r in window
    ]
    return {"items": items, "page": page, "per_page": per_page, "has_more": len(recs) > page * per_page}


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=100)


@router.post("/tokens", status_code=201, dependencies=[Depends(api_csrf)])
def new_token(body: TokenRequest, request: Request) -> dict[str, str]:
    """A new API token for the signed-in user (shown once; only its hash is stored)."""
    user: User = require(request, Role.READER)
    return {"token": state(request).accounts.new_api_token(user, body.name), "name": body.name}


@router.post("/audits", status_code=201, dependencies=[Depends(api_csrf)])
def create_audit(body: AuditRequest, request: Request) -> JSONResponse:
    """Audit the citations of an article (text, Markdown or HTML with its reference list); returns the
    report (201): ``references``, ``statements``, ``summary``. Rate limited like a question."""
    audit_id = run_audit(request, body.text)
    report = audit_body(audit_id, stored_audit(request, audit_id))
    return JSONResponse(report, status_code=201, headers={"location": f"/api/audits/{audit_id}"})


@router.get("/audits/{audit_id}")
def get_audit(audit_id: str, request: Request) -> dict[str, Any]:
    """A stored audit report, by the id that ``POST /api/audits`` returned."""
    return audit_body(audit_id, stored_audit(request, audit_id))
