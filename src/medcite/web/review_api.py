"""The review workflow over the REST API: status moves through the transition table, versions and
diffs, claim edits and citations (re-verified, with optimistic locking: 409 keeps your text), claim
reviews, the review queue with filters, the audit log (editors), reviewer profiles and the policy."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from medcite.domain import ArticleRecord, ArticleStatus, Role, Statement, User, parse_utc
from medcite.domain.editorial import ReviewerProfile
from medcite.domain.review import TRANSITIONS, Action, WorkflowDenied, allowed, decide
from medcite.errors import ConflictError
from medcite.services.editorial import claims_of, content_hash
from medcite.web.api import job_json
from medcite.web.deps import api_csrf, current_user, require, state
from medcite.web.errors import WebError

router = APIRouter(prefix="/api", tags=["review"])
CSRF = [Depends(api_csrf)]
WAITING = (
    ArticleStatus.DRAFT,
    ArticleStatus.SUBMITTED,
    ArticleStatus.UNDER_REVIEW,
    ArticleStatus.CHANGES_REQUESTED,
    ArticleStatus.STALE,
)


class MoveRequest(BaseModel):
    action: Action
    note: str = Field(default="", max_length=2000)


class ClaimEdit(BaseModel):
    text: str = Field(min_length=1, max_length=4000)
    base_version: int = Field(ge=1)


class CitationAdd(BaseModel):
    pmid: str = Field(min_length=1, max_length=128)
    base_version: int = Field(ge=1)


class ClaimReviewRequest(BaseModel):
    decision: Literal["confirm", "wrong", "better_source", "comment"]
    comment: str = Field(default="", max_length=4000)


class ProfileRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    credentials: str = Field(default="", max_length=200)
    specialty: str = Field(default="", max_length=200)
    disclosure: str = Field(default="", max_length=4000)


class PolicyRequest(BaseModel):
    body: str = Field(min_length=1, max_length=50_000)
    base_version: int = Field(ge=0)


def statement_json(claim_id: str, st: Statement) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "text": st.text,
        "citations": list(st.citations),
        "verdict": st.verdict,
        "probability": st.probability,
        "reasons": list(st.reasons),
    }


def record_json(request: Request, rec: ArticleRecord) -> dict[str, Any]:
    st = state(request)
    user = current_user(request)
    approvals = st.engine.editorial.approvals(rec.id)
    return {
        "article_id": rec.id,
        "question": rec.article.question,
        "version": rec.version,
        "review_status": rec.status.value,
        "approved_version": rec.approved_version,
        "author_id": rec.author_id,
        "updated_at": rec.updated_at,
        "allowed_actions": [a.value for a in allowed(rec.status, user, rec.author_id)],
        "approvals": [
            approval_json(request, a.version, a.reviewer_id, a.content_hash, a.approved_at) for a in approvals
        ],
        "claims": [statement_json(cid, s) for cid, s in claims_of(rec.article).items()],
    }


def approval_json(request: Request, version: int, reviewer_id: str, digest: str, at: str) -> dict[str, Any]:
    eng = state(request).engine
    profile = eng.editorial.profile(reviewer_id)
    user = eng.users.get(reviewer_id)
    name = profile.name if profile else (user.display_name or user.username if user else reviewer_id)
    return {
        "version": version,
        "reviewer_id": reviewer_id,
        "reviewer": name,
        "sha256": digest,
        "approved_at": at,
    }


@router.get("/workflow")
def workflow() -> dict[str, Any]:
    """The transition table: from which status, by which action, to which status, the least role."""
    rows = [
        {
            "from": t.source.value,
            "action": t.action.value,
            "to": t.target.value,
            "role": t.role.value,
            "not_own_edit": t.not_author,
        }
        for t in TRANSITIONS
    ]
    return {"transitions": rows, "roles": [r.value for r in Role]}


@router.get("/review/articles/{article_id}")
def review_article(article_id: str, request: Request) -> dict[str, Any]:
    """The newest version with its claims, verdicts, allowed actions and approvals (reviewers)."""
    require(request, Role.REVIEWER)
    return record_json(request, state(request).engine.article(article_id))


@router.post("/articles/{article_id}/transitions", dependencies=CSRF)
def move(article_id: str, body: MoveRequest, request: Request) -> dict[str, Any]:
    """Move the article's status as the transition table allows (403 for the role, 409 from the status)."""
    user = require(request, Role.READER)
    st = state(request)
    rec = st.editorial.move(article_id, body.action, user, body.note)
    st.feedback.after_move(rec, body.action.value, user)
    return record_json(request, rec)


class RegenerateRequest(BaseModel):
    base_version: int = Field(ge=1)


