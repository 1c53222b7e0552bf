"""Background jobs in SQL: implements :class:`medcite.ports.JobStore` (shared by the web app and workers)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, RowMapping, insert, select, update

from medcite.adapters.sql.articles import _iso
from medcite.adapters.sql.schema import jobs
from medcite.domain import Job, JobStatus, Stage
from medcite.errors import NotFoundError

_FINISHED = (JobStatus.DONE.value, JobStatus.FAILED.value)


def _job(row: RowMapping) -> Job:
    stage: Stage = row["stage"]
    return Job(
        id=str(row["id"]),
        kind=str(row["kind"]),
        status=JobStatus(row["status"]),
        stage=stage,
        params=dict(row["params"]),
        message=str(row["message"]),
        result=row["result"],
        owner=row["owner"],
        created_at=_iso(row["created_at"]),
        updated_at=_iso(row["updated_at"]),
        heartbeat_at=_iso(row["heartbeat_at"]),
    )


class SqlJobStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, kind: str, params: dict[str, object], owner: str | None) -> Job:
        now = datetime.now(UTC)
        values: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "status": JobStatus.QUEUED.value,
            "stage": "queued",
            "params": params,
            "message": "",
            "result": None,
            "owner": owner,
            "created_at": now,
            "updated_at": now,
            "heartbeat_at": now,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(jobs).values(**values))
        return self.get(values["id"])

    def get(self, job_id: str) -> Job:
        with self.engine.connect() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no job with id {job_id!r}")
        return _job(row)

    def claim(self, job_id: str) -> bool:
        now = datetime.now(UTC)
        query = (
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.status == JobStatus.QUEUED.value)
            .values(status=JobStatus.RUNNING.value, updated_at=now, heartbeat_at=now)
        )
        with self.engine.begin() as conn:
            return conn.execute(query).rowcount == 1

    def update(
        self,
        job_id: str,
        *,
        status: JobStatus | None = None,
        stage: Stage | None = None,
        message: str | None = None,
        result: str | None = None,
    ) -> None:
        now = datetime.now(UTC)
        values: dict[str, Any] = {"heartbeat_at": now}
        changes = {"status": status.value if status else None, "stage": stage, "message": message}
        values.update({k: v for k, v in changes.items() if v is not None})
        if result is not None:
            values["result"] = result
        if len(values) > 1:
            values["updated_at"] = now
        query = update(jobs).where(jobs.c.id == job_id, jobs.c.status.not_in(_FINISHED)).values(**values)
        with self.engine.begin() as conn:
            conn.execute(query)
