"""The store on SQLite and PostgreSQL (the same tests run on both through the ``db_url`` fixture)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.corpus.detect import parse_path
from medcite.domain import SourceRecord
from medcite.errors import StoreError


def _records(shared: Path, n: int = 50) -> list[SourceRecord]:
    recs = [
        i
        for i in parse_path(shared / "medline_sample" / "medline16n0902.xml.gz")
        if isinstance(i, SourceRecord)
    ]
    return recs[:n]


def test_upsert_is_idempotent_and_detects_changes(db_url: str, shared: Path) -> None:
    store = Store.open(db_url)
    recs = _records(shared)
    first = store.upsert(recs)
    assert (first.stored, first.updated, first.unchanged) == (len(recs), 0, 0)
    again = store.upsert(recs)
    assert (again.stored, again.updated, again.unchanged) == (0, 0, len(recs))
    changed = replace(recs[0], title=recs[0].title + " (corrected)")
    res = store.upsert([changed])
    assert (res.stored, res.updated) == (0, 1)
    got = store.get_by_key(recs[0].key)
    assert got is not None and got.record.title.endswith("(corrected)")
    assert store.stats().sources == len(recs)
    store.close()


def test_round_trip_keeps_every_field(db_url: str, shared: Path) -> None:
    store = Store.open(db_url)
    recs = [r for r in _records(shared, 200) if r.mesh and r.sections][:20]
    store.upsert(recs)
    for r in recs:
        got = store.get_by_key(r.key)
        assert got is not None
        assert got.record == r
    store.close()


def test_passages_point_into_the_source_text(db_url: str, shared: Path) -> None:
    store = Store.open(db_url)
    recs = [r for r in _records(shared, 100) if r.sections][:10]
    store.upsert(recs)
    keys = [r.key for r in recs]
    for key, rows in store.passages_of(keys).items():
        text = store.get_sources([key])[key].record.text
        assert rows, "every abstract has passages"
        for row in rows:
            assert row.source_key == key
            assert text[row.passage.start : row.passage.end] == row.passage.text
    store.close()


def test_delete_and_change_log(db_url: str, shared: Path) -> None:
    store = Store.open(db_url)
    recs = _records(shared, 10)
    store.upsert(recs)
    seq = store.current_seq()
    assert store.delete_keys([recs[0].key, "no-such-key"]) == 1
    assert not store.has_key(recs[0].key)
    changes = list(store.iter_changes(seq))
    assert [k for c in changes for k in c.removed] == [recs[0].key]
    assert not [s for c in changes for s in c.upserted]
    store.close()


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
