"""The relevance reranker at run time: the shipped int8 ONNX MiniLM cross-encoder (onnxruntime + tokenizers).

It reads (question, document) pairs, the document being a study's title and abstract, and gives one logit per
pair; :meth:`OnnxReranker.score` returns its sigmoid. Trained by ``training/train_relevance.py``; see the
model card in ``models/relevance``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from medcite.adapters.onnx_pairs import logits_each, open_model, shipped_dir
from medcite.errors import ModelError

CHARS_PER_TOKEN = (
    8  # characters of a document kept per model token: the rest would be tokenized only to be cut
)


def shipped_reranker_dir() -> Path:
    """The relevance model folder inside the installed medcite package."""
    return shipped_dir("relevance", "relevance model", "retrain with training/train_relevance.py")


class OnnxReranker:
    """Implements :class:`medcite.ports.Reranker` with the shipped cross-encoder."""

    def __init__(self, model_dir: Path, threads: int = 2) -> None:
        try:
            raw: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
            self._model_id = str(raw["model_id"])
            self.max_len = int(raw["max_len"])
            self.query_chars = int(raw["query_chars"])
            self.tokenizer, self.session = open_model(model_dir, self.max_len)
        except Exception as exc:  # OSError, KeyError, ValueError, and onnxruntime's own exception types
            raise ModelError(f"cannot load the relevance model from {model_dir}: {exc}") from exc
        self.workers = threads  # documents scored at once, one thread each

    @property
    def model_id(self) -> str:
        return self._model_id

    def score(self, query: str, documents: Sequence[str]) -> npt.NDArray[np.float32]:
        """Sigmoid of the relevance logit per document, in input order; each document scored alone (its
        score does not depend on the others: :func:`medcite.adapters.onnx_pairs.logits_each`)."""
        out = np.zeros(len(documents), dtype=np.float32)
        if not documents:
            return out
        q = " ".join(query.split())[: self.query_chars]
        cut = self.max_len * CHARS_PER_TOKEN
        encs = self.tokenizer.encode_batch([(q, " ".join(d[:cut].split())) for d in documents])
        z = logits_each(self.session, encs, self.workers).reshape(len(documents))
        out[:] = 1.0 / (1.0 + np.exp(-z))
        return out
