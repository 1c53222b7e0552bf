"""Retrieval over real MEDLINE records: BM25, dense (hashing test double), hybrid, filters, incremental."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from medcite.bootstrap import open_engine
from medcite.config import Settings
from medcite.domain import Design, SearchFilters, SourceRecord
from medcite.errors import InputError
from medcite.retrieve import Mode
from medcite.services.engine import Engine
from tests.conftest import HashingEmbedder


@pytest.fixture
def engine(settings: Settings, shared: Path, hashing_embedder: HashingEmbedder) -> Iterator[Engine]:
    with open_engine(settings, embedder=hashing_embedder) as eng:
        report = eng.ingest([shared / "medline_sample" / "medline16n0902.xml.gz"])
        assert report.ok and report.stored > 500
        yield eng


def _a_record(engine: Engine) -> SourceRecord:
    for changes in engine.store.iter_changes(0):
        for s in changes.upserted:
            if s.record.title and len(s.record.text) > 400 and s.record.pmid:
                return s.record
    raise AssertionError("no usable record")


@pytest.mark.parametrize("mode", [Mode(True, False), Mode(False, True), Mode(True, True)])
def test_a_records_own_sentence_finds_it(engine: Engine, mode: Mode) -> None:
    rec = _a_record(engine)
    sentence = max(rec.text.split(". "), key=len)
    hits = engine.search(sentence[:300], k=5, mode=mode)
    assert rec.key in [h.source.key for h in hits]
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_passages_carry_offsets_into_the_source(engine: Engine) -> None:
    rec = _a_record(engine)
    hit = next(h for h in engine.search(rec.title, k=5) if h.source.key == rec.key)
    assert hit.passages
    for p in hit.passages:
        assert rec.text[p.start : p.end] == p.text


def test_filters_year_and_design(engine: Engine) -> None:
    hits = engine.search(
        "randomized trial patients treatment", k=20, filters=SearchFilters(designs=frozenset({Design.RCT}))
    )
    assert hits and all(h.source.evidence.design is Design.RCT for h in hits)
    years = sorted({h.source.record.year for h in engine.search("cancer", k=30) if h.source.record.year})
    cut = years[len(years) // 2]
    later = engine.search("cancer", k=30, filters=SearchFilters(since=cut))
    assert later and all((h.source.record.year or 0) >= cut for h in later)


def test_empty_results_and_bad_queries(engine: Engine) -> None:
    assert engine.search("zzzzqqqxxyy", k=5, mode=Mode(True, False)) == []
    with pytest.raises(InputError, match="empty"):
        engine.search("   ")
    with pytest.raises(InputError, match="limit"):
        engine.search("x" * 5000)


def test_index_grows_incrementally_and_forgets_deleted(engine: Engine) -> None:
    rec = _a_record(engine)
    before = engine.stats()
    new = replace(
        rec, key="synthetic:1", pmid=None, title="Synthetic test record zebrafishtoken (not evidence)"
    )
    engine.store.upsert([new])
    assert engine.indexes.pending(engine.store) > 0
    assert engine.search("zebrafishtoken", k=3, mode=Mode(True, False)) == []  # search never syncs
    engine.sync_indexes()
    hits = engine.search("zebrafishtoken", k=3)
    assert "synthetic:1" in [h.source.key for h in hits]
    assert [h.source.key for h in engine.search("zebrafishtoken", k=3, mode=Mode(True, False))] == [
        "synthetic:1"
    ]
    assert engine.stats().lexical_docs == before.lexical_docs + 1
    engine.store.delete_keys(["synthetic:1"])
    engine.sync_indexes()
    assert engine.search("zebrafishtoken", k=3, mode=Mode(True, False)) == []
    assert engine.stats().lexical_docs == before.lexical_docs


def test_retracted_sources_are_excluded_by_default(engine: Engine) -> None:
    from medcite.domain import Link

    rec = _a_record(engine)
    engine.store.upsert([replace(rec, links=(*rec.links, Link("RetractionIn", "1")))])
    engine.sync_indexes()
    keys = [h.source.key for h in engine.search(rec.title, k=10, mode=Mode(True, False))]
    assert rec.key not in keys
    keys = [
        h.source.key
        for h in engine.search(
            rec.title, k=10, mode=Mode(True, False), filters=SearchFilters(exclude_retracted=False)
        )
    ]
    assert rec.key in keys


def test_dense_index_then_onnx_model_in_one_process(tmp_path: Path) -> None:
    """Regression: importing usearch before onnxruntime crashed the process; UsearchIndex guards the order."""
    import subprocess
    import sys

    code = (
        "from pathlib import Path; from medcite.adapters.usearch_index import UsearchIndex; "
        f"UsearchIndex(Path({str(tmp_path / 'dense')!r}), 4); "
        "from medcite.adapters.onnx_embedder import OnnxEmbedder; "
        "print(OnnxEmbedder().embed(['aspirin']).shape)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert "(1, 384)" in out.stdout
