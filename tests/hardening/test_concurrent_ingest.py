"""Concurrent writers lose nothing from the indexes (issue 11, item 1), on SQLite and PostgreSQL.

Two writer threads store batches into the same real database while a third thread syncs an in-memory
lexical index over and over; after a last sync, every stored record must be in the index and the index lag
must be 0. Before the fix, two batches could share a sequence number, or a batch could commit with a lower
number than one the sync had already passed, and its records were never indexed. The records are synthetic
test fixtures, not evidence.
"""

from __future__ import annotations

import threading
import time

from medcite.adapters.sql import Store
from medcite.domain import AbstractSection, SourceRecord
from medcite.services.indexing import Indexes
from medcite.testing import InMemoryLexicalIndex

WRITERS = 2
BATCHES = 25
PER_BATCH = 8


def synthetic(key: str) -> SourceRecord:
    text = f"Synthetic test fixture {key}, not evidence. Token tok{key.replace(':', '')} marks it."
    return SourceRecord(key=key, title=f"Synthetic record {key}", sections=(AbstractSection("", text),))


def _write(store: Store, writer: int, errors: list[BaseException]) -> None:
    try:
        for b in range(BATCHES):
            store.upsert([synthetic(f"w{writer}:{b}:{i}") for i in range(PER_BATCH)])
    except BaseException as exc:  # reported by the test, not swallowed
        errors.append(exc)


def _sync_until(indexes: Indexes, store: Store, done: threading.Event, errors: list[BaseException]) -> None:
    try:
        while not done.is_set():
            indexes.sync(store, batch=7)
            time.sleep(0.001)
    except BaseException as exc:
        errors.append(exc)


def test_two_concurrent_writers_lose_nothing_from_the_index(store: Store) -> None:
    lexical = InMemoryLexicalIndex()
    indexes = Indexes(lexical)
    errors: list[BaseException] = []
    done = threading.Event()
    writers = [threading.Thread(target=_write, args=(store, w, errors)) for w in range(WRITERS)]
    syncer = threading.Thread(target=_sync_until, args=(indexes, store, done, errors))
    syncer.start()
    for t in writers:
        t.start()
    for t in writers:
        t.join(timeout=120)
    done.set()
    syncer.join(timeout=60)
    assert not errors, errors
    total = WRITERS * BATCHES * PER_BATCH
    assert store.count() == total
    indexes.sync(store)
    assert indexes.pending(store) == 0
    assert lexical.num_docs == total, f"{total - lexical.num_docs} stored records missing from the index"
    # the sequence numbers are the writes, in order: one per batch, none shared
    assert store.current_seq() == WRITERS * BATCHES
