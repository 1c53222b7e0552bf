"""Train the finding-direction model (``src/medcite/models/direction/model.npz``) and measure it.

    .venv/bin/python training/train_direction.py [--data ../shared/data] [--out src/medcite/models/direction]

Data (MIT): Evidence Inference 2.0 (``evidence_inference/v2_annotations.csv``), each annotator's evidence
span with its label (significantly increased / significantly decreased / no significant difference),
split by article with EI's own ``ev2_{train,validation,test}_article_ids.txt``; plus a fourth class,
``none``, from the background/objective/methods sentences of the training articles' abstracts (labelled
sections), which report no comparison. Trained on the train split only.

Printed: accuracy and macro-F1 over the three directions on validation and test (argmax over the three
direction classes), beside the rules as baseline (``medcite.text.effect_direction``, the verifier's
direction check; UNKNOWN counts as wrong), and how often a held-out evidence span is read as ``none``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linear_fit import encode, fit, predict, save

from medcite.corpus.findings import NONE, direction_features
from medcite.corpus.roles import heading_role
from medcite.domain.cards import DIRECTIONS
from medcite.text import effect_direction, split_sentences

DIM = 1 << 18
CLASSES = (*DIRECTIONS, NONE)
_LABEL = {
    "significantly increased": "increased",
    "significantly increase": "increased",
    "significantly decreased": "decreased",
    "no significant difference": "no_difference",
}


def split_ids(data: Path) -> dict[str, str]:
    out = {}
    for split in ("train", "validation", "test"):
        for line in (data / "evidence_inference" / "splits" / f"ev2_{split}_article_ids.txt").open():
            out[line.strip()] = split
    return out


def evidence(data: Path) -> dict[str, list[tuple[str, str]]]:
    """(sentence, label) per split, each distinct (article, span, label) once."""
    splits = split_ids(data)
    seen: set[tuple[str, str, str]] = set()
    out: dict[str, list[tuple[str, str]]] = {"train": [], "validation": [], "test": []}
    with (data / "evidence_inference" / "v2_annotations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            label = _LABEL.get(row["Label"].strip())
            text = " ".join(row["Annotations"].split())
            split = splits.get(row["PMCID"])
            if label is None or split is None or len(text) < 10 or (row["PMCID"], text, label) in seen:
                continue
            seen.add((row["PMCID"], text, label))
            out[split].append((text, label))
    return out


_COMPARES = re.compile(
    r"\b(?:than|vs\.?|versus|compared|comparison|compar\w+|differ\w*|between|increas\w*|decreas\w*|higher|lower|"
    r"reduc\w*|improv\w*|signific\w*|associat\w*|more|less|fewer|greater|smaller|better|worse|similar|"
    r"chang\w*|effect\w*|benefit\w*|odds|hazard|risk|ratio|superior|inferior|equivalent|[Pp]\s*[<=>≤≥])\b"
    r"|[<>≤≥]",
    re.I,
)


def no_comparison(data: Path, limit: int, results: int = 0) -> list[str]:
    """Background/objective/methods sentences of the training articles' abstracts, and (``results``) up to
    that many results sentences with no word of a comparison ("The response rate was 45%.")."""
    train = {k for k, v in split_ids(data).items() if v == "train"}
    out: list[str] = []
    plain: list[str] = []
    with gzip.open(data / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["pmcid"].removeprefix("PMC") not in train:
                continue
            for sec in d["abstract_sections"]:
                role = heading_role(sec["label"])
                sents = [sec["text"][s:e] for s, e in split_sentences(sec["text"])]
                if role in ("background", "objective", "methods"):
                    out += sents
                elif role == "results":
                    plain += [t for t in sents if not _COMPARES.search(t)]
    rng = np.random.default_rng(7)
    picked = [out[i] for i in sorted(rng.permutation(len(out))[:limit])]
    return picked + [plain[i] for i in sorted(rng.permutation(len(plain))[:results])]


def scores(pred: list[str], gold: list[str]) -> tuple[float, float]:
    p, g = np.array(pred), np.array(gold)
    f1s = []
    for c in DIRECTIONS:
        tp = ((p == c) & (g == c)).sum()
        prec, rec = tp / max((p == c).sum(), 1), tp / max((g == c).sum(), 1)
        f1s.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    return float(np.mean(p == g)), float(np.mean(f1s))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("src/medcite/models/direction"))
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--negatives", type=int, default=2500)
    ap.add_argument(
        "--plain-results", type=int, default=0, help="results sentences without a comparison word"
    )
    args = ap.parse_args()
    ev = evidence(args.data)
    train = ev["train"] + [(s, NONE) for s in no_comparison(args.data, args.negatives, args.plain_results)]
    y = np.array([CLASSES.index(label) for _, label in train])
    print(f"train: {len(train)} ({ {c: int((y == i).sum()) for i, c in enumerate(CLASSES)} })")
    model = fit(*encode([direction_features(s) for s, _ in train], DIM), y, CLASSES, DIM, epochs=args.epochs)
    for split in ("validation", "test"):
        texts, gold = [s for s, _ in ev[split]], [lab for _, lab in ev[split]]
        p = predict(model, *encode([direction_features(s) for s in texts], DIM))
        pred = [DIRECTIONS[i] for i in p[:, :3].argmax(axis=1)]
        acc, f1 = scores(pred, gold)
        base = [str(effect_direction(t).value).replace(" ", "_") for t in texts]
        bacc, bf1 = scores(base, gold)
        none = float(np.mean(p.argmax(axis=1) == 3))
        majority = max(gold.count(c) for c in DIRECTIONS) / len(gold)
        print(
            f"{split:10s} n={len(gold):4d}  model acc {acc:.3f} macro-F1 {f1:.3f} (read as none {none:.3f})"
            f"  | rules acc {bacc:.3f} macro-F1 {bf1:.3f} | majority {majority:.3f}"
        )
    save(model, args.out / "model.npz")
    print(f"saved {args.out / 'model.npz'} ({(args.out / 'model.npz').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
