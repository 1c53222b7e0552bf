"""Small shipped text classifiers: hashed word n-grams -> multinomial logistic regression (numpy only).

The training scripts (``training/train_roles.py``, ``training/train_direction.py``) build their features with
these same functions, so a model sees at run time exactly what it saw in training. A model file is an
``.npz`` with ``weights`` (float16, ``dim x classes``), ``bias`` and ``classes``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from medcite.errors import MedciteError

_TOKEN = re.compile(r"[a-z][a-z'-]*|\d+(?:[.,]\d+)*|[%<>=±±≤≥]")
_NUMBER = re.compile(r"\d")
MODELS = Path(__file__).resolve().parent.parent / "models"


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; every number becomes ``#`` (the model learns wording, not values)."""
    return ["#" if _NUMBER.match(t) else t for t in _TOKEN.findall(text.lower())]


def ngrams(toks: Sequence[str], prefix: str = "", n: int = 2) -> list[str]:
    """Uni- to ``n``-grams of ``toks`` as feature names, each with ``prefix``."""
    out = [prefix + t for t in toks]
    for k in range(2, n + 1):
        out += [prefix + " ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)]
    return out


def hashed(features: Iterable[str], dim: int) -> npt.NDArray[np.int64]:
    """The distinct feature names as bucket numbers in ``[0, dim)`` (CRC-32, stable across runs)."""
    mask = dim - 1
    return np.array(sorted({zlib.crc32(f.encode()) & mask for f in features}), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class LinearModel:
    weights: npt.NDArray[np.float32]  # dim x classes
    bias: npt.NDArray[np.float32]
    classes: tuple[str, ...]

    @property
    def dim(self) -> int:
        return int(self.weights.shape[0])

    def probabilities(self, features: Iterable[str]) -> npt.NDArray[np.float64]:
        """Class probabilities for one example given as feature names."""
        idx = hashed(features, self.dim)
        logits = self.weights[idx].sum(axis=0, dtype=np.float64) + self.bias
        logits -= logits.max()
        e = np.exp(logits)
        return np.asarray(e / e.sum(), dtype=np.float64)

    def probabilities_many(self, examples: Sequence[Iterable[str]]) -> npt.NDArray[np.float64]:
        """Class probabilities for many examples at once (one row each)."""
        if not examples:
            return np.zeros((0, len(self.classes)))
        rows = [hashed(f, self.dim) for f in examples]
        lengths = np.array([len(r) for r in rows])
        idx = np.concatenate(rows)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        logits = np.add.reduceat(self.weights[idx].astype(np.float64), starts, axis=0) + self.bias
        logits[lengths == 0] = self.bias
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


@lru_cache(maxsize=8)
def load_model(name: str) -> LinearModel:
    """The shipped model ``models/<name>/model.npz``."""
    path = MODELS / name / "model.npz"
    if not path.exists():
        raise MedciteError(f"model file missing: {path}")
    with np.load(path) as data:
        return LinearModel(
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=np.asarray(data["bias"], dtype=np.float32),
            classes=tuple(str(c) for c in data["classes"]),
        )