@router.post("/articles/{article_id}/regenerate", status_code=202, dependencies=CSRF)
def regenerate(article_id: str, body: RegenerateRequest, request: Request) -> JSONResponse:
    """Compose the article again from the store as a new version (a job, 202; reviewers)."""
    return queue_regeneration(request, article_id, body.base_version)


def queue_regeneration(request: Request, article_id: str, base_version: int) -> JSONResponse:
    user = require(request, Role.REVIEWER)
    st = state(request)
    rec = st.engine.article(article_id)
    try:
        decide(rec.status, Action.EDIT, user, rec.author_id)
    except WorkflowDenied as exc:
        raise WebError(exc.status, str(exc)) from exc
    if base_version != rec.version:
        raise ConflictError(
            f"version {base_version} is no longer the newest (now {rec.version})", current_version=rec.version
        )
    job = st.jobs.submit_regenerate(article_id, base_version, user.id)
    return JSONResponse(job_json(job), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.get("/articles/{article_id}/versions")
def versions(article_id: str, request: Request) -> dict[str, Any]:
    """Every stored version (append-only): number, status, time, author, note (reviewers)."""
    require(request, Role.REVIEWER)
    eng = state(request).engine
    eng.article(article_id)
    return {"items": [asdict(v) for v in eng.editorial.versions(article_id)]}


@router.get("/articles/{article_id}/versions/{version}")
def version(article_id: str, version: int, request: Request) -> dict[str, Any]:
    require(request, Role.REVIEWER)
    rec = state(request).engine.editorial.version(article_id, version)
    return record_json(request, rec) | {"sha256": content_hash(rec.article)}


@router.get("/articles/{article_id}/diff")
def diff(
    article_id: str,
    request: Request,
    old: Annotated[int, Query(alias="from", ge=1)],
    new: Annotated[int, Query(alias="to", ge=1)],
) -> dict[str, Any]:
    """A unified diff of two versions' Markdown (reviewers)."""
    require(request, Role.REVIEWER)
    return {"from": old, "to": new, "diff": state(request).editorial.diff(article_id, old, new)}


@router.put("/articles/{article_id}/claims/{claim_id}", dependencies=CSRF)
def edit_claim(article_id: str, claim_id: str, body: ClaimEdit, request: Request) -> dict[str, Any]:
    """Save a claim's new text as a new version, re-verified (409 with your text when another save came
    first)."""
    user = require(request, Role.REVIEWER)
    rec, claim = state(request).editorial.edit_claim(article_id, claim_id, body.text, body.base_version, user)
    return {
        "version": rec.version,
        "review_status": rec.status.value,
        "claim": statement_json(claim_id, claim),
    }


@router.post("/articles/{article_id}/claims/{claim_id}/citations", dependencies=CSRF)
def add_citation(article_id: str, claim_id: str, body: CitationAdd, request: Request) -> dict[str, Any]:
    """Cite a stored source (by PMID or key) for the claim; the claim is verified again."""
    user = require(request, Role.REVIEWER)
    rec, claim = state(request).editorial.add_citation(
        article_id, claim_id, body.pmid, body.base_version, user
    )
    return {
        "version": rec.version,
        "review_status": rec.status.value,
        "claim": statement_json(claim_id, claim),
    }


@router.delete("/articles/{article_id}/claims/{claim_id}/citations/{n}", dependencies=CSRF)
def remove_citation(
    article_id: str, claim_id: str, n: int, request: Request, base_version: Annotated[int, Query(ge=1)]
) -> dict[str, Any]:
    user = require(request, Role.REVIEWER)
    rec, claim = state(request).editorial.remove_citation(article_id, claim_id, n, base_version, user)
    return {
        "version": rec.version,
        "review_status": rec.status.value,
        "claim": statement_json(claim_id, claim),
    }


@router.post("/articles/{article_id}/claims/{claim_id}/reviews", status_code=201, dependencies=CSRF)
def review_claim(
    article_id: str, claim_id: str, body: ClaimReviewRequest, request: Request
) -> dict[str, Any]:
    """Confirm a claim, mark it wrong, ask for a better source, or comment (``claim_id`` "article" for a
    review comment on the whole article)."""
    user = require(request, Role.REVIEWER)
    r = state(request).editorial.review_claim(article_id, claim_id, body.decision, body.comment, user)
    return {
        "id": r.id,
        "claim_id": r.claim_id,
        "decision": r.decision,
        "version": r.version,
        "comment": r.comment,
    }


@router.get("/articles/{article_id}/claims/reviews")
def claim_reviews(article_id: str, request: Request) -> dict[str, Any]:
    require(request, Role.REVIEWER)
    items = state(request).engine.editorial.claim_reviews(article_id)
    return {"items": [asdict(r) for r in items]}


@router.get("/review/tasks")
def review_tasks(
    request: Request,
    status: Annotated[ArticleStatus | None, Query()] = None,
    topic: Annotated[str, Query(max_length=200)] = "",
    max_age_days: Annotated[int | None, Query(ge=0, le=36500)] = None,
) -> dict[str, Any]:
    """The review queue: articles waiting for review and articles with open reader feedback, filtered by
    status, topic (words of the question) and age (days since the last change)."""
    require(request, Role.REVIEWER)
    return {"items": queue(request, status, topic, max_age_days)}


def queue(
    request: Request, status: ArticleStatus | None, topic: str, max_age_days: int | None
) -> list[dict[str, Any]]:
    eng = state(request).engine
    open_items = eng.feedback.feedback_list(None, "open")
    flagged: dict[str, int] = {}
    for f in open_items:
        flagged[f.article_id] = flagged.get(f.article_id, 0) + 1
    recs = {r.id: r for r in eng.articles.recent(500, [status] if status else list(WAITING))}
    for aid in flagged:
        if aid not in recs:
            r = eng.article(aid)
            if status is None or r.status is status:
                recs[aid] = r
    since = datetime.now(UTC) - timedelta(days=max_age_days) if max_age_days is not None else None
    words = [w for w in topic.lower().split() if w]
    out = []
    for r in recs.values():
        if words and not all(w in r.article.question.lower() for w in words):
            continue
        if since is not None and parse_utc(r.updated_at) < since:
            continue
        out.append(
            {
                "article_id": r.id,
                "question": r.article.question,
                "review_status": r.status.value,
                "version": r.version,
                "updated_at": r.updated_at,
                "open_feedback": flagged.get(r.id, 0),
                "links": {"review": f"/articles/{r.id}/review", "api": f"/api/review/articles/{r.id}"},
            }
        )
    out.sort(key=lambda x: (-int(bool(x["open_feedback"])), str(x["updated_at"])))
    return out


@router.get("/audit")
def audit(
    request: Request, article_id: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> dict[str, Any]:
    """The audit log, newest first (editors and admins). It has no endpoint that changes it."""
    require(request, Role.EDITOR)
    items = state(request).engine.editorial.audit_log(article_id, limit)
    return {"items": [asdict(e) for e in items]}


@router.get("/reviewers")
def reviewers(request: Request) -> dict[str, Any]:
    """The advisory board: every reviewer profile (public)."""
    return {"items": [profile_json(p) for p in state(request).engine.editorial.profiles()]}


@router.get("/reviewers/me")
def my_profile(request: Request) -> dict[str, Any]:
    user = require(request, Role.REVIEWER)
    p = state(request).engine.editorial.profile(user.id)
    return profile_json(p) if p else {"user_id": user.id, "name": user.display_name or user.username}


@router.put("/reviewers/me", dependencies=CSRF)
def save_profile(body: ProfileRequest, request: Request) -> dict[str, Any]:
    """Your reviewer profile: name, credentials, specialty and conflict-of-interest disclosure."""
    user = require(request, Role.REVIEWER)
    st = state(request)
    p = ReviewerProfile(
        user.id, body.name.strip(), body.credentials.strip(), body.specialty.strip(), body.disclosure.strip()
    )
    saved = st.engine.editorial.save_profile(p)
    st.engine.editorial.audit(user.id, "profile", None, None, None, f"profile of {user.username}")
    return profile_json(saved)


def profile_json(p: ReviewerProfile) -> dict[str, Any]:
    return {
        "user_id": p.user_id,
        "name": p.name,
        "credentials": p.credentials,
        "specialty": p.specialty,
        "disclosure": p.disclosure or "None declared",
        "updated_at": p.updated_at,
    }


@router.get("/policy")
def get_policy(request: Request, version: Annotated[int | None, Query(ge=1)] = None) -> dict[str, Any]:
    p = state(request).engine.editorial.policy(version)
    if p is None:
        if version is not None:
            raise WebError(404, f"no policy version {version}")
        return {"version": 0, "body": "", "created_at": None}
    return {"version": p.version, "body": p.body, "created_at": p.created_at}


@router.put("/policy", dependencies=CSRF)
def put_policy(body: PolicyRequest, request: Request) -> dict[str, Any]:
    """A new version of the editorial policy (Markdown; editors). 409 keeps your text on a conflict."""
    user: User = require(request, Role.EDITOR)
    eng = state(request).engine
    p = eng.editorial.save_policy(body.body, user.id, body.base_version)
    eng.editorial.audit(user.id, "policy", None, body.base_version, p.version, "editorial policy")
    return {"version": p.version, "body": p.body, "created_at": p.created_at}
