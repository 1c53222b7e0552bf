"""Train the text design model (``src/medcite/models/design/model.npz``) and choose how step 3 uses it.

    nice -n 10 .venv/bin/python training/train_design.py [--data ../shared/data] [--no-save]

Labels by construction, never read by hand: :func:`medcite.corpus.classify.indexed_design` (publication
types, then MeSH design descriptors) on the records that carry indexing, from licence-compatible sources:
PubMedQA abstracts (MIT), the SYNERGY (CC0), ASReview (CC BY 4.0) and BC5CDR (NCBI public domain) records
of ``corpora/abstracts_extra`` that carry MeSH, every Evidence Inference abstract (MIT; all RCTs, the
dataset's construction), and the TUNING half of the MEDLINE records of ``bench/bench_design.py`` (NLM terms).
Never trained on: the held-out MEDLINE half, any record with a held-out key, the hand-checked sample.
The features are the title and abstract only (publication types and MeSH removed: medcite has only the
text at run time), plus the cue rules' answer (``rule:``).

Variant choice (``classify.TEXT_DESIGN``): the tuning half is split in two by key; a model trained on the
other sources plus one fold predicts the other fold, and back (out-of-fold). The variants are printed; the
shipped model is then trained on all the training data. Deterministic (seeded), numpy only.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linear_fit import encode, fit, predict, save

from bench.bench_design import LABELS, held_out, medline_paths, records
from medcite.corpus.classify import classify, indexed_design, text_rules_design
from medcite.corpus.design_model import best_design, design_features
from medcite.corpus.linear import LinearModel
from medcite.domain import Design, SourceRecord

ROOT = Path(__file__).resolve().parents[1]
DIM = 1 << 18
CLASSES = tuple(d.value for d in Design)
NOT_WITHOUT_CUE = frozenset({Design.RCT})  # = classify._NOT_WITHOUT_CUE
OK_SOURCES = ("synergy_", "asreview_", "bc5cdr_", "evidence_inference")


@dataclass(frozen=True)
class Example:
    key: str
    source: str
    label: Design
    title: str
    text: str
    rule: Design | None
    human: bool | None
    tune: bool  # from the MEDLINE tuning half


def example(rec: SourceRecord, source: str, label: Design, tune: bool = False) -> Example:
    bare = replace(rec, publication_types=(), mesh=())
    human = classify(bare, text_design="rules").human
    return Example(rec.key, source, label, rec.title, rec.text, text_rules_design(rec.title, rec.text),
                   human, tune)  # fmt: skip


def load(d: Path) -> tuple[list[Example], Counter[str]]:
    """The training examples, and what was left out."""
    medline = records(medline_paths(d))
    banned = {k for k in medline if held_out(k)}
    with LABELS.open(encoding="utf-8") as fh:
        banned |= {json.loads(line)["key"] for line in fh if line.strip()}
    out: list[Example] = []
    skipped: Counter[str] = Counter()
    for key, rec in medline.items():
        label = indexed_design(rec)
        if label is not None and not held_out(key):
            out.append(example(rec, "medline_tuning_half", label, tune=True))
    seen = {e.key for e in out}
    for rel in ("pubmedqa/abstracts.jsonl", "corpora/abstracts_extra.jsonl.gz"):
        for key, rec in records([d / rel]).items():
            source = "pubmedqa" if rel.startswith("pubmedqa") else rec.origin
            if not source.startswith(("pubmedqa", *OK_SOURCES)):
                continue
            if key in banned or key in seen or (rec.pmid and rec.pmid in banned):
                skipped["held-out or hand-sample key"] += 1
                continue
            label = Design.RCT if source == "evidence_inference" else indexed_design(rec)
            if label is None:
                continue
            seen.add(key)
            out.append(
                example(rec, source.split("_")[0] if source != "evidence_inference" else source, label)
            )
    return out, skipped


def train(items: list[Example], seed: int, epochs: int, power: float = 1.0) -> LinearModel:
    ys = np.array([CLASSES.index(e.label.value) for e in items])
    counts = np.bincount(ys, minlength=len(CLASSES)).astype(float)
    weight = np.where(counts > 0, (counts.max() / np.maximum(counts, 1)) ** power, 1.0)
    indptr, indices = encode([design_features(e.title, e.text, e.rule) for e in items], DIM)
    return fit(indptr, indices, ys, CLASSES, DIM, epochs=epochs, seed=seed, class_weight=list(weight))


def outputs(model: LinearModel, items: list[Example]) -> npt.NDArray[np.float64]:
    """Class probabilities, one row per example."""
    return predict(model, *encode([design_features(e.title, e.text, e.rule) for e in items], DIM))


def final(e: Example, design: Design) -> Design:
    return Design.ANIMAL if e.human is False else design  # classify()'s non-human override


def variants(items: list[Example], probs: npt.NDArray[np.float64]) -> dict[str, list[Design]]:
    """What classify() gives in each step-3 mode (the same logic as classify._design), and one more."""
    out: dict[str, list[Design]] = {"rules": [], "model": [], "combined+rct": [], "combined": []}
    for e, p in zip(items, probs, strict=True):
        rule = e.rule or Design.OTHER
        ask = e.rule is None and bool(e.text.strip())
        out["rules"].append(final(e, rule))
        out["model"].append(final(e, best_design(CLASSES, p)[0]))
        out["combined+rct"].append(final(e, best_design(CLASSES, p)[0] if ask else rule))
        out["combined"].append(final(e, best_design(CLASSES, p, NOT_WITHOUT_CUE)[0] if ask else rule))
    return out


def _right(items: list[Example], preds: list[Design], design: Design | None = None) -> int:
    return sum(p == e.label and design in (None, p) for e, p in zip(items, preds, strict=True))


def table(name: str, items: list[Example], results: dict[str, list[Design]]) -> None:
    overall = "  ".join(f"{k} {_right(items, v) / len(items):.3f}" for k, v in results.items())
    print(f"\n{name} ({len(items)} records): accuracy {overall}")
    for design in Design:
        n = sum(e.label == design for e in items)
        if n:
            row = "  ".join(f"{k} {_right(items, v, design) / n:.2f}" for k, v in results.items())
            print(f"  {design.value:14s} n={n:4d} recall: {row}")


def by_rule(items: list[Example], probs: npt.NDArray[np.float64]) -> None:
    """Rules vs model by the rules' answer, with or without an abstract (where should the model decide?)"""
    print("\nby the rules' answer (abstract?): n, rules right, model right")
    groups: dict[tuple[str, bool], list[tuple[bool, bool]]] = {}
    for e, p in zip(items, probs, strict=True):
        m = best_design(CLASSES, p)[0]
        key = (e.rule.value if e.rule else "none", bool(e.text.strip()))
        groups.setdefault(key, []).append(
            (final(e, e.rule or Design.OTHER) == e.label, final(e, m) == e.label)
        )
    for (rule, has), rows in sorted(groups.items()):
        where = "abstract" if has else "title   "
        right = f"rules {sum(r for r, _ in rows):4d} model {sum(m for _, m in rows):4d}"
        print(f"  {rule:14s} {where} n={len(rows):4d} {right}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "medcite" / "models" / "design")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--power", type=float, default=1.0, help="class weight (max count / count) ** power")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    items, skipped = load(args.data)
    print(f"training examples: {len(items)}; left out: {dict(skipped)}")
    print("by source:", dict(Counter(e.source for e in items)))
    print("by label:", dict(Counter(e.label.value for e in items)))
    tune = [e for e in items if e.tune]
    fold = {e.key: zlib.crc32(e.key.encode()) % 2 for e in tune}
    oof_items: list[Example] = []
    oof_probs: list[npt.NDArray[np.float64]] = []
    for k in (0, 1):
        rest = [e for e in items if not e.tune or fold[e.key] != k]
        part = [e for e in tune if fold[e.key] == k]
        oof_items += part
        oof_probs.append(outputs(train(rest, args.seed, args.epochs, args.power), part))
    probs = np.concatenate(oof_probs)
    table("tuning half, out-of-fold", oof_items, variants(oof_items, probs))
    by_rule(oof_items, probs)
    if not args.no_save:
        model = train(items, args.seed, args.epochs, args.power)
        save(model, args.out / "model.npz")
        print(f"\nsaved {args.out / 'model.npz'} ({(args.out / 'model.npz').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
