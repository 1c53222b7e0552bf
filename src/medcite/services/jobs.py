"""Answer jobs: the work of an answer runs outside the request, in a :class:`JobQueue`, and reports its
stage to the :class:`JobStore`, where the web app reads it.

A job is never left stuck: a worker that raises marks it failed with the message; a worker that dies
(killed, out of memory, the server restarted) stops its heartbeat, and a job whose heartbeat is older
than ``stale_after_s``, or that its queue reports lost, is marked failed when it is next read.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medcite.domain import Job, JobStatus, Stage
from medcite.errors import InputError, MedciteError
from medcite.ports import JobQueue, JobStore
from medcite.services.answer import checked_question
from medcite.services.job_queue import silent_past
from medcite.services.notify import NOTIFY, deliver

if TYPE_CHECKING:
    from medcite.services.engine import Engine

ANSWER = "answer"
REGENERATE = "regenerate"
HEARTBEAT_S = 2.0
STALE_AFTER_S = 30.0
_warm_lock = threading.Lock()


@dataclass(frozen=True)
class JobService:
    store: JobStore
    queue: JobQueue
    stale_after_s: float = STALE_AFTER_S

    def submit_answer(
        self, question: str, audience: str, *, thread_id: str | None = None, owner: str | None = None
    ) -> Job:
        """Check the question, then queue the answer; the job comes back at once (status queued)."""
        question, aud = checked_question(question, audience)
        if len(question) > 2000:
            raise InputError("the question is longer than 2000 characters")
        params: dict[str, object] = {"question": question, "audience": aud, "thread_id": thread_id}
        job = self.store.create(ANSWER, params, owner)
        self.queue.submit(job)
        return job

    def submit_regenerate(self, article_id: str, base_version: int, actor: str) -> Job:
        """Queue a regeneration of the article (a new version, composed again from the store)."""
        params: dict[str, object] = {"article_id": article_id, "base_version": base_version, "actor": actor}
        job = self.store.create(REGENERATE, params, actor)
        self.queue.submit(job)
        return job

    def submit_notify(self) -> Job:
        """Queue a job that sends the pending notification email (the worker retries each)."""
        job = self.store.create(NOTIFY, {}, None)
        self.queue.submit(job)
        return job

    def get(self, job_id: str) -> Job:
        """The job, marked failed first when its worker is gone (see the module docstring)."""
        job = self.store.get(job_id)
        if job.finished:
            return job
        why = self.queue.lost(job)
        running = job.status is JobStatus.RUNNING
        if why is None and running and silent_past(job.heartbeat_at, self.stale_after_s):
            why = f"the worker stopped answering (no sign of life for {self.stale_after_s:.0f} s)"
        if why is None:
            return job
        self.store.update(job.id, status=JobStatus.FAILED, stage="failed", message=why)
        return self.store.get(job.id)


def run_job(engine: Engine, job_id: str, heartbeat_s: float = HEARTBEAT_S) -> None:
    """Run one queued job to the end (the worker's entry point); every outcome is recorded."""
    store = engine.jobs
    if not store.claim(job_id):
        return  # already taken by another worker, or finished
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(store, job_id, stop, heartbeat_s), daemon=True)
    beat.start()
    try:
        job = store.get(job_id)
        if job.kind == NOTIFY:
            _notify(engine, job)
        elif job.kind == REGENERATE:
            _regenerate(engine, job)
        else:
            _answer(engine, job)
    except MedciteError as exc:
        store.update(job_id, status=JobStatus.FAILED, stage="failed", message=str(exc))
    except Exception as exc:  # a bug must still leave the job failed, never running
        message = f"internal error: {exc.__class__.__name__}: {exc}"
        store.update(job_id, status=JobStatus.FAILED, stage="failed", message=message)
    finally:
        stop.set()


def _heartbeat(store: JobStore, job_id: str, stop: threading.Event, every_s: float) -> None:
    while not stop.wait(every_s):
        store.update(job_id)


def _regenerate(engine: Engine, job: Job) -> None:
    with _warm_lock:
        _ = engine.indexes, engine.verifier, engine.relevance(), engine.stance_reader()
    p = job.params
    actor = engine.users.get(str(p["actor"]))
    if actor is None:
        raise InputError("the user who asked for the regeneration is gone")

    def progress(stage: Stage) -> None:
        engine.jobs.update(job.id, stage=stage)

    rec = engine.regenerate(str(p["article_id"]), actor, int(str(p["base_version"])), progress)
    engine.jobs.update(
        job.id, status=JobStatus.DONE, stage="done", result=rec.id, message=f"version {rec.version}"
    )


def _notify(engine: Engine, job: Job) -> None:
    mailer = engine.mailer()
    sent = failed = 0
    if mailer is not None:
        web = engine.settings.web
        sent, failed = deliver(engine.feedback, mailer, web.public_url, web.mail_attempts)
    message = f"{sent} email sent, {failed} failed"
    engine.jobs.update(job.id, status=JobStatus.DONE, stage="done", message=message)


def _answer(engine: Engine, job: Job) -> None:
    with _warm_lock:  # models and indexes load lazily: once, not by two jobs at the same time
        _ = engine.indexes, engine.verifier, engine.relevance(), engine.stance_reader()

    def progress(stage: Stage) -> None:
        engine.jobs.update(job.id, stage=stage)

    p = job.params
    thread = p.get("thread_id")
    result = engine.ask(
        str(p["question"]),
        audience=str(p["audience"]),
        thread_id=str(thread) if thread else None,
        progress=progress,
    )
    engine.jobs.update(job.id, status=JobStatus.DONE, stage="done", result=result.article_id)
