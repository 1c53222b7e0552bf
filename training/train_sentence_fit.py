"""Fine-tune medcite's sentence-fit cross-encoder (question, evidence sentence) -> score, from
all-MiniLM-L6-v2 weights, and export it to int8 ONNX (``training/out/fit/model``). **Measured and not
shipped**: see the result below.

    .venv/bin/pip install -e ".[train]"
    nice -n 10 .venv/bin/python training/train_sentence_fit.py --data ../shared/data --out training/out/fit

Listwise training as for the relevance model (``train_relevance.py``, whose loop and export it reuses): each
group is one question, the abstract sentence that answers it, two background/methods sentences of the same
abstract and one sentence of another abstract; the loss is the softmax cross-entropy of the positive within
its group. Data and licences: ``sentence_fit_data.py``. Seeded; CPU, one thread by default (a CUDA machine is
not needed: the run is minutes long).

Result (2026-11-30, 2 CPU cores, 340 steps, 7.9 min; data built by this file as of commit dce924f): dev
MRR of the answering sentence within its group (Evidence Inference validation articles) 0.471 before, 0.988
after. But on the composer's task, telling the sentences of a question's gold documents from the other
candidate sentences of its answer (the logic of ``bench/bench_sentence_fit.py``, odd half, 150 questions,
1,708 sentences), its AUC was 0.460: below the study relevance model (0.670) and word overlap (0.697). It
learned "a finding, not background or methods", not "about this question". The composer keeps the relevance
model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentence_fit_data import LICENCES, build
from train_relevance import (
    cross_encoder_args,
    encode_groups,
    export,
    group_mrr,
    group_scores,
    new_model,
    start,
    tokenizer,
    train_and_save,
)

REPO = Path(__file__).resolve().parents[1]
MODEL_ID = "medcite-sentence-fit-minilm-l6-v1"


def parse_args() -> argparse.Namespace:
    fit_out = REPO / "training" / "out" / "fit"
    ap = cross_encoder_args(__doc__, fit_out, fit_out / "model", 96, MODEL_ID, 30.0)
    ap.add_argument("--hard", type=int, default=2, help="background/methods sentences of the same abstract")
    ap.add_argument("--pqa-repeat", type=int, default=2, help="times the 250 PubMedQA questions are seen")
    ap.add_argument("--epochs", type=int, default=1)
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    if start(args):
        return
    t0 = time.time()
    train_groups, dev_groups = build(args.data, args.seed, args.hard, args.pqa_repeat)
    train_groups = train_groups * args.epochs
    counts = Counter(g.source for g in train_groups)
    print(f"groups: {dict(counts)}; dev {len(dev_groups)}; built in {time.time() - t0:.0f}s", flush=True)
    tok = tokenizer(args.max_len)
    enc, dev_enc = encode_groups(tok, train_groups), encode_groups(tok, dev_groups)
    model = new_model()
    model.word.weight.requires_grad_(False)
    before = {"dev_mrr": group_mrr(group_scores(model, dev_enc))}
    stats, saved_args, after = train_and_save(args, model, enc, dev_enc)
    report = {
        "groups": dict(counts),
        "group_width": 2 + args.hard,
        "dev_groups": len(dev_groups),
        "licences": LICENCES,
        "before": before,
        "after": after,
        **stats,
        "args": saved_args,
    }
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({"before": before, "after": after, **stats}), flush=True)
    export(args, report)


if __name__ == "__main__":
    main()
