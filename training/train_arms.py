"""Train the arms tagger (``src/medcite/models/arms/model.npz``): intervention / comparator / outcome tokens.

    .venv/bin/python training/train_arms.py [--data ../shared/data] [--out src/medcite/models/arms]

Data (MIT): Evidence Inference abstracts (``ei_abstracts.jsonl.gz``) of the articles in EI's
``train_article_ids.txt`` and their prompts (``prompts_merged.csv``). Weak labels: a token is I, C or O where
the prompt's intervention, comparator or outcome text is found verbatim (case-folded) in the sentence; the
rest N. Sentences with no label are kept at random three times in ten (seeded). Never trained on the
validation or test articles (the ``ev2_*`` splits are inside them).

Printed: on the ``ev2_validation`` and ``ev2_test`` articles, the study card's intervention and comparator
against the article's prompts (half of the shorter phrase's words shared, as ``bench/bench_cards.py`` table
4), for the card's patterns alone and for the patterns with the tagger where they name nothing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from linear_fit import encode, fit, save

from bench.bench_cards import _match
from medcite.corpus import study_card
from medcite.corpus.classify import classify
from medcite.corpus.tagger import LABELS, token_features, tokens
from medcite.domain import AbstractSection, SourceRecord, StoredSource
from medcite.text import split_sentences

DIM = 1 << 18
COLUMNS = (("Intervention", "I"), ("Comparator", "C"), ("Outcome", "O"))


def read(data: Path) -> tuple[dict[str, str], dict[str, list[dict[str, str]]], dict[str, SourceRecord]]:
    ei = data / "evidence_inference"
    split = {}
    for name in ("train", "validation", "test", "ev2_validation", "ev2_test"):
        for pid in (ei / "splits" / f"{name}_article_ids.txt").read_text().split():
            split[pid] = name  # the ev2 names come last and win
    prompts: dict[str, list[dict[str, str]]] = {}
    with (ei / "prompts_merged.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            prompts.setdefault(row["PMCID"], []).append(row)
    records = {}
    with gzip.open(ei / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            secs = tuple(
                AbstractSection(s["label"], " ".join(s["text"].split()))
                for s in d["abstract_sections"]
                if s["text"].strip()
            )
            records[d["pmcid"].removeprefix("PMC")] = SourceRecord(
                key=d["pmcid"], title=d["title"], sections=secs, pmcid=d["pmcid"]
            )
    return split, prompts, records


def labelled(sentence: str, prompts: list[dict[str, str]]) -> tuple[list[str], list[int]]:
    toks = tokens(sentence)
    labels = ["N"] * len(toks)
    low = sentence.lower()
    for p in prompts:
        for col, lab in COLUMNS:
            value = " ".join(p[col].split()).lower()
            at = low.find(value) if len(value) >= 3 else -1
            if at < 0:
                continue
            for k, (a, b, _) in enumerate(toks):
                if a >= at and b <= at + len(value) and labels[k] == "N":
                    labels[k] = lab
    return [w for _, _, w in toks], [LABELS.index(x) for x in labels]


def training_set(split, prompts, records) -> tuple[list[list[str]], list[int]]:
    rng = np.random.default_rng(5)
    feats: list[list[str]] = []
    ys: list[int] = []
    for pid, rec in records.items():
        if split.get(pid) != "train":
            continue
        for sec in rec.sections:
            for a, b in split_sentences(sec.text):
                words, labels = labelled(sec.text[a:b], prompts.get(pid, []))
                if not any(labels) and rng.random() > 0.3:
                    continue
                feats += [token_features(words, i) for i in range(len(words))]
                ys += labels
    return feats, ys


def evaluate(split, prompts, records, name: str) -> None:
    from medcite.corpus import cards as cards_module

    for mode in ("patterns", "patterns + tagger"):
        cards_module.USE_TAGGER = mode != "patterns"
        hits = {"I": [0, 0], "C": [0, 0]}
        n = 0
        for pid, rec in records.items():
            if split.get(pid) != name:
                continue
            n += 1
            card = study_card(StoredSource(0, rec, classify(rec)))
            got = {
                "I": [x.text for x in card.interventions],
                "C": [card.comparator.text] if card.comparator else [],
            }
            for lab, col in (("I", "Intervention"), ("C", "Comparator")):
                if got[lab]:
                    hits[lab][0] += 1
                    hits[lab][1] += any(_match(g, p[col]) for g in got[lab] for p in prompts.get(pid, []))
        cells = "  ".join(
            f"{lab}: precision {h / max(f, 1):.3f} recall {h / n:.3f}" for lab, (f, h) in hits.items()
        )
        print(f"{name:14s} n={n:3d} {mode:18s} {cells}")
    cards_module.USE_TAGGER = True


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("src/medcite/models/arms"))
    ap.add_argument("--epochs", type=int, default=4)
    args = ap.parse_args()
    split, prompts, records = read(args.data)
    feats, ys = training_set(split, prompts, records)
    print(f"train: {len(ys)} tokens {dict(zip(LABELS, np.bincount(ys, minlength=4).tolist(), strict=True))}")
    model = fit(*encode(feats, DIM), np.array(ys), LABELS, DIM, epochs=args.epochs)
    save(model, args.out / "model.npz")
    print(f"saved {args.out / 'model.npz'} ({(args.out / 'model.npz').stat().st_size / 1e6:.1f} MB)")
    from medcite.corpus.linear import load_model

    load_model.cache_clear()
    for name in ("ev2_validation", "ev2_test"):
        evaluate(split, prompts, records, name)


if __name__ == "__main__":
    main()
