"""Choose the fusion method and weights on half of BioASQ 7B-9B, report them on the other half.

Retrieves each question's BM25 and dense candidates once, then fuses them offline for every setting.

    MEDCITE_HOME=/tmp/mc-bench .venv/bin/python -m bench.tune_fusion
"""

from __future__ import annotations

import json

import numpy as np

from bench.common import all_sources, data_dir, machine, print_table
from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.retrieve.fusion import rank, rrf, weighted


def main() -> None:
    settings = load_settings()
    engine = open_engine(settings)
    idx = engine.indexes
    assert idx.vector is not None and engine.embedder is not None
    n = engine.stats().store.sources
    pmid = {s.key: s.record.pmid for s in all_sources(engine.store)}
    have = set(pmid.values())
    runs = []
    for line in (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open():
        q = json.loads(line)
        gold = {str(p) for p in q["pmids"]} & have
        if not gold:
            continue
        lex = dict(idx.lexical.search(q["body"], 100))
        best: dict[str, float] = {}
        for ref, sim in idx.vector.search(engine.embedder.embed([q["body"]])[0], 400):
            best[ref.source_key] = max(best.get(ref.source_key, -2.0), sim)
        dense = {key: best[key] for key in rank(best)[:100]}
        runs.append((gold, lex, dense))
    halves = {"tune (even)": runs[0::2], "report (odd)": runs[1::2]}

    def recall(
        method: str, wl: float, wd: float, part: list[tuple[set[str], dict[str, float], dict[str, float]]]
    ) -> float:
        out = []
        for gold, lex, dense in part:
            if method == "rrf":
                fused = rrf([rank(lex), rank(dense)], 60, [wl, wd])
            else:
                fused = weighted([lex, dense], [wl, wd])
            top = [pmid[s] for s in rank(fused)[:10]]
            out.append(len(gold & set(top)) / len(gold))
        return float(np.mean(out)) * 100

    grid = [(m, wl, 1.0) for m in ("rrf", "weighted") for wl in (0.5, 1.0, 1.5, 2.0, 3.0)]
    rows = []
    for m, wl, wd in grid:
        rows.append(
            (m, wl, wd, recall(m, wl, wd, halves["tune (even)"]), recall(m, wl, wd, halves["report (odd)"]))
        )
    rows.append(
        (
            "BM25 only",
            1.0,
            0.0,
            recall("weighted", 1, 0, halves["tune (even)"]),
            recall("weighted", 1, 0, halves["report (odd)"]),
        )
    )
    print_table(
        f"fusion sweep, recall@10 on BioASQ 7B-9B halves | {machine()} | {n} sources",
        ["fusion", "BM25 weight", "dense weight", "tune half", "report half"],
        rows,
    )


if __name__ == "__main__":
    main()
