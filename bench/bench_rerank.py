"""Hybrid retrieval vs hybrid + the relevance cross-encoder (rerank step), on BioASQ 7B-9B and on the held-out
(odd-index) PubMedQA dev questions, over a store that already holds every shared corpus. Read-only: it
neither ingests nor syncs the indexes.

    MEDCITE_HOME=/tmp/mc-bench MEDCITE_DENSE_GRANULARITY=sources MEDCITE_RERANK_K=30 \\
        .venv/bin/python -m bench.bench_rerank [--limit N] [--pubmedqa-limit N] [--model DIR]

Per question it runs the product path once (``HybridSearcher.reranked_by`` with the configured
``rerank_k`` / ``rerank_weight``), recording the fused top ``rerank_k`` and the reranker's scores of them.
From those it computes each (rerank_k, weight) setting with the same blend the searcher uses, picks the
best by nDCG@10 on the even-index BioASQ questions and reports it on the odd ones (and on PubMedQA), beside
the hybrid ranking. Prints recall@10, nDCG@10, MRR@10, the rerank ceiling (hybrid recall@rerank_k) and the
latency of the rerank step.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bench.bench_retrieval import metrics
from bench.common import data_dir, machine, pct, print_table
from medcite.bootstrap import load_reranker, open_engine
from medcite.config import load_settings
from medcite.ports import Reranker
from medcite.retrieve import HybridSearcher
from medcite.retrieve.fusion import blend

K = 10
SIZES = (10, 20, 30)
WEIGHTS = (0.2, 0.35, 0.5, 0.65, 0.8, 1.0)
Case = tuple[list[str], list[float], npt.NDArray[np.float32], set[str]]  # ids, fused, reranker, gold


@dataclass
class Recorded:
    """The reranker, timed, with the scores of its last call."""

    inner: Reranker
    seconds: list[float] = field(default_factory=list)
    last: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def score(self, query: str, documents: Sequence[str]) -> npt.NDArray[np.float32]:
        t0 = time.perf_counter()
        self.last = self.inner.score(query, documents)
        self.seconds.append(time.perf_counter() - t0)
        return self.last


def reorder(case: Case, n: int, weight: float) -> list[str]:
    """What the searcher returns with rerank_k ``n`` and rerank_weight ``weight`` (see HybridSearcher)."""
    ids, fused, rel, _ = case
    n = min(n, len(ids))
    s = blend(
        dict(zip(ids[:n], fused[:n], strict=True)), dict(zip(ids[:n], rel[:n].tolist(), strict=True)), weight
    )
    return sorted(ids[:n], key=lambda d: -s[d]) + ids[n:]


def scored(cases: Sequence[Case], n: int, weight: float) -> tuple[float, float, float]:
    m = np.array([metrics(reorder(c, n, weight)[:K] if n else c[0][:K], c[3]) for c in cases]) * 100
    return float(m[:, 0].mean()), float(m[:, 1].mean()), float(m[:, 2].mean())


def bioasq(present: set[str], limit: int) -> list[tuple[str, set[str]]]:
    out = []
    for line in (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open():
        q = json.loads(line)
        gold = {str(p) for p in q["pmids"]} & present
        if gold:
            out.append((q["body"], gold))
    return out[:limit] if limit else out


def pubmedqa_odd(limit: int) -> list[tuple[str, set[str]]]:
    lines = (data_dir() / "pubmedqa" / "questions_dev.jsonl").read_text().splitlines()
    out = [(json.loads(x)["question"], {str(json.loads(x)["pmid"])}) for x in lines[1::2]]
    return out[:limit] if limit else out


def collect(
    hybrid: HybridSearcher, rec: Recorded, questions: list[tuple[str, set[str]]]
) -> tuple[list[Case], list[float], list[float]]:
    reranked = hybrid.reranked_by(rec)
    cases: list[Case] = []
    t_search, t_rerank = [], []
    for q, gold in questions:
        t0 = time.perf_counter()
        reranked.search(q, K)
        t_search.append((time.perf_counter() - t0) * 1000)
        t_rerank.append(rec.seconds[-1] * 1000)
        hits = hybrid.search(q, hybrid.params.rerank_k)
        ids = [h.source.record.pmid or h.source.key for h in hits]
        cases.append((ids, [h.score for h in hits], rec.last[: len(ids)], gold))
    return cases, t_search, t_rerank


def table(
    title: str, cases: Sequence[Case], n: int, weight: float, extra: Sequence[tuple[int, float]]
) -> None:
    rows: list[tuple[object, ...]] = [("hybrid (today's ranking)", *scored(cases, 0, 1.0))]
    for nn, w in [(n, weight), *extra]:
        rows.append((f"hybrid + rerank top {nn}, weight {w}", *scored(cases, nn, w)))
    ceil = float(np.mean([len(c[3] & set(c[0])) / len(c[3]) for c in cases])) * 100
    rows.append((f"(hybrid recall@{max(len(c[0]) for c in cases)}: the rerank ceiling)", ceil, "", ""))
    print_table(title, ["system", "recall@10", "nDCG@10", "MRR@10"], rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="BioASQ questions to use (0 = all)")
    ap.add_argument("--pubmedqa-limit", type=int, default=0, help="odd PubMedQA questions (0 = all 250)")
    ap.add_argument("--model", type=Path, default=None, help="a model folder other than the shipped one")
    args = ap.parse_args()
    settings = load_settings()
    engine = open_engine(settings)
    hybrid = engine.searcher()
    rec = Recorded(load_reranker(settings, args.model))
    stats = engine.stats()
    gold_all = {
        str(p)
        for line in (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open()
        for p in json.loads(line)["pmids"]
    }
    present = {p for p in gold_all if engine.store.has_key(p)}
    mode = (
        "BM25 + dense"
        if hybrid.mode.dense and hybrid.vector is not None
        else "BM25 only (MEDCITE_DENSE=false)"
    )
    head = (
        f"{machine()} | corpus {stats.store.sources} records, index lag {stats.index_lag} | retrieval {mode}"
    )
    bio, t_s, t_r = collect(hybrid, rec, bioasq(present, args.limit))
    pqa, t_s2, t_r2 = collect(hybrid, rec, pubmedqa_odd(args.pubmedqa_limit))
    tune, test = bio[0::2], bio[1::2]
    sizes = [n for n in SIZES if n <= hybrid.params.rerank_k]  # the reranker scored rerank_k sources
    grid = [(n, w, *scored(tune, n, w)) for n in sizes for w in WEIGHTS]
    print_table(
        f"tuning half: BioASQ even-index questions ({len(tune)}) | reranker {rec.model_id}",
        ["rerank_k", "weight", "recall@10", "nDCG@10", "MRR@10"],
        [("hybrid", "", *scored(tune, 0, 1.0)), *grid],
    )
    n, w = max(grid, key=lambda g: g[3])[:2]
    product = (hybrid.params.rerank_k, hybrid.params.rerank_weight)
    extra = [product] if product != (n, w) else []
    table(
        f"BioASQ 7B-9B odd-index questions ({len(test)}), setting tuned on the even ones | {head}",
        test,
        n,
        w,
        extra,
    )
    table(f"BioASQ 7B-9B all {len(bio)} questions", bio, n, w, extra)
    table(
        f"PubMedQA dev, odd half (held out from training; {len(pqa)} questions): gold abstract",
        pqa,
        n,
        w,
        extra,
    )
    print_table(
        f"latency per query (ms), {settings.models.threads} onnxruntime threads, rerank_k {product[0]}",
        ["step", "p50", "p95"],
        [
            ("rerank step alone", pct(t_r + t_r2, 50), pct(t_r + t_r2, 95)),
            ("hybrid + rerank search (k=10)", pct(t_s + t_s2, 50), pct(t_s + t_s2, 95)),
        ],
    )
    engine.close()


if __name__ == "__main__":
    main()
