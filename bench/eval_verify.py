"""Evaluate the shipped claim verifier on dev / held-out splits, beside v2, cosine and published figures.

    python bench/eval_verify.py [--limit N] [--json bench/results/eval_verify.json] [--no-ablation]

Prints: the dev table (model / verifier macro-F1 and accuracy = micro-F1, v2's verifier figures from its model
card, measured by this script before v3 replaced it), the sanity suite per kind (training/sanity_cases.py),
an ablation table (each rule check off, one at a time; model outputs are cached so only the rules rerun) and
batched throughput on the HealthVer dev passages.

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
import os
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
from medcite.config import Settings, load_settings
from medcite.domain import Evidence
from medcite.ports import EntailmentModel
from medcite.text import Direction, effect_direction
from medcite.verify import ClaimVerifier

S, U, C = "supported", "unsupported", "contradicted"
_NUM2 = {ENTAIL: S, NEUTRAL: U, CONTRADICT: C}
Row = tuple[str, str, str]  # claim, evidence, gold label
#: v2 (medcite-verifier-minilm-l6-nli-v2) verifier macro-F1 / accuracy, from its model card (this script)
V2 = {
    "HealthVer dev": (0.457, 0.558),
    "Citation-Integrity dev": (0.429, 0.544),
    "Check-COVID dev": (0.557, 0.565),
    "NLI4CT dev": (0.350, 0.365),
    "Evidence Inference held-out": (0.743, 0.751),
    "SciFact held-back": (0.571, 0.541),
}
TARGETS = {"HealthVer dev": "macro-F1 >= 0.80", "Citation-Integrity dev": "micro-F1 >= 0.70"}
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
    ap.add_argument("--no-ablation", action="store_true", help="skip the rule ablation table")
    ap.add_argument(
        "--model-dir", type=Path, default=None, help="a candidate model folder (default: shipped)"
    )
    ap.add_argument("--no-throughput", action="store_true", help="skip the throughput table")
    args = ap.parse_args()
    d = data_dir()
    settings = load_settings()
    verifier = load_verifier(settings, model_dir=args.model_dir)
    cache = CachedModel(verifier.model)
    verifier.model = cache  # the ablation reruns only the rules
    cosine = Cosine(settings.models.threads)
    all_rows: dict[str, list[Row]] = {}
    rows_out = []
    results: dict[str, object] = {"machine": machine(), "model_id": verifier.model_id}
    for name, rows in datasets(d).items():
        if args.limit:
            rows = random.Random(1).sample(rows, min(args.limit, len(rows)))
        all_rows[name] = rows
        t0 = time.perf_counter()
        verdicts = verifier.verify_batch([(c, [Evidence(text=e)]) for c, e, _ in rows])
        secs = time.perf_counter() - t0
        gold = [r[2] for r in rows]
        full = [three_way(v.label.value) for v in verdicts]
        model = [three_way(v.checks[0].detail.split(" ")[0]) for v in verdicts]
        base = cosine.predict(rows)
        v2 = V2.get(name)
        rows_out.append(
            [name, len(rows), macro_f1(gold, model), accuracy(gold, model),
             macro_f1(gold, full), accuracy(gold, full), f"{v2[0]:.3f} / {v2[1]:.3f}" if v2 else "-",
             macro_f1(gold, base), accuracy(gold, base), TARGETS.get(name, "better than v2"),
             PUBLISHED.get(name, "-")]
        )  # fmt: skip
        results[name] = {
            "n": len(rows), "gold": dict(Counter(gold)), "pred": dict(Counter(full)),
            "seconds": round(secs, 1),
            "model": {"macro_f1": macro_f1(gold, model), "accuracy": accuracy(gold, model)},
            "verifier": {"macro_f1": macro_f1(gold, full), "accuracy": accuracy(gold, full)},
            "cosine_baseline": {"macro_f1": macro_f1(gold, base), "accuracy": accuracy(gold, base)},
        }  # fmt: skip
        print(f"{name}: {len(rows)} pairs in {secs:.1f}s", flush=True)
    cols = ["dataset", "n", "model F1", "model acc", "verifier F1", "verifier acc", "v2 verifier F1 / acc",
            "cosine F1", "cosine acc", "target", "published (other splits)"]  # fmt: skip
    print_table(
        f"Claim verification ({verifier.model_id}), macro-F1 / accuracy (= micro-F1) - {machine()}",
        cols,
        rows_out,
    )
    fine_grained(d, verifier, results)
    direction_table(d, results)
    sanity_table(d, verifier, results)
    if not args.no_ablation:
        ablation_table(verifier, all_rows, results)
    if not args.no_throughput:
        throughput(d, settings, results, args.model_dir)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))


def fine_grained(d: Path, verifier: object, results: dict[str, object]) -> None:
    """Citation-Integrity dev, upstream fine-grained labels: how often each is judged supported."""
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


class CachedModel:
    """The entailment model with a memo of (premise, hypothesis) -> probabilities (ablation reruns)."""

    def __init__(self, inner: EntailmentModel) -> None:
        self.inner = inner
        self.memo: dict[tuple[str, str], np.ndarray] = {}

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        todo = list(dict.fromkeys(p for p in pairs if p not in self.memo))
        if todo:
            for p, row in zip(todo, self.inner.predict(todo), strict=True):
                self.memo[p] = row
        return np.array([self.memo[p] for p in pairs], dtype=np.float32).reshape(len(pairs), 3)


def sanity_table(d: Path, verifier: ClaimVerifier, results: dict[str, object]) -> None:
    from sanity_cases import KINDS, TARGETS, build_cases

    cases = build_cases(d)
    verdicts = verifier.verify_batch([(c.claim, [Evidence(text=c.evidence)]) for c in cases])
    table, out = [], {}
    for kind in KINDS:
        got = [
            (v.label.value in ("supported", "partial")) == c.should_support
            for c, v in zip(cases, verdicts, strict=True)
            if c.kind == kind
        ]
        share = sum(got) / max(1, len(got))
        table.append([kind, len(got), share, TARGETS[kind], "pass" if share >= TARGETS[kind] else "FAIL"])
        out[kind] = {"n": len(got), "correct": share}
    print_table("Sanity suite (held-out PubMedQA sentences)", ["kind", "n", "correct", "target", ""], table)
    results["sanity"] = out


def ablation_table(verifier: ClaimVerifier, rows: dict[str, list[Row]], results: dict[str, object]) -> None:
    """Verifier macro-F1 / accuracy, each rule check switched off one at a time (model outputs cached)."""
    from medcite.verify.decide import RULES

    variants = {"all rules": frozenset(), **{f"- {r}": frozenset([r]) for r in RULES}}
    variants["no rules"] = frozenset(RULES)
    names = list(rows)
    table, out = [], {}
    for title, off in variants.items():
        v = ClaimVerifier(verifier.model, verifier.mesh, verifier.thresholds, off)
        line: list[object] = [title]
        for name in names:
            verdicts = v.verify_batch([(c, [Evidence(text=e)]) for c, e, _ in rows[name]])
            gold = [r[2] for r in rows[name]]
            pred = [three_way(x.label.value) for x in verdicts]
            line.append(f"{macro_f1(gold, pred):.3f} / {accuracy(gold, pred):.3f}")
        table.append(line)
        out[title] = line[1:]
    print_table("Ablation: verifier macro-F1 / accuracy, one rule off at a time", ["rules", *names], table)
    results["ablation"] = {"datasets": names, "rows": out}


def throughput(
    d: Path, settings: Settings, results: dict[str, object], model_dir: Path | None = None
) -> None:
    """Batched claim-passage pairs/s on the HealthVer dev passages (512 pairs, batches of 64)."""
    verifier = load_verifier(settings, model_dir=model_dir)
    items = [(c, [Evidence(text=e)]) for c, e, _ in healthver(d)[:512]]
    verifier.verify_batch(items[:8])
    t0, c0 = time.perf_counter(), time.process_time()
    for s in range(0, len(items), 64):
        verifier.verify_batch(items[s : s + 64])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rate = len(items) / wall
    # on a shared machine the wall clock counts other people's work: pairs per CPU-second x threads is what
    # the same number of dedicated cores would give (an upper bound: it assumes both threads stay busy)
    per_cores = len(items) / cpu * settings.models.threads
    load = os.getloadavg()[0]
    print_table(
        f"Throughput ({settings.models.threads} threads, batched; load average {load:.1f})",
        ["machine", "claim-passage pairs", "pairs/s (wall)", f"pairs/s per {settings.models.threads} CPU-s",
         "target", "v2"],
        [[machine(), len(items), rate, per_cores, ">= 100", "184.5 (idle machine)"]],
    )  # fmt: skip
    results["throughput"] = {"wall_pairs_per_s": rate, "cpu_pairs_per_s": per_cores, "load": load}


if __name__ == "__main__":
    main()
