"""Ingest orchestration: parse any supported input, store it in batches, report what happened."""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from medcite.corpus.prepare import prepare_all
from medcite.domain import Deletion, ParseItem, ParseProblem, PreparedRecord, SourceRecord
from medcite.errors import IngestError
from medcite.ports import SourceRepository

BATCH = 1000
Progress = Callable[[int], None]


COUNTS = ("read", "stored", "updated", "unchanged", "duplicates", "deleted", "skipped", "passages")


@dataclass
class IngestReport:
    """What an ingest did. Every record read is counted once more, in exactly one of ``stored`` (new),
    ``updated``, ``unchanged``, ``duplicates`` (its key came earlier in the same input: it replaces that
    one, the last one wins) and ``skipped`` (malformed, or rejected by the store), so
    ``read = stored + updated + unchanged + duplicates + skipped``; deletions are counted apart.
    ``seconds`` covers the whole command, indexing included when it indexes."""

    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    deleted: int = 0
    skipped: int = 0
    passages: int = 0
    seconds: float = 0.0
    problems: list[ParseProblem] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)  # whole-file failures (named, with the reason)

    def merge(self, other: IngestReport) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)
        self.file_errors.extend(other.file_errors)

    @property
    def ok(self) -> bool:
        return not self.file_errors


class _Writer:
    """Writes batches of records to the store, in input order, optionally prepared in worker processes,
    and counts what happened in the report (a record the store rejects becomes a problem of ``name``).

    A record whose key came earlier in the same input is counted as a duplicate, and replaces the earlier
    one: within a batch the earlier one is dropped; after an earlier batch it is written on its own
    (``repeat``), so the store's counts cover each key of the input once."""

    def __init__(
        self,
        store: SourceRepository,
        report: IngestReport,
        progress: Progress | None,
        workers: int,
        name: str,
    ) -> None:
        self.store = store
        self.report = report
        self.progress = progress
        self.workers = workers
        self.name = name
        self.batch: dict[str, SourceRecord] = {}
        self.seen: set[str] = set()  # keys of the batches already handed on
        self.places: dict[str, tuple[int, str | None]] = {}  # key -> (position, PMID), until written
        self.pending: deque[tuple[Future[list[PreparedRecord]], bool]] = deque()
        self.pool: ProcessPoolExecutor | None = None
        self.batches = 0

    def add(self, record: SourceRecord, position: int) -> None:
        key = record.key
        if key in self.batch or key in self.seen:
            self.report.duplicates += 1
            self.batch.pop(key, None)  # the last one wins, at its own place
        self.batch[key] = record
        self.places[key] = (position, record.pmid)
        if len(self.batch) >= BATCH:
            self.flush()

    def forget(self, key: str) -> None:
        """``key`` was deleted: a record with it later in the input is new again."""
        self.seen.discard(key)

    def write(self, records: Sequence[SourceRecord | PreparedRecord], repeat: bool = False) -> None:
        res = self.store.upsert(records)
        report = self.report
        if not repeat:  # a repeat is counted as a duplicate already
            report.stored += res.stored
            report.updated += res.updated
            report.unchanged += res.unchanged
        report.passages += res.passages
        for bad in res.rejected:
            position, pmid = self.places.get(bad.key, (0, None))
            report.skipped += 1
            if repeat:  # counted as a duplicate when read; skipped instead
                report.duplicates -= 1
            report.problems.append(ParseProblem(self.name, position, pmid, f"not stored: {bad.reason}"))
        for r in records:
            self.places.pop(r.key, None)
        if self.progress is not None:
            self.progress(len(records))

    def drain(self, keep: int = 0) -> None:
        while len(self.pending) > keep:
            future, repeat = self.pending.popleft()
            self.write(future.result(), repeat)

    def flush(self) -> None:
        if not self.batch:
            return
        self.batches += 1
        if self.workers > 1 and self.pool is None and self.batches > 1:  # a small input is not worth it
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        fresh = [r for k, r in self.batch.items() if k not in self.seen]
        repeats = [r for k, r in self.batch.items() if k in self.seen]
        self.seen.update(self.batch)
        self.batch = {}
        for part, repeat in ((fresh, False), (repeats, True)):
            if not part:
                continue
            if self.pool is None:
                self.write(part, repeat)
            else:
                self.pending.append((self.pool.submit(prepare_all, part), repeat))
                self.drain(keep=self.workers)

    def close(self) -> None:
        self.flush()  # records parsed before a failure are whole: keep them
        self.drain()
        if self.pool is not None:
            self.pool.shutdown()


def store_items(
    store: SourceRepository,
    items: Iterable[ParseItem],
    report: IngestReport,
    progress: Progress | None = None,
    workers: int = 1,
    *,
    name: str = "input",
) -> None:
    """Write parsed items in batches. A whole-file error still keeps every complete record before it.

    With ``workers > 1``, the CPU work per record (design classification, sentence splitting, hashing) runs
    in worker processes while this process parses and writes; batches are still written in input order. A
    record the store rejects is skipped and reported as a problem of ``name`` at its position; the rest of
    its batch is kept.
    """
    writer = _Writer(store, report, progress, workers, name)
    try:
        for item in items:
            if isinstance(item, SourceRecord):
                report.read += 1
                writer.add(item, report.read)
            elif isinstance(item, Deletion):
                writer.flush()
                writer.drain()
                writer.forget(item.pmid)
                report.deleted += store.delete_keys([item.pmid])
            else:
                report.read += 1
                report.skipped += 1
                report.problems.append(item)
    finally:
        writer.close()


def ingest_paths(
    store: SourceRepository,
    paths: Iterable[Path],
    parse: Callable[[Path], Iterator[ParseItem]],
    progress: Progress | None = None,
    workers: int = 1,
) -> IngestReport:
    report = IngestReport()
    t0 = time.perf_counter()
    for path in paths:
        part = IngestReport()
        try:
            store_items(store, parse(path), part, progress, workers, name=path.name)
            if part.skipped and part.skipped == part.read:
                part.file_errors.append(
                    f"{path}: no usable record ({part.skipped} skipped): is it in a supported format?"
                )
        except IngestError as exc:
            part.file_errors.append(str(exc))
        report.merge(part)
    report.seconds = time.perf_counter() - t0
    return report
