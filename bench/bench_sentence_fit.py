"""Sentence fit: does the relevance model tell sentences that answer a question from the rest better than
word overlap does?

For a sample of BioASQ 7B-9B (every type) and PubMedQA dev questions of one half, the answer's candidate
sentences are gathered as ``compose_article`` gathers them (search plan, relevance gate, direct sources) and
each is scored against the question by the shipped relevance model (``medcite.compose.fit``) and by word
overlap (``Candidate.relevance``). A sentence from a gold document of the question (BioASQ: its gold PMIDs;
PubMedQA: its own abstract) counts as on the question. The table gives the AUC of both scores and, per model
floor, the share of gold-document and of other sentences at or above it, beside the scoring time. The
model's score of each sentence's whole source (the ``source_fit`` that ``draft.OFF_SOURCE`` reads) is shown
too. ``--model DIR`` adds the sentence and source scores of another relevance model folder (a candidate
from ``training/train_relevance.py``) on the same candidates; the shipped model still runs the gate.

    export MEDCITE_HOME=/tmp/mc-bench MEDCITE_DENSE_GRANULARITY=sources
    .venv/bin/python -m bench.bench_sentence_fit --half even --limit 120
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import data_dir, machine, pct, print_table
from medcite.adapters.onnx_reranker import OnnxReranker
from medcite.bootstrap import open_engine
from medcite.compose.plan import on_topic, plan_queries, run_plan, split_direct
from medcite.compose.pool import candidates
from medcite.compose.question import analyze_question
from medcite.config import load_settings
from medcite.retrieve.hybrid import document_text

FLOORS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


def questions(half: str, limit: int, only: str | None = None) -> list[tuple[str, frozenset[str]]]:
    """Questions of one half (by index parity in each file), shuffled with a fixed seed, then the first
    ``limit``; ``only``: the BioASQ or the PubMedQA questions alone."""
    out: list[tuple[str, frozenset[str]]] = []
    with (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open() as fh:
        out += [(d["body"], frozenset(map(str, d["pmids"]))) for d in map(json.loads, fh)]
    bioasq = len(out)
    with (data_dir() / "pubmedqa" / "questions_dev.jsonl").open() as fh:
        out += [(d["question"], frozenset({str(d["pmid"])})) for d in map(json.loads, fh)]
    first = int(half == "odd")
    picked = out[first:bioasq:2] + out[bioasq + first :: 2]
    random.Random(3).shuffle(picked)
    if only is not None:
        keep = set(out[:bioasq]) if only == "bioasq" else set(out[bioasq:])
        picked = [q for q in picked if q in keep]
    return picked[:limit]


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """The probability that a random gold-document sentence outscores a random other one (ties: half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


Row = tuple[bool, float, float, float, float, float]  # gold, sentence, overlap, source, cand. sent., source


def gather(
    half: str, limit: int, other: OnnxReranker | None, only: str | None = None
) -> tuple[list[Row], list[float]]:
    """One row per candidate sentence of each question's answer, and the time scoring each answer took."""
    engine = open_engine(load_settings())
    model, searcher = engine.relevance(), engine.searcher()
    floor = engine.settings.models.relevance_floor
    rows: list[Row] = []
    took: list[float] = []
    for q, gold in questions(half, limit, only):
        a = analyze_question(q)
        found = run_plan(searcher, plan_queries(a), a, by_model=a.asks_entity)
        found = on_topic(a, found, model, floor, by_model=a.asks_entity)
        cands = candidates(split_direct(a, found, a.asks_entity)[0], a)
        if not cands:
            continue
        t0 = time.perf_counter()
        scores = model.score(q, [c.text for c in cands])
        took.append(time.perf_counter() - t0)
        sent2, src2 = [float("nan")] * len(cands), [float("nan")] * len(cands)
        if other is not None:
            sent2 = [float(x) for x in other.score(q, [c.text for c in cands])]
            keys = list(dict.fromkeys(c.source.record.key for c in cands))
            docs = {c.source.record.key: document_text(c.source) for c in cands}
            by_key = dict(zip(keys, other.score(q, [docs[k] for k in keys]), strict=True))
            src2 = [float(by_key[c.source.record.key]) for c in cands]
        rows += [
            (c.source.record.pmid in gold, float(s), c.relevance, c.source_fit or 0.0, s2, r2)
            for c, s, s2, r2 in zip(cands, scores, sent2, src2, strict=True)
        ]
    return rows, took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=("even", "odd"), default="even")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--model", type=Path, default=None, help="another relevance model folder to compare")
    ap.add_argument("--only", choices=("bioasq", "pubmedqa"), default=None, help="one data set's questions")
    args = ap.parse_args()
    other = OnnxReranker(args.model) if args.model else None
    rows, took = gather(args.half, args.limit, other, args.only)
    pos = [r for r in rows if r[0]]
    neg = [r for r in rows if not r[0]]
    print(f"machine: {machine()}")
    which = args.only or "bioasq + pubmedqa"
    print(f"half: {args.half} ({which}), questions: {args.limit}, candidates: {len(rows)} ({len(pos)} gold)")
    print(f"scoring per answer: median {pct(took, 50):.3f}s, p95 {pct(took, 95):.3f}s")
    named = [
        (1, "relevance model (sentence fit)"),
        (2, "word overlap with the question"),
        (3, "relevance model, whole source"),
    ]
    if other is not None:
        named += [(4, f"{other.model_id}: sentence"), (5, f"{other.model_id}: whole source")]
    print_table(
        "Separating gold-document sentences from the others (AUC)",
        ("score", "AUC"),
        [(name, auc([r[i] for r in pos], [r[i] for r in neg])) for i, name in named],
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
