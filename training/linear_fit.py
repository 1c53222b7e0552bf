"""Fit a multinomial logistic regression over hashed features with numpy (the shipped models of
``medcite.corpus.linear``): mini-batch AdaGrad with L2, seeded, CPU only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from medcite.corpus.linear import LinearModel, hashed

Ints = npt.NDArray[np.int64]


def encode(examples: Sequence[Sequence[str]], dim: int) -> tuple[Ints, Ints]:
    """CSR rows (indptr, indices) of hashed feature sets."""
    rows = [hashed(f, dim) for f in examples]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    return indptr, indices


def _logits(
    W: np.ndarray, b: np.ndarray, indptr: Ints, indices: Ints, rows: Ints
) -> tuple[np.ndarray, Ints, Ints]:
    starts, ends = indptr[rows], indptr[rows + 1]
    lens = ends - starts
    idx = np.concatenate([indices[s:e] for s, e in zip(starts, ends, strict=True)])
    seg = np.repeat(np.arange(len(rows)), lens)
    z = np.zeros((len(rows), W.shape[1]))
    np.add.at(z, seg, W[idx])
    return z + b, idx, seg


def fit(
    indptr: Ints,
    indices: Ints,
    y: Ints,
    classes: Sequence[str],
    dim: int,
    *,
    epochs: int = 6,
    lr: float = 0.2,
    l2: float = 1e-6,
    batch: int = 128,
    seed: int = 13,
    class_weight: Sequence[float] | None = None,
) -> LinearModel:
    rng = np.random.default_rng(seed)
    c = len(classes)
    W = np.zeros((dim, c))
    b = np.zeros(c)
    G = np.full((dim, c), 1e-6)
    Gb = np.full(c, 1e-6)
    cw = np.asarray(class_weight if class_weight is not None else np.ones(c))
    n = len(y)
    for _epoch in range(epochs):
        order = rng.permutation(n)
        for i in range(0, n, batch):
            rows = order[i : i + batch]
            z, idx, seg = _logits(W, b, indptr, indices, rows)
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y[rows]] -= 1.0
            p *= cw[y[rows]][:, None] / len(rows)
            uniq, inv = np.unique(idx, return_inverse=True)
            g = np.zeros((len(uniq), c))
            np.add.at(g, inv, p[seg])
            g += l2 * W[uniq]
            G[uniq] += g * g
            W[uniq] -= lr * g / np.sqrt(G[uniq])
            gb = p.sum(axis=0)
            Gb += gb * gb
            b -= lr * gb / np.sqrt(Gb)
    return LinearModel(W.astype(np.float32), b.astype(np.float32), tuple(classes))


def predict(model: LinearModel, indptr: Ints, indices: Ints) -> npt.NDArray[np.float64]:
    """Class probabilities for every CSR row."""
    out = []
    W = model.weights.astype(np.float64)
    for i in range(0, len(indptr) - 1, 1024):
        rows = np.arange(i, min(i + 1024, len(indptr) - 1))
        z, _, _ = _logits(W, model.bias.astype(np.float64), indptr, indices, rows)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        out.append(p / p.sum(axis=1, keepdims=True))
    return np.concatenate(out)


def save(model: LinearModel, path: Path) -> None:
    """Float16 weights, compressed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        classes=np.array(model.classes),
    )
