"""The embedded job queue: a thread pool in the web process (the default, without Redis)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from medcite.domain import Job, JobStatus, age_s
from medcite.ports import JobStore

# job stores keep times to the second (medcite.adapters.sql.articles._iso): a heartbeat read back can look up
# to this much older than it is
STORED_TO_S = 1.0


def silent_past(heartbeat_at: str, limit_s: float) -> bool:
    """Whether a job's last heartbeat is more than ``limit_s`` old, allowing for its stored rounding."""
    return age_s(heartbeat_at) - STORED_TO_S > limit_s


class InProcessQueue:
    """Runs ``runner(job_id)`` on ``workers`` threads. While jobs wait, a heartbeat thread keeps them
    alive in the store, so that a queued job of a process that stopped is found stale, not stuck."""

    name = "in-process"

    def __init__(
        self,
        store: JobStore,
        runner: Callable[[str], None],
        workers: int = 2,
        heartbeat_s: float = 2.0,
        stale_after_s: float = 30.0,
    ) -> None:
        self.instance = f"inproc-{uuid.uuid4().hex[:12]}"
        self._store, self._runner, self._stale_after_s = store, runner, stale_after_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="medcite-job")
        self._waiting: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, args=(heartbeat_s,), daemon=True)
        self._beat.start()

    def submit(self, job: Job) -> None:
        with self._lock:
            self._waiting[job.id] = self._pool.submit(self._run, job.id)

    def _run(self, job_id: str) -> None:
        try:
            self._runner(job_id)
        finally:
            with self._lock:
                self._waiting.pop(job_id, None)

    def lost(self, job: Job) -> str | None:
        with self._lock:
            mine = job.id in self._waiting
        if mine or job.status is not JobStatus.QUEUED:
            return None
        if silent_past(job.heartbeat_at, self._stale_after_s):
            return "the server that queued this job stopped before it ran"
        return None

    def _heartbeat(self, every_s: float) -> None:
        while not self._stop.wait(every_s):
            with self._lock:
                ids = list(self._waiting)
            for job_id in ids:
                self._store.update(job_id)

    def close(self) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
