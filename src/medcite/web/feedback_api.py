"""Reader feedback over the REST API: threaded comments (Markdown, sanitised), moderation, inline feedback
on a claim (anchored; it lands in the review queue), subscriptions and in-app notifications."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from medcite.domain import Role
from medcite.domain.editorial import Anchor, Comment
from medcite.web.deps import api_csrf, client_key, current_user, require, state
from medcite.web.errors import WebError
from medcite.web.listing import can_read

router = APIRouter(prefix="/api", tags=["feedback"])
CSRF = [Depends(api_csrf)]


class CommentRequest(BaseModel):
    body: str = Field(min_length=1, max_length=5000)
    parent_id: str | None = Field(default=None, max_length=36)
    website: str = Field(default="", max_length=200, description="Leave empty (a trap for bots).")


class CommentEdit(BaseModel):
    body: str = Field(min_length=1, max_length=5000)


class Moderation(BaseModel):
    action: Literal["hide", "delete", "restore"]


class FeedbackRequest(BaseModel):
    claim_id: str = Field(min_length=1, max_length=64)
    kind: Literal["unsupported", "outdated", "number", "other"]
    text: str = Field(default="", max_length=5000)
    quote: str = Field(default="", max_length=2000)
    position: int | None = Field(default=None, ge=0)


class Settle(BaseModel):
    resolution: str = Field(default="", max_length=2000)


class SubscribeRequest(BaseModel):
    kind: Literal["comments", "replies", "updates"]
    email: str | None = Field(default=None, max_length=254)
    comment_id: str | None = Field(default=None, max_length=36)


def comment_json(c: Comment) -> dict[str, Any]:
    return {
        "id": c.id,
        "parent_id": c.parent_id,
        "author": c.author_name,
        "html": c.html,
        "body": c.body,
        "state": c.state,
        "created_at": c.created_at,
        "edited_at": c.edited_at,
    }


def anchor_json(a: Anchor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "claim_id": a.claim_id,
        "quote": a.quote,
        "prefix": a.prefix,
        "suffix": a.suffix,
        "position": a.position,
    }


def _readable(request: Request, article_id: str) -> None:
    rec = state(request).engine.article(article_id)
    if not can_read(current_user(request), rec):
        raise WebError(403, "this article is not published")


@router.get("/articles/{article_id}/comments")
def comments(article_id: str, request: Request) -> dict[str, Any]:
    _readable(request, article_id)
    items = state(request).feedback.comments(article_id, current_user(request))
    return {"items": [comment_json(c) for c in items]}


@router.post("/articles/{article_id}/comments", status_code=201, dependencies=CSRF)
def post_comment(article_id: str, body: CommentRequest, request: Request) -> dict[str, Any]:
    """A comment or a reply (Markdown; sanitised). Rate limited; a honeypot field and a link limit."""
    user = require(request, Role.READER)
    _readable(request, article_id)
    st = state(request)
    st.limits.hit("comment", f"user:{user.id}", f"ip:{client_key(request)}")
    c = st.feedback.post_comment(article_id, user, body.body, body.parent_id, body.website)
    return comment_json(c)


@router.patch("/comments/{comment_id}", dependencies=CSRF)
def edit_comment(comment_id: str, body: CommentEdit, request: Request) -> dict[str, Any]:
    """Edit your comment within the edit window."""
    user = require(request, Role.READER)
    return comment_json(state(request).feedback.edit_comment(comment_id, user, body.body))


@router.post("/comments/{comment_id}/moderation", dependencies=CSRF)
def moderate(comment_id: str, body: Moderation, request: Request) -> dict[str, Any]:
    """Hide, delete or restore a comment (editors; recorded in the audit log)."""
    user = require(request, Role.EDITOR)
    return comment_json(state(request).feedback.moderate(comment_id, user, body.action))


@router.post("/articles/{article_id}/feedback", status_code=201, dependencies=CSRF)
def leave_feedback(article_id: str, body: FeedbackRequest, request: Request) -> dict[str, Any]:
    """Report a problem with one claim, anchored by quote, prefix, suffix and position (signed in)."""
    user = require(request, Role.READER)
    _readable(request, article_id)
    st = state(request)
    st.limits.hit("comment", f"user:{user.id}", f"ip:{client_key(request)}")
    f = st.feedback.leave_feedback(
        article_id, user, body.claim_id, body.kind, body.text, body.quote, body.position
    )
    return {
        "id": f.id,
        "version": f.version,
        "kind": f.kind,
        "status": f.status,
        "anchor": anchor_json(f.anchor),
    }


@router.get("/articles/{article_id}/feedback")
def feedback_list(
    article_id: str, request: Request, status: Literal["open", "settled"] | None = None
) -> dict[str, Any]:
    """The article's feedback, each anchored again in the newest version (``anchor`` null: orphaned)."""
    require(request, Role.REVIEWER)
    st = state(request)
    rec = st.engine.article(article_id)
    items = [
        {
            "id": p.item.id,
            "kind": p.item.kind,
            "text": p.item.text,
            "status": p.item.status,
            "version": p.item.version,
            "original": anchor_json(p.item.anchor),
            "anchor": anchor_json(p.anchor),
            "orphaned": p.anchor is None,
            "resolution": p.item.resolution,
        }
        for p in st.feedback.placed(rec, status)
    ]
    return {"version": rec.version, "items": items}


@router.post("/feedback/{feedback_id}/settle", dependencies=CSRF)
def settle(feedback_id: str, body: Settle, request: Request) -> dict[str, Any]:
    user = require(request, Role.REVIEWER)
    f = state(request).feedback.settle(feedback_id, user, body.resolution)
    return {"id": f.id, "status": f.status, "resolution": f.resolution, "settled_at": f.settled_at}


@router.post("/articles/{article_id}/subscriptions", status_code=201, dependencies=CSRF)
def subscribe(article_id: str, body: SubscribeRequest, request: Request) -> dict[str, Any]:
    """Notify me of new comments, of replies to one comment, or of review updates (in-app; by email too
    when an address is given)."""
    user = require(request, Role.READER)
    _readable(request, article_id)
    sub = state(request).feedback.subscribe(article_id, user, body.kind, body.email, body.comment_id)
    return {"id": sub.id, "kind": sub.kind, "email": sub.email, "unsubscribe": f"/unsubscribe/{sub.token}"}


@router.get("/notifications")
def notifications(request: Request) -> dict[str, Any]:
    user = require(request, Role.READER)
    items = state(request).engine.feedback.notifications(user.id)
    return {
        "items": [
            {
                "id": n.id,
                "subject": n.subject,
                "body": n.body,
                "article_id": n.article_id,
                "read": n.read,
                "created_at": n.created_at,
                "email": n.mail_state,
            }
            for n in items
        ]
    }


@router.post("/notifications/{notification_id}/read", status_code=204, dependencies=CSRF)
def read(notification_id: int, request: Request) -> None:
    user = require(request, Role.READER)
    state(request).engine.feedback.mark_read(notification_id, user.id)
