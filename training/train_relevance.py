"""Fine-tune medcite's relevance cross-encoder (question, study) -> score, from all-MiniLM-L6-v2 weights,
and export it to int8 ONNX.

    .venv/bin/pip install -e ".[train]"
    nice -n 10 .venv/bin/python training/train_relevance.py --data ../shared/data --out training/out/rel
    .venv/bin/python training/train_relevance.py --export-only --out training/out/rel

The defaults are the shipped v2 run (1,600 Evidence Inference prompts, 3,000 title queries, 250 PubMedQA
questions twice, 200 MedQuAD questions; 1,325 steps, 39.5 minutes on one thread of a 2-core AMD EPYC).
v1 was trained with ``--ei 800 --titles 0 --max-minutes 32 --model-id medcite-relevance-minilm-l6-v1`` (see
the model card).

Listwise training: each group is one question, its relevant document and ``--hard`` BM25 + ``--rand``
random negatives; the loss is the softmax cross-entropy of the positive within its group. Data and
licences: see ``relevance_data.py``. Seeded and deterministic in what it samples; CPU, one thread by
default. Writes ``<out>/final.pt`` and ``<out>/report.json``, then the int8 model, tokenizer and
config.json into ``src/medcite/models/relevance``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
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
from export_verifier import export_int8
from relevance_data import LICENCES, Group, build
from train_verifier import minilm_dir

REPO = Path(__file__).resolve().parents[1]
MODEL_ID = "medcite-relevance-minilm-l6-v2"
QUERY_CHARS = 300
Encoded = tuple[list[int], list[int]]


def cross_encoder_args(
    doc: str | None, out: Path, model_out: Path, max_len: int, model_id: str, minutes: float
) -> argparse.ArgumentParser:
    """The options every listwise cross-encoder run takes (data, output, schedule, budget, export); the
    caller adds those of its data."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=out)
    ap.add_argument("--model-out", type=Path, default=model_out)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--max-len", type=int, default=max_len)
    ap.add_argument("--groups-per-batch", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (timing runs)")
    ap.add_argument("--max-minutes", type=float, default=minutes, help="stop training after this long")
    ap.add_argument(
        "--stop-at",
        type=int,
        default=0,
        help="stop after this many steps, schedule unchanged (reruns a cut run)",
    )
    ap.add_argument("--model-id", default=model_id, help="the id written to config.json")
    ap.add_argument("--export-only", action="store_true")
    return ap


def parse_args() -> argparse.Namespace:
    ap = cross_encoder_args(
        __doc__,
        REPO / "training" / "out" / "rel",
        REPO / "src" / "medcite" / "models" / "relevance",
        128,
        MODEL_ID,
        75.0,
    )
    ap.add_argument("--hard", type=int, default=2, help="BM25 negatives per question")
    ap.add_argument("--rand", type=int, default=0, help="random negatives per question")
    ap.add_argument("--skip", type=int, default=2, help="BM25 ranks left out before the hard negatives")
    ap.add_argument("--depth", type=int, default=30, help="BM25 ranks the hard negatives are drawn from")
    ap.add_argument("--ei", type=int, default=1600, help="Evidence Inference prompts")
    ap.add_argument("--medquad", type=int, default=200, help="MedQuAD questions")
    ap.add_argument("--pqa-repeat", type=int, default=2, help="times the 250 PubMedQA questions are seen")
    ap.add_argument("--titles", type=int, default=3000, help="title-query groups (see relevance_data)")
    return ap.parse_args()


def tokenizer(max_len: int) -> Tokenizer:
    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.enable_truncation(max_len, strategy="longest_first")
    tok.no_padding()
    return tok


def encode_groups(tok: Tokenizer, groups: list[Group]) -> list[list[Encoded]]:
    pairs = [(g.query[:QUERY_CHARS], t) for g in groups for t in g.texts()]
    encs = tok.encode_batch(pairs)
    width = len(groups[0].texts())
    flat = [(e.ids, e.type_ids) for e in encs]
    return [flat[i : i + width] for i in range(0, len(flat), width)]


def collate(seqs: list[Encoded]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    t = max(len(s[0]) for s in seqs)
    ids = torch.zeros((len(seqs), t), dtype=torch.long)
    typ = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for i, (a, ty) in enumerate(seqs):
        ids[i, : len(a)] = torch.tensor(a)
        typ[i, : len(a)] = torch.tensor(ty)
        mask[i, : len(a)] = 1
    return ids, mask, typ


def new_model() -> CrossEncoder:
    """MiniLM-L6 (the weights of the shipped embedder), mean pooling, one relevance logit."""
    model = load_minilm(minilm_dir(), pooling="mean")
    model.classifier = nn.Linear(model.classifier.in_features, 1)
    return model


@torch.no_grad()
def group_scores(model: CrossEncoder, enc: list[list[Encoded]], chunk: int = 32) -> np.ndarray:
    model.eval()
    flat = [s for g in enc for s in g]
    out = []
    for s in range(0, len(flat), chunk):
        out.append(model(*collate(flat[s : s + chunk])).squeeze(-1).numpy())
    width = len(enc[0])
    return np.concatenate(out).reshape(-1, width)


def group_mrr(scores: np.ndarray) -> float:
    """MRR of the positive (column 0) within its group."""
    ranks = (scores > scores[:, :1]).sum(axis=1) + 1
    return float((1.0 / ranks).mean())


def adamw_linear(
    model: nn.Module, lr: float, steps: int, warm: int
) -> tuple[list[nn.Parameter], torch.optim.AdamW, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW (weight decay 0.01) over the trainable parameters, with ``warm`` steps of linear warm-up and
    a linear decay to 0 at ``steps``."""
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    return params, opt, sched


def update(
    loss: torch.Tensor,
    opt: torch.optim.Optimizer,
    sched: torch.optim.lr_scheduler.LambdaLR,
    params: list[nn.Parameter],
    losses: list[float],
) -> None:
    """One optimiser step on ``loss`` (gradients clipped to norm 1), the schedule stepped, the loss kept."""
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    sched.step()
    losses.append(float(loss.detach()))


def over_budget(t0: float, minutes: float, done: int) -> bool:
    """Whether the run has used its time budget (and say so)."""
    if time.time() - t0 <= minutes * 60:
        return False
    print(f"time budget reached after {done} steps", flush=True)
    return True


def log_step(done: int, steps: int, losses: list[float], t0: float, every: int) -> None:
    """Print the mean loss of the last ``every`` steps and the time per step (and once at step 5)."""
    if done % every == 0 or done == 5:
        el = time.time() - t0
        print(f"step {done}/{steps} loss {np.mean(losses[-every:]):.3f} {el / done:.2f}s/step", flush=True)


def train(args: argparse.Namespace, model: CrossEncoder, enc: list[list[Encoded]]) -> dict[str, float]:
    rng = random.Random(args.seed)
    order = list(range(len(enc)))
    rng.shuffle(order)
    g = args.groups_per_batch
    steps = len(order) // g
    if args.max_steps:
        steps = min(steps, args.max_steps)
    params, opt, sched = adamw_linear(model, args.lr, steps, max(1, steps // 20))
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    t0 = time.time()
    done, losses = 0, []
    for step in range(steps):
        batch = [enc[i] for i in order[step * g : (step + 1) * g]]
        logits = model(*collate([s for grp in batch for s in grp])).view(len(batch), -1)
        loss = loss_fn(logits, torch.zeros(len(batch), dtype=torch.long))
        update(loss, opt, sched, params, losses)
        done = step + 1
        log_step(done, steps, losses, t0, every=20)
        if done == args.stop_at:
            print(f"stopped at step {done} (--stop-at)", flush=True)
            break
        if over_budget(t0, args.max_minutes, done):
            break
    return {"steps": done, "planned_steps": steps, "train_minutes": round((time.time() - t0) / 60, 1)}


def train_and_save(
    args: argparse.Namespace, model: CrossEncoder, enc: list[list[Encoded]], dev_enc: list[list[Encoded]]
) -> tuple[dict[str, float], dict[str, str], dict[str, float]]:
    """Train, save ``<out>/final.pt`` with the run's options, and score the dev groups: (training stats, the
    options as saved, the dev MRR after training)."""
    stats = train(args, model, enc)
    saved_args = {k: str(v) for k, v in vars(args).items()}
    torch.save({"model": model.state_dict(), "args": saved_args}, args.out / "final.pt")
    return stats, saved_args, {"dev_mrr": group_mrr(group_scores(model, dev_enc))}


def export_saved(model: CrossEncoder, saved: Path, model_out: Path, cfg: dict[str, object]) -> None:
    """Load ``saved`` (a final.pt) into ``model``, export it to int8 ONNX in ``model_out`` with the MiniLM
    tokenizer and ``cfg`` as config.json."""
    model.load_state_dict(torch.load(saved, map_location="cpu")["model"])
    model.eval()
    out = model_out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    export_int8(model, out)
    shutil.copy(minilm_dir() / "tokenizer.json", out / "tokenizer.json")
    (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    print(f"exported {out / 'model.onnx'} ({(out / 'model.onnx').stat().st_size / 1e6:.1f} MB)")


def export(args: argparse.Namespace, report: dict[str, object]) -> None:
    cfg = {"model_id": args.model_id, "max_len": args.max_len, "query_chars": QUERY_CHARS, "output": "logit"}
    export_saved(new_model(), args.out / "final.pt", args.model_out, cfg)


def start(args: argparse.Namespace) -> bool:
    """Threads, seed and output folder of a run; with ``--export-only``, export the saved model and say so."""
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.export_only:
        export(args, {})
    return bool(args.export_only)


def main() -> None:
    args = parse_args()
    if start(args):
        return
    t0 = time.time()
    train_groups, dev_groups = build(
        args.data,
        args.seed,
        args.ei,
        args.medquad,
        args.pqa_repeat,
        args.hard,
        args.rand,
        args.skip,
        args.depth,
        args.titles,
    )
    counts = Counter(grp.source for grp in train_groups)
    print(f"groups: {dict(counts)}; dev {len(dev_groups)}; built in {time.time() - t0:.0f}s", flush=True)
    tok = tokenizer(args.max_len)
    enc, dev_enc = encode_groups(tok, train_groups), encode_groups(tok, dev_groups)
    print(f"encoded in {time.time() - t0:.0f}s", flush=True)
    model = new_model()
    model.word.weight.requires_grad_(False)  # the vocabulary stays as pretrained (less work per step)
    stats, saved_args, after = train_and_save(args, model, enc, dev_enc)
    report = {
        "groups": dict(counts),
        "group_width": 1 + args.hard + args.rand,
        "dev_groups": len(dev_groups),
        "licences": LICENCES,
        "after": after,
        **stats,
        "args": saved_args,
    }
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({"after": after, **stats}), flush=True)
    export(args, report)


if __name__ == "__main__":
    main()
