"""Fine-tune medcite's stance reader (evidence sentence, yes/no question) -> yes / uncertain / no, and
export it to int8 ONNX (``src/medcite/models/stance``).

    nice -n 10 .venv/bin/python training/train_stance_reader.py --threads 2
    .venv/bin/python training/train_stance_reader.py --export-only

Warm start: the shipped verifier (MiniLM-L6 NLI cross-encoder; its int8 weights dequantised by
``warm_start.py``), whose (entailment, neutral, contradiction) head becomes (yes, uncertain, no): reading a
finding against a question is close to reading it against a claim. Data and licences: ``stance_data.py``
(PubMedQA even half and Evidence Inference train split, both MIT). Seeded; CPU by default, CUDA when
``--device cuda``. Writes ``<out>/final.pt`` and ``<out>/report.json`` (dev accuracy on the PubMedQA odd
half's conclusions and on EI validation, beside the wording rule of ``medcite.compose.stance``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bert import CrossEncoder, load_minilm
from stance_data import LABELS, LICENCES, Pair, build
from train_relevance import adamw_linear, collate, export_saved, log_step, over_budget, tokenizer, update
from train_verifier import minilm_dir
from warm_start import onnx_state

from medcite.compose.stance import sentence_vote

REPO = Path(__file__).resolve().parents[1]
MODEL_ID = "medcite-stance-reader-minilm-l6-v1"
Encoded = tuple[list[int], list[int]]


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "training" / "out" / "stance")
    ap.add_argument("--model-out", type=Path, default=REPO / "src" / "medcite" / "models" / "stance")
    ap.add_argument("--init", type=Path, default=REPO / "src/medcite/models/verifier/model.onnx")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--max-len", type=int, default=192)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--pqa-repeat", type=int, default=3, help="PubMedQA even-half copies per epoch")
    ap.add_argument(
        "--attributes", action="store_true", help="train on the attribute questions too (stance_data.py)"
    )
    ap.add_argument(
        "--contrasts",
        action="store_true",
        help="train on negated findings (no) and other abstracts' conclusions (uncertain) too",
    )
    ap.add_argument(
        "--siblings", type=int, default=0, help="copies of the sibling-attribute questions (stance_data.py)"
    )
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke runs)")
    ap.add_argument("--max-minutes", type=float, default=45.0)
    ap.add_argument("--export-only", action="store_true")
    return ap.parse_args()


def encode(tok: Tokenizer, pairs: list[Pair]) -> list[Encoded]:
    return [(e.ids, e.type_ids) for e in tok.encode_batch([(p.sentence, p.question) for p in pairs])]


def new_model(init: Path | None) -> CrossEncoder:
    model = load_minilm(minilm_dir(), pooling="mean")
    if init is not None:
        model.load_state_dict(onnx_state(init), strict=False)
    return model


@torch.no_grad()
def predict(model: CrossEncoder, enc: list[Encoded], device: str, chunk: int = 64) -> np.ndarray:
    model.eval()
    out = []
    for s in range(0, len(enc), chunk):
        ids, mask, typ = (t.to(device) for t in collate(enc[s : s + chunk]))
        out.append(model(ids, mask, typ).float().cpu().numpy())
    return np.concatenate(out).argmax(axis=1)


def rule_label(p: Pair) -> str:
    """The wording rule of medcite.compose.stance on one sentence (the baseline)."""
    return sentence_vote(p.sentence, difference=True)


def dev_scores(
    model: CrossEncoder, tok: Tokenizer, dev: dict[str, list[Pair]], device: str
) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, pairs in dev.items():
        gold = np.array([LABELS.index(p.label) for p in pairs])
        pred = predict(model, encode(tok, pairs), device)
        rule = np.array([LABELS.index(rule_label(p)) for p in pairs])
        out[f"{name}_acc"] = round(float((pred == gold).mean()), 4)
        out[f"{name}_rule_acc"] = round(float((rule == gold).mean()), 4)
    return out


def train(
    args: argparse.Namespace, model: CrossEncoder, enc: list[Encoded], ys: list[int]
) -> dict[str, float]:
    rng = random.Random(args.seed)
    order = [i for _ in range(int(np.ceil(args.epochs))) for i in rng.sample(range(len(enc)), len(enc))]
    steps = int(len(enc) * args.epochs) // args.batch
    if args.max_steps:
        steps = min(steps, args.max_steps)
    params, opt, sched = adamw_linear(model, args.lr, steps, max(1, steps // 10))
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    t0, done, losses = time.time(), 0, []
    for step in range(steps):
        idx = order[step * args.batch : (step + 1) * args.batch]
        ids, mask, typ = (t.to(args.device) for t in collate([enc[i] for i in idx]))
        loss = loss_fn(model(ids, mask, typ), torch.tensor([ys[i] for i in idx], device=args.device))
        update(loss, opt, sched, params, losses)
        done = step + 1
        log_step(done, steps, losses, t0, every=25)
        if over_budget(t0, args.max_minutes, done):
            break
    return {"steps": done, "planned_steps": steps, "train_minutes": round((time.time() - t0) / 60, 1)}


def export(args: argparse.Namespace) -> None:
    cfg = {"model_id": MODEL_ID, "max_len": args.max_len, "temperature": 1.0, "labels": list(LABELS)}
    export_saved(new_model(None), args.out / "final.pt", args.model_out, cfg)


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.export_only:
        export(args)
        return
    train_pairs, dev = build(
        args.data, args.seed, args.pqa_repeat, args.attributes, args.contrasts, args.siblings
    )
    counts = Counter(f"{p.source}:{p.label}" for p in train_pairs)
    print(f"pairs: {dict(counts)}; dev { ({k: len(v) for k, v in dev.items()}) }", flush=True)
    tok = tokenizer(args.max_len)
    model = new_model(args.init).to(args.device)
    model.word.weight.requires_grad_(False)  # the vocabulary stays as the warm start has it
    before = dev_scores(model, tok, dev, args.device)
    print(f"before: {before}", flush=True)
    stats = train(args, model, encode(tok, train_pairs), [LABELS.index(p.label) for p in train_pairs])
    after = dev_scores(model, tok, dev, args.device)
    print(f"after: {after}", flush=True)
    torch.save(
        {"model": model.cpu().state_dict(), "args": {k: str(v) for k, v in vars(args).items()}},
        args.out / "final.pt",
    )
    report = {"pairs": dict(counts), "licences": LICENCES, "before": before, "after": after, **stats}
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    export(args)


if __name__ == "__main__":
    main()
