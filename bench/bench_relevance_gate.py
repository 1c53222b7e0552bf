"""The relevance gate (``MEDCITE_RELEVANCE_FLOOR``): which of an answer's sources it keeps, per floor.

For each question, the sources that the article's search plan finds (``plan_queries`` + ``run_plan``,
as ``compose_article`` runs them) are scored against the question by the shipped relevance cross-encoder
(``models/relevance``). A source is *gold* when the data set names it for the question: BioASQ 7B-9B's
``pmids`` (yes/no, factoid and summary questions), PubMedQA's own abstract. For each floor the table gives
the share of gold sources kept and the share of the other sources kept. The others are not all off-topic
(BioASQ's lists are not exhaustive), so the second column is an upper bound on the off-topic sources kept.
The latency is that of the scoring alone, per question.

    export MEDCITE_HOME=/tmp/mc-bench MEDCITE_DENSE_GRANULARITY=sources
    .venv/bin/python -m bench.bench_relevance_gate --half even   # tuning half: the floor was chosen here
    .venv/bin/python -m bench.bench_relevance_gate --half odd    # report half
"""

from __future__ import annotations

import argparse
import json
import time

from bench.common import data_dir, machine, pct, print_table
from medcite.bootstrap import load_reranker, open_engine
from medcite.compose.plan import plan_queries, run_plan
from medcite.compose.question import analyze_question
from medcite.config import load_settings
from medcite.retrieve.hybrid import document_text

FLOORS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5)


def questions(half: str, limit: int) -> list[tuple[str, set[str]]]:
    d = data_dir()
    first = 0 if half == "even" else 1
    bio = [json.loads(x) for x in (d / "bioasq" / "questions_7b-9b.jsonl").read_text().splitlines()]
    pqa = [json.loads(x) for x in (d / "pubmedqa" / "questions_dev.jsonl").read_text().splitlines()]
    kinds = ("yesno", "factoid", "summary")
    out = [(q["body"], {str(p) for p in q["pmids"]}) for q in bio if q["type"] in kinds][first::2][:limit]
    out += [(q["question"], {str(q["pmid"])}) for q in pqa[first::2][: limit // 2]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=("even", "odd"), required=True)
    ap.add_argument("--limit", type=int, default=120, help="BioASQ questions (PubMedQA: half as many)")
    args = ap.parse_args()
    settings = load_settings()
    engine = open_engine(settings)
    searcher, model = engine.searcher(), load_reranker(settings)
    scored: list[tuple[float, bool]] = []
    lat: list[float] = []
    qs = questions(args.half, args.limit)
    for q, gold in qs:
        a = analyze_question(q)
        found = run_plan(searcher, plan_queries(a), a, by_model=a.asks_entity)
        if not found:
            continue
        t0 = time.perf_counter()
        scores = model.score(q, [document_text(rs.hit.source) for rs in found])
        lat.append(time.perf_counter() - t0)
        for rs, s in zip(found, scores, strict=True):
            key = rs.hit.source.record.pmid or rs.hit.source.key
            scored.append((float(s), key in gold))
    n_gold = sum(g for _, g in scored) or 1
    n_other = sum(not g for _, g in scored) or 1
    rows = []
    for f in FLOORS:
        kept_gold = sum(s >= f and g for s, g in scored)
        kept_other = sum(s >= f and not g for s, g in scored)
        rows.append((f, f"{100 * kept_gold / n_gold:.1f}%", f"{100 * kept_other / n_other:.1f}%"))
    print(f"machine: {machine()}; store: {engine.store.count():,} sources; {args.half} half")
    print(f"questions: {len(qs)}; sources scored: {len(scored)} ({n_gold} gold)")
    print(f"gate latency per question: median {1000 * pct(lat, 50):.0f} ms, p95 {1000 * pct(lat, 95):.0f} ms")
    print_table("Relevance gate: sources kept per floor", ["floor", "gold kept", "other kept"], rows)


if __name__ == "__main__":
    main()
