"""The job queue on Redis, with RQ (used when ``MEDCITE_REDIS_URL`` is set).

Why RQ: the answer pipeline is synchronous, CPU-bound Python; RQ runs plain functions, and its worker
forks a work-horse per job and watches it, so a job whose process dies (killed, out of memory, a crash
in native code) is recorded as failed by the parent at once. arq would need the pipeline pushed into an
executor from asyncio, and it re-runs a job whose worker vanished, which an answer should not silently do.

The worker (``medcite worker``, or ``rq worker -u URL medcite``) runs
:func:`medcite.bootstrap.run_queued_job`, which opens the engine from the environment, as the web app does.
"""

from __future__ import annotations

from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job as RqJob
from rq.job import JobStatus as RqStatus

from medcite.domain import Job, JobStatus

QUEUE = "medcite"
ENTRY_POINT = "medcite.bootstrap.run_queued_job"
JOB_TIMEOUT_S = 900


class RqJobQueue:
    name = "redis"

    def __init__(self, url: str, queue: str = QUEUE) -> None:
        self.redis = Redis.from_url(url)
        self.queue = Queue(queue, connection=self.redis)

    def submit(self, job: Job) -> None:
        self.queue.enqueue(
            ENTRY_POINT,
            job.id,
            job_id=job.id,
            job_timeout=JOB_TIMEOUT_S,
            result_ttl=3600,
            failure_ttl=7 * 24 * 3600,
        )

    def lost(self, job: Job) -> str | None:
        if job.status in (JobStatus.DONE, JobStatus.FAILED):
            return None
        try:
            rq_job = RqJob.fetch(job.id, connection=self.redis)
        except NoSuchJobError:
            return "the Redis queue no longer holds this job"
        status = rq_job.get_status(refresh=False)
        if status == RqStatus.FAILED:
            return f"the worker failed: {_last_line(rq_job)}"
        if status in (RqStatus.STOPPED, RqStatus.CANCELED):
            return f"the job was {status.value} in the queue"
        if status == RqStatus.FINISHED:
            return "the worker ended without recording a result"
        return None

    def close(self) -> None:
        self.redis.close()


def _last_line(rq_job: RqJob) -> str:
    result = rq_job.latest_result()
    text = (result.exc_string if result is not None else None) or rq_job.exc_info or "no message"
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else "no message"
