"""Ingest throughput: parse + store + lexical index, and passage embedding, on 2 CPU cores.

.venv/bin/python bench/bench_ingest.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import all_corpora, all_sources, data_dir, machine, pct, peak_rss_mb, print_table
from medcite.adapters.onnx_embedder import OnnxEmbedder
from medcite.bootstrap import open_engine
from medcite.config import load_settings


def run(name: str, paths: list[Path]) -> tuple[object, ...]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(home=Path(tmp), data_dir=data_dir())
        with open_engine(settings, dense=False) as engine:
            t0 = time.perf_counter()
            rep = engine.ingest(paths, index=False)
            t_store = time.perf_counter() - t0
            t0 = time.perf_counter()
            engine.sync_indexes()
            t_lex = time.perf_counter() - t0
        total = t_store + t_lex
        return (name, rep.read, rep.passages, f"{t_store:.1f}", f"{t_lex:.1f}", f"{rep.read / total:,.0f}")


def main() -> None:
    d = data_dir()
    rows = [
        run("MEDLINE slice (medline16n0902)", [d / "medline_sample" / "medline16n0902.xml.gz"]),
        run("all shared corpora", all_corpora(d)),
    ]
    print_table(
        f"ingest: parse + store + BM25 index | {machine()}",
        ["input", "records", "passages", "store s", "BM25 s", "records/s"],
        rows,
    )

    # embedding throughput on real passages
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(home=Path(tmp), data_dir=d)
        with open_engine(settings, dense=False) as engine:
            engine.ingest([d / "pubmedqa" / "abstracts.jsonl"], index=False)
            keys = [s.key for s in all_sources(engine.store)][:399]
            rows_by = engine.store.passages_of(keys)
    texts = [r.passage.text for rows_ in rows_by.values() for r in rows_][:3000]
    emb = OnnxEmbedder(threads=2)
    emb.embed(texts[:64])  # warm up
    batches = [texts[i : i + 256] for i in range(0, len(texts), 256)]
    times = []
    t0 = time.perf_counter()
    for b in batches:
        t1 = time.perf_counter()
        emb.embed(b)
        times.append((time.perf_counter() - t1) * 1000)
    elapsed = time.perf_counter() - t0
    print_table(
        f"passage embedding ({emb.model_id}) | {machine()}",
        ["passages", "batch", "median ms/batch", "p95 ms/batch", "passages/s", "peak RSS MB"],
        [
            (
                len(texts),
                256,
                pct(times, 50),
                pct(times, 95),
                f"{len(texts) / elapsed:,.0f}",
                f"{peak_rss_mb():.0f}",
            )
        ],
    )


if __name__ == "__main__":
    main()
