"""Fit an optional yes/no stance model on PubMedQA dev and compare it with the wording rule.

medcite uses the model only when ``src/medcite/compose/stance_model.json`` exists; this script writes
``training/out/stance_model.json``. With verifier v2 it did not beat the wording rule, so none ships.

The model is a 3-way softmax over the features of :func:`medcite.compose.stance.features` (wording
votes and the verifier's reading of the question as a claim). The features are collected end to end:
``compose_article`` over the real store (every shared corpus ingested) with the real verifier, so the
model sees what it will see at run time. They depend on the verifier model: refit after retraining it.

    export MEDCITE_HOME=/tmp/mc-bench   # a store with every shared corpus ingested (bench.bench_retrieval)
    python training/train_stance.py --cache training/out/stance_features.json

Reported: nested 5-fold cross-validated accuracy on PubMedQA dev (each question is predicted by a model,
and an L2 strength, chosen without it), next to the wording rule alone; and BioASQ 7B-9B yes/no accuracy
of the model fitted on all of PubMedQA (never fitted on BioASQ: its terms allow evaluation and research
only). The wording cues were written while reading both dev sets, so neither is an untouched split.
PubMedQA is MIT-licensed. Deterministic: fixed folds (seed), full-batch gradient descent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np
from tqdm import tqdm

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_answers import bioasq, pubmedqa  # noqa: E402
from medcite.bootstrap import open_engine  # noqa: E402
from medcite.compose import compose_article  # noqa: E402
from medcite.compose.stance import LABELS, StanceInput, StanceResult, derive_stance, features  # noqa: E402
from medcite.config import load_settings  # noqa: E402
from medcite.domain import Provenance  # noqa: E402
from medcite.services.engine import Engine  # noqa: E402

# written outside the package: copy it to src/medcite/compose/stance_model.json to make medcite use it
OUT = REPO / "training" / "out" / "stance_model.json"
Row = tuple[str, str, list[dict[str, object]] | None]  # question, gold, stance inputs (None: no stance)


def collect(engine: Engine, qs: Sequence[tuple[str, str]], desc: str) -> list[Row]:
    searcher, verifier = engine.searcher(), engine.verifier
    rows: list[Row] = []
    for q, gold in tqdm(qs, desc=desc, mininterval=5, file=sys.stdout):
        seen: list[StanceResult] = []
        compose_article(q, searcher, verifier, provenance=Provenance(), observe=seen.append)
        rows.append((q, gold, [asdict(i) for i in seen[0].inputs] if seen else None))
    return rows


def _items(inp: list[dict[str, object]] | None) -> list[StanceInput]:
    return [StanceInput(**d) for d in inp] if inp is not None else []  # type: ignore[arg-type]


def matrix(rows: Sequence[Row]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, gold class index, and a mask of the rows that reached the stance step."""
    xs, ys, ok = [], [], []
    width = len(features("?", []))
    for q, gold, inp in rows:
        items = _items(inp)
        xs.append(features(q, items) if inp is not None else [0.0] * width)
        ys.append(LABELS.index(gold))  # type: ignore[arg-type]
        ok.append(inp is not None)
    return np.array(xs), np.array(ys), np.array(ok)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Multinomial logistic regression, full-batch gradient descent, L2 on all but the bias column."""
    w = np.zeros((3, x.shape[1]))
    onehot = np.eye(3)[y]
    reg = np.ones_like(w)
    reg[:, -1] = 0.0
    for _ in range(steps):
        z = x @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot).T @ x / len(y) + l2 * reg * w
        w -= lr * grad
    return w


def predict(w: np.ndarray, x: np.ndarray, ok: np.ndarray) -> np.ndarray:
    pred = np.argmax(x @ w.T, axis=1)
    return np.where(ok, pred, LABELS.index("uncertain"))


def rule(rows: Sequence[Row]) -> np.ndarray:
    out = []
    for q, _gold, inp in rows:
        got = derive_stance(q, _items(inp), weights=()).stance if inp is not None else "uncertain"
        out.append(LABELS.index(got))
    return np.array(out)


L2_GRID = (0.1, 0.03, 0.01, 0.003)


def folds_of(n: int, k: int, seed: int) -> list[np.ndarray]:
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    return [np.array(sorted(idx[f::k])) for f in range(k)]


def choose_l2(x: np.ndarray, y: np.ndarray, ok: np.ndarray, k: int, seed: int) -> float:
    """The L2 strength with the best k-fold accuracy on (x, y) alone."""
    scores = []
    for l2 in L2_GRID:
        hits = 0
        for test in folds_of(len(y), k, seed):
            train = np.setdiff1d(np.arange(len(y)), test)
            train = train[ok[train]]
            hits += int((predict(fit(x[train], y[train], l2), x[test], ok[test]) == y[test]).sum())
        scores.append((hits, -l2))
    return -max(scores)[1]


def nested_cv(x: np.ndarray, y: np.ndarray, ok: np.ndarray, k: int, seed: int) -> float:
    """Outer k-fold accuracy; L2 is chosen inside each outer training part (inner k-1 folds), so no
    reported prediction comes from a model or a setting chosen with that question."""
    pred = np.zeros_like(y)
    for test in folds_of(len(y), k, seed):
        train = np.setdiff1d(np.arange(len(y)), test)
        l2 = choose_l2(x[train], y[train], ok[train], k - 1, seed)
        fitted = train[ok[train]]
        pred[test] = predict(fit(x[fitted], y[fitted], l2), x[test], ok[test])
    return float((pred == y).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=None, help="read/write the collected features here")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    engine = open_engine(load_settings())
    vid = engine.verifier.model_id
    cached = json.loads(args.cache.read_text()) if args.cache is not None and args.cache.exists() else None
    if cached is not None and cached.get("verifier") == vid:
        pqa, bio = cached["pubmedqa"], cached["bioasq"]
    else:  # no cache, or one collected with another verifier
        pqa = collect(engine, pubmedqa(None), "PubMedQA dev")
        bio = collect(engine, bioasq(None), "BioASQ yes/no")
        if args.cache is not None:
            args.cache.parent.mkdir(parents=True, exist_ok=True)
            args.cache.write_text(json.dumps({"verifier": vid, "pubmedqa": pqa, "bioasq": bio}))

    x, y, ok = matrix(pqa)
    cv_acc = nested_cv(x, y, ok, args.folds, args.seed)
    l2 = choose_l2(x, y, ok, args.folds, args.seed)
    w = fit(x[ok], y[ok], l2)
    xb, yb, okb = matrix(bio)
    bio_acc = float((predict(w, xb, okb) == yb).mean())
    rule_pqa = float((rule(pqa) == y).mean())
    rule_bio = float((rule(bio) == yb).mean())
    print(f"verifier {vid}; accuracy of the stance:")
    print(f"{'':34} {'wording rule':>12} {'stance model':>12}")
    name_p = f"PubMedQA dev (n={len(y)}, nested {args.folds}-fold CV)"
    name_b = f"BioASQ yes/no (n={len(yb)}, not fitted on)"
    print(f"{name_p:34} {rule_pqa:12.3f} {cv_acc:12.3f}")
    print(f"{name_b:34} {rule_bio:12.3f} {bio_acc:12.3f}")
    print(f"chosen L2 {l2}")
    card = {
        "model": "medcite-stance-linear-v1",
        "what": "3-way softmax (yes, no, uncertain) over medcite.compose.stance.features",
        "labels": list(LABELS),
        "weights": [[round(float(v), 5) for v in row] for row in w],
        "trained_on": "PubMedQA PQA-L dev 500 (MIT), features collected end to end over every shared corpus",
        "verifier": vid,
        "l2": l2,
        "seed": args.seed,
        "scores": {
            "pubmedqa_dev_nested_cv_accuracy": round(cv_acc, 4),
            "pubmedqa_dev_wording_rule_accuracy": round(rule_pqa, 4),
            "bioasq_yesno_accuracy_not_fitted_on": round(bio_acc, 4),
            "bioasq_yesno_wording_rule_accuracy": round(rule_bio, 4),
        },
        "note": (
            "the wording cues and claim_of were written while reading PubMedQA and BioASQ dev questions, "
            "so neither figure is from an untouched split"
        ),
        "retrain": "MEDCITE_HOME=<store with every shared corpus> python training/train_stance.py",
    }
    args.out.write_text(json.dumps(card, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
