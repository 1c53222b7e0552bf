"""Reader feedback in the pages: comment and reply forms, moderation buttons, the inline feedback form on
each claim, subscribe forms, the notifications page and the one-click unsubscribe link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medcite.domain import Role
from medcite.web.deps import client_key, current_user, require, state
from medcite.web.pages import CSRF, _article, render

router = APIRouter(include_in_schema=False)
Long = Annotated[str, Form(max_length=5000)]


def _to_article(article_id: str, anchor: str = "") -> Response:
    return RedirectResponse(f"/articles/{article_id}{anchor}", status_code=303)


@router.post("/articles/{article_id}/comments", dependencies=CSRF)
def comment(
    article_id: str,
    request: Request,
    body: Long,
    parent_id: Annotated[str, Form(max_length=36)] = "",
    website: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    user = require(request, Role.READER)
    _article(request, article_id)
    st = state(request)
    st.limits.hit("comment", f"user:{user.id}", f"ip:{client_key(request)}")
    c = st.feedback.post_comment(article_id, user, body, parent_id or None, website)
    return _to_article(article_id, f"#comment-{c.id}")


@router.post("/comments/{comment_id}/edit", dependencies=CSRF)
def edit_comment(comment_id: str, request: Request, body: Long) -> Response:
    user = require(request, Role.READER)
    c = state(request).feedback.edit_comment(comment_id, user, body)
    return _to_article(c.article_id, f"#comment-{c.id}")


@router.post("/comments/{comment_id}/moderate", dependencies=CSRF)
def moderate(comment_id: str, request: Request, action: Annotated[str, Form(max_length=16)]) -> Response:
    user = require(request, Role.EDITOR)
    c = state(request).feedback.moderate(comment_id, user, action)
    return _to_article(c.article_id, "#comments")


@router.post("/articles/{article_id}/feedback", dependencies=CSRF)
def feedback(
    article_id: str,
    request: Request,
    claim_id: Annotated[str, Form(max_length=64)],
    kind: Annotated[str, Form(max_length=16)],
    text: Long = "",
    quote: Annotated[str, Form(max_length=2000)] = "",
    position: Annotated[int | None, Form(ge=0)] = None,
) -> Response:
    user = require(request, Role.READER)
    _article(request, article_id)
    st = state(request)
    st.limits.hit("comment", f"user:{user.id}", f"ip:{client_key(request)}")
    st.feedback.leave_feedback(article_id, user, claim_id, kind, text, quote, position)
    return _to_article(article_id, f"#c-{claim_id}")


@router.post("/articles/{article_id}/subscribe", dependencies=CSRF)
def subscribe(
    article_id: str,
    request: Request,
    kind: Annotated[str, Form(max_length=16)],
    email: Annotated[str, Form(max_length=254)] = "",
    comment_id: Annotated[str, Form(max_length=36)] = "",
) -> Response:
    user = require(request, Role.READER)
    _article(request, article_id)
    state(request).feedback.subscribe(article_id, user, kind, email, comment_id or None)
    return _to_article(article_id, "?subscribed=1#subscribe")


@router.get("/notifications", response_class=HTMLResponse)
def notifications(request: Request) -> HTMLResponse:
    user = require(request, Role.READER)
    return render(request, "notifications.html", items=state(request).engine.feedback.notifications(user.id))


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(token: str, request: Request) -> HTMLResponse:
    return render(request, "unsubscribe.html", token=token, done=False)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(token: str, request: Request) -> HTMLResponse:
    """One click (RFC 8058: mail clients POST here without a session); the token is the permission."""
    current_user(request)
    state(request).feedback.unsubscribe(token)
    return render(request, "unsubscribe.html", token=token, done=True)
