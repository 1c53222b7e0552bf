"""Train the sentence-role model (``src/medcite/models/roles/model.npz``) and measure it.

    .venv/bin/python training/train_roles.py [--data ../shared/data] [--out src/medcite/models/roles]

Data: the sentences of labelled structured abstracts (``training/role_data.py``), headings stripped.
Held out: every abstract whose id hashes to bucket 0 of 10 (never trained on). Printed: held-out accuracy
per role and per corpus, beside the cue rules (``medcite.text.cues.role_of`` with no label) as baseline,
and the finding/not-finding accuracy (results or conclusions vs the rest), which decides what a study card
lists as findings. Deterministic (seeded), numpy only, about two minutes on one core.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linear_fit import encode, fit, predict, save
from role_data import abstracts

from medcite.corpus.roles import lone_features, role_features
from medcite.domain.cards import ROLES
from medcite.text import role_of

DIM = 1 << 18
FINDING = {"results", "conclusions"}


def examples(
    items: list, lone: bool = False
) -> tuple[list[list[str]], list[int], list[str], list[str], list[str]]:
    """Each sentence with a role, in its abstract (or alone: ``lone``)."""
    feats, ys, corpora, texts, gold = [], [], [], [], []
    for a in items:
        for i, role in enumerate(a.roles):
            if role is None:
                continue
            feats.append(lone_features(a.sentences[i]) if lone else role_features(a.sentences, i))
            ys.append(ROLES.index(role))
            corpora.append(a.corpus)
            texts.append(a.sentences[i])
            gold.append(role)
    return feats, ys, corpora, texts, gold


def report(pred: list[str], gold: list[str], corpora: list[str], name: str) -> None:
    pred_a, gold_a = np.array(pred), np.array(gold)
    print(f"\n{name}: accuracy {np.mean(pred_a == gold_a):.3f} on {len(gold)} held-out sentences")
    print(
        f"  finding vs not: {np.mean(np.isin(pred_a, list(FINDING)) == np.isin(gold_a, list(FINDING))):.3f}"
    )
    for role in ROLES:
        m = gold_a == role
        p = pred_a == role
        prec = (m & p).sum() / max(p.sum(), 1)
        print(f"  {role:12s} n={m.sum():5d} recall {np.mean(pred_a[m] == role):.3f} precision {prec:.3f}")
    for corpus in sorted(set(corpora)):
        m = np.array(corpora) == corpus
        print(f"  corpus {corpus:18s} n={m.sum():5d} accuracy {np.mean(pred_a[m] == gold_a[m]):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("src/medcite/models/roles"))
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lone-every", type=int, default=1, help="every k-th sentence is also trained alone")
    args = ap.parse_args()
    items = abstracts(args.data)
    train = [a for a in items if not a.heldout]
    test = [a for a in items if a.heldout]
    fx, fy, _, _, _ = examples(train)
    lx, ly, _, _, _ = examples(train, lone=True)  # read alone too (clean_statement of one sentence)
    fx, fy = fx + lx[:: args.lone_every], fy + ly[:: args.lone_every]
    print(f"train: {len(train)} abstracts, {len(fy)} sentences {Counter(ROLES[y] for y in fy)}")
    print(f"by corpus: {Counter(a.corpus for a in train)}")
    indptr, indices = encode(fx, DIM)
    model = fit(indptr, indices, np.array(fy), ROLES, DIM, epochs=args.epochs)
    tx, _ty, corpora, texts, gold = examples(test)
    p = predict(model, *encode(tx, DIM))
    report([ROLES[i] for i in p.argmax(axis=1)], gold, corpora, "model")
    lx, _, _, _, _ = examples(test, lone=True)
    p_lone = predict(model, *encode(lx, DIM))
    report([ROLES[i] for i in p_lone.argmax(axis=1)], gold, corpora, "model, each sentence alone")
    report([role_of("", t) for t in texts], gold, corpora, "baseline: cue rules (role_of, no label)")
    save(model, args.out / "model.npz")
    print(f"\nsaved {args.out / 'model.npz'} ({(args.out / 'model.npz').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
