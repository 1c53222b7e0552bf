"""The SourceRepository contract: the SQL store on SQLite and on PostgreSQL pass the same suite.

Each test gets a fresh, empty database (the ``db_url`` fixture: a SQLite file, or a new PostgreSQL database
dropped afterwards), so runs never see each other's rows. The records are synthetic test fixtures, not
evidence.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from medcite.adapters.sql import Store
from medcite.domain import AbstractSection, Design, Link, MeshHeading, SourceRecord
from medcite.ports import SourceRepository


def record(key: str, *, year: int | None = 2020, kind: str = "rct", retracted: bool = False) -> SourceRecord:
    """A synthetic record: an RCT in humans, a review, or an animal study (by publication type and MeSH)."""
    pub = {"rct": "Randomized Controlled Trial", "review": "Review", "animal": "Journal Article"}[kind]
    mesh = (MeshHeading("Animals"), MeshHeading("Mice")) if kind == "animal" else (MeshHeading("Humans"),)
    text = (
        f"Synthetic test fixture {key}, not evidence. Participants were given drug X or placebo. "
        "The outcome was measured at twelve weeks."
    )
    return SourceRecord(
        key=key,
        title=f"Synthetic test record {key}",
        sections=(AbstractSection("", text),),
        pmid=None,
        year=year,
        publication_types=(pub,),
        mesh=mesh,
        links=(Link("RetractionIn", "1"),) if retracted else (),
        origin="synthetic",
    )


@pytest.fixture
def repo(store: Store) -> SourceRepository:
    return store


def upserted_keys(repo: SourceRepository, after: int, batch: int = 2000) -> tuple[list[str], list[str], int]:
    changes = list(repo.iter_changes(after, batch=batch))
    up = [s.key for c in changes for s in c.upserted]
    removed = [k for c in changes for k in c.removed]
    return up, removed, max((c.max_seq for c in changes), default=0)


def test_empty_repository(repo: SourceRepository) -> None:
    assert repo.current_seq() == 0 and repo.count() == 0
    assert upserted_keys(repo, 0)[:2] == ([], [])
    st = repo.stats()
    assert (st.sources, st.passages, st.retracted) == (0, 0, 0)
    assert repo.get_sources(["a"]) == {} and repo.meta(["a"]) == {}
    assert repo.passages_of(["a"]) == {"a": []}
    assert repo.get_by_key("a") is None and not repo.has_key("a")


def test_upsert_counts_new_changed_and_unchanged(repo: SourceRepository) -> None:
    recs = [record("syn:1"), record("syn:2"), record("syn:3")]
    first = repo.upsert(recs)
    assert (first.stored, first.updated, first.unchanged) == (3, 0, 0)
    assert first.passages == sum(len(p) for p in repo.passages_of([r.key for r in recs]).values()) > 0
    again = repo.upsert(
        [recs[0], replace(recs[1], title="Synthetic test record, corrected"), record("syn:4")]
    )
    assert (again.stored, again.updated, again.unchanged) == (1, 1, 1)
    got = repo.get_by_key("syn:2")
    assert got is not None and got.record.title.endswith("corrected")
    assert repo.count() == 4


def test_a_record_the_store_cannot_hold_is_rejected_and_the_rest_written(repo: SourceRepository) -> None:
    bad = replace(record("syn:bad"), pmid="1" * 200)  # no store keeps a 200-character PMID
    res = repo.upsert([record("syn:1"), bad, record("syn:2")])
    assert (res.stored, [r.key for r in res.rejected]) == (2, ["syn:bad"])
    assert res.rejected[0].reason and "\n" not in res.rejected[0].reason
    assert repo.count() == 2 and not repo.has_key("syn:bad")


def test_reads_by_key(repo: SourceRepository) -> None:
    recs = [
        record("syn:1", year=2001),
        record("syn:2", kind="review", year=None),
        record("syn:3", kind="animal"),
    ]
    repo.upsert(recs)
    got = repo.get_sources(["syn:3", "syn:1", "missing"])
    assert set(got) == {"syn:1", "syn:3"}
    assert got["syn:1"].record == recs[0] and got["syn:1"].key == "syn:1"
    m = repo.meta(["syn:1", "syn:2", "syn:3", "missing"])
    assert set(m) == {"syn:1", "syn:2", "syn:3"}
    assert (m["syn:1"].year, m["syn:1"].design, m["syn:1"].human, m["syn:1"].retracted) == (
        2001,
        Design.RCT,
        True,
        False,
    )
    assert m["syn:2"].year is None and m["syn:2"].design is Design.REVIEW
    assert m["syn:3"].design is Design.ANIMAL and m["syn:3"].human is False
    assert repo.has_key("syn:2") and not repo.has_key("missing")


def test_passages_of_by_key(repo: SourceRepository) -> None:
    recs = [record("syn:1"), record("syn:2")]
    repo.upsert(recs)
    rows = repo.passages_of(["syn:2", "syn:1", "missing"])
    assert set(rows) == {"syn:1", "syn:2", "missing"} and rows["missing"] == []
    for rec in recs:
        got = rows[rec.key]
        assert len(got) >= 2
        assert [r.passage.idx for r in got] == list(range(len(got)))
        assert all(r.source_key == rec.key for r in got)
        assert all(rec.text[r.passage.start : r.passage.end] == r.passage.text for r in got)
    assert len({r.id for rs in rows.values() for r in rs}) == sum(len(rs) for rs in rows.values())


def test_iter_changes_after_a_sequence_number(repo: SourceRepository) -> None:
    repo.upsert([record("syn:1"), record("syn:2"), record("syn:3")])
    seq = repo.current_seq()
    up, removed, top = upserted_keys(repo, 0)
    assert sorted(up) == ["syn:1", "syn:2", "syn:3"] and removed == [] and top == seq
    repo.upsert([record("syn:1"), record("syn:2", year=1999), record("syn:4")])  # same, changed, new
    assert repo.delete_keys(["syn:3"]) == 1
    up, removed, top = upserted_keys(repo, seq)
    assert sorted(up) == ["syn:2", "syn:4"]  # the unchanged one is not a change
    assert sorted(removed) == ["syn:2", "syn:3"]  # a replaced source is removed and upserted
    assert top == repo.current_seq() > seq
    assert upserted_keys(repo, repo.current_seq())[:2] == ([], [])


def test_iter_changes_in_batches(repo: SourceRepository) -> None:
    repo.upsert([record(f"syn:{i}") for i in range(7)])
    changes = list(repo.iter_changes(0, batch=3))
    assert [len(c.upserted) for c in changes if c.upserted] == [3, 3, 1]
    assert sorted(s.key for c in changes for s in c.upserted) == sorted(f"syn:{i}" for i in range(7))


def test_iter_changes_checkpoints_are_safe_to_commit_at(repo: SourceRepository) -> None:
    for n in range(3):  # three writes, three sequence numbers
        repo.upsert([record(f"syn:{n}:{i}") for i in range(3)])
    assert repo.current_seq() == 3
    changes = list(repo.iter_changes(0, batch=4))
    assert [c.checkpoint for c in changes] == [0, 1, 2, 3]  # removals, then pages ending in seq 2, 3, 3
    assert {c.max_seq for c in changes} == {3}
    seen: set[str] = set()
    for c in changes:
        seen |= {s.key for s in c.upserted}
        # everything written at or below the checkpoint has been handed out already
        assert {f"syn:{n}:{i}" for n in range(c.checkpoint) for i in range(3)} <= seen


def test_a_write_that_changes_nothing_takes_no_sequence_number(repo: SourceRepository) -> None:
    recs = [record("syn:1"), record("syn:2")]
    repo.upsert(recs)
    seq = repo.current_seq()
    assert repo.upsert(recs).unchanged == 2
    assert repo.delete_keys(["missing"]) == 0
    assert repo.current_seq() == seq


def test_delete_keys(repo: SourceRepository) -> None:
    repo.upsert([record("syn:1"), record("syn:2")])
    before = repo.current_seq()
    assert repo.delete_keys(["syn:1", "missing"]) == 1
    assert repo.delete_keys([]) == 0
    assert not repo.has_key("syn:1") and repo.get_by_key("syn:1") is None
    assert repo.passages_of(["syn:1"]) == {"syn:1": []}
    assert repo.count() == 1 and repo.current_seq() > before
    assert upserted_keys(repo, before)[:2] == ([], ["syn:1"])
    repo.upsert([record("syn:1")])  # back again: removed then upserted
    assert upserted_keys(repo, before)[:2] == (["syn:1"], ["syn:1"])


def test_stats(repo: SourceRepository) -> None:
    repo.upsert(
        [
            record("syn:1", year=2001),
            record("syn:2", year=2001, kind="review"),
            record("syn:3", year=None, kind="animal", retracted=True),
        ]
    )
    st = repo.stats()
    assert st.sources == 3
    assert st.passages == sum(len(p) for p in repo.passages_of(["syn:1", "syn:2", "syn:3"]).values())
    assert st.by_origin == {"synthetic": 3}
    assert st.by_design == {"rct": 1, "review": 1, "animal": 1}
    assert st.by_year == {2001: 2, None: 1}
    assert st.retracted == 1
    assert repo.meta(["syn:3"])["syn:3"].retracted


def test_get_by_doi_ignores_case_and_misses_cleanly(repo: SourceRepository) -> None:
    repo.upsert([replace(record("syn:doi"), doi="10.1000/Synth.ABC"), record("syn:none")])
    got = repo.get_by_doi("10.1000/synth.abc")
    assert got is not None and got.key == "syn:doi"
    assert repo.get_by_doi(" 10.1000/SYNTH.abc ") is not None
    assert repo.get_by_doi("10.1000/other") is None
