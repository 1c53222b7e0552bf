"""Reader feedback as a use case: threaded Markdown comments (sanitised, an edit window, moderation in the
audit log, a honeypot and a link limit), inline feedback on a claim anchored like web annotations (it lands
in the review queue; the claim shows "under re-review" until a reviewer settles it), and subscriptions."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from medcite.domain import ArticleRecord, Role, User, age_s
from medcite.domain.anchors import make_anchor, reanchor
from medcite.domain.editorial import (
    FEEDBACK_KINDS,
    SUBSCRIPTION_KINDS,
    Anchor,
    Comment,
    Feedback,
    Subscription,
)
from medcite.errors import ForbiddenError, InputError, NotFoundError
from medcite.ports import EditorialRepository, FeedbackRepository
from medcite.present.safe_markdown import count_links, markdown_html
from medcite.services.editorial import EditorialService, claims_of
from medcite.services.notify import Notifier

MAX_COMMENT = 5000


@dataclass(frozen=True)
class Placed:
    """Open feedback and where its anchor lies in the version shown (None: orphaned)."""

    item: Feedback
    anchor: Anchor | None


@dataclass(frozen=True)
class FeedbackService:
    editorial: EditorialService
    repo: FeedbackRepository
    log: EditorialRepository
    notifier: Notifier
    edit_window_s: int = 900
    max_links: int = 2

    # --- comments -----------------------------------------------------------------------------------
    def _checked_body(self, body: str, honeypot: str) -> str:
        if honeypot.strip():
            raise InputError("this comment looks automated and was not posted")
        body = body.strip()
        if not body:
            raise InputError("the comment is empty")
        if len(body) > MAX_COMMENT:
            raise InputError(f"a comment has at most {MAX_COMMENT} characters")
        if count_links(body) > self.max_links:
            raise InputError(f"a comment may carry at most {self.max_links} links")
        return body

    def post_comment(
        self, article_id: str, user: User, body: str, parent_id: str | None = None, honeypot: str = ""
    ) -> Comment:
        body = self._checked_body(body, honeypot)
        rec = self.editorial.articles.get(article_id)
        if parent_id:
            parent = self.repo.comment(parent_id)
            if parent.article_id != rec.id:
                raise InputError("the reply's parent is a comment on another article")
        c = Comment(
            str(uuid.uuid4()),
            rec.id,
            parent_id or None,
            user.id,
            "",
            body,
            markdown_html(body),
            "visible",
            "",
        )
        saved = self.repo.add_comment(c)
        self.log.audit(user.id, "comment", rec.id, rec.version, rec.version, f"comment {saved.id}")
        question = rec.article.question
        self.notifier.to_subscribers(rec.id, "comments", f"New comment on: {question}", body, exclude=user.id)
        if parent_id:
            subject = f"New reply on: {question}"
            self.notifier.to_subscribers(
                rec.id, "replies", subject, body, comment_id=parent_id, exclude=user.id
            )
        return saved

    def can_edit(self, c: Comment, user: User | None) -> bool:
        """Whether ``user`` may still edit ``c`` (its author, while the edit window lasts)."""
        if user is None or c.author_id != user.id or c.state != "visible":
            return False
        return age_s(c.created_at) < self.edit_window_s

    def edit_comment(self, comment_id: str, user: User, body: str) -> Comment:
        c = self.repo.comment(comment_id)
        if c.author_id != user.id:
            raise ForbiddenError("only its author edits a comment")
        if not self.can_edit(c, user):
            raise ForbiddenError(
                f"a comment can be edited for {self.edit_window_s // 60} minutes after posting"
            )
        body = self._checked_body(body, "")
        saved = self.repo.edit_comment(comment_id, body, markdown_html(body))
        self.log.audit(user.id, "comment_edit", c.article_id, None, None, f"comment {comment_id}")
        return saved

    def moderate(self, comment_id: str, user: User, action: str) -> Comment:
        if not user.role.at_least(Role.EDITOR):
            raise ForbiddenError("moderation needs the editor role")
        states = {"hide": "hidden", "delete": "deleted", "restore": "visible"}
        if action not in states:
            raise InputError("moderation is hide, delete or restore")
        c = self.repo.comment(comment_id)
        saved = self.repo.set_comment_state(comment_id, states[action])
        self.log.audit(user.id, f"comment_{action}", c.article_id, None, None, f"comment {comment_id}")
        return saved

    def comments(self, article_id: str, user: User | None) -> list[Comment]:
        """Visible comments; hidden ones for editors only; deleted ones keep their place, without text."""
        editor = user is not None and user.role.at_least(Role.EDITOR)
        out = []
        for c in self.repo.comments(article_id):
            if c.state == "hidden" and not editor:
                continue
            if c.state == "deleted":
                c = Comment(c.id, c.article_id, c.parent_id, "", "", "", "", "deleted", c.created_at)
            out.append(c)
        return out

    # --- inline feedback -----------------------------------------------------------------------------
    def leave_feedback(
        self,
        article_id: str,
        user: User | None,
        claim_id: str,
        kind: str,
        text: str,
        quote: str = "",
        position: int | None = None,
    ) -> Feedback:
        if kind not in FEEDBACK_KINDS:
            raise InputError(f"kind must be one of {', '.join(FEEDBACK_KINDS)}")
        if kind == "other" and not text.strip():
            raise InputError("say what is wrong")
        if len(text) > MAX_COMMENT:
            raise InputError(f"feedback has at most {MAX_COMMENT} characters")
        seen = self.editorial.shown(self.editorial.articles.get(article_id), user).record
        claim = claims_of(seen.article).get(claim_id)
        if claim is None:
            raise NotFoundError(f"version {seen.version} has no claim {claim_id!r}")
        anchor = make_anchor(claim_id, claim.text, quote, position)
        item = Feedback(
            str(uuid.uuid4()),
            seen.id,
            seen.version,
            anchor,
            kind,
            text.strip(),
            "open",
            user.id if user else None,
            "",
        )
        saved = self.repo.add_feedback(item)
        actor = user.id if user else None
        self.log.audit(actor, "feedback", seen.id, seen.version, None, f"{kind} on {claim_id}: {saved.id}")
        return saved

    def placed(self, rec: ArticleRecord, status: str | None = "open") -> list[Placed]:
        """The article's feedback, re-anchored in ``rec`` (orphaned where the quote is gone)."""
        claims = {cid: st.text for cid, st in claims_of(rec.article).items()}
        return [Placed(f, reanchor(f.anchor, claims)) for f in self.repo.feedback_list(rec.id, status)]

    def settle(self, feedback_id: str, user: User, resolution: str) -> Feedback:
        if not user.role.at_least(Role.REVIEWER):
            raise ForbiddenError("settling feedback needs the reviewer role")
        item = self.repo.feedback(feedback_id)
        if item.status == "settled":
            return item
        settled = self.repo.settle(feedback_id, user.id, resolution.strip() or "settled")
        rec = self.editorial.articles.get(item.article_id)
        self.log.audit(
            user.id,
            "feedback_settle",
            rec.id,
            item.version,
            rec.version,
            f"{feedback_id}: {resolution}"[:500],
        )
        self.notifier.to_subscribers(
            rec.id,
            "updates",
            f"Your report was reviewed: {rec.article.question}",
            f"A reviewer settled the report on claim {item.anchor.claim_id}: {settled.resolution}",
        )
        return settled

    # --- subscriptions -------------------------------------------------------------------------------
    def subscribe(
        self, article_id: str, user: User | None, kind: str, email: str | None, comment_id: str | None = None
    ) -> Subscription:
        if kind not in SUBSCRIPTION_KINDS:
            raise InputError(f"kind must be one of {', '.join(SUBSCRIPTION_KINDS)}")
        email = (email or "").strip() or None
        if email is not None and (
            "@" not in email or len(email) > 254 or any(c in email for c in " \r\n<>,")
        ):
            raise InputError("that email address is not valid")
        if user is None and email is None:
            raise InputError("give an email address, or sign in for in-app notifications")
        if kind == "replies" and not comment_id:
            raise InputError("a replies subscription names the comment")
        rec = self.editorial.articles.get(article_id)
        sub = Subscription(
            str(uuid.uuid4()),
            secrets.token_urlsafe(24),
            rec.id,
            kind,
            email,
            user.id if user else None,
            comment_id or None,
        )
        saved = self.repo.subscribe(sub)
        self.log.audit(user.id if user else None, "subscribe", rec.id, None, None, f"{kind}")
        return saved

    def unsubscribe(self, token: str) -> Subscription:
        sub = self.repo.unsubscribe(token)
        if sub is None:
            raise NotFoundError("no subscription with this link")
        self.log.audit(sub.user_id, "unsubscribe", sub.article_id, None, None, sub.kind)
        return sub

    def after_move(self, rec: ArticleRecord, action: str, actor: User) -> None:
        """After a status move: an approval settles the open feedback and tells the subscribers."""
        if action != "approve":
            return
        for f in self.repo.feedback_list(rec.id, "open"):
            self.repo.settle(f.id, actor.id, f"reviewed; version {rec.version} approved")
            self.log.audit(
                actor.id, "feedback_settle", rec.id, f.version, rec.version, f"{f.id}: by approval"
            )
        who = self.log.profile(actor.id)
        name = who.name if who else (actor.display_name or actor.username)
        self.notifier.to_subscribers(
            rec.id,
            "updates",
            f"Reviewed and approved: {rec.article.question}",
            f"Version {rec.version} of this article was approved by {name}.",
        )
