"""Ingest orchestration: parse any supported input, store it in batches, report what happened."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from medcite.domain import Deletion, ParseItem, ParseProblem, SourceRecord
from medcite.errors import IngestError
from medcite.store import Store

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
    store: Store, items: Iterable[ParseItem], report: IngestReport, progress: Progress | None = None
) -> None:
    """Write parsed items in batches. A whole-file error still keeps every complete record before it."""
    batch: list[SourceRecord] = []

    def flush() -> None:
        if batch:
            res = store.upsert(batch)
            report.stored += res.stored
            report.updated += res.updated
            report.unchanged += res.unchanged
            report.passages += res.passages
            if progress is not None:
                progress(len(batch))
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
                report.deleted += store.delete_keys([item.pmid])
            else:
                report.read += 1
                report.skipped += 1
                report.problems.append(item)
    finally:
        flush()  # records parsed before a failure are whole: keep them


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    parse: Callable[[Path], Iterator[ParseItem]],
    progress: Progress | None = None,
) -> IngestReport:
    report = IngestReport()
    t0 = time.perf_counter()
    for path in paths:
        part = IngestReport()
        try:
            store_items(store, parse(path), part, progress)
            if part.skipped and part.skipped == part.read:
                part.file_errors.append(
                    f"{path}: no usable record ({part.skipped} skipped): is it in a supported format?"
                )
        except IngestError as exc:
            part.file_errors.append(str(exc))
        report.merge(part)
    report.seconds = time.perf_counter() - t0
    return report
