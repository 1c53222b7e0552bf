"""The transition table: who may make each move, nobody approves their own edit, and (Hypothesis) no
sequence of moves by any users reaches ``approved`` without a reviewer who did not write the version."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medcite.domain import ArticleStatus, Role, User
from medcite.domain.review import TRANSITIONS, Action, WorkflowDenied, allowed, decide

S = ArticleStatus
USERS = [User(f"u-{r.value}-{i}", f"{r.value}{i}", r) for r in Role for i in (1, 2)]


def test_every_status_is_reachable_and_approval_needs_a_reviewer() -> None:
    targets = {t.target for t in TRANSITIONS} | {S.DRAFT}
    assert targets == set(ArticleStatus)
    to_approved = [t for t in TRANSITIONS if t.target is S.APPROVED]
    assert to_approved and all(t.role.at_least(Role.REVIEWER) and t.not_author for t in to_approved)
    assert all(t.source is S.UNDER_REVIEW for t in to_approved if t.action is Action.APPROVE)


def test_roles_and_statuses_are_enforced() -> None:
    reader, clinician, reviewer, editor = (User(r.value, r.value, r) for r in list(Role)[:4])
    assert decide(S.DRAFT, Action.SUBMIT, clinician, None).target is S.SUBMITTED
    with pytest.raises(WorkflowDenied) as denied:
        decide(S.DRAFT, Action.SUBMIT, reader, None)
    assert denied.value.status == 403
    with pytest.raises(WorkflowDenied) as denied:
        decide(S.DRAFT, Action.APPROVE, reviewer, None)  # not from draft
    assert denied.value.status == 409
    with pytest.raises(WorkflowDenied) as denied:
        decide(S.UNDER_REVIEW, Action.APPROVE, reviewer, reviewer.id)  # their own edit
    assert "own edit" in str(denied.value) and denied.value.status == 403
    assert decide(S.UNDER_REVIEW, Action.APPROVE, editor, reviewer.id).target is S.APPROVED
    assert decide(S.APPROVED, Action.EDIT, reviewer, None).target is S.UNDER_REVIEW  # the edit is pending
    with pytest.raises(WorkflowDenied):
        decide(S.APPROVED, Action.MARK_STALE, reviewer, None)  # editors mark stale
    with pytest.raises(WorkflowDenied):
        decide(S.SUBMITTED, Action.START_REVIEW, None, None)  # signed out
    assert allowed(S.UNDER_REVIEW, reviewer, reviewer.id) == [Action.REQUEST_CHANGES, Action.REJECT]
    assert Action.APPROVE in allowed(S.UNDER_REVIEW, reviewer, None)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Action)), st.sampled_from(USERS)), max_size=40))
def test_no_path_reaches_approved_without_a_reviewer(moves: list[tuple[Action, User]]) -> None:
    status, author = S.DRAFT, None  # the machine wrote version 1
    approvals: list[tuple[User, str | None]] = []
    for action, actor in moves:
        try:
            t = decide(status, action, actor, author)
        except WorkflowDenied:
            continue
        if action is Action.EDIT:
            author = actor.id
        if t.target is S.APPROVED:
            approvals.append((actor, author))
        status = t.target
        if status is S.APPROVED:
            approver, version_author = approvals[-1]
            assert approver.role.at_least(Role.REVIEWER)
            assert approver.id != version_author
