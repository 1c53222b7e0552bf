"""The VectorIndex contract: usearch and the in-memory double pass the same suite."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from medcite.adapters.usearch_index import UsearchIndex
from medcite.domain import Design, PassageRef, SearchFilters
from medcite.ports import VectorIndex
from medcite.testing import InMemoryVectorIndex
from tests.contracts.sources import meta

DIM = 8
Vec = npt.NDArray[np.float32]


def unit(i: int, *, towards: int | None = None, mix: float = 0.0) -> Vec:
    """The i-th basis vector, turned a little towards another basis vector."""
    v = np.zeros(DIM, dtype=np.float32)
    v[i] = 1.0
    if towards is not None:
        v[towards] = mix
    return (v / np.linalg.norm(v)).astype(np.float32)


def stack(*vs: Vec) -> Vec:
    return np.stack(vs).astype(np.float32)


@pytest.fixture(params=["usearch", "memory"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> VectorIndex:
    if request.param == "memory":
        return InMemoryVectorIndex(DIM)
    return UsearchIndex(tmp_path / "dense", DIM)


def refs_of(hits: list[tuple[PassageRef, float]]) -> list[PassageRef]:
    return [r for r, _ in hits]


def test_empty_index(index: VectorIndex) -> None:
    assert len(index) == 0
    assert index.checkpoint == 0
    assert index.search(unit(0), 5) == []
    assert np.isnan(index.vectors([PassageRef("syn:1")])).all()


def test_upsert_then_search_finds_it(index: VectorIndex) -> None:
    m = meta()
    index.upsert(
        [(PassageRef("syn:1"), m), (PassageRef("syn:1", 0), m), (PassageRef("syn:2", 3), m)],
        stack(unit(0), unit(1), unit(2)),
    )
    index.commit(1)
    assert len(index) == 3
    hits = index.search(unit(1), 3)
    assert hits[0][0] == PassageRef("syn:1", 0)
    assert hits[0][1] == pytest.approx(1.0, abs=0.02)
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(hits))
    assert index.search(unit(2), 1)[0][0] == PassageRef("syn:2", 3)
    assert index.search(unit(0), 1)[0][0] == PassageRef("syn:1")  # the whole-source vector


def test_reupsert_replaces_the_vector(index: VectorIndex) -> None:
    index.upsert([(PassageRef("syn:1", 0), meta())], stack(unit(0)))
    index.upsert([(PassageRef("syn:2", 0), meta())], stack(unit(5)))
    index.upsert([(PassageRef("syn:1", 0), meta())], stack(unit(3)))
    index.commit(1)
    assert len(index) == 2
    assert refs_of(index.search(unit(3), 1)) == [PassageRef("syn:1", 0)]
    assert index.search(unit(0), 2)[0][1] < 0.5  # the old vector is gone
    assert np.allclose(index.vectors([PassageRef("syn:1", 0)])[0], unit(3), atol=0.02)


def test_reupsert_replaces_the_filter_columns(index: VectorIndex) -> None:
    index.upsert([(PassageRef("syn:1"), meta())], stack(unit(0)))
    index.upsert([(PassageRef("syn:1"), meta(retracted=True))], stack(unit(0)))
    index.commit(1)
    assert index.search(unit(0), 5) == []


def test_remove_removes_the_source_and_all_its_passages(index: VectorIndex) -> None:
    m = meta()
    entries = [(PassageRef("syn:1"), m), *[(PassageRef("syn:1", i), m) for i in range(3)]]
    index.upsert([*entries, (PassageRef("syn:2", 0), m)], stack(*[unit(i) for i in range(5)]))
    index.commit(1)
    index.remove(["syn:1", "no-such-key"])
    index.commit(2)
    assert len(index) == 1
    assert {r.source_key for r in refs_of(index.search(unit(0), 10))} == {"syn:2"}
    assert np.isnan(index.vectors([r for r, _ in entries])).all()


@pytest.fixture
def filtered(index: VectorIndex) -> VectorIndex:
    sources = {
        "y1999": meta(year=1999),
        "y2010": meta(year=2010),
        "y-none": meta(year=None),
        "review": meta(design=Design.REVIEW),
        "animal": meta(design=Design.ANIMAL, human=False),
        "species-unknown": meta(human=None),
        "retracted": meta(retracted=True),
    }
    entries = [(PassageRef(key, 0), m) for key, m in sources.items()]
    vecs = stack(*[unit(0, towards=1 + i % 7, mix=0.1 * (i + 1)) for i in range(len(entries))])
    index.upsert(entries, vecs)
    index.commit(1)
    return index


def found(index: VectorIndex, f: SearchFilters | None) -> set[str]:
    return {r.source_key for r, _ in index.search(unit(0), 20, f)}


def test_filter_year_range(filtered: VectorIndex) -> None:
    assert found(filtered, SearchFilters(since=2005)) == {"y2010", "review", "animal", "species-unknown"}
    assert found(filtered, SearchFilters(until=2005)) == {"y1999"}
    assert found(filtered, SearchFilters(since=2000, until=2010)) == {"y2010"}


def test_filter_designs(filtered: VectorIndex) -> None:
    f = SearchFilters(designs=frozenset({Design.REVIEW, Design.ANIMAL}))
    assert found(filtered, f) == {"review", "animal"}


def test_filter_human_only_keeps_unknown_species(filtered: VectorIndex) -> None:
    got = found(filtered, SearchFilters(human_only=True))
    assert "animal" not in got and "species-unknown" in got and "y2010" in got


def test_retracted_left_out_unless_asked(filtered: VectorIndex) -> None:
    assert "retracted" not in found(filtered, None)
    assert "retracted" not in found(filtered, SearchFilters())
    assert "retracted" in found(filtered, SearchFilters(exclude_retracted=False))


def test_filtered_search_still_returns_k_hits(index: VectorIndex) -> None:
    """The index filters inside the search: no over-fetching by the caller, however many nearer ones fail."""
    near = [(PassageRef(f"old:{i}", 0), meta(year=1990)) for i in range(60)]
    far = [(PassageRef(f"new:{i}", 0), meta(year=2020)) for i in range(3)]
    vecs = [unit(0, towards=1, mix=0.01 * (i + 1)) for i in range(60)] + [unit(1, towards=0, mix=0.2)] * 3
    index.upsert(near + far, stack(*vecs))
    index.commit(1)
    hits = index.search(unit(0), 3, SearchFilters(since=2000))
    assert {r.source_key for r, _ in hits} == {"new:0", "new:1", "new:2"}


def test_k_bounds_the_results(filtered: VectorIndex) -> None:
    assert len(filtered.search(unit(0), 1)) == 1
    assert len(filtered.search(unit(0), 3)) == 3
    assert len(filtered.search(unit(0), 100)) == 6  # every vector but the retracted source's


def test_vectors_returns_nan_rows_for_unknown_refs(index: VectorIndex) -> None:
    index.upsert([(PassageRef("syn:1"), meta()), (PassageRef("syn:1", 4), meta())], stack(unit(2), unit(6)))
    index.commit(1)
    got = index.vectors(
        [PassageRef("syn:1", 4), PassageRef("syn:1", 5), PassageRef("nope"), PassageRef("syn:1")]
    )
    assert got.shape == (4, DIM) and got.dtype == np.float32
    assert np.allclose(got[0], unit(6), atol=0.02) and np.allclose(got[3], unit(2), atol=0.02)
    assert np.isnan(got[1]).all() and np.isnan(got[2]).all()
    assert index.vectors([]).shape == (0, DIM)


def test_checkpoint_is_recorded_at_commit(index: VectorIndex) -> None:
    index.upsert([(PassageRef("syn:1"), meta())], stack(unit(0)))
    assert index.checkpoint == 0
    index.commit(4)
    assert index.checkpoint == 4
    index.commit(6)  # nothing written: the checkpoint still moves
    assert index.checkpoint == 6
    assert index.memory_bytes > 0


def test_usearch_index_persists_across_reopen_and_drops_uncommitted_writes(tmp_path: Path) -> None:
    first = UsearchIndex(tmp_path / "dense", DIM)
    first.upsert(
        [(PassageRef("syn:1", 0), meta()), (PassageRef("syn:2"), meta(year=1990))], stack(unit(0), unit(1))
    )
    first.commit(5)
    first.upsert([(PassageRef("syn:3"), meta())], stack(unit(2)))  # never committed: lost
    first.close()
    again = UsearchIndex(tmp_path / "dense", DIM)
    assert again.checkpoint == 5
    assert len(again) == 2
    assert refs_of(again.search(unit(0), 1)) == [PassageRef("syn:1", 0)]
    assert refs_of(again.search(unit(1), 2, SearchFilters(since=2000))) == [PassageRef("syn:1", 0)]
    assert np.isnan(again.vectors([PassageRef("syn:3")])).all()
    assert [p.name for p in (tmp_path / "dense").glob("graph.*")] == ["graph.1.usearch"]


def test_usearch_index_of_another_dimension_starts_empty(tmp_path: Path) -> None:
    first = UsearchIndex(tmp_path / "dense", DIM)
    first.upsert([(PassageRef("syn:1"), meta())], stack(unit(0)))
    first.commit(5)
    first.close()
    other = UsearchIndex(tmp_path / "dense", 4)
    assert other.checkpoint == 0 and len(other) == 0
    assert np.isnan(other.vectors([PassageRef("syn:1")])).all()


def test_usearch_reader_sees_what_another_instance_committed(tmp_path: Path) -> None:
    reader = UsearchIndex(tmp_path / "dense", DIM)
    writer = UsearchIndex(tmp_path / "dense", DIM)
    writer.upsert([(PassageRef("syn:1"), meta())], stack(unit(0)))
    writer.commit(3)
    assert reader.checkpoint == 3
    assert refs_of(reader.search(unit(0), 1)) == [PassageRef("syn:1")]
