"""The verifier's copy-edit rule (``medcite.verify.edits``) on its tuning cases, beside the rules without it.

    python bench/bench_edits.py [--per-kind 300]

The cases are made as the sanity suite's (``training/sanity_cases.py``: one edit of a real sentence each) but
from the PubMedQA abstracts *outside* the suite's dev bucket, where the rule was tuned; plus paraphrases
(``pair_kinds.paraphrase``: numbers reformatted, abbreviations written out, statistics dropped) that must stay
supported. Prints machine, n per kind, the share the verifier gets right without and with the rule, how often
the rule fires, and the median / p95 time of one edit check.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
import pair_kinds as pk
from common import data_dir, machine, pct, print_table
from generate_pairs import window
from sanity_cases import Case, build_cases, dev_abstracts

from medcite.bootstrap import load_verifier
from medcite.config import load_settings
from medcite.domain import Evidence, Label, Verdict
from medcite.verify.edits import check_edits


def paraphrases(d: Path, n: int, seed: int = 3) -> list[Case]:
    rng = random.Random(seed)
    out: list[Case] = []
    for a in dev_abstracts(d, "train"):
        abbrs = pk.abbreviations(" ".join(a.sentences))
        for i, s in enumerate(a.sentences):
            p = pk.paraphrase(s, rng, abbrs)
            if p and len(out) < n:
                out.append(Case("paraphrase", p[0], window(a.sentences, i, rng), True))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-kind", type=int, default=300)
    args = ap.parse_args()
    d = data_dir()
    cases = build_cases(d, seed=11, per_kind=args.per_kind, split="train") + paraphrases(d, args.per_kind)
    verifier = load_verifier(load_settings())
    items = [(c.claim, [Evidence(text=c.evidence)]) for c in cases]
    with_rule = verifier.verify_batch(items)
    verifier.disabled = frozenset({"edits"})
    without = verifier.verify_batch(items)
    times = []
    for c in cases[:500]:
        t0 = time.perf_counter()
        check_edits(c.claim, [c.evidence], c.evidence)
        times.append(time.perf_counter() - t0)

    def right(c: Case, v: Verdict) -> bool:
        return (v.label in (Label.SUPPORTED, Label.PARTIAL)) == c.should_support

    n: Counter[str] = Counter()
    ok_with: Counter[str] = Counter()
    ok_without: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    for c, v1, v0 in zip(cases, with_rule, without, strict=True):
        n[c.kind] += 1
        ok_with[c.kind] += right(c, v1)
        ok_without[c.kind] += right(c, v0)
        fired[c.kind] += any(ch.name == "edits" and not ch.passed for ch in v1.checks)
    rows = [[k, n[k], ok_without[k] / n[k], ok_with[k] / n[k], fired[k] / n[k]] for k in n]
    print_table(
        f"Copy-edit rule, tuning cases (PubMedQA outside the sanity dev bucket) - {machine()}",
        ["kind", "n", "verifier right, without the rule", "with the rule", "rule fired"],
        rows,
    )
    print(f"edit check: median {1000 * pct(times, 50):.2f} ms, p95 {1000 * pct(times, 95):.2f} ms a pair")


if __name__ == "__main__":
    main()
