"""Sentence embeddings through onnxruntime (no torch at run time).

The default model is all-MiniLM-L6-v2 (Apache-2.0) exported by ``training/export_embedder.py`` to ONNX with
per-channel int8 weights and shipped in ``medcite/models/minilm/`` with its WordPiece tokenizer (see the
MODEL_CARD.md there). Vectors are mean-pooled and L2-normalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from medcite.adapters.onnx_weights import model_source
from medcite.errors import ModelError

MODEL_ID = "medcite-minilm-l6-v2-int8pc"
# Characters kept per model token before tokenizing: a WordPiece token is about 4 to 8 characters of English,
# so 32 leaves room for any real text and bounds the work per text (a 20 MB string used to be tokenized
# whole, 2.5 GB of peak memory, before truncation kept its first max_length tokens).
CHARS_PER_TOKEN = 32


def default_model_files() -> tuple[Path, Path]:
    folder = Path(str(resources.files("medcite.models").joinpath("minilm")))
    model, tokenizer = folder / "model.onnx", folder / "tokenizer.json"
    for f in (model, tokenizer):
        if not f.is_file():
            raise ModelError(f"embedding model file missing: {f}")
    return model, tokenizer


class OnnxEmbedder:
    """A BERT-style sentence encoder run by onnxruntime."""

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        threads: int = 2,
        batch_size: int = 32,
        max_length: int = 128,
        model_id: str = MODEL_ID,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model_path is None or tokenizer_path is None:
            model_path, tokenizer_path = default_model_files()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        try:
            source = model_source(model_path)  # int8 weights where this CPU multiplies them exactly
            self._session = ort.InferenceSession(source, opts, providers=["CPUExecutionProvider"])
            self._tok = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:
            raise ModelError(f"cannot load the embedding model {model_path}: {exc}") from exc
        self._tok.no_padding()
        self._tok.enable_truncation(max_length)
        self._max_chars = max_length * CHARS_PER_TOKEN
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._batch = batch_size
        self._id = model_id
        self._dim = int(self._session.get_outputs()[0].shape[-1])

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_id(self) -> str:
        return self._id

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tok.encode_batch([t[: self._max_chars] for t in texts])  # bounded work per text
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))  # less padding
        for b in range(0, len(order), self._batch):
            idx = order[b : b + self._batch]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                e = encodings[i].ids
                ids[row, : len(e)] = e
                mask[row, : len(e)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.maximum(norms, 1e-12)
        return out
