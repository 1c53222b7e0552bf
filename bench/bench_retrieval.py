"""Retrieval quality on BioASQ 7B-9B with every shared corpus ingested (the others act as distractors).

Runs BM25 (tantivy), dense, hybrid (RRF) and the outside baseline ``bm25s`` in the same run, and prints
recall@10, nDCG@10 and MRR, plus query latency.

    MEDCITE_HOME=/tmp/mc-bench .venv/bin/python -m bench.bench_retrieval [--limit N]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from bench.common import all_corpora, all_sources, data_dir, machine, pct, print_table
from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.retrieve import HybridSearcher, Mode
from medcite.text import query_terms


def metrics(ranked: Sequence[str], gold: set[str], k: int = 10) -> tuple[float, float, float]:
    top = list(ranked[:k])
    hits = [1.0 if p in gold else 0.0 for p in top]
    recall = sum(hits) / len(gold)
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    idcg = sum(1 / math.log2(i + 2) for i in range(min(len(gold), k)))
    mrr = next((1.0 / (i + 1) for i, p in enumerate(ranked) if p in gold), 0.0)
    return recall, dcg / idcg, mrr


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="questions to use (0 = all)")
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()
    settings = load_settings()
    d = data_dir()
    engine = open_engine(settings)
    if not args.skip_ingest:
        t0 = time.perf_counter()
        rep = engine.ingest(all_corpora(d), index=False)
        t_store = time.perf_counter() - t0
        t0 = time.perf_counter()
        sync = engine.sync_indexes()
        t_index = time.perf_counter() - t0
        print(
            f"ingest: {rep.read} read, {rep.stored} stored in {t_store:.0f}s; "
            f"indexed {sync.sources_indexed} sources, {sync.passages_embedded} passages in {t_index:.0f}s"
        )
    engine.sync_indexes()  # catches up an index whose schema changed
    stats = engine.stats()
    corpus_pmids = {s.record.pmid for s in all_sources(engine.store) if s.record.pmid}
    questions = []
    for line in (d / "bioasq" / "questions_7b-9b.jsonl").open():
        q = json.loads(line)
        gold = {str(p) for p in q["pmids"]} & corpus_pmids
        if gold:
            questions.append((q["body"], gold))
    if args.limit:
        questions = questions[: args.limit]

    # outside baseline: bm25s over the same records (title + abstract), same stemming idea
    import bm25s
    import Stemmer

    ids: list[str] = []
    docs: list[str] = []
    for s in all_sources(engine.store):
        ids.append(s.record.pmid or s.record.key)
        docs.append(s.record.title + " " + s.record.text)
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(docs, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False
    )

    def bm25s_search(q: str) -> list[str]:
        res, _ = retriever.retrieve(
            bm25s.tokenize([" ".join(query_terms(q))], stopwords="en", stemmer=stemmer, show_progress=False),
            k=10,
            show_progress=False,
        )
        return [ids[i] for i in res[0]]

    def ours(mode: Mode, **overrides: object) -> Callable[[str], list[str]]:
        base = engine.searcher(mode)
        params = replace(base.params, **overrides)  # type: ignore[arg-type]
        searcher = HybridSearcher(engine.store, base.lexical, base.vector, base.embedder, params, mode)

        def run(q: str) -> list[str]:
            return [h.source.record.pmid or h.source.key for h in searcher.search(q, 10)]

        return run

    systems: list[tuple[str, Callable[[str], list[str]]]] = [
        ("bm25s (outside baseline)", bm25s_search),
        ("medcite BM25 (tantivy)", ours(Mode(lexical=True, dense=False))),
        ("medcite dense (MiniLM int8)", ours(Mode(lexical=False, dense=True))),
        ("medcite hybrid (RRF k=60)", ours(Mode(lexical=True, dense=True), fusion="rrf")),
        (
            "medcite hybrid (RRF, BM25 weight 2)",
            ours(Mode(lexical=True, dense=True), fusion="rrf", lexical_weight=2.0),
        ),
        (
            "medcite hybrid (min-max weighted, default)",
            ours(Mode(lexical=True, dense=True), fusion="weighted"),
        ),
    ]
    rows = []
    for name, fn in systems:
        r, n, m, lat = [], [], [], []
        for q, gold in questions:
            t0 = time.perf_counter()
            ranked = fn(q)
            lat.append((time.perf_counter() - t0) * 1000)
            a, b, c = metrics(ranked, gold)
            r.append(a)
            n.append(b)
            m.append(c)
        rows.append(
            (
                name,
                float(np.mean(r)) * 100,
                float(np.mean(n)) * 100,
                float(np.mean(m)) * 100,
                pct(lat, 50),
                pct(lat, 95),
            )
        )
    print_table(
        f"BioASQ 7B-9B retrieval | {machine()} | corpus {stats.store.sources} records, "
        f"{stats.store.passages} passages | {len(questions)} questions",
        ["system", "recall@10", "nDCG@10", "MRR", "p50 ms", "p95 ms"],
        rows,
    )


if __name__ == "__main__":
    main()
