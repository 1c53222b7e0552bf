"""Pack everything a GPU run of the verifier needs into one folder (no ../shared/data there).

    python training/generate_pairs.py --data ../shared/data --out training/out/generated.jsonl.gz
    python training/pack_verifier.py --data ../shared/data --generated training/out/generated.jsonl.gz \
        --out gpu_pack

Writes, all gzipped JSON lines unless named otherwise:

- ``pool.jsonl.gz``: every licence-OK training pair, tagged with its ``source`` and ``licence`` (the variants
  of ``train_verifier_gpu.py`` draw their mixes from it): Citation-Integrity train, Check-COVID train,
  Evidence Inference training articles (direction and selection pairs), SciFact (4/5 of claims), MNLI, SNLI,
  SciTail and FEVER-NLI (``data_sources.NLI_OK``), and generated pairs of the ``train`` split, at most
  ``--gen-cap`` of each kind (twice that of each supported kind);
- ``calib.jsonl``: pairs held back from training (``--calib-human`` human-labelled pairs, drawn
  before the pool is written, and ``--calib-gen`` generated *dev* pairs of each kind), for the temperature
  and thresholds;
- ``dev.jsonl.gz``: the dev sets of ``bench/eval_verify.py`` (evidence, claim, gold label) and ``--dev-gen``
  other generated dev pairs of each kind, read by the GPU run for its report (raw argmax);
- ``model.onnx``, ``tokenizer.json``, ``config.json``: the shipped verifier to warm-start from, its tokenizer,
  and the MiniLM-L6 architecture.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT))
from data_sources import (  # noqa: E402
    NLI_OK,
    Pair,
    check_covid_train,
    citation_integrity_train,
    ei_copy_pairs,
    ei_pairs,
    nli_pairs,
    scifact_train,
)
from train_verifier import GEN_PER_KIND, generated_pairs, minilm_dir  # noqa: E402
from train_verifier_gpu import supported_share  # noqa: E402

from bench.eval_verify import datasets  # noqa: E402

GOLD = {"supported": 0, "unsupported": 1, "contradicted": 2}


def human_pairs(data: Path, seed: int) -> list[Pair]:
    rng = random.Random(seed)
    general = dict.fromkeys(NLI_OK, 10**6)
    pairs = (
        citation_integrity_train(data)
        + check_covid_train(data)
        + scifact_train(data)
        + ei_pairs(data, heldout=False, rng=rng)
        + ei_copy_pairs(data, rng, 2500)
        + nli_pairs(data, rng, general)
    )
    rng.shuffle(pairs)
    return pairs


def generated(path: Path, split: str, cap: int, seed: int) -> dict[str, list[Pair]]:
    """``train_verifier.generated_pairs`` of one split, at most ``cap`` of each kind (twice for the supported
    kinds), by kind."""
    per_kind = {k: cap * supported_share(k) for k in GEN_PER_KIND}
    rows: dict[str, list[Pair]] = {}
    for p in generated_pairs(path, per_kind, split, seed):
        rows.setdefault(p.source.removeprefix("gen:"), []).append(p)
    return rows


def write_gz(path: Path, rows: list[dict[str, object]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--generated", type=Path, default=ROOT / "training" / "out" / "generated.jsonl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "gpu_pack")
    ap.add_argument(
        "--init", type=Path, default=ROOT / "src" / "medcite" / "models" / "verifier" / "model.onnx"
    )
    ap.add_argument("--gen-cap", type=int, default=8000)
    ap.add_argument("--calib-human", type=int, default=800)
    ap.add_argument("--calib-gen", type=int, default=60)
    ap.add_argument("--dev-gen", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    human = human_pairs(args.data, args.seed)
    calib, human = human[: args.calib_human], human[args.calib_human :]
    gen_train = generated(args.generated, "train", args.gen_cap, args.seed)
    gen_dev = generated(args.generated, "dev", args.calib_gen + args.dev_gen, args.seed)
    pool = human + [p for rows in gen_train.values() for p in rows]
    random.Random(args.seed).shuffle(pool)
    write_gz(args.out / "pool.jsonl.gz", [p.__dict__ for p in pool])
    calib += [p for rows in gen_dev.values() for p in rows[: args.calib_gen]]
    with open(args.out / "calib.jsonl", "w", encoding="utf-8") as fh:
        for p in calib:
            fh.write(p.to_json() + "\n")
    dev: list[dict[str, object]] = []
    for name, rows in datasets(args.data).items():
        dev += [{"set": name, "premise": e, "hypothesis": c, "label": GOLD[g]} for c, e, g in rows]
    for kind, rows in gen_dev.items():
        dev += [
            {"set": f"gen:{kind}", "premise": p.premise, "hypothesis": p.hypothesis, "label": p.label}
            for p in rows[args.calib_gen :]
        ]
    write_gz(args.out / "dev.jsonl.gz", dev)
    shutil.copy(args.init, args.out / "model.onnx")
    shutil.copy(minilm_dir() / "tokenizer.json", args.out / "tokenizer.json")
    shutil.copy(minilm_dir() / "config.json", args.out / "config.json")
    counts = Counter(p.source for p in pool)
    (args.out / "pool_counts.json").write_text(json.dumps(dict(sorted(counts.items())), indent=1))
    print(f"pool {len(pool)} pairs, calibration {len(calib)}, dev {len(dev)}")
    for src, n in sorted(counts.items()):
        print(f"  {src:40s} {n:7d}")


if __name__ == "__main__":
    main()
