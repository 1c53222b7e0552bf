"""The reviewer's pages: the queue (filtered by status, topic and age), the review page of one article
(claim by claim, with the machine verdicts, reader feedback, edit and citation forms, status actions),
diffs between versions, the audit log (editors), the reviewer profile and the editorial policy."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medcite.domain import ArticleStatus, Role
from medcite.domain.editorial import ReviewerProfile
from medcite.domain.review import TRANSITIONS, Action, allowed
from medcite.errors import ConflictError, InputError
from medcite.present.safe_markdown import markdown_html
from medcite.services.editorial import claims_of
from medcite.web.deps import require, state
from medcite.web.editorial_view import approval_view
from medcite.web.pages import CSRF, render
from medcite.web.review_api import queue, queue_regeneration

router = APIRouter(include_in_schema=False)
Short = Annotated[str, Form(max_length=4000)]
DECISION_LABELS = {
    "confirm": "Confirm",
    "wrong": "Mark wrong",
    "better_source": "Needs a better source",
    "comment": "Comment",
}


@router.get("/review", response_class=HTMLResponse)
def review_queue(
    request: Request,
    status: Annotated[str, Query(max_length=32)] = "",
    topic: Annotated[str, Query(max_length=200)] = "",
    age: Annotated[str, Query(max_length=6)] = "",
) -> HTMLResponse:
    require(request, Role.REVIEWER)
    chosen = ArticleStatus(status) if status in {s.value for s in ArticleStatus} else None
    days = int(age) if age.isdigit() else None
    items = queue(request, chosen, topic, days)
    form = {"status": status, "topic": topic, "age": age}
    return render(request, "review.html", items=items, form=form, statuses=[s.value for s in ArticleStatus])


def review_page(
    request: Request,
    article_id: str,
    status: int = 200,
    conflict: dict[str, str] | None = None,
    cite: tuple[str, str] = ("", ""),
) -> HTMLResponse:
    user = require(request, Role.REVIEWER)
    st = state(request)
    rec = st.engine.article(article_id)
    cite_for, q = cite
    hits = st.engine.search(q, k=8) if cite_for and q.strip() else []
    placed = st.feedback.placed(rec, None)
    claims = claims_of(rec.article)
    return render(
        request,
        "review_article.html",
        status=status,
        rec=rec,
        claims=claims,
        actions=allowed(rec.status, user, rec.author_id),
        feedback=placed,
        open_claims={p.anchor.claim_id for p in placed if p.anchor and p.item.status == "open"},
        reviews=st.engine.editorial.claim_reviews(rec.id),
        versions=st.engine.editorial.versions(rec.id),
        approval=approval_view(request, rec) if rec.approved_version == rec.version else None,
        decisions=DECISION_LABELS,
        refs={r.n: r for r in rec.article.references},
        conflict=conflict or {},
        cite_for=cite_for,
        cite_q=q,
        hits=hits,
    )


@router.get("/articles/{article_id}/review", response_class=HTMLResponse)
def review_article(
    article_id: str,
    request: Request,
    cite_for: Annotated[str, Query(max_length=64)] = "",
    q: Annotated[str, Query(max_length=500)] = "",
) -> HTMLResponse:
    """The review page; ``cite_for`` and ``q`` search the store for a source to cite on that claim."""
    return review_page(request, article_id, cite=(cite_for, q))


def _back(article_id: str, anchor: str = "") -> Response:
    return RedirectResponse(f"/articles/{article_id}/review{anchor}", status_code=303)


@router.post("/articles/{article_id}/transition", dependencies=CSRF)
def transition(
    article_id: str, request: Request, action: Annotated[str, Form()], note: Short = ""
) -> Response:
    user = require(request, Role.READER)
    st = state(request)
    rec = st.editorial.move(article_id, _action(action), user, note)
    st.feedback.after_move(rec, action, user)
    return _back(article_id)


@router.post("/articles/{article_id}/regenerate", dependencies=CSRF)
def regenerate(article_id: str, request: Request, base_version: Annotated[int, Form()]) -> Response:
    job = queue_regeneration(request, article_id, base_version)
    return RedirectResponse(str(job.headers["location"]).replace("/api/jobs/", "/jobs/"), status_code=303)


@router.post("/articles/{article_id}/claims/{claim_id}/edit", dependencies=CSRF)
def edit_claim(
    article_id: str, claim_id: str, request: Request, text: Short, base_version: Annotated[int, Form()]
) -> Response:
    user = require(request, Role.REVIEWER)
    try:
        state(request).editorial.edit_claim(article_id, claim_id, text, base_version, user)
    except ConflictError as exc:
        conflict = {"claim_id": claim_id, "yours": exc.yours or text, "message": str(exc)}
        return review_page(request, article_id, status=409, conflict=conflict)
    return _back(article_id, f"#c-{claim_id}")


@router.post("/articles/{article_id}/claims/{claim_id}/cite", dependencies=CSRF)
def cite(
    article_id: str,
    claim_id: str,
    request: Request,
    pmid: Annotated[str, Form(max_length=128)],
    base_version: Annotated[int, Form()],
) -> Response:
    user = require(request, Role.REVIEWER)
    state(request).editorial.add_citation(article_id, claim_id, pmid, base_version, user)
    return _back(article_id, f"#c-{claim_id}")


@router.post("/articles/{article_id}/claims/{claim_id}/uncite", dependencies=CSRF)
def uncite(
    article_id: str,
    claim_id: str,
    request: Request,
    n: Annotated[int, Form()],
    base_version: Annotated[int, Form()],
) -> Response:
    user = require(request, Role.REVIEWER)
    state(request).editorial.remove_citation(article_id, claim_id, n, base_version, user)
    return _back(article_id, f"#c-{claim_id}")


@router.post("/articles/{article_id}/claims/{claim_id}/review", dependencies=CSRF)
def review_claim(
    article_id: str, claim_id: str, request: Request, decision: Annotated[str, Form()], comment: Short = ""
) -> Response:
    user = require(request, Role.REVIEWER)
    state(request).editorial.review_claim(article_id, claim_id, decision, comment, user)
    return _back(article_id, f"#c-{claim_id}" if claim_id != "article" else "")


@router.post("/feedback/{feedback_id}/settle", dependencies=CSRF)
def settle(feedback_id: str, request: Request, resolution: Short = "") -> Response:
    user = require(request, Role.REVIEWER)
    f = state(request).feedback.settle(feedback_id, user, resolution)
    return _back(f.article_id)


@router.get("/articles/{article_id}/diff", response_class=HTMLResponse)
def diff_page(
    article_id: str,
    request: Request,
    old: Annotated[int, Query(alias="from", ge=1)],
    new: Annotated[int, Query(alias="to", ge=1)],
) -> HTMLResponse:
    require(request, Role.REVIEWER)
    text = state(request).editorial.diff(article_id, old, new)
    lines = [(ln[:1] if ln[:1] in "+-@" else " ", ln) for ln in text.splitlines()]
    return render(request, "diff.html", article_id=article_id, old=old, new=new, lines=lines)


@router.get("/audit-log", response_class=HTMLResponse)
def audit_page(
    request: Request, article_id: Annotated[str | None, Query(max_length=36)] = None
) -> HTMLResponse:
    require(request, Role.EDITOR)
    eng = state(request).engine
    entries = eng.editorial.audit_log(article_id or None, 500)
    names: dict[str, str] = {}
    for e in entries:
        if e.actor_id and e.actor_id not in names:
            u = eng.users.get(e.actor_id)
            names[e.actor_id] = u.username if u else e.actor_id
    return render(request, "audit_log.html", entries=entries, names=names)


@router.get("/reviewers", response_class=HTMLResponse)
def board(request: Request) -> HTMLResponse:
    """The advisory board: the reviewers, their credentials, specialties and disclosures."""
    return render(request, "reviewers.html", profiles=state(request).engine.editorial.profiles())


@router.get("/reviewers/me", response_class=HTMLResponse)
def profile_page(request: Request) -> HTMLResponse:
    user = require(request, Role.REVIEWER)
    p = state(request).engine.editorial.profile(user.id) or ReviewerProfile(
        user.id, user.display_name or user.username
    )
    return render(request, "profile.html", p=p)


@router.post("/reviewers/me", dependencies=CSRF)
def save_profile(
    request: Request,
    name: Annotated[str, Form(min_length=1, max_length=200)],
    credentials: Annotated[str, Form(max_length=200)] = "",
    specialty: Annotated[str, Form(max_length=200)] = "",
    disclosure: Short = "",
) -> Response:
    user = require(request, Role.REVIEWER)
    eng = state(request).engine
    eng.editorial.save_profile(
        ReviewerProfile(user.id, name.strip(), credentials.strip(), specialty.strip(), disclosure.strip())
    )
    eng.editorial.audit(user.id, "profile", None, None, None, f"profile of {user.username}")
    return RedirectResponse("/reviewers/me", status_code=303)


@router.get("/policy", response_class=HTMLResponse)
def policy(request: Request, version: Annotated[int | None, Query(ge=1)] = None) -> HTMLResponse:
    p = state(request).engine.editorial.policy(version)
    html = markdown_html(p.body) if p else ""
    return render(request, "policy.html", p=p, html=html, transitions=TRANSITIONS)


@router.get("/policy/edit", response_class=HTMLResponse)
def policy_edit(request: Request) -> HTMLResponse:
    require(request, Role.EDITOR)
    eng = state(request).engine
    p = eng.editorial.policy()
    return render(
        request,
        "policy_edit.html",
        p=p,
        text=p.body if p else "",
        versions=eng.editorial.policy_versions(),
        conflict="",
    )


@router.post("/policy/edit", dependencies=CSRF)
def policy_save(
    request: Request,
    body: Annotated[str, Form(min_length=1, max_length=50_000)],
    base_version: Annotated[int, Form()],
) -> Response:
    user = require(request, Role.EDITOR)
    eng = state(request).engine
    try:
        p = eng.editorial.save_policy(body, user.id, base_version)
    except ConflictError as exc:
        ctx: dict[str, Any] = {
            "p": eng.editorial.policy(),
            "text": body,
            "versions": eng.editorial.policy_versions(),
        }
        return render(request, "policy_edit.html", status=409, conflict=str(exc), **ctx)
    eng.editorial.audit(user.id, "policy", None, base_version, p.version, "editorial policy")
    return RedirectResponse("/policy", status_code=303)


def _action(name: str) -> Action:
    try:
        return Action(name)
    except ValueError:
        raise InputError(f"unknown action {name!r}") from None
