"""The editorial workflow: the one table of allowed status transitions and who may make each.

An article moves through :class:`ArticleStatus` by :class:`Action`. :data:`TRANSITIONS` is the only place
that says which moves exist, from which status, to which status, and the least role that may make them.
:func:`decide` applies it: it is what every caller (API, pages, services) goes through.

Rules beyond the role:

* ``approve`` needs a reviewer (or a higher role) who did not write the version being approved
  ("nobody approves their own edit"); the version's author is the user whose edit made it (None for the
  machine-written version).
* ``edit`` makes a new version. An edit of an approved (or stale) article sends it back to
  ``under_review``: the new text is pending; readers keep the approved version until a reviewer signs
  the new one off.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from medcite.domain.accounts import Role, User
from medcite.domain.article import ArticleStatus

S = ArticleStatus


class Action(StrEnum):
    SUBMIT = "submit"  # ask for review
    START_REVIEW = "start_review"  # a reviewer takes it
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    REJECT = "reject"
    REOPEN = "reopen"  # a rejected article back to draft
    MARK_STALE = "mark_stale"  # the evidence changed after approval
    EDIT = "edit"  # a new version (an edited claim or citation, or a regeneration)


@dataclass(frozen=True, slots=True)
class Transition:
    source: ArticleStatus
    action: Action
    target: ArticleStatus
    role: Role  # the least role that may make it
    not_author: bool = False  # the actor must not be the author of the current version


def _t(source: S, action: Action, target: S, role: Role, not_author: bool = False) -> Transition:
    return Transition(source, action, target, role, not_author)


#: The transition table (also printed on the editorial policy page and in the README).
TRANSITIONS: tuple[Transition, ...] = (
    _t(S.DRAFT, Action.SUBMIT, S.SUBMITTED, Role.CLINICIAN),
    _t(S.CHANGES_REQUESTED, Action.SUBMIT, S.SUBMITTED, Role.CLINICIAN),
    _t(S.SUBMITTED, Action.START_REVIEW, S.UNDER_REVIEW, Role.REVIEWER),
    _t(S.STALE, Action.START_REVIEW, S.UNDER_REVIEW, Role.REVIEWER),
    _t(S.UNDER_REVIEW, Action.REQUEST_CHANGES, S.CHANGES_REQUESTED, Role.REVIEWER),
    _t(S.UNDER_REVIEW, Action.APPROVE, S.APPROVED, Role.REVIEWER, not_author=True),
    _t(S.UNDER_REVIEW, Action.REJECT, S.REJECTED, Role.REVIEWER),
    _t(S.REJECTED, Action.REOPEN, S.DRAFT, Role.EDITOR),
    _t(S.APPROVED, Action.MARK_STALE, S.STALE, Role.EDITOR),
    _t(S.DRAFT, Action.EDIT, S.DRAFT, Role.REVIEWER),
    _t(S.SUBMITTED, Action.EDIT, S.SUBMITTED, Role.REVIEWER),
    _t(S.UNDER_REVIEW, Action.EDIT, S.UNDER_REVIEW, Role.REVIEWER),
    _t(S.CHANGES_REQUESTED, Action.EDIT, S.CHANGES_REQUESTED, Role.REVIEWER),
    _t(S.APPROVED, Action.EDIT, S.UNDER_REVIEW, Role.REVIEWER),
    _t(S.STALE, Action.EDIT, S.UNDER_REVIEW, Role.REVIEWER),
)
_TABLE: dict[tuple[ArticleStatus, Action], Transition] = {(t.source, t.action): t for t in TRANSITIONS}


class WorkflowDenied(Exception):
    """A move the table does not allow (``status`` 409: not from this status; 403: not by this user)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def decide(
    status: ArticleStatus, action: Action, actor: User | None, version_author: str | None
) -> Transition:
    """The transition ``actor`` makes by ``action`` from ``status``; :class:`WorkflowDenied` otherwise."""
    t = _TABLE.get((status, action))
    if t is None:
        raise WorkflowDenied(409, f"an article that is {status.value} cannot be {_past(action)}")
    if actor is None or actor.disabled:
        raise WorkflowDenied(403, f"{action.value} needs a signed-in {t.role.value}")
    if not actor.role.at_least(t.role):
        raise WorkflowDenied(
            403, f"{action.value} needs the {t.role.value} role (you are {actor.role.value})"
        )
    if t.not_author and version_author is not None and version_author == actor.id:
        raise WorkflowDenied(
            403, "nobody approves their own edit: another reviewer must approve this version"
        )
    return t


def allowed(status: ArticleStatus, actor: User | None, version_author: str | None) -> list[Action]:
    """The actions ``actor`` may take now (edits excluded: they come with their content)."""
    out: list[Action] = []
    for t in TRANSITIONS:
        if t.source is not status or t.action is Action.EDIT:
            continue
        try:
            decide(status, t.action, actor, version_author)
        except WorkflowDenied:
            continue
        out.append(t.action)
    return out


def _past(action: Action) -> str:
    return {
        Action.SUBMIT: "submitted",
        Action.START_REVIEW: "taken for review",
        Action.REQUEST_CHANGES: "sent back for changes",
        Action.APPROVE: "approved",
        Action.REJECT: "rejected",
        Action.REOPEN: "reopened",
        Action.MARK_STALE: "marked stale",
        Action.EDIT: "edited",
    }[action]
