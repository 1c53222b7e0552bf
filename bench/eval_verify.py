"""Evaluate the shipped claim verifier on dev / held-out splits, next to a cosine-similarity baseline.

    python bench/eval_verify.py [--limit N] [--json bench/results/eval_verify.json]

Label mapping (3-way): SUPPORT/Supports/entailment -> supported; REFUTE/Refutes/contradiction -> contradicted;
NEI/Neutral/NOTENOUGHINFO -> unsupported. The verifier's *partial* counts as supported for 3-way scoring.
NLI4CT dev has only entailment/contradiction. "model" = the entailment model's own label; "verifier" = after
the numbers, population, direction and design checks. Baseline: all-MiniLM-L6-v2 int8 embeddings, cosine of
claim and evidence, one threshold (supported vs unsupported) tuned on the same split: an optimistic baseline.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from common import REPO, data_dir, machine, print_table
from data_sources import (
    CONTRADICT,
    ENTAIL,
    NEUTRAL,
    check_covid,
    citation_integrity,
    ei_pairs,
    evidence_inference,
    scifact_heldout,
)

from medcite.bootstrap import load_verifier
from medcite.config import load_settings
from medcite.domain import Evidence
from medcite.text import Direction, effect_direction

S, U, C = "supported", "unsupported", "contradicted"
_NUM2 = {ENTAIL: S, NEUTRAL: U, CONTRADICT: C}
Row = tuple[str, str, str]  # claim, evidence, gold label
PUBLISHED = {
    "HealthVer dev": "T5 79.6 macro-F1 (SciBERT 77.2), official test",
    "Citation-Integrity dev": "best pipeline 0.59 micro-F1; GPT-4 0.65 (test)",
    "SciFact held-back": "MultiVerS ~72.5 F1 (abstract-level, test)",
}


def healthver(d: Path) -> list[Row]:
    m = {"Supports": S, "Refutes": C, "Neutral": U}
    with open(d / "healthver" / "healthver_dev.csv", encoding="utf-8") as fh:
        return [(r["claim"], r["evidence"], m[r["label"]]) for r in csv.DictReader(fh) if r["label"] in m]


def nli4ct(d: Path) -> list[Row]:
    m = {"entailment": S, "contradiction": C, "neutral": U}
    rows = []
    with gzip.open(d / "nli" / "pairs.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["source"] == "nli4ct_2023" and r["split"] == "dev":
                rows.append((r["hypothesis"], r["premise"], m[r["label"]]))
    return rows


def datasets(d: Path) -> dict[str, list[Row]]:
    ci = {"SUPPORT": S, "REFUTE": C, "NEI": U}
    cc = {"SUPPORT": S, "REFUTE": C, "NOTENOUGHINFO": U}
    rng = random.Random(7)
    return {
        "HealthVer dev": healthver(d),
        "Citation-Integrity dev": [(c, e, ci[lb]) for c, e, lb in citation_integrity(d, "dev")],
        "Check-COVID dev": [(c, e, cc[lb]) for c, e, lb in check_covid(d, "dev")],
        "NLI4CT dev": nli4ct(d),
        "Evidence Inference held-out": [
            (p.hypothesis, p.premise, _NUM2[p.label]) for p in ei_pairs(d, True, rng)
        ],
        "SciFact held-back": [(p.hypothesis, p.premise, _NUM2[p.label]) for p in scifact_heldout(d)],
    }


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    labels = sorted(set(gold))
    f1s = []
    for lb in labels:
        tp = sum(g == lb and p == lb for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lb and p == lb for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lb and p != lb for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))


def three_way(label: str) -> str:
    return S if label in ("supported", "partial") else label


class Cosine:
    """Embedding-similarity baseline: the shipped all-MiniLM-L6-v2 int8 encoder, claim-evidence cosine."""

    def __init__(self, threads: int) -> None:
        from medcite.adapters.onnx_embedder import OnnxEmbedder

        self.encoder = OnnxEmbedder(threads=threads, batch_size=64, max_length=256)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        v = np.asarray(self.encoder.embed(list(texts)), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    def predict(self, rows: Sequence[Row]) -> list[str]:
        sims = (self.embed([r[0] for r in rows]) * self.embed([r[1] for r in rows])).sum(1)
        gold = [r[2] for r in rows]
        best: tuple[float, list[str]] = (-1.0, [])
        for t in np.quantile(sims, np.linspace(0.02, 0.98, 49)):
            pred = [S if x >= t else U for x in sims]
            f = macro_f1(gold, pred)
            if f > best[0]:
                best = (f, pred)
        return best[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="rows per dataset (0 = all)")
    ap.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "eval_verify.json")
    args = ap.parse_args()
    d = data_dir()
    settings = load_settings()
    verifier = load_verifier(settings)
    cosine = Cosine(settings.models.threads)
    rows_out = []
    results: dict[str, object] = {"machine": machine(), "model_id": verifier.model_id}
    for name, rows in datasets(d).items():
        if args.limit:
            rows = random.Random(1).sample(rows, min(args.limit, len(rows)))
        t0 = time.perf_counter()
        verdicts = verifier.verify_batch([(c, [Evidence(text=e)]) for c, e, _ in rows])
        secs = time.perf_counter() - t0
        gold = [r[2] for r in rows]
        full = [three_way(v.label.value) for v in verdicts]
        model = [three_way(v.checks[0].detail.split(" ")[0]) for v in verdicts]
        base = cosine.predict(rows)
        rows_out.append(
            [name, len(rows), macro_f1(gold, model), accuracy(gold, model),
             macro_f1(gold, full), accuracy(gold, full),
             macro_f1(gold, base), accuracy(gold, base), PUBLISHED.get(name, "-")]
        )  # fmt: skip
        results[name] = {
            "n": len(rows), "gold": dict(Counter(gold)), "pred": dict(Counter(full)),
            "seconds": round(secs, 1),
            "model": {"macro_f1": macro_f1(gold, model), "accuracy": accuracy(gold, model)},
            "verifier": {"macro_f1": macro_f1(gold, full), "accuracy": accuracy(gold, full)},
            "cosine_baseline": {"macro_f1": macro_f1(gold, base), "accuracy": accuracy(gold, base)},
        }  # fmt: skip
        print(f"{name}: {len(rows)} pairs in {secs:.1f}s", flush=True)
    cols = ["dataset", "n", "model F1", "model acc", "verifier F1", "verifier acc", "cosine F1", "cosine acc",
            "published (other splits)"]  # fmt: skip
    print_table(f"Claim verification, macro-F1 / accuracy (= micro-F1) - {machine()}", cols, rows_out)
    fine_grained(d, verifier, results)
    direction_table(d, results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))


def fine_grained(d: Path, verifier: object, results: dict[str, object]) -> None:
    """Citation-Integrity dev, upstream fine-grained labels: how often each is judged supported."""
    from medcite.verify import ClaimVerifier

    assert isinstance(verifier, ClaimVerifier)
    rows = list(citation_integrity(d, "dev", fine=True))
    verdicts = verifier.verify_batch([(c, [Evidence(text=e)]) for c, e, _ in rows])
    by: dict[str, Counter[str]] = {}
    for (_, _, lb), v in zip(rows, verdicts, strict=True):
        by.setdefault(lb, Counter())[v.label.value] += 1
    table = []
    for lb, cnt in sorted(by.items(), key=lambda t: -sum(t[1].values())):
        n = sum(cnt.values())
        table.append(
            [lb, n] + [f"{cnt[x] / n:.2f}" for x in ("supported", "partial", "unsupported", "contradicted")]
        )
    gold = ["accurate" if r[2] == "ACCURATE" else "error" for r in rows]
    pred = ["accurate" if v.label.value == "supported" else "error" for v in verdicts]
    print_table(
        "Citation-Integrity dev, fine-grained labels "
        f"(accurate-vs-error macro-F1 {macro_f1(gold, pred):.3f}, "
        f"accuracy {accuracy(gold, pred):.3f}; only 'supported' counts as accurate here)",
        ["upstream label", "n", "supported", "partial", "unsupported", "contradicted"],
        table,
    )
    results["Citation-Integrity dev fine-grained"] = {
        "accurate_vs_error": {"macro_f1": macro_f1(gold, pred), "accuracy": accuracy(gold, pred)},
        "by_label": {k: dict(v) for k, v in by.items()},
    }


def direction_table(d: Path, results: dict[str, object]) -> None:
    m = {"significantly increased": "increased", "significantly decreased": "decreased",
         "no significant difference": "no difference"}  # fmt: skip
    gold, pred = [], []
    for _, span, _, _, _, lb in evidence_inference(d, heldout=True):
        gold.append(m[lb])
        pred.append(effect_direction(span).value)
    known = [(g, p) for g, p in zip(gold, pred, strict=True) if p != Direction.UNKNOWN.value]
    acc = sum(g == p for g, p in known) / max(1, len(known))
    cov = len(known) / max(1, len(gold))
    print_table(
        "Direction cues on Evidence Inference held-out spans",
        ["spans", "coverage (direction found)", "accuracy where found"],
        [[len(gold), cov, acc]],
    )
    results["direction"] = {"spans": len(gold), "coverage": cov, "accuracy_where_found": acc}


if __name__ == "__main__":
    main()
