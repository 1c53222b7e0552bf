"""One index writer at a time, across processes (issue 11, item 2).

Real processes (multiprocessing, spawn) on a temporary folder: two syncs started together both finish and
the indexes hold every record; a search while another process syncs answers from the last commit at once,
without waiting for the writer and without embedding the corpus itself.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from medcite.bootstrap import open_engine
from medcite.config import Settings, load_settings
from medcite.retrieve import Mode
from medcite.testing import HashingEmbedder
from tests.conftest import data_dir

SPAWN = mp.get_context("spawn")


def _settings(home: Path) -> Settings:
    return load_settings(home=home, database_url="", data_dir=data_dir(), dense_granularity="sources")


class SlowEmbedder(HashingEmbedder):
    """The hashing double, slowed down and announcing its first corpus batch: a long-running sync."""

    def __init__(self, started: Event | None = None, pause_s: float = 0.0) -> None:
        super().__init__()
        self.started = started
        self.pause_s = pause_s
        self.batches: list[int] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.batches.append(len(texts))
        if self.started is not None:
            self.started.set()
            time.sleep(self.pause_s)
        return super().embed(texts)


def _sync_in_child(home: str, start: Barrier | None, started: Event | None, out: Any) -> None:
    try:
        with open_engine(_settings(Path(home)), embedder=SlowEmbedder(started, 1.5)) as engine:
            if start is not None:
                start.wait(timeout=60)
            report = engine.sync_indexes()
        out.put(("ok", report.seq, time.monotonic()))
    except BaseException as exc:
        out.put(("error", f"{type(exc).__name__}: {exc}", time.monotonic()))


@pytest.fixture
def stored(tmp_path: Path, shared: Path) -> Path:
    """A store of 1001 real records, not indexed yet."""
    home = tmp_path / "home"
    with open_engine(_settings(home), embedder=HashingEmbedder()) as engine:
        report = engine.ingest(
            [shared / "pubmedqa" / "abstracts.jsonl", shared / "medline_sample" / "pubmed-29768149.xml"],
            index=False,
        )
        assert report.ok and report.stored == 1001
    return home


def _run_children(
    home: Path, n: int, *, barrier: bool, started: Event | None = None
) -> tuple[Any, list[Any], object]:
    """Start ``n`` syncing children; the caller keeps the returned barrier alive until they are done."""
    out = SPAWN.Queue()
    start = SPAWN.Barrier(n) if barrier else None
    procs = [
        SPAWN.Process(target=_sync_in_child, args=(str(home), start, started, out), daemon=True)
        for _ in range(n)
    ]
    for p in procs:
        p.start()
    return out, procs, start


def _results(out: Any, procs: list[Any]) -> list[tuple[str, object, float]]:
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return results


@pytest.mark.slow
def test_two_syncs_at_once_both_finish_and_index_everything(stored: Path) -> None:
    out, procs, _keep = _run_children(stored, 2, barrier=True)
    results = _results(out, procs)
    assert [r[0] for r in results] == ["ok", "ok"], results
    with open_engine(_settings(stored), embedder=HashingEmbedder()) as engine:
        stats = engine.stats()
    assert stats.lexical_docs == stats.store.sources == 1001
    assert stats.dense_vectors == 1001  # one vector per source ("sources" granularity)
    assert stats.index_lag == 0


@pytest.mark.slow
def test_search_during_a_sync_answers_from_the_last_commit_without_waiting(stored: Path) -> None:
    with open_engine(_settings(stored), embedder=HashingEmbedder()) as engine:
        engine.sync_indexes()
        rec = next(s.record for ch in engine.store.iter_changes(0) for s in ch.upserted if s.record.title)
        synthetic = [
            replace(rec, key=f"synthetic:{i}", pmid=None, title=f"Synthetic test fixture zebrafishtoken {i}")
            for i in range(20)
        ]
        engine.store.upsert(synthetic)  # changes the next sync indexes
    started = SPAWN.Event()
    out, procs, _keep = _run_children(stored, 1, barrier=False, started=started)
    assert started.wait(timeout=120), "the child sync never reached its embedding step"
    embedder = SlowEmbedder()
    with open_engine(_settings(stored), embedder=embedder) as engine:
        t0 = time.monotonic()
        hits = engine.search(rec.title, k=5)
        lexical = engine.search(rec.title, k=5, mode=Mode(True, False))
        elapsed = time.monotonic() - t0
        done_at = time.monotonic()
    assert elapsed < 5.0
    assert rec.key in [h.source.key for h in hits] and rec.key in [h.source.key for h in lexical]
    assert embedder.batches == [1]  # the dense query only: the search never embeds the store's changes
    [(status, _seq, child_done)] = _results(out, procs)
    assert status == "ok", _seq
    assert child_done > done_at, "the search should have run while the child was still syncing"
    with open_engine(_settings(stored), embedder=HashingEmbedder()) as engine:
        assert engine.stats().index_lag == 0
        found = engine.search("zebrafishtoken", k=30, mode=Mode(True, False))
        assert {h.source.key for h in found} == {f"synthetic:{i}" for i in range(20)}


def test_cli_search_reports_the_lag_and_index_catches_up(tmp_path: Path, shared: Path) -> None:
    from typer.testing import CliRunner

    from medcite.cli import app

    runner = CliRunner()
    env = {"MEDCITE_HOME": str(tmp_path / "h"), "MEDCITE_DENSE": "false", "MEDCITE_DATABASE_URL": ""}
    record = str(shared / "medline_sample" / "pubmed-29768149.xml")
    assert runner.invoke(app, ["ingest", "-q", "--no-index", record], env=env).exit_code == 0
    r = runner.invoke(app, ["search", "budesonide asthma", "--format", "json"], env=env)
    assert r.exit_code == 0 and "behind" in r.stderr and '"results": []' in r.stdout
    r = runner.invoke(app, ["index"], env=env)
    assert r.exit_code == 0 and "up to date" in r.stderr, r.output
    r = runner.invoke(app, ["search", "budesonide asthma", "--format", "json"], env=env)
    assert r.exit_code == 0 and "behind" not in r.stderr and "29768149" in r.stdout
