"""Accounts and background jobs of the web app: users, their roles, and answer jobs with their stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class Role(StrEnum):
    """What a user may do; each role may do everything the roles before it may (see :meth:`at_least`).

    The editorial workflow gives reviewers and editors their own actions; the web app checks them with
    ``user.role.at_least(Role.REVIEWER)``.
    """

    READER = "reader"  # reads articles, asks (as anonymous visitors do, with an account)
    CLINICIAN = "clinician"  # a health professional: asks, follows up, sees drafts it asked for
    REVIEWER = "reviewer"  # reviews articles (issue 13: approves, requests changes)
    EDITOR = "editor"  # edits articles and the editorial policy, moderates
    ADMIN = "admin"  # manages accounts

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True, slots=True)
class User:
    id: str
    username: str
    role: Role
    display_name: str = ""
    created_at: str = ""
    disabled: bool = False


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


#: What a running answer job is doing, in order.
Stage = Literal["queued", "searching", "reading", "checking", "writing", "done", "failed"]
STAGES: tuple[Stage, ...] = ("queued", "searching", "reading", "checking", "writing", "done")


@dataclass(frozen=True, slots=True)
class Job:
    """A unit of background work (an answer or a follow-up). ``result`` is the article id when done."""

    id: str
    kind: str  # "answer"
    status: JobStatus
    stage: Stage
    params: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    result: str | None = None
    owner: str | None = None  # user id, None for an anonymous visitor
    created_at: str = ""
    updated_at: str = ""
    heartbeat_at: str = ""  # the worker's last sign of life (a running job without one is failed)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
