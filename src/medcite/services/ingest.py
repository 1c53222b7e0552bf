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


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0
    passages: int = 0
    seconds: float = 0.0
    problems: list[ParseProblem] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)  # whole-file failures (named, with the reason)

    def merge(self, other: IngestReport) -> None:
        for name in ("read", "stored", "updated", "unchanged", "deleted", "skipped", "passages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)
        self.file_errors.extend(other.file_errors)

    @property
    def ok(self) -> bool:
        return not self.file_errors


def store_items(
    store: SourceRepository,
    items: Iterable[ParseItem],
    report: IngestReport,
    progress: Progress | None = None,
    workers: int = 1,
) -> None:
    """Write parsed items in batches. A whole-file error still keeps every complete record before it.

    With ``workers > 1``, the CPU work per record (design classification, sentence splitting, hashing) runs
    in worker processes while this process parses and writes; batches are still written in input order.
    """
    batch: list[SourceRecord] = []
    pending: deque[Future[list[PreparedRecord]]] = deque()
    pool: ProcessPoolExecutor | None = None
    batches = 0

    def write(records: Sequence[SourceRecord | PreparedRecord]) -> None:
        res = store.upsert(records)
        report.stored += res.stored
        report.updated += res.updated
        report.unchanged += res.unchanged
        report.passages += res.passages
        if progress is not None:
            progress(len(records))

    def drain(keep: int = 0) -> None:
        while len(pending) > keep:
            write(pending.popleft().result())

    def flush() -> None:
        nonlocal pool, batches
        if not batch:
            return
        batches += 1
        if workers > 1 and pool is None and batches > 1:  # a small input is not worth the start-up
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        if pool is None:
            write(batch)
        else:
            pending.append(pool.submit(prepare_all, list(batch)))
            drain(keep=workers)
        batch.clear()

    try:
        for item in items:
            if isinstance(item, SourceRecord):
                report.read += 1
                batch.append(item)
                if len(batch) >= BATCH:
                    flush()
            elif isinstance(item, Deletion):
                flush()
                drain()
                report.deleted += store.delete_keys([item.pmid])
            else:
                report.read += 1
                report.skipped += 1
                report.problems.append(item)
    finally:
        flush()  # records parsed before a failure are whole: keep them
        drain()
        if pool is not None:
            pool.shutdown()


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
            store_items(store, parse(path), part, progress, workers)
            if part.skipped and part.skipped == part.read:
                part.file_errors.append(
                    f"{path}: no usable record ({part.skipped} skipped): is it in a supported format?"
                )
        except IngestError as exc:
            part.file_errors.append(str(exc))
        report.merge(part)
    report.seconds = time.perf_counter() - t0
    return report
