"""Choose the weight and thresholds of the verifier mixture (v3 with v2) on calibration pairs.

    python training/pack_verifier.py --data ../shared/data --generated training/out/generated.jsonl.gz \
        --out training/out/pack                       # its calib.jsonl: pairs held back from the pool
    python training/calibrate_mixture.py --calib training/out/pack/calib.jsonl \
        --second <a folder with v2's model.onnx, tokenizer.json and config.json (git show 2544c3b:...)>

Both models are the shipped int8 ONNX files read through medcite's own adapter (each with its own
temperature), so the probabilities are those the verifier sees at run time. For each weight w of the second
model, the mixture's P = (1 - w) * P_first + w * P_second gets the thresholds on P(entailment) and
P(contradiction) that maximise 3-way balanced accuracy (``export_verifier.fit_thresholds``, the rule of
``medcite.verify.decide.model_label``). The dev sets of ``bench/eval_verify.py`` are not read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
from export_verifier import balanced_accuracy, fit_thresholds  # noqa: E402

from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir  # noqa: E402

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0)


def read_calib(path: Path) -> tuple[list[tuple[str, str]], np.ndarray, list[str]]:
    pairs, labels, sources = [], [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            pairs.append((d["premise"], d["hypothesis"]))
            labels.append(int(d["label"]))
            sources.append(str(d.get("source", "?")))
    return pairs, np.array(labels), sources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calib", type=Path, required=True)
    ap.add_argument("--first", type=Path, default=None, help="default: the shipped verifier")
    ap.add_argument("--second", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    pairs, y, sources = read_calib(args.calib)
    first = NLIModel(args.first or shipped_model_dir(), threads=args.threads)
    second = NLIModel(args.second, threads=args.threads)
    p1, p2 = first.predict(pairs), second.predict(pairs)
    generated = np.array([s.startswith("gen:") for s in sources])
    print(
        f"{len(pairs)} calibration pairs ({int(generated.sum())} generated, {int((~generated).sum())} human)"
    )
    print("w      supported  contradicted  balanced acc  (human / generated, argmax)")
    results = {}
    for w in WEIGHTS:
        p = (1 - w) * p1 + w * p2
        ts, tc, bacc = fit_thresholds(p, y)
        arg = p.argmax(1)
        parts = [balanced_accuracy(y[m], arg[m]) for m in (~generated, generated)]
        results[w] = (ts, tc, bacc)
        print(
            f"{w:.1f}    {ts:.2f}       {tc:.2f}          {bacc:.4f}        ({parts[0]:.4f} / {parts[1]:.4f})"
        )
    best = max(results, key=lambda w: results[w][2])
    ts, tc, bacc = results[best]
    print(f"best: weight {best}, thresholds {ts} / {tc} (supported / contradicted), balanced acc {bacc:.4f}")


if __name__ == "__main__":
    main()
