"""The index folder's write lock (one index writer at a time, across processes) and its errors.

Every sync of the search indexes (``medcite ingest``, ``medcite index``) holds this lock from reading the
indexes' checkpoints to committing them, so two processes never write the indexes at once (tantivy would
refuse the second writer with ``LockBusy``; usearch's graph would be replaced by the last writer). Readers
never take it: they search the last committed indexes. The kernel releases a ``flock`` when its process
dies, so a crashed writer never leaves a stale lock behind.

:func:`index_errors` turns what the index libraries raise when their folder cannot be used (``OSError``;
tantivy's ``RuntimeError`` and ``ValueError``, e.g. "No space left on device"; SQLite's errors) into
:class:`SearchIndexError`, which the CLI shows as a message.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from medcite.errors import IndexBusyError, SearchIndexError

LOCK_FILE = "write.lock"
_POLL_S = 0.1
_AFTER = "the store is not affected; `medcite index` catches up once this is fixed"


@contextmanager
def index_errors(folder: Path, doing: str) -> Iterator[None]:
    """Raise :class:`SearchIndexError` for a failure to ``doing`` (open, write) the index in ``folder``."""
    try:
        yield
    except (OSError, RuntimeError, ValueError, sqlite3.Error) as exc:
        reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)
        raise SearchIndexError(f"cannot {doing} the search index in {folder}: {reason} ({_AFTER})") from exc


class IndexWriteLock:
    """The write lock of the index folder ``folder`` (the lock file is created on first use)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE

    @contextmanager
    def hold(self, wait_s: float, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the lock for the ``with`` block; wait up to ``wait_s`` seconds for another holder
        (``on_wait`` is called once when we have to wait), then raise :class:`IndexBusyError`."""
        fd = self._open()
        try:
            self._acquire(fd, wait_s, on_wait)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise SearchIndexError(
                f"cannot open the index lock file {self.path}: {exc.strerror or exc}"
            ) from exc

    def _acquire(self, fd: int, wait_s: float, on_wait: Callable[[], None] | None) -> None:
        deadline = time.monotonic() + max(0.0, wait_s)
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                raise IndexBusyError(
                    f"another medcite process is updating the search index ({self.path}); waited "
                    f"{wait_s:g} s for it. Try again when it has finished (`medcite index` catches up)."
                )
            if not announced and on_wait is not None:
                on_wait()
                announced = True
            time.sleep(_POLL_S)
