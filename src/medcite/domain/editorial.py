"""What the editorial workflow and reader feedback store: versions, approvals, the audit log, claim
reviews, reviewer profiles, the policy, comments, inline feedback, subscriptions and notifications."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ClaimDecision = Literal["confirm", "wrong", "better_source", "comment"]
FeedbackKind = Literal["unsupported", "outdated", "number", "other"]
SubscriptionKind = Literal["comments", "replies", "updates"]
CommentState = Literal["visible", "hidden", "deleted"]
CLAIM_DECISIONS: tuple[ClaimDecision, ...] = ("confirm", "wrong", "better_source", "comment")
FEEDBACK_KINDS: dict[FeedbackKind, str] = {
    "unsupported": "The citation does not support this",
    "outdated": "Outdated",
    "number": "Error in a number",
    "other": "Other",
}
SUBSCRIPTION_KINDS: tuple[SubscriptionKind, ...] = ("comments", "replies", "updates")


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One stored version of an article (its body is read separately)."""

    article_id: str
    version: int
    status: str  # the article's status when the version was stored
    created_at: str
    author_id: str | None = None  # None: written by machine
    note: str = ""


@dataclass(frozen=True, slots=True)
class Approval:
    article_id: str
    version: int
    reviewer_id: str
    content_hash: str  # SHA-256 of the approved version's body (canonical JSON)
    approved_at: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    actor_id: str | None
    action: str
    article_id: str | None = None
    from_version: int | None = None
    to_version: int | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ClaimReview:
    id: int
    article_id: str
    version: int
    claim_id: str
    decision: ClaimDecision
    comment: str
    reviewer_id: str
    created_at: str


@dataclass(frozen=True, slots=True)
class ReviewerProfile:
    user_id: str
    name: str
    credentials: str = ""
    specialty: str = ""
    disclosure: str = ""  # conflicts of interest, "None declared" when empty
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class PolicyVersion:
    version: int
    body: str  # Markdown
    author_id: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    article_id: str
    parent_id: str | None
    author_id: str
    author_name: str
    body: str  # Markdown as written
    html: str  # sanitised HTML
    state: CommentState
    created_at: str
    edited_at: str | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where inline feedback points, as web annotations anchor (a TextQuoteSelector with a
    TextPositionSelector): the quoted text, a few characters before and after it, and its offset in the
    claim's text."""

    claim_id: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class Feedback:
    id: str
    article_id: str
    version: int  # the version the reader saw
    anchor: Anchor
    kind: FeedbackKind
    text: str
    status: Literal["open", "settled"]
    author_id: str | None
    created_at: str
    settled_by: str | None = None
    settled_at: str | None = None
    resolution: str = ""


@dataclass(frozen=True, slots=True)
class Subscription:
    id: str
    token: str  # the one-click unsubscribe token
    article_id: str
    kind: SubscriptionKind
    email: str | None
    user_id: str | None
    comment_id: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class Notification:
    id: int
    article_id: str | None
    subject: str
    body: str
    created_at: str
    user_id: str | None = None
    email: str | None = None
    unsubscribe_token: str | None = None
    read: bool = False
    mail_state: Literal["none", "pending", "sent", "failed"] = "none"
    attempts: int = 0
    last_error: str = ""
