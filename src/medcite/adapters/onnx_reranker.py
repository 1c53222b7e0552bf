"""The relevance reranker at run time: the shipped int8 ONNX MiniLM cross-encoder (onnxruntime + tokenizers).

It reads (question, document) pairs, the document being a study's title and abstract, and gives one logit per
pair; :meth:`OnnxReranker.score` returns its sigmoid. Trained by ``training/train_relevance.py``; see the
model card in ``models/relevance``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from medcite.errors import ModelError

_FILES = ("model.onnx", "tokenizer.json", "config.json")
CHARS_PER_TOKEN = (
    8  # characters of a document kept per model token: the rest would be tokenized only to be cut
)


def shipped_reranker_dir() -> Path:
    """The relevance model folder inside the installed medcite package."""
    path = Path(str(resources.files("medcite").joinpath("models", "relevance")))
    missing = [f for f in _FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(
            f"the relevance model is missing from the installed package ({path}): {', '.join(missing)}; "
            "reinstall medcite or retrain with training/train_relevance.py"
        )
    return path


class OnnxReranker:
    """Implements :class:`medcite.ports.Reranker` with the shipped cross-encoder."""

    def __init__(self, model_dir: Path, threads: int = 2, batch_size: int = 8) -> None:
        try:
            raw: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
            self._model_id = str(raw["model_id"])
            self.max_len = int(raw["max_len"])
            self.query_chars = int(raw["query_chars"])
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared CPUs: don't spin
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self.session = ort.InferenceSession(
                str(model_dir / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # OSError, KeyError, ValueError, and onnxruntime's own exception types
            raise ModelError(f"cannot load the relevance model from {model_dir}: {exc}") from exc
        self.tokenizer.enable_truncation(self.max_len, strategy="longest_first")
        self.tokenizer.no_padding()
        self.batch_size = batch_size

    @property
    def model_id(self) -> str:
        return self._model_id

    def score(self, query: str, documents: Sequence[str]) -> npt.NDArray[np.float32]:
        """Sigmoid of the relevance logit per document, in input order; batched by length."""
        out = np.zeros(len(documents), dtype=np.float32)
        if not documents:
            return out
        q = " ".join(query.split())[: self.query_chars]
        cut = self.max_len * CHARS_PER_TOKEN
        encs = self.tokenizer.encode_batch([(q, " ".join(d[:cut].split())) for d in documents])
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
        for s in range(0, len(order), self.batch_size):
            idx = order[s : s + self.batch_size]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            typ = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for row, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[row, :n] = encs[i].ids
                typ[row, :n] = encs[i].type_ids
                mask[row, :n] = 1
            logits = self.session.run(
                ["logits"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": typ}
            )
            z = np.asarray(logits[0], dtype=np.float32).reshape(len(idx))
            out[idx] = 1.0 / (1.0 + np.exp(-z))
        return out
