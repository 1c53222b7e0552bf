"""The server-rendered pages (Jinja2, autoescaped): ask, progress, article, search, source, policy, about,
sign-in and the review queue. Every form carries the CSRF token; every POST checks it."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from medcite.domain import STAGES, ArticleRecord, Design
from medcite.present.citations import to_bibtex, to_csl_json, to_ris
from medcite.present.markdown import to_markdown
from medcite.web.accounts_pages import router as accounts_router
from medcite.web.api import job_json
from medcite.web.audits import router as audits_router
from medcite.web.deps import (
    AUDIENCE_COOKIE,
    client_key,
    csrf_form,
    csrf_token,
    current_user,
    state,
)
from medcite.web.editorial_view import editorial_context
from medcite.web.errors import WebError
from medcite.web.listing import PUBLIC, can_read, listed, search_filters, source_json
from medcite.web.views import article_view

router = APIRouter(include_in_schema=False)
router.include_router(accounts_router)
router.include_router(audits_router)

#: "Which best describes you?": the choice, its label, and the article audience it reads
AUDIENCES: dict[str, tuple[str, str]] = {
    "physician": ("Physician", "clinician"),
    "nurse_pharmacist": ("Nurse or pharmacist", "clinician"),
    "student": ("Student", "clinician"),
    "patient": ("Patient or caregiver", "patient"),
}
DESIGNS = tuple(d.value for d in Design)
Text = Annotated[str, Form(max_length=2000)]
CSRF = [Depends(csrf_form)]


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    who = request.cookies.get(AUDIENCE_COOKIE, "physician")
    ctx |= {
        "csrf": csrf_token(request),
        "user": current_user(request),
        "who": who if who in AUDIENCES else "physician",
        "audiences": AUDIENCES,
    }
    return state(request).templates.TemplateResponse(request, name, ctx, status_code=status)


def audience_of(request: Request) -> str:
    return AUDIENCES.get(request.cookies.get(AUDIENCE_COOKIE, ""), AUDIENCES["physician"])[1]


def local(path: str) -> str:
    """A redirect target on this site only."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


@router.get("/", response_class=HTMLResponse)
def ask_page(request: Request) -> HTMLResponse:
    user = current_user(request)
    recent = listed(user, state(request).engine.articles.recent(30))[:10]
    approved = state(request).engine.articles.recent(10, PUBLIC)
    return render(request, "ask.html", recent=recent, approved=approved)


@router.post("/ask", dependencies=CSRF)
def ask(request: Request, question: Text, thread_id: Annotated[str, Form()] = "") -> Response:
    return _ask(request, question, thread_id)


def _ask(request: Request, question: str, thread_id: str) -> Response:
    st = state(request)
    user = current_user(request)
    st.limits.hit("ask", f"ip:{client_key(request)}" if user is None else f"user:{user.id}")
    if thread_id:
        st.engine.articles.thread(thread_id)  # 404 for an unknown thread
    owner = user.id if user else None
    job = st.jobs.submit_answer(question, audience_of(request), thread_id=thread_id or None, owner=owner)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/audience", dependencies=CSRF)
def set_audience(
    request: Request, who: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    if who not in AUDIENCES:
        raise WebError(422, f"unknown audience {who!r}")
    response = RedirectResponse(local(next), status_code=303)
    secure = state(request).cookie_secure
    response.set_cookie(
        AUDIENCE_COOKIE, who, max_age=365 * 86400, httponly=True, secure=secure, samesite="lax"
    )
    return response


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request) -> Response:
    job = state(request).jobs.get(job_id)
    if job.result:
        return RedirectResponse(f"/articles/{job.result}", status_code=303)
    at = STAGES.index(job.stage) if job.stage in STAGES else -1
    return render(request, "job.html", job=job, data=job_json(job), at=at)


def _article(request: Request, article_id: str) -> ArticleRecord:
    user = current_user(request)  # a bad token is refused before anything is looked up
    rec = state(request).engine.article(article_id)
    if not can_read(user, rec):
        raise WebError(403, "this article is not published")
    return rec


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request) -> HTMLResponse:
    # the stable version, or the newest for reviewers
    rec, extra = editorial_context(request, _article(request, article_id))
    engine = state(request).engine
    article = engine.for_audience(rec.article, audience_of(request))
    sources = engine.store.get_sources([r.key for r in article.references])
    thread = engine.articles.thread(rec.thread_id) if rec.thread_id else [rec]
    view = article_view(rec, article, sources)
    return render(request, "article.html", v=view, a=article, thread=thread, **extra)


EXPORTS = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "ris": ("application/x-research-info-systems", "ris"),
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "csl": ("application/vnd.citationstyles.csl+json", "csl.json"),
}


@router.get("/articles/{article_id}/export/{fmt}")
def export(article_id: str, fmt: str, request: Request) -> Response:
    if fmt not in EXPORTS:
        raise WebError(404, f"no export format {fmt!r}: use md, ris, bib or csl")
    rec = _article(request, article_id)
    a = state(request).engine.for_audience(rec.article, audience_of(request))
    text = (
        to_markdown(a)
        if fmt == "md"
        else {"ris": to_ris, "bib": to_bibtex, "csl": to_csl_json}[fmt](a.references)
    )
    media, ext = EXPORTS[fmt]
    headers = {"content-disposition": f'attachment; filename="medcite-{rec.id[:8]}.{ext}"'}
    return PlainTextResponse(text, media_type=media, headers=headers)


@router.post("/articles/{article_id}/followup", dependencies=CSRF)
def followup(article_id: str, request: Request, question: Text) -> Response:
    rec = _article(request, article_id)
    if rec.thread_id is None:
        raise WebError(409, "this article has no thread to continue")
    return _ask(request, question, rec.thread_id)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    since: Annotated[int | None, Query()] = None,
    until: Annotated[int | None, Query()] = None,
    design: Annotated[list[str] | None, Query()] = None,
    human: bool = False,
    page: Annotated[int, Query(ge=1, le=100)] = 1,
) -> HTMLResponse:
    hits: list[Any] = []
    if q.strip():
        filters = search_filters(since, until, design or [], human)
        hits = state(request).engine.search(q, k=page * 10 + 1, filters=filters)
    form = {"q": q, "since": since or "", "until": until or "", "design": design or [], "human": human}
    more = len(hits) > page * 10
    return render(
        request,
        "search.html",
        hits=hits[(page - 1) * 10 : page * 10],
        form=form,
        designs=DESIGNS,
        prev_url=_page_url(request, page - 1) if page > 1 else "",
        next_url=_page_url(request, page + 1) if more else "",
    )


def _page_url(request: Request, page: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return "/search?" + urlencode([*params, ("page", str(page))])


@router.get("/sources/{pmid}", response_class=HTMLResponse)
def source_page(pmid: str, request: Request) -> HTMLResponse:
    return render(request, "source.html", s=source_json(state(request).engine, current_user(request), pmid))


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> HTMLResponse:
    return render(request, "about.html")
