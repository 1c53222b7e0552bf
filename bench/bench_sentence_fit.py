"""Sentence fit: does the relevance model tell sentences that answer a question from the rest better than
word overlap does?

For a sample of BioASQ 7B-9B (every type) and PubMedQA dev questions of one half, the answer's candidate
sentences are gathered as ``compose_article`` gathers them (search plan, relevance gate, direct sources) and
each is scored against the question by the shipped relevance model (``medcite.compose.fit``) and by word
overlap (``Candidate.relevance``). A sentence from a gold document of the question (BioASQ: its gold PMIDs;
PubMedQA: its own abstract) counts as on the question. The table gives the AUC of both scores and, per model
floor, the share of gold-document and of other sentences at or above it, beside the scoring time.

    export MEDCITE_HOME=/tmp/mc-bench MEDCITE_DENSE_GRANULARITY=sources
    .venv/bin/python -m bench.bench_sentence_fit --half even --limit 120
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence

from bench.common import data_dir, machine, pct, print_table
from medcite.bootstrap import open_engine
from medcite.compose.plan import on_topic, plan_queries, run_plan, split_direct
from medcite.compose.pool import candidates
from medcite.compose.question import analyze_question
from medcite.config import load_settings

FLOORS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


def questions(half: str, limit: int) -> list[tuple[str, frozenset[str]]]:
    """Questions of one half (by index parity in each file), shuffled with a fixed seed, then the first
    ``limit``."""
    out: list[tuple[str, frozenset[str]]] = []
    with (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open() as fh:
        out += [(d["body"], frozenset(map(str, d["pmids"]))) for d in map(json.loads, fh)]
    bioasq = len(out)
    with (data_dir() / "pubmedqa" / "questions_dev.jsonl").open() as fh:
        out += [(d["question"], frozenset({str(d["pmid"])})) for d in map(json.loads, fh)]
    first = int(half == "odd")
    picked = out[first:bioasq:2] + out[bioasq + first :: 2]
    random.Random(3).shuffle(picked)
    return picked[:limit]


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """The probability that a random gold-document sentence outscores a random other one (ties: half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=("even", "odd"), default="even")
    ap.add_argument("--limit", type=int, default=120)
    args = ap.parse_args()
    engine = open_engine(load_settings())
    model, searcher = engine.relevance(), engine.searcher()
    floor = engine.settings.models.relevance_floor
    rows: list[tuple[bool, float, float]] = []  # gold document, model score, word overlap
    took: list[float] = []
    for q, gold in questions(args.half, args.limit):
        a = analyze_question(q)
        found = run_plan(searcher, plan_queries(a), a, by_model=a.asks_entity)
        found = on_topic(a, found, model, floor, by_model=a.asks_entity)
        cands = candidates(split_direct(a, found, a.asks_entity)[0], a)
        if not cands:
            continue
        t0 = time.perf_counter()
        scores = model.score(q, [c.text for c in cands])
        took.append(time.perf_counter() - t0)
        rows += [
            (c.source.record.pmid in gold, float(s), c.relevance) for c, s in zip(cands, scores, strict=True)
        ]
    pos = [r for r in rows if r[0]]
    neg = [r for r in rows if not r[0]]
    print(f"machine: {machine()}")
    print(f"half: {args.half}, questions: {args.limit}, candidate sentences: {len(rows)} ({len(pos)} gold)")
    print(f"scoring per answer: median {pct(took, 50):.3f}s, p95 {pct(took, 95):.3f}s")
    print_table(
        "Separating gold-document sentences from the others (AUC)",
        ("score", "AUC"),
        [
            ("relevance model (sentence fit)", auc([r[1] for r in pos], [r[1] for r in neg])),
            ("word overlap with the question", auc([r[2] for r in pos], [r[2] for r in neg])),
        ],
    )
    print_table(
        "Sentences at or above a model floor",
        ("floor", "gold-document kept %", "other kept %"),
        [
            (
                f,
                100.0 * sum(r[1] >= f for r in pos) / max(len(pos), 1),
                100.0 * sum(r[1] >= f for r in neg) / max(len(neg), 1),
            )
            for f in FLOORS
        ],
    )


if __name__ == "__main__":
    main()
