"""A small BERT encoder + 3-way classification head in plain torch (loads MiniLM safetensors directly).

Used only for training and ONNX export; the product runs the exported ONNX model with onnxruntime.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from safetensors.torch import load_file
from torch import nn


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inter: int, eps: float, drop: float) -> None:
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(hidden, hidden)
        self.k = nn.Linear(hidden, hidden)
        self.v = nn.Linear(hidden, hidden)
        self.o = nn.Linear(hidden, hidden)
        self.ln1 = nn.LayerNorm(hidden, eps=eps)
        self.ff1 = nn.Linear(hidden, inter)
        self.ff2 = nn.Linear(inter, hidden)
        self.ln2 = nn.LayerNorm(hidden, eps=eps)
        self.drop = nn.Dropout(drop)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        d = h // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        ctx = torch.matmul(att, v).transpose(1, 2).reshape(b, t, h)
        x = self.ln1(x + self.drop(self.o(ctx)))
        ff = self.ff2(nn.functional.gelu(self.ff1(x)))
        return self.ln2(x + self.drop(ff))


class CrossEncoder(nn.Module):
    def __init__(self, cfg: dict[str, int | float], num_labels: int = 3, pooling: str = "mean") -> None:
        super().__init__()
        self.pooling = (
            pooling  # "mean": masked mean of the last layer (what all-MiniLM-L6-v2 was trained for)
        )
        hidden = int(cfg["hidden_size"])
        eps = float(cfg["layer_norm_eps"])
        drop = float(cfg["hidden_dropout_prob"])
        self.word = nn.Embedding(int(cfg["vocab_size"]), hidden)
        self.pos = nn.Embedding(int(cfg["max_position_embeddings"]), hidden)
        self.typ = nn.Embedding(int(cfg["type_vocab_size"]), hidden)
        self.ln = nn.LayerNorm(hidden, eps=eps)
        self.drop = nn.Dropout(drop)
        self.layers = nn.ModuleList(
            Layer(hidden, int(cfg["num_attention_heads"]), int(cfg["intermediate_size"]), eps, drop)
            for _ in range(int(cfg["num_hidden_layers"]))
        )
        self.pooler = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, num_labels)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.pos(positions) + self.typ(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        if self.pooling == "mean":
            m = attention_mask.unsqueeze(-1).to(x.dtype)
            pooled = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
        else:
            pooled = torch.tanh(self.pooler(x[:, 0]))
        return self.classifier(self.drop(pooled))


_MAP = {
    "embeddings.word_embeddings": "word",
    "embeddings.position_embeddings": "pos",
    "embeddings.token_type_embeddings": "typ",
    "embeddings.LayerNorm": "ln",
    "pooler.dense": "pooler",
}
_LAYER_MAP = {
    "attention.self.query": "q",
    "attention.self.key": "k",
    "attention.self.value": "v",
    "attention.output.dense": "o",
    "attention.output.LayerNorm": "ln1",
    "intermediate.dense": "ff1",
    "output.dense": "ff2",
    "output.LayerNorm": "ln2",
}


def load_minilm(model_dir: Path, pooling: str = "mean") -> CrossEncoder:
    """Build the cross-encoder and copy every MiniLM encoder weight into it (the head starts fresh)."""
    cfg = json.loads((model_dir / "config.json").read_text())
    model = CrossEncoder(cfg, pooling=pooling)
    src = load_file(str(model_dir / "model.safetensors"))
    state: dict[str, torch.Tensor] = {}
    for key, val in src.items():
        key = key.removeprefix("bert.")
        if key.endswith("position_ids"):
            continue
        base, _, leaf = key.rpartition(".")
        if base in _MAP:
            state[f"{_MAP[base]}.{leaf}"] = val
            continue
        if base.startswith("encoder.layer."):
            rest = base.removeprefix("encoder.layer.")
            idx, _, sub = rest.partition(".")
            state[f"layers.{idx}.{_LAYER_MAP[sub]}.{leaf}"] = val
            continue
        raise KeyError(f"unexpected weight {key}")
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected, unexpected
    assert set(missing) == {"classifier.weight", "classifier.bias"}, missing
    return model
