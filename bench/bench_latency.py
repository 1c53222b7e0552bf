"""Query latency (p50/p95) and peak RSS at the shared corpus size and at 1M passages.

The 1M-passage store is the shared corpus copied under new ids (``scaleN:<key>``) until it holds 1M passages;
it gets one dense vector per passage (as ``MEDCITE_DENSE_GRANULARITY=passages`` would): the original's vector
for that passage, or, when the base index holds only per-source vectors, the source's vector, copied under the
new key with a little noise so the HNSW graph is not degenerate. This is for latency and memory only:
quality is measured on the real corpus by ``bench_retrieval.py``.

    MEDCITE_HOME=/tmp/mc-bench .venv/bin/python -m bench.bench_latency   # after bench.bench_retrieval
    (--measure DIR is internal: one process per corpus, so peak RSS is its own)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.common import all_sources, data_dir, machine, pct, peak_rss_mb, print_table
from medcite.adapters.usearch_index import DENSE_DIR, UsearchIndex
from medcite.bootstrap import open_engine
from medcite.config import Settings, load_settings
from medcite.domain import PassageRef, SourceMeta
from medcite.ports import VectorIndex
from medcite.retrieve import Mode

TARGET_PASSAGES = 1_000_000


def questions(n: int) -> list[str]:
    out = []
    for line in (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open():
        out.append(json.loads(line)["body"])
    return out[:n]


def measure(home: Path, n: int) -> dict[str, object]:
    """Run in a fresh process so peak RSS is the search process's own."""
    settings = load_settings(home=home, data_dir=data_dir())
    engine = open_engine(settings)
    stats = engine.stats()
    qs = questions(n)
    result: dict[str, object] = {
        "sources": stats.store.sources,
        "passages": stats.store.passages,
        "vectors": stats.dense_vectors,
    }
    for name, mode in (
        ("lexical", Mode(True, False)),
        ("dense", Mode(False, True)),
        ("hybrid", Mode(True, True)),
    ):
        searcher = engine.searcher(mode)
        searcher.search(qs[0], 10)  # warm up: load the model, open the index
        lat = []
        for q in qs:
            t0 = time.perf_counter()
            searcher.search(q, 10)
            lat.append((time.perf_counter() - t0) * 1000)
        result[name] = (pct(lat, 50), pct(lat, 95))
    result["rss_mb"] = peak_rss_mb()
    return result


def build_scaled(base: Settings, home: Path) -> None:
    if (home / "scaled.done").exists():
        return
    src = open_engine(base)
    originals = list(all_sources(src.store))
    per_copy = src.stats().store.passages
    copies = -(-TARGET_PASSAGES // per_copy)
    dst_settings = load_settings(home=home, data_dir=data_dir())
    dst = open_engine(dst_settings, dense=False)
    for j in range(copies):
        recs = [replace(s.record, key=f"scale{j}:{s.key}", pmid=None) for s in originals]
        for i in range(0, len(recs), 2000):
            dst.store.upsert(recs[i : i + 2000])
        print(f"copy {j + 1}/{copies} stored", flush=True)
    dst.sync_indexes()  # lexical only (dense=False)
    # dense: copy the original vectors under the new keys
    source_index = src.indexes.vector
    assert source_index is not None and src.embedder is not None
    vector = UsearchIndex(dst_settings.index_dir / DENSE_DIR, src.embedder.dim)
    rng = np.random.default_rng(0)
    per_passage = base.index.dense_granularity == "passages"
    counts = {key: len(rows) for key, rows in src.store.passages_of([s.key for s in originals]).items()}
    entries: list[tuple[PassageRef, SourceMeta]] = []
    from_refs: list[PassageRef] = []
    for j in range(copies):
        for orig in originals:
            meta = SourceMeta.of(orig)
            for idx in [None, *range(counts.get(orig.key, 0))]:
                entries.append((PassageRef(f"scale{j}:{orig.key}", idx), meta))
                from_refs.append(PassageRef(orig.key, idx if per_passage else None))
            if len(entries) > 50_000:
                _copy(source_index, vector, from_refs, entries, rng)
                entries, from_refs = [], []
    _copy(source_index, vector, from_refs, entries, rng)
    vector.commit(dst.store.current_seq())
    vector.close()
    (home / "scaled.done").write_text("ok")


def _copy(
    source: VectorIndex,
    target: VectorIndex,
    from_refs: list[PassageRef],
    entries: list[tuple[PassageRef, SourceMeta]],
    rng: np.random.Generator,
) -> None:
    vecs = source.vectors(from_refs)
    ok = ~np.isnan(vecs).any(axis=1)
    noisy = vecs[ok] + rng.normal(0, 0.02, vecs[ok].shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    target.upsert([e for e, good in zip(entries, ok, strict=True) if good], noisy.astype(np.float32))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measure", type=Path)
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.n)))
        return
    base = load_settings()
    scaled_home = Path(str(base.home) + "-1m")
    build_scaled(base, scaled_home)
    rows = []
    for label, home in (("shared corpus", base.home), ("1M passages (scaled copies)", scaled_home)):
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_latency", "--measure", str(home), "--n", str(args.n)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        for mode in ("lexical", "dense", "hybrid"):
            p50, p95 = r[mode]
            rows.append((label, r["sources"], r["passages"], mode, p50, p95, f"{r['rss_mb']:.0f}"))
    print_table(
        f"query latency, k=10, {args.n} BioASQ questions | {machine()}",
        ["corpus", "sources", "passages", "mode", "p50 ms", "p95 ms", "peak RSS MB"],
        rows,
    )


if __name__ == "__main__":
    main()
