"""Everything derived from a record before it is stored: evidence classification and sentence passages."""

from __future__ import annotations

from medcite.corpus.classify import classify
from medcite.domain import PreparedRecord, SourceRecord
from medcite.text.sentences import split_passages


def prepare(record: SourceRecord) -> PreparedRecord:
    return PreparedRecord(record, classify(record), tuple(split_passages(record)))


def prepare_all(records: list[SourceRecord]) -> list[PreparedRecord]:
    """Prepare a batch (the unit of work sent to a worker process)."""
    return [prepare(r) for r in records]
