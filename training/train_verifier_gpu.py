"""Train verifier candidates from a packed folder (``pack_verifier.py``), unattended, on a GPU when present.

    python training/train_verifier_gpu.py --pack gpu_pack --out $OUT --minutes 7      # the GPU box
    python training/train_verifier_gpu.py --pack gpu_pack --out /tmp/smoke --max-steps 3 --variants full
    python training/train_verifier_gpu.py --unpack $OUT/full.q8.pt --init gpu_pack/model.onnx \
        --to training/out/full/final.pt                                               # back here, then
    python training/export_verifier.py --ckpt training/out/full/final.pt --calib gpu_pack/calib.jsonl ...

Each variant (``VARIANTS``) draws its mix from ``pool.jsonl.gz``, starts from the shipped verifier (its int8
ONNX dequantised by ``warm_start.onnx_state``) with the word embeddings frozen, and trains with AdamW, linear
warm-up and decay, bf16 autocast on CUDA. It then reads ``dev.jsonl.gz`` (raw argmax, no rules or thresholds)
and writes ``<out>/report.json`` and ``<out>/<variant>.q8.pt``: every trained tensor, matrices as int8 with
one scale per output row (the granularity of the shipped per-channel int8 export), the rest in fp32, about
11 MB a variant (the device tool returns at most 64 MB). ``--unpack`` turns one back into a checkpoint that
``export_verifier.py`` reads, the frozen word embeddings taken from the same ONNX.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bert import CrossEncoder
from data_sources import Pair
from train_verifier import batches, collate, encode, optimiser
from warm_start import onnx_state

FROZEN = "word.weight"
BIO_REPEAT = ("citation_integrity", "check_covid", "scifact")


def supported_share(source: str) -> int:
    """Supported kinds get twice the cap: 3 supported kinds face 11 unsupported or contradicted ones."""
    return 2 if source.removeprefix("gen:").startswith("supported") else 1


@dataclass(frozen=True)
class Variant:
    name: str
    epochs: float
    lr: float
    gen_cap: int  # generated pairs of each kind (the pool holds at most pack_verifier's --gen-cap)
    general: bool  # MNLI, SNLI, SciTail, FEVER-NLI in the mix
    bio_repeat: int  # copies of Citation-Integrity, Check-COVID and SciFact


VARIANTS = {
    "full": Variant("full", 2.0, 5e-5, 8000, True, 2),
    "bio": Variant("bio", 3.0, 5e-5, 8000, False, 3),
    "light": Variant("light", 2.0, 5e-5, 3000, True, 3),
}


def read_rows(path: Path) -> list[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        return [json.loads(line) for line in fh]


def mix(pool: list[Pair], v: Variant, seed: int) -> list[Pair]:
    out: list[Pair] = []
    per_kind: Counter[str] = Counter()
    for p in pool:
        if p.source.startswith("gen:"):
            per_kind[p.source] += 1
            if per_kind[p.source] <= v.gen_cap * supported_share(p.source):
                out.append(p)
        elif p.source.startswith("nli:"):
            if v.general:
                out.append(p)
        else:
            out += [p] * (v.bio_repeat if p.source.startswith(BIO_REPEAT) else 1)
    random.Random(seed).shuffle(out)
    return out


def new_model(pack: Path, device: torch.device) -> CrossEncoder:
    cfg = json.loads((pack / "config.json").read_text())
    model = CrossEncoder(cfg, pooling="mean")
    missing, unexpected = model.load_state_dict(onnx_state(pack / "model.onnx"), strict=False)
    assert not unexpected and set(missing) <= {"pooler.weight", "pooler.bias"}, (missing, unexpected)
    model.word.weight.requires_grad_(False)
    return model.to(device)


def train(
    model: CrossEncoder, items: list, v: Variant, args: argparse.Namespace, device: torch.device
) -> dict:
    plan = batches(items, args.bs, random.Random(args.seed))
    total = int(len(plan) * v.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    opt, sched = optimiser(model, v.lr, total)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    t0, ema, step = time.time(), 0.0, 0
    for step in range(total):
        ids, mask, typ, y = collate(plan[step % len(plan)], device)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            logits = model(ids, mask, typ)
        loss = loss_fn(logits.float(), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        ema = loss.item() if step == 0 else 0.98 * ema + 0.02 * loss.item()
        if (step + 1) % 500 == 0:
            print(f"{v.name} step {step + 1}/{total} loss {ema:.3f} {time.time() - t0:.0f}s", flush=True)
        if time.time() - t0 > 60 * args.variant_minutes:
            print(f"{v.name}: time limit at step {step + 1} of {total}", flush=True)
            break
    return {
        "steps": step + 1,
        "planned": total,
        "loss_ema": round(ema, 4),
        "seconds": round(time.time() - t0),
    }


@torch.no_grad()
def logits_of(model: CrossEncoder, tok: Tokenizer, rows: list[tuple[str, str]], max_len: int,
              device: torch.device) -> np.ndarray:  # fmt: skip
    model.eval()
    items = encode(tok, [Pair(p, h, 0, "", "") for p, h in rows], max_len)
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out = np.zeros((len(items), 3), dtype=np.float32)
    for s in range(0, len(order), 256):
        b = order[s : s + 256]
        ids, mask, typ, _ = collate([items[i] for i in b], device)
        out[b] = model(ids, mask, typ).float().cpu().numpy()
    return out


def scores(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    f1s = []
    for c in np.unique(gold):
        tp = float(((pred == c) & (gold == c)).sum())
        prec, rec = tp / max(1, (pred == c).sum()), tp / max(1, (gold == c).sum())
        f1s.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    return {
        "n": len(gold),
        "macro_f1": round(float(np.mean(f1s)), 3),
        "accuracy": round(float((gold == pred).mean()), 3),
    }


def evaluate(
    model: CrossEncoder, tok: Tokenizer, dev: list[dict], max_len: int, device: torch.device
) -> dict:
    z = logits_of(model, tok, [(str(r["premise"]), str(r["hypothesis"])) for r in dev], max_len, device)
    gold, pred = np.array([int(r["label"]) for r in dev]), z.argmax(1)  # type: ignore[call-overload]
    sets = np.array([str(r["set"]) for r in dev])
    return {name: scores(gold[sets == name], pred[sets == name]) for name in sorted(set(sets.tolist()))}


def pack_q8(model: CrossEncoder) -> dict[str, object]:
    """Trained tensors only (not the frozen word embeddings): matrices int8 per output row, the rest fp32."""
    out: dict[str, object] = {}
    for name, t in model.state_dict().items():
        t = t.detach().float().cpu()
        if name == FROZEN:
            continue
        if t.dim() == 2:
            scale = t.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127.0
            out[name] = {"q": torch.round(t / scale).to(torch.int8), "scale": scale}
        else:
            out[name] = t
    return out


def unpack(path: Path, init: Path, to: Path) -> None:
    state = onnx_state(init)
    for name, val in torch.load(path, map_location="cpu").items():
        state[name] = val["q"].float() * val["scale"] if isinstance(val, dict) else val
    to.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": state, "args": {"pooling": "mean"}}, to)
    print(f"{path} -> {to}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", type=Path, default=Path("gpu_pack"))
    ap.add_argument("--out", type=Path, default=Path("training/out/gpu"))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-steps", type=int, default=0, help="smoke runs")
    ap.add_argument("--dev-limit", type=int, default=0, help="read every n-th dev row only (smoke runs)")
    ap.add_argument("--variant-minutes", type=float, default=3.0, help="training time limit per variant")
    ap.add_argument("--unpack", type=Path, default=None)
    ap.add_argument("--init", type=Path, default=None)
    ap.add_argument("--to", type=Path, default=None)
    args = ap.parse_args()
    if args.unpack:
        unpack(args.unpack, args.init, args.to)
        return
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cuda.matmul.allow_tf32 = True
    args.out.mkdir(parents=True, exist_ok=True)
    tok = Tokenizer.from_file(str(args.pack / "tokenizer.json"))
    pool = [Pair(**r) for r in read_rows(args.pack / "pool.jsonl.gz")]  # type: ignore[arg-type]
    dev = read_rows(args.pack / "dev.jsonl.gz")
    calib = read_rows(args.pack / "calib.jsonl")
    for r in calib:
        r["set"] = "calibration"
    if args.dev_limit:
        dev, calib = dev[:: args.dev_limit], calib[:: args.dev_limit]
    report: dict[str, object] = {"device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu"}
    torch.manual_seed(args.seed)
    report["v3 (start)"] = evaluate(new_model(args.pack, device), tok, dev + calib, args.max_len, device)
    for name in args.variants.split(","):
        v = VARIANTS[name]
        torch.manual_seed(args.seed)
        pairs = mix(pool, v, args.seed)
        model = new_model(args.pack, device)
        res = {"variant": v.__dict__, "pairs": len(pairs)}
        res["train"] = train(model, encode(tok, pairs, args.max_len), v, args, device)
        res["dev"] = evaluate(model, tok, dev + calib, args.max_len, device)
        report[name] = res
        torch.save(pack_q8(model), args.out / f"{name}.q8.pt")
        (args.out / "report.json").write_text(json.dumps(report, indent=1))
        print(json.dumps({name: res}), flush=True)


if __name__ == "__main__":
    main()
