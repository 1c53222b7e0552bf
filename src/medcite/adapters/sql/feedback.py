"""Reader feedback in SQL: implements :class:`medcite.ports.FeedbackRepository` (comments, inline
feedback, subscriptions, in-app notifications and their email delivery state)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, RowMapping, Select, insert, select, update

from medcite.adapters.sql.articles import _iso
from medcite.adapters.sql.schema import users
from medcite.adapters.sql.schema_editorial import comments, feedback, notifications, subscriptions
from medcite.domain.editorial import Anchor, Comment, Feedback, Notification, Subscription
from medcite.errors import NotFoundError


def _comment(r: RowMapping) -> Comment:
    return Comment(
        id=r["id"],
        article_id=r["article_id"],
        parent_id=r["parent_id"],
        author_id=r["author_id"],
        author_name=r["display_name"] or r["username"] or "",
        body=r["body"],
        html=r["html"],
        state=r["state"],
        created_at=_iso(r["created_at"]),
        edited_at=_iso(r["edited_at"]) if r["edited_at"] is not None else None,
    )


def _feedback(r: RowMapping) -> Feedback:
    return Feedback(
        id=r["id"],
        article_id=r["article_id"],
        version=int(r["version"]),
        anchor=Anchor(r["claim_id"], r["quote"], r["prefix"], r["suffix"], int(r["position"])),
        kind=r["kind"],
        text=r["text"],
        status=r["status"],
        author_id=r["author_id"],
        created_at=_iso(r["created_at"]),
        settled_by=r["settled_by"],
        settled_at=_iso(r["settled_at"]) if r["settled_at"] is not None else None,
        resolution=r["resolution"],
    )


def _subscription(r: RowMapping) -> Subscription:
    return Subscription(
        r["id"],
        r["token"],
        r["article_id"],
        r["kind"],
        r["email"],
        r["user_id"],
        r["comment_id"],
        r["active"],
    )


def _notification(r: RowMapping) -> Notification:
    return Notification(
        id=int(r["id"]),
        article_id=r["article_id"],
        subject=r["subject"],
        body=r["body"],
        created_at=_iso(r["created_at"]),
        user_id=r["user_id"],
        email=r["email"],
        unsubscribe_token=r["unsubscribe_token"],
        read=bool(r["read"]),
        mail_state=r["mail_state"],
        attempts=int(r["attempts"]),
        last_error=r["last_error"],
    )


class SqlFeedbackRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- comments ---------------------------------------------------------------------------------
    def add_comment(self, comment: Comment) -> Comment:
        values = {
            "id": comment.id,
            "article_id": comment.article_id,
            "parent_id": comment.parent_id,
            "author_id": comment.author_id,
            "body": comment.body,
            "html": comment.html,
            "state": comment.state,
            "created_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            conn.execute(insert(comments).values(**values))
        return self.comment(comment.id)

    def comment(self, comment_id: str) -> Comment:
        query = self._select_comments().where(comments.c.id == comment_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFoundError(f"no comment with id {comment_id!r}")
        return _comment(row)

    def _select_comments(self) -> Select[Any]:
        return select(comments, users.c.username, users.c.display_name).join(
            users, users.c.id == comments.c.author_id, isouter=True
        )

    def comments(self, article_id: str) -> list[Comment]:
        query = (
            self._select_comments()
            .where(comments.c.article_id == article_id)
            .order_by(comments.c.created_at, comments.c.id)
        )
        with self.engine.connect() as conn:
            return [_comment(r) for r in conn.execute(query).mappings()]

    def edit_comment(self, comment_id: str, body: str, html: str) -> Comment:
        with self.engine.begin() as conn:
            values = {"body": body, "html": html, "edited_at": datetime.now(UTC)}
            conn.execute(update(comments).where(comments.c.id == comment_id).values(**values))
        return self.comment(comment_id)

    def set_comment_state(self, comment_id: str, state: str) -> Comment:
        with self.engine.begin() as conn:
            conn.execute(update(comments).where(comments.c.id == comment_id).values(state=state))
        return self.comment(comment_id)

    # --- inline feedback ----------------------------------------------------------------------------
    def add_feedback(self, item: Feedback) -> Feedback:
        a = item.anchor
        values = {
            "id": item.id,
            "article_id": item.article_id,
            "version": item.version,
            "claim_id": a.claim_id,
            "quote": a.quote,
            "prefix": a.prefix,
            "suffix": a.suffix,
            "position": a.position,
            "kind": item.kind,
            "text": item.text,
            "status": "open",
            "author_id": item.author_id,
            "created_at": datetime.now(UTC),
            "resolution": "",
        }
        with self.engine.begin() as conn:
            conn.execute(insert(feedback).values(**values))
        return self.feedback(item.id)

    def feedback(self, feedback_id: str) -> Feedback:
        with self.engine.connect() as conn:
            row = conn.execute(select(feedback).where(feedback.c.id == feedback_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no feedback with id {feedback_id!r}")
        return _feedback(row)

    def feedback_list(self, article_id: str | None = None, status: str | None = None) -> list[Feedback]:
        query = select(feedback).order_by(feedback.c.created_at, feedback.c.id)
        if article_id is not None:
            query = query.where(feedback.c.article_id == article_id)
        if status is not None:
            query = query.where(feedback.c.status == status)
        with self.engine.connect() as conn:
            return [_feedback(r) for r in conn.execute(query).mappings()]

    def settle(self, feedback_id: str, by: str, resolution: str) -> Feedback:
        values = {
            "status": "settled",
            "settled_by": by,
            "settled_at": datetime.now(UTC),
            "resolution": resolution,
        }
        with self.engine.begin() as conn:
            conn.execute(update(feedback).where(feedback.c.id == feedback_id).values(**values))
        return self.feedback(feedback_id)

    # --- subscriptions and notifications -----------------------------------------------------------
    def subscribe(self, sub: Subscription) -> Subscription:
        values = {
            "id": sub.id,
            "token": sub.token,
            "article_id": sub.article_id,
            "kind": sub.kind,
            "email": sub.email,
            "user_id": sub.user_id,
            "comment_id": sub.comment_id,
            "active": True,
            "created_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            conn.execute(insert(subscriptions).values(**values))
        return sub

    def subscriptions(self, article_id: str, kind: str, comment_id: str | None = None) -> list[Subscription]:
        query = select(subscriptions).where(
            subscriptions.c.article_id == article_id, subscriptions.c.kind == kind, subscriptions.c.active
        )
        if comment_id is not None:
            query = query.where(subscriptions.c.comment_id == comment_id)
        with self.engine.connect() as conn:
            return [
                _subscription(r) for r in conn.execute(query.order_by(subscriptions.c.created_at)).mappings()
            ]

    def unsubscribe(self, token: str) -> Subscription | None:
        with self.engine.begin() as conn:
            row = conn.execute(select(subscriptions).where(subscriptions.c.token == token)).mappings().first()
            if row is None:
                return None
            conn.execute(update(subscriptions).where(subscriptions.c.token == token).values(active=False))
        return _subscription(row)

    def notify(self, items: Sequence[Notification]) -> None:
        now = datetime.now(UTC)
        rows = [
            {
                "article_id": n.article_id,
                "user_id": n.user_id,
                "email": n.email,
                "unsubscribe_token": n.unsubscribe_token,
                "subject": n.subject,
                "body": n.body,
                "created_at": now,
                "read": False,
                "mail_state": n.mail_state,
                "attempts": 0,
                "last_error": "",
            }
            for n in items
        ]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(notifications), rows)

    def notifications(self, user_id: str, limit: int = 50) -> list[Notification]:
        query = (
            select(notifications)
            .where(notifications.c.user_id == user_id)
            .order_by(notifications.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_notification(r) for r in conn.execute(query).mappings()]

    def mark_read(self, notification_id: int, user_id: str) -> None:
        where = (notifications.c.id == notification_id) & (notifications.c.user_id == user_id)
        with self.engine.begin() as conn:
            if conn.execute(update(notifications).where(where).values(read=True)).rowcount != 1:
                raise NotFoundError(f"no notification {notification_id} for you")

    def pending_mail(self, limit: int = 100) -> list[Notification]:
        query = (
            select(notifications).where(notifications.c.mail_state == "pending").order_by(notifications.c.id)
        )
        with self.engine.connect() as conn:
            return [_notification(r) for r in conn.execute(query.limit(limit)).mappings()]

    def mail_result(self, notification_id: int, state: str, attempts: int, error: str = "") -> None:
        values = {"mail_state": state, "attempts": attempts, "last_error": error}
        with self.engine.begin() as conn:
            conn.execute(update(notifications).where(notifications.c.id == notification_id).values(**values))
