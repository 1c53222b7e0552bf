"""An interrupted index sync resumes from its last committed batch, not from 0 (issue 11, item 9).

A real store (SQLite and PostgreSQL) holds 8 writes of 5 synthetic records (test fixtures, not evidence);
the sync reads them 5 at a time. An embedder double fails on its 4th call, and a lexical index double on
its 4th batch: the index must have committed the batches before, and the next sync must redo only the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
import pytest

from medcite.adapters.sql import Store
from medcite.domain import AbstractSection, SourceRecord, StoredSource
from medcite.services.indexing import Indexes
from medcite.testing import HashingEmbedder, InMemoryLexicalIndex, InMemoryVectorIndex

WRITES, PER_WRITE = 8, 5


class Killed(RuntimeError):
    """Stands for the process being killed mid-sync."""


class FailingEmbedder(HashingEmbedder):
    """The hashing double, failing on call number ``fail_at`` (0: never); counts the texts it embedded."""

    def __init__(self, fail_at: int = 0) -> None:
        super().__init__()
        self.fail_at = fail_at
        self.calls = 0
        self.texts = 0

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        if self.calls == self.fail_at:
            raise Killed("embedder stopped")
        self.texts += len(texts)
        return super().embed(texts)


class FailingLexical(InMemoryLexicalIndex):
    """The in-memory BM25 double, failing on upsert call number ``fail_at``; counts the sources upserted."""

    def __init__(self, fail_at: int = 0) -> None:
        super().__init__()
        self.fail_at = fail_at
        self.calls = 0
        self.sources = 0

    def upsert(self, sources: Sequence[StoredSource]) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise Killed("lexical index stopped")
        self.sources += len(sources)
        super().upsert(sources)


def synthetic(key: str) -> SourceRecord:
    text = f"Synthetic test fixture {key}, not evidence."
    return SourceRecord(key=key, title=f"Synthetic record {key}", sections=(AbstractSection("", text),))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    for w in range(WRITES):
        s.upsert([synthetic(f"syn:{w}:{i}") for i in range(PER_WRITE)])
    try:
        yield s
    finally:
        s.close()


def test_an_interrupted_embedding_sync_resumes_from_the_last_committed_batch(store: Store) -> None:
    vector = InMemoryVectorIndex(HashingEmbedder().dim)
    lexical = InMemoryLexicalIndex()
    first = FailingEmbedder(fail_at=4)
    with pytest.raises(Killed):
        Indexes(lexical, vector, first, passages=False).sync(store, batch=PER_WRITE, commit_every=1)
    assert lexical.checkpoint == WRITES  # the lexical sync finished before the embedding started
    assert vector.checkpoint == 3  # three batches embedded and committed, the fourth killed
    again = FailingEmbedder()
    Indexes(lexical, vector, again, passages=False).sync(store, batch=PER_WRITE, commit_every=1)
    assert again.texts == (WRITES - 3) * PER_WRITE  # only the rest: one vector per source
    assert vector.checkpoint == WRITES and len(vector) == WRITES * PER_WRITE


def test_an_interrupted_lexical_sync_resumes_from_the_last_committed_batch(store: Store) -> None:
    lexical = FailingLexical(fail_at=4)
    with pytest.raises(Killed):
        Indexes(lexical).sync(store, batch=PER_WRITE, commit_every=1)
    assert lexical.checkpoint == 3 and lexical.num_docs == 3 * PER_WRITE
    lexical.fail_at = 0
    lexical.sources = 0
    Indexes(lexical).sync(store, batch=PER_WRITE, commit_every=1)
    assert lexical.sources == (WRITES - 3) * PER_WRITE
    assert lexical.checkpoint == WRITES and lexical.num_docs == WRITES * PER_WRITE


def test_commits_come_every_commit_every_sources(store: Store) -> None:
    commits: list[int] = []

    class Counting(InMemoryLexicalIndex):
        def commit(self, checkpoint: int) -> None:
            commits.append(checkpoint)
            super().commit(checkpoint)

    Indexes(Counting()).sync(store, batch=PER_WRITE, commit_every=3 * PER_WRITE)
    assert commits == [3, 6, WRITES]  # after every third batch, and at the end
