"""The EditorialRepository and FeedbackRepository contracts, on SQLite and PostgreSQL: versions appended
under optimistic locking, compare-and-set status moves with approvals, an append-only audit log, claim
reviews, reviewer profiles, the versioned policy, comments, feedback, subscriptions and notifications."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.adapters.sql.articles import SqlArticleRepository
from medcite.adapters.sql.editorial import SqlEditorialRepository
from medcite.adapters.sql.feedback import SqlFeedbackRepository
from medcite.domain import ArticleStatus
from medcite.domain.editorial import (
    Anchor,
    Approval,
    ClaimReview,
    Comment,
    Feedback,
    Notification,
    ReviewerProfile,
    Subscription,
)
from medcite.errors import ConflictError, NotFoundError
from medcite.ports import ArticleRepository, EditorialRepository, FeedbackRepository
from tests.conftest import fresh_database
from tests.contracts.test_article_repository import ARTICLE

Repos = tuple[ArticleRepository, EditorialRepository, FeedbackRepository]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def repos(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repos]:
    with fresh_database(request.param, tmp_path) as url:
        store = Store.open(url)
        try:
            articles = SqlArticleRepository(store.engine)
            yield (
                articles,
                SqlEditorialRepository(store.engine, articles),
                SqlFeedbackRepository(store.engine),
            )
        finally:
            store.close()


def test_versions_are_appended_under_optimistic_locking(repos: Repos) -> None:
    articles, editorial, _ = repos
    rec = articles.save(ARTICLE, thread_id=None)
    edited = replace(ARTICLE, bottom_line="Synthetic edited bottom line [1].")
    v2 = editorial.add_version(rec.id, edited, base_version=1, author_id="u1", note="synthetic edit")
    assert v2.version == 2 and v2.author_id == "u1" and v2.article == edited and articles.get(rec.id) == v2
    with pytest.raises(ConflictError) as lost:
        editorial.add_version(rec.id, ARTICLE, base_version=1, author_id="u2", note="late")
    assert lost.value.current_version == 2
    assert editorial.version(rec.id, 1).article == ARTICLE and editorial.version(rec.id, 1).author_id is None
    assert [(v.version, v.author_id, v.note) for v in editorial.versions(rec.id)] == [
        (1, None, ""),
        (2, "u1", "synthetic edit"),
    ]
    with pytest.raises(NotFoundError):
        editorial.version(rec.id, 3)
    with pytest.raises(NotFoundError):
        editorial.add_version("no-such-article", ARTICLE, base_version=1, author_id=None, note="")


def test_status_moves_compare_and_set_and_approvals_pin_the_version(repos: Repos) -> None:
    articles, editorial, _ = repos
    rec = articles.save(ARTICLE, thread_id=None)
    editorial.set_status(rec.id, ArticleStatus.DRAFT, ArticleStatus.UNDER_REVIEW)
    with pytest.raises(ConflictError):
        editorial.set_status(rec.id, ArticleStatus.DRAFT, ArticleStatus.SUBMITTED)  # it moved meanwhile
    approval = Approval(rec.id, 1, "rev-1", "a" * 64, "")
    editorial.set_status(rec.id, ArticleStatus.UNDER_REVIEW, ArticleStatus.APPROVED, approval)
    back = articles.get(rec.id)
    assert back.status is ArticleStatus.APPROVED and back.approved_version == 1
    [saved] = editorial.approvals(rec.id)
    assert (saved.version, saved.reviewer_id, saved.content_hash) == (
        1,
        "rev-1",
        "a" * 64,
    ) and saved.approved_at


def test_the_audit_log_appends_and_filters(repos: Repos) -> None:
    _, editorial, _ = repos
    editorial.audit("u1", "edit", "a1", 1, 2, "synthetic")
    editorial.audit(None, "feedback", "a2")
    editorial.audit("u2", "policy", None, 0, 1)
    log = editorial.audit_log()
    assert [e.action for e in log] == ["policy", "feedback", "edit"]  # newest first
    [only] = editorial.audit_log("a1")
    assert (only.actor_id, only.from_version, only.to_version, only.detail) == ("u1", 1, 2, "synthetic")


def test_claim_reviews_profiles_and_the_policy(repos: Repos) -> None:
    _, editorial, _ = repos
    r = editorial.add_claim_review(
        ClaimReview(0, "a1", 1, "efficacy-1", "wrong", "Synthetic note", "rev", "")
    )
    assert r.id > 0 and editorial.claim_reviews("a1") == [r]
    assert editorial.profile("rev") is None
    editorial.save_profile(ReviewerProfile("rev", "Dr Synthetic", "MD"))
    p = editorial.save_profile(ReviewerProfile("rev", "Dr Synthetic", "MD, PhD", "Cardiology", "None"))
    assert (p.credentials, p.specialty) == ("MD, PhD", "Cardiology") and editorial.profiles() == [p]
    assert editorial.policy() is None
    first = editorial.save_policy("# Synthetic policy", "ed", 0)
    second = editorial.save_policy("# Synthetic policy, v2", "ed", 1)
    assert (first.version, second.version) == (1, 2) and editorial.policy() == second
    assert editorial.policy(1) == first and [v.version for v in editorial.policy_versions()] == [1, 2]
    with pytest.raises(ConflictError) as lost:
        editorial.save_policy("Mine", "ed", 1)
    assert lost.value.yours == "Mine" and lost.value.theirs == "# Synthetic policy, v2"


def test_comments_feedback_subscriptions_and_notifications(repos: Repos) -> None:
    _, _, fb = repos
    c = fb.add_comment(Comment("c1", "a1", None, "u1", "", "Synthetic", "<p>Synthetic</p>", "visible", ""))
    assert c.created_at and fb.comments("a1") == [c]
    assert fb.edit_comment("c1", "Edited", "<p>Edited</p>").edited_at
    assert fb.set_comment_state("c1", "hidden").state == "hidden"
    with pytest.raises(NotFoundError):
        fb.comment("nope")
    anchor = Anchor("efficacy-1", "quoted words", "before ", " after", 7)
    item = fb.add_feedback(Feedback("f1", "a1", 1, anchor, "number", "Synthetic", "open", "u1", ""))
    assert item.anchor == anchor and fb.feedback_list("a1", "open") == [item]
    settled = fb.settle("f1", "rev", "fixed")
    assert (
        settled.status == "settled" and settled.settled_by == "rev" and fb.feedback_list(None, "open") == []
    )
    sub = fb.subscribe(Subscription("s1", "tok-1", "a1", "updates", "x@example.org", "u1"))
    assert fb.subscriptions("a1", "updates") == [sub] and fb.subscriptions("a1", "comments") == []
    assert fb.unsubscribe("tok-1") == sub and fb.subscriptions("a1", "updates") == []
    assert fb.unsubscribe("no-such-token") is None
    fb.notify(
        [Notification(0, "a1", "S", "B", "", user_id="u1", email="x@example.org", mail_state="pending")]
    )
    [n] = fb.notifications("u1")
    assert not n.read and fb.pending_mail() == [n]
    fb.mark_read(n.id, "u1")
    with pytest.raises(NotFoundError):
        fb.mark_read(n.id, "someone-else")
    fb.mail_result(n.id, "sent", 1)
    assert fb.pending_mail() == [] and fb.notifications("u1")[0].read
