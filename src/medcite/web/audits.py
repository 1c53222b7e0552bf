"""The citation audit on the web: ``POST /api/audits`` and ``GET /api/audits/{id}`` (called from
:mod:`medcite.web.api`), and the paste page (``/audit``) with the report page (``/audits/{id}``).

An audit runs at once (in the request's worker thread) and is kept as a finished job of kind ``audit``
(no table of its own): its parameters hold the JSON report and the report's HTML fragment, rendered by
:func:`medcite.present.audit.report_html` (every text escaped there).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from medcite.domain import JobStatus
from medcite.errors import InputError, NotFoundError
from medcite.present.audit import audit_json, report_html
from medcite.web.deps import client_key, csrf_form, csrf_token, current_user, state
from medcite.web.errors import WebError

MAX_AUDIT_CHARS = 200_000
KIND = "audit"
router = APIRouter(include_in_schema=False)


def run_audit(request: Request, text: str) -> str:
    """Audit ``text`` (rate limited like a question), store the report, return its id."""
    st = state(request)
    user = current_user(request)
    st.limits.hit("ask", f"ip:{client_key(request)}" if user is None else f"user:{user.id}")
    if len(text) > MAX_AUDIT_CHARS:
        raise InputError(f"the article is {len(text):,} characters; the limit is {MAX_AUDIT_CHARS:,}")
    report = st.engine.audit(text, online=False)
    params: dict[str, object] = {"report": audit_json(report), "html": report_html(report)}
    job = st.engine.jobs.create(KIND, params, user.id if user else None)
    st.engine.jobs.update(job.id, status=JobStatus.DONE, message=report.summary, result=job.id)
    return job.id


def stored_audit(request: Request, audit_id: str) -> dict[str, Any]:
    try:
        job = state(request).engine.jobs.get(audit_id)
    except NotFoundError:
        job = None
    if job is None or job.kind != KIND or "report" not in job.params:
        raise WebError(404, f"no audit {audit_id}")
    return job.params


def audit_body(audit_id: str, params: dict[str, Any]) -> dict[str, Any]:
    links = {"self": f"/api/audits/{audit_id}", "page": f"/audits/{audit_id}"}
    report: dict[str, Any] = params["report"]
    return {"id": audit_id, **report, "links": links}


@router.get("/audit", response_class=HTMLResponse)
def paste_page(request: Request) -> HTMLResponse:
    return _render(request, "audit.html", text="", error=None)


@router.post("/audit", dependencies=[Depends(csrf_form)])
def paste(request: Request, text: Annotated[str, Form(max_length=MAX_AUDIT_CHARS)]) -> Response:
    try:
        audit_id = run_audit(request, text)
    except InputError as exc:
        return _render(request, "audit.html", status=422, text=text, error=str(exc))
    return RedirectResponse(f"/audits/{audit_id}", status_code=303)


@router.get("/audits/{audit_id}", response_class=HTMLResponse)
def report_page(request: Request, audit_id: str) -> HTMLResponse:
    params = stored_audit(request, audit_id)
    # the fragment was rendered by present.audit.report_html, which escapes every text it holds
    fragment = Markup(params.get("html", ""))
    return _render(
        request, "audit_report.html", audit_id=audit_id, report=params["report"], fragment=fragment
    )


def _render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx |= {"csrf": csrf_token(request), "user": current_user(request)}
    return state(request).templates.TemplateResponse(request, name, ctx, status_code=status)
