"""Recover fp32 weights of a shipped int8 verifier ONNX (v2) as a torch state dict, to warm-start v3.

    python training/warm_start.py --onnx src/medcite/models/verifier/model.onnx --out training/out/v2_init.pt

The v2 training checkpoint was not kept; its int8 export was. Dequantising each weight
((q - zero_point) * scale, per tensor) gives the v2 network up to int8 rounding; fine-tuning continues from
there. The fused graph names are mapped back: QAttention's packed QKV weight [hidden, 3*hidden] splits into
q, k, v (ONNX MatMul weights are [in, out], torch Linear is [out, in]).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _deq(init: dict[str, np.ndarray], base: str) -> np.ndarray:
    q = init[f"{base}_quantized"].astype(np.float32)
    return (q - init[f"{base}_zero_point"].astype(np.float32)) * init[f"{base}_scale"].astype(np.float32)


def onnx_state(path: Path) -> dict[str, torch.Tensor]:
    import onnx
    from onnx import numpy_helper

    m = onnx.load(str(path))
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    st: dict[str, np.ndarray] = {}
    for name in ("word", "pos", "typ"):
        st[f"{name}.weight"] = _deq(init, f"{name}.weight")
    st["ln.weight"] = _deq(init, "ln.weight")
    st["ln.bias"] = _deq(init, "ln.bias")
    for k, v in init.items():
        if re.match(r"layers\.\d+\.", k) or k == "classifier.bias":
            st[k] = v.astype(np.float32)
    for n in m.graph.node:
        if n.op_type == "QAttention":
            i = int(re.search(r"Attention_(\d+)", n.name).group(1))  # type: ignore[union-attr]
            w = _deq(init, f"Attention_{i}_qkv_weight")
            b = init[f"Attention_{i}_qkv_bias"]
            h = w.shape[0]
            for j, part in enumerate("qkv"):
                st[f"layers.{i}.{part}.weight"] = w[:, j * h : (j + 1) * h].T
                st[f"layers.{i}.{part}.bias"] = b[j * h : (j + 1) * h]
        elif n.op_type == "MatMulInteger":
            base = n.input[1].removesuffix("_quantized")
            mm = re.match(r"/layers\.(\d+)/(o|ff1|ff2)/", n.name)
            if mm:
                st[f"layers.{mm.group(1)}.{mm.group(2)}.weight"] = _deq(init, base).T
            elif n.name.startswith("/classifier/"):
                st["classifier.weight"] = _deq(init, base).T
    return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in st.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", type=Path, default=Path("src/medcite/models/verifier/model.onnx"))
    ap.add_argument("--out", type=Path, default=Path("training/out/v2_init.pt"))
    args = ap.parse_args()
    from bert import load_minilm
    from train_verifier import minilm_dir

    model = load_minilm(minilm_dir(), "mean")
    state = onnx_state(args.onnx)
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected, unexpected
    assert set(missing) <= {"pooler.weight", "pooler.bias"}, missing
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": model.state_dict(), "args": {"pooling": "mean"}}, args.out)
    print(f"{len(state)} tensors from {args.onnx} -> {args.out}")


if __name__ == "__main__":
    main()
