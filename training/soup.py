"""Interpolate the weights of two verifiers of the same lineage (a "model soup" / WiSE-FT).

    python training/soup.py --a v2.onnx --b training/out/v4/final.pt --alpha 0.5 --out training/out/soup.pt

``alpha`` is the weight of ``--b``: theta = (1 - alpha) * theta_a + alpha * theta_b. Each side is a shipped
int8 ONNX (dequantised by ``warm_start.onnx_state``) or a training checkpoint (``{"model": state_dict}``).
Only meaningful for models fine-tuned from one another (v3 was warm-started from v2, v4 from v3): their
weights lie in one basin, so the average keeps much of what each learned (Wortsman et al. 2022).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from warm_start import onnx_state


def load_state(path: Path) -> dict[str, torch.Tensor]:
    if path.suffix == ".onnx":
        return onnx_state(path)
    state: dict[str, torch.Tensor] = torch.load(path, map_location="cpu")["model"]
    return state


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", type=Path, required=True)
    ap.add_argument("--b", type=Path, required=True)
    ap.add_argument("--alpha", type=float, default=0.5, help="weight of --b")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    from bert import load_minilm
    from train_verifier import minilm_dir

    model = load_minilm(minilm_dir(), "mean")
    sa, sb = load_state(args.a), load_state(args.b)
    mixed = {k: (1 - args.alpha) * sa[k].float() + args.alpha * sb[k].float() for k in sa if k in sb}
    missing, unexpected = model.load_state_dict(mixed, strict=False)
    assert not unexpected, unexpected
    assert set(missing) <= {"pooler.weight", "pooler.bias"}, missing
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": model.state_dict(), "args": {"pooling": "mean"}}, args.out)
    print(
        f"{len(mixed)} tensors: {1 - args.alpha:.2f} x {args.a} + {args.alpha:.2f} x {args.b} -> {args.out}"
    )


if __name__ == "__main__":
    main()
