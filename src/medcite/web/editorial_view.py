"""What the article page adds for the editorial workflow: the version shown (stable or newest), the
approval with its reviewer's profile, claims under re-review, and the comment thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request

from medcite.domain import ArticleRecord
from medcite.domain.editorial import FEEDBACK_KINDS, Comment
from medcite.web.deps import current_user, state


@dataclass(frozen=True)
class ApprovalView:
    version: int
    name: str
    credentials: str
    specialty: str
    disclosure: str
    approved_at: str
    sha256: str


def approval_view(request: Request, rec: ArticleRecord) -> ApprovalView | None:
    """The approval of the version shown, with the reviewer's profile (None when it is not approved)."""
    eng = state(request).engine
    found = [a for a in eng.editorial.approvals(rec.id) if a.version == rec.version]
    if not found:
        return None
    a = found[-1]
    p = eng.editorial.profile(a.reviewer_id)
    u = eng.users.get(a.reviewer_id)
    name = p.name if p else (u.display_name or u.username if u else "a reviewer")
    return ApprovalView(
        a.version,
        name,
        p.credentials if p else "",
        p.specialty if p else "",
        (p.disclosure if p and p.disclosure else "None declared"),
        a.approved_at,
        a.content_hash,
    )


def thread(comments: list[Comment]) -> list[tuple[Comment, int]]:
    """Comments in reading order with their depth (replies under their parent)."""
    children: dict[str | None, list[Comment]] = {}
    for c in comments:
        children.setdefault(c.parent_id, []).append(c)
    out: list[tuple[Comment, int]] = []

    def walk(parent: str | None, depth: int) -> None:
        for c in children.get(parent, []):
            out.append((c, min(depth, 4)))
            walk(c.id, depth + 1)

    walk(None, 0)
    return out


def editorial_context(request: Request, newest: ArticleRecord) -> tuple[ArticleRecord, dict[str, Any]]:
    """The record to show to this user (of the article whose newest record is ``newest``) and the
    template context of the workflow."""
    st = state(request)
    user = current_user(request)
    shown = st.editorial.shown(newest, user)
    rec = shown.record
    placed = st.feedback.placed(rec)
    rereview = {p.anchor.claim_id for p in placed if p.anchor is not None}
    comments = thread(st.feedback.comments(rec.id, user))
    ctx: dict[str, Any] = {
        "pending_newer": shown.pending_newer,
        "newest_version": shown.newest.version,
        "approval": approval_view(request, rec),
        "rereview": rereview,
        "comments": comments,
        "editable": {c.id for c, _ in comments if st.feedback.can_edit(c, user)},
        "feedback_kinds": FEEDBACK_KINDS,
        "literature_through": rec.article.provenance.created_at[:10],
    }
    return rec, ctx
