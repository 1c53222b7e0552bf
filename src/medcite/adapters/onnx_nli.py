"""The entailment model at run time: the shipped int8 ONNX cross-encoder (onnxruntime + tokenizers)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from medcite.errors import ModelError

_FILES = ("model.onnx", "tokenizer.json", "config.json")
# Characters kept per model token of each side of a pair before tokenizing (a token is about 4 to 8
# characters): the model reads max_len tokens, so the rest was tokenized only to be cut (a 20 MB premise
# took 2.5 GB of peak memory).
CHARS_PER_TOKEN = 32


@dataclass(frozen=True, slots=True)
class ModelConfig:
    model_id: str
    max_len: int
    temperature: float
    supported_threshold: float = 0.5  # on calibrated P(entailment), chosen on dev (config.json "thresholds")
    contradicted_threshold: float = 0.4


def shipped_model_dir() -> Path:
    """The verifier folder inside the installed medcite package."""
    root = resources.files("medcite").joinpath("models", "verifier")
    path = Path(str(root))
    missing = [f for f in _FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(
            f"the verifier model is missing from the installed package ({path}): {', '.join(missing)}; "
            "reinstall medcite or retrain with training/train_verifier.py and training/export_verifier.py"
        )
    return path


class NLIModel:
    """3-way NLI cross-encoder (entailment, neutral, contradiction) with temperature-calibrated softmax."""

    def __init__(self, model_dir: Path, threads: int = 2, batch_size: int = 8) -> None:
        try:
            raw: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
            th = raw.get("thresholds", {})
            self.config = ModelConfig(
                str(raw["model_id"]),
                int(raw["max_len"]),
                float(raw["temperature"]),
                float(th.get("supported", 0.5)),
                float(th.get("contradicted", 0.4)),
            )
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared CPUs: don't spin
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self.session = ort.InferenceSession(
                str(model_dir / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise ModelError(f"cannot load the verifier model from {model_dir}: {exc}") from exc
        except Exception as exc:  # onnxruntime raises its own exception types for corrupt files
            raise ModelError(f"cannot load the verifier model from {model_dir}: {exc}") from exc
        self.tokenizer.enable_truncation(self.config.max_len, strategy="longest_first")
        self.tokenizer.no_padding()
        self.batch_size = batch_size  # small batches were fastest on 2 shared cores (8: ~99 seq/s vs 64: ~79)

    @property
    def model_id(self) -> str:
        return self.config.model_id

    def predict(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """Calibrated probabilities, shape (n, 3), for (premise, hypothesis) pairs; batched by length."""
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        if not pairs:
            return out
        cut = self.config.max_len * CHARS_PER_TOKEN  # bounded work per pair
        encs = self.tokenizer.encode_batch([(p[:cut], h[:cut]) for p, h in pairs])
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
            z = np.asarray(logits[0], dtype=np.float32) / self.config.temperature
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            out[idx] = p / p.sum(axis=1, keepdims=True)
        return out
